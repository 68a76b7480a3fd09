/// Removes what is not the article from its lines, by general rules. When in doubt it keeps: a lost
/// sentence of the article is worse than a line of noise.
struct BoilerplateFilter {
    /// Paragraphs of at least this many words count as article body.
    static let bodyParagraphWords = 20

    /// What the rules ask of a line, worked out once: the rules below ask it several times.
    struct Line {
        let text: String
        let words: Int
        /// The class of boilerplate the line belongs to, if any.
        var boilerplate: String?
        /// The line in `TextNormalizer.comparable` form, hashed; nil when that form is empty (the
        /// line has no letter or digit).
        let key: UInt64?

        var isBoilerplate: Bool { boilerplate != nil }

        /// Longer lines are not looked at for decorations: labels are short.
        static let maxDecoratedLabelWords = 12

        /// A label set off by dashes, bullets or icons ("- Werbung -", "— Publicité —", "▷ Listen",
        /// "💬 Comments (23)", "Advertisement · Scroll to continue" keeps its first part), without
        /// them; nil when there are none.
        static func undecorated(_ text: String) -> String? {
            // Most lines neither start nor end with a decoration nor hold " · ": one look at the bytes.
            let bytes = text.utf8
            guard let first = bytes.first, let last = bytes.last else { return nil }
            // "-", "*", "|", "~", or the first byte of a symbol outside ASCII ("–", "·", "▷", "💬"),
            // or the last byte of "–", "—", "·", "•", "→".
            let startsDecorated = "-*|~".utf8.contains(first) || first == 0xE2 || first == 0xC2 || first == 0xF0
            let endsDecorated = "-*|~".utf8.contains(last) || [0x93, 0x94, 0xB7, 0xA2, 0x92].contains(last)
            let hasMiddleDot = bytes.contains(0xB7) && text.contains(" · ")
            guard startsDecorated || endsDecorated || hasMiddleDot else { return nil }
            var core = Substring(text)
            core = core.drop { isDecoration($0) || $0 == " " }
            while let end = core.last, isDecoration(end) || end == " " { core = core.dropLast() }
            if hasMiddleDot, let dot = core.range(of: " · "), dot.lowerBound > core.startIndex { core = core[..<dot.lowerBound] }
            return core.isEmpty || core.count == text.count ? nil : String(core)
        }

        /// Dashes, bullets, bars, and symbols (arrows, icons, emoji).
        private static func isDecoration(_ character: Character) -> Bool {
            if "-–—·•|*~".contains(character) { return true }
            guard let scalar = character.unicodeScalars.first, !scalar.isASCII else { return false }
            switch scalar.properties.generalCategory {
            case .otherSymbol, .mathSymbol: return true
            default: return false
            }
        }

        /// A date stamp, a navigation trail, or a label behind decorations ("▷ Listen", "🕒 24.06.2025").
        private static func shapeOrDecoratedLabel(_ text: String, words: Int) -> String? {
            let core = words <= maxDecoratedLabelWords ? undecorated(text) : nil
            let coreWords = core.map(BoilerplateFilter.wordCount) ?? 0
            if let core, let kind = BoilerplateMatcher.shared.kind(of: core, words: coreWords) { return kind }
            if LineShapes.isTimestamp(text, words: words) { return "timestamp" }
            if let core, LineShapes.isTimestamp(core, words: coreWords) { return "timestamp" }
            return LineShapes.isNavigationTrail(text, words: words) ? "navigation" : nil
        }

        /// A line of preformatted text (code, a poem's layout): kept as it is, never read as a label,
        /// a stray token or a repeat ("}" and "end" are code).
        let isVerbatim: Bool

        init(_ text: String, verbatim: Bool = false) {
            self.text = text
            self.words = BoilerplateFilter.wordCount(text)
            self.isVerbatim = verbatim
            self.boilerplate =
                verbatim
                ? nil : BoilerplateMatcher.shared.kind(of: text, words: words) ?? Self.shapeOrDecoratedLabel(text, words: words)
            self.key = verbatim ? nil : TextNormalizer.comparableHash(text)
        }
    }

    /// - Parameter verbatim: the indices of preformatted lines, which are kept as they are.
    func filter(_ lines: [String], title: String?, verbatim: Set<Int> = []) -> [String] {
        var lines = cutGluedArticle(lines.enumerated().map { Line($1, verbatim: verbatim.contains($0)) })
        lines = cutAtNextArticle(lines)
        // A box's head is read on the lines as they came: a repeated label between the article's
        // last lines and a sign-up ("ADVERTISEMENT" shown three times) still sets them apart.
        markSignUpBoxHeads(&lines)
        lines = dropRepeats(lines, title: title)
        lines = dropTeaserTail(lines)
        markLabelledLists(&lines)
        return dropHeaderLabels(
            lines.filter { $0.isVerbatim || (!$0.isBoilerplate && !isStrayToken($0.text)) }, hasTitle: title != nil)
            .map(\.text)
    }

    /// Above the article's first paragraph sit its headline and standfirst, and around them the
    /// page's labels: section kickers ("Business | Media", "EDUCATION"), the author's name, the
    /// outlet's. There, a line of up to three words that is not a sentence and has no lowercase word
    /// (a headline in sentence case, "Hives stolen", has one; labels and names do not) is a label,
    /// as long as the headline is known (the title) or a longer line (the headline) is there too.
    /// Text without spaces (Chinese, Japanese) has no such line, and is left alone.
    func dropHeaderLabels(_ lines: [Line], hasTitle: Bool) -> [Line] {
        let firstParagraph =
            lines.firstIndex { line in
                let scalars = line.text.unicodeScalars.count
                return line.words >= Self.bodyParagraphWords || scalars >= 150
                    || (finishesSentence(line) && (line.words >= 10 || scalars >= 40))
            } ?? lines.count
        let header = lines[..<firstParagraph]
        guard header.contains(where: { $0.words >= 4 }) || (hasTitle && firstParagraph < lines.count) else { return lines }
        // The headline may be short ("Kiwi Crossing"): when the first longer line is a standfirst,
        // not a headline (a finished sentence, or 14 words or more), the label-like line right before
        // it is taken for the headline.
        let firstLonger = header.firstIndex { $0.words >= 4 }
        let shortHeadline = firstLonger.flatMap { longer in
            longer > header.startIndex && !hasTitle && (finishesSentence(lines[longer]) || lines[longer].words >= 14)
                && lines[longer - 1].words >= 2
                ? longer - 1 : nil
        }
        let labels = header.indices.filter { !lines[$0].isVerbatim && isHeaderLabel(lines[$0]) && $0 != shortHeadline }
        guard !labels.isEmpty else { return lines }
        var kept = lines
        for index in labels.reversed() { kept.remove(at: index) }
        return kept
    }

    private func isHeaderLabel(_ line: Line) -> Bool {
        guard line.words <= 3, line.text.unicodeScalars.count <= 40, !finishesSentence(line) else { return false }
        return !line.text.split(separator: " ").contains { word in
            word.count >= 3 && word.first!.isLowercase && word.allSatisfy(\.isLetter)
        }
    }

    private func finishesSentence(_ line: Line) -> Bool {
        guard let last = line.text.last else { return false }
        return ".!?\"”’'».)“‘」』。！？".contains(last)
    }

    /// A newsletter box inside an article comes with a name and a tagline above its sign-up line
    /// ("The Morning Brief" / "The news you need, before breakfast." / "Sign up for our newsletter").
    /// Up to two short lines between a body paragraph and a sign-up line are that box's head.
    func markSignUpBoxHeads(_ lines: inout [Line]) {
        for index in lines.indices where lines[index].boilerplate == "newsletter" {
            var head = index
            while head > 0 && index - head < 2 && !lines[head - 1].isBoilerplate
                && lines[head - 1].words < Self.bodyParagraphWords
            {
                head -= 1
            }
            guard head < index, head > 0, lines[head - 1].words >= Self.bodyParagraphWords else { continue }
            for line in head..<index { lines[line].boilerplate = "newsletter" }
        }
    }

    /// A label on a line of its own ("Most read", "Más leídas", "Topics", "Mehr zum Thema") heads a
    /// list: the short, unfinished lines right after it are its items (headlines, tags). The list
    /// ends at the first finished sentence, body paragraph or other furniture, and before a short
    /// line that a body paragraph follows (a subheading).
    func markLabelledLists(_ lines: inout [Line]) {
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard lines[index].boilerplate == "related", lines[index].words <= 5, isLabelOnly(lines[index].text) else {
                continue
            }
            var item = index + 1
            while item < lines.count, !lines[item].isBoilerplate, lines[item].words < Self.bodyParagraphWords,
                isHeadlineLike(lines[item]),
                // A short line right before a body paragraph, or before prose (an interview's
                // question before its answer), is that text's subheading.
                item + 1 == lines.count
                    || (lines[item + 1].words < Self.bodyParagraphWords
                        && !(lines[item + 1].words >= 8 && !lines[item + 1].isBoilerplate && finishesSentence(lines[item + 1])))
            {
                lines[item].boilerplate = "related"
                item += 1
            }
        }
    }

    /// Whether a related-links line is the label alone ("Most read", "Más leídas:"), not a label with
    /// its link ("Read more: Council budget explained").
    private func isLabelOnly(_ text: String) -> Bool {
        guard let delimiter = text.firstIndex(where: { ":|»>–—".contains($0) }) else { return true }
        return text[text.index(after: delimiter)...].allSatisfy { $0 == " " || ":|»>–—".contains($0) }
    }

    /// "Next story" (in any of its wordings) after some of the article: the rest is another article.
    /// A press release's "###", "Notes to editors" or "Media contact": the rest is for journalists.
    func cutAtNextArticle(_ lines: [Line]) -> [Line] {
        guard let next = lines.firstIndex(where: { $0.boilerplate == "next-article" || $0.boilerplate == "release-end" }),
            lines[..<next].contains(where: { $0.words >= Self.bodyParagraphWords })
        else { return lines }
        return Array(lines[..<next])
    }

    /// Words of a normalized line (one space between words).
    static func wordCount(_ line: String) -> Int {
        var line = line
        return line.withUTF8 { bytes in
            var count = 0
            var inWord = false
            for byte in bytes {
                if byte == 0x20 {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    count += 1
                }
            }
            return count
        }
    }

    /// A line with no sentence in it: a lone number, a letter pair, a separator.
    func isStrayToken(_ line: String) -> Bool {
        var alphanumerics = 0
        var letters = 0
        for scalar in line.unicodeScalars {
            let value = scalar.value
            let isLetter: Bool
            let isDigit: Bool
            if value < 0x80 {
                isLetter = (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                isDigit = (0x30...0x39).contains(value)
            } else {
                isLetter = scalar.properties.isAlphabetic
                isDigit = !isLetter && scalar.properties.numericType != nil
            }
            if isLetter || isDigit { alphanumerics += 1 }
            if isLetter { letters += 1 }
            // Enough seen: a line with three alphanumerics and a letter is no stray token.
            if alphanumerics > 2 && letters > 0 { return false }
        }
        return true
    }

    /// Keeps the first of repeated lines (a headline or caption shown twice) and drops lines that
    /// only repeat the title.
    func dropRepeats(_ lines: [Line], title: String?) -> [Line] {
        var seen = Set<UInt64>()
        if let title, let key = TextNormalizer.comparableHash(title) { seen.insert(key) }
        return lines.filter { line in
            guard let key = line.key else { return true }
            return seen.insert(key).inserted
        }
    }

    /// A second article glued after the first announces itself the way the first began: a headline,
    /// then a caption or headline shown twice in a row, then a body of its own. Once the first article
    /// has body paragraphs, such a block starts something else: cut before its headline. A doubled
    /// line that is boilerplate (a sign-up box shown twice) or that follows a paragraph rather than a
    /// headline (a caption repeated mid-article) is not such a start.
    func cutGluedArticle(_ lines: [Line]) -> [Line] {
        var bodyParagraphs = 0
        var index = 0
        while index + 1 < lines.count {
            let line = lines[index]
            if line.words >= Self.bodyParagraphWords { bodyParagraphs += 1 }
            if bodyParagraphs >= 3, index > 0, isHeadlineLike(lines[index - 1]), !line.isBoilerplate,
                line.key != nil, line.key == lines[index + 1].key,
                lines[(index + 2)...].filter({ $0.words >= Self.bodyParagraphWords }).count >= 3
            {
                return Array(lines[..<(index - 1)])
            }
            index += 1
        }
        return lines
    }

    /// Drops a trailing run of teasers: lines cut off with an ellipsis, or headline-like lines set
    /// apart by separators. A plain list of short lines at the end (no ellipses, no separators) is
    /// kept: it may be the article's own.
    func dropTeaserTail(_ lines: [Line]) -> [Line] {
        var end = lines.count
        var run = 0
        var ellipses = 0
        var separators = 0
        while end > 0 {
            let line = lines[end - 1]
            if isStrayToken(line.text) {
                if !line.text.contains(where: { $0.isLetter || $0.isNumber }) { separators += 1 }
            } else if line.isBoilerplate {
                // Furniture inside the tail neither breaks it nor proves it.
            } else if isCutOff(line) {
                ellipses += 1
                run += 1
            } else if isHeadlineLike(line) {
                run += 1
            } else {
                break
            }
            end -= 1
        }
        let isTeaserBlock = (ellipses >= 2 && ellipses == run) || (run >= 3 && separators >= 2)
        return isTeaserBlock ? Array(lines[..<end]) : lines
    }

    private func isCutOff(_ line: Line) -> Bool {
        line.text.hasSuffix("…") || line.text.hasSuffix("...")
    }

    /// Short, and not a finished sentence (a question headline counts as a headline).
    private func isHeadlineLike(_ line: Line) -> Bool {
        let words = line.words
        guard words <= 45, let last = line.text.last else { return false }
        if last == "?" { return words <= 15 }
        // Closing quotes of every style count as a finished sentence ("… gesagt.“", "…です。」").
        return !".!:;\"”’'».)“‘」』。！？]".contains(last)
    }
}
