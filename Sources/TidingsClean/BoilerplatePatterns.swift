import Foundation

/// Classes of lines that are page furniture rather than article: each is described by its shape
/// (the words such lines are made of), never by a string copied from one site.
struct BoilerplatePattern: Sendable {
    let kind: String
    let regex: NSRegularExpression
    /// Longer lines are article text even when they match: a sentence may mention a newsletter.
    let maxWords: Int
    /// Lowercase fragments of which a matching line contains at least one (none: always try).
    /// Regular expressions cost most of the cleaner's time; this cheap test spares them most lines.
    let triggers: [[UInt8]]
    /// Whether a trigger must begin the line (for patterns anchored at the start by a trigger).
    let triggersStartLine: Bool

    init(
        _ kind: String, _ pattern: String, maxWords: Int, triggers: [String] = [],
        triggersStartLine: Bool = false
    ) {
        self.kind = kind
        // The patterns are constants, checked by the tests; a bad one is a programming error.
        self.regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        self.maxWords = maxWords
        self.triggers = triggers.map { Array($0.utf8) }
        self.triggersStartLine = triggersStartLine
    }

    /// Whether the line (with its word count and ASCII-lowercased bytes) is of this class.
    func matches(_ line: BoilerplateLine) -> Bool {
        guard line.words <= maxWords else { return false }
        if triggersStartLine {
            if !triggers.isEmpty && !triggers.contains(where: line.starts) { return false }
        } else if !triggers.isEmpty && !triggers.contains(where: line.contains) {
            return false
        }
        return regex.firstMatch(in: line.text, range: NSRange(location: 0, length: line.text.utf16.count)) != nil
    }

    static let all: [BoilerplatePattern] = [
        // Advertising and sponsorship labels.
        BoilerplatePattern(
            "sponsorship", #"^(powered|sponsored|presented|brought to you|supported|paid for|in partnership with)( by)?\b"#,
            maxWords: 10, triggers: ["powered", "sponsored", "presented", "brought", "supported", "paid", "in partnership"],
            triggersStartLine: true),
        BoilerplatePattern(
            "advertisement",
            #"^(advertisement|advertising|ad|ads|sponsored( content| post| links?)?|promoted( content)?|paid (post|content)|partner content|story continues below( advertisement)?)$"#,
            maxWords: 5),
        // Links to other articles: a label, then a delimiter or nothing.
        BoilerplatePattern(
            "related",
            #"^(also read|read also|also see|read more|more to read|see also|more from [^:]{0,40}|related( articles?| stories| news| content| coverage| reading| posts?)?|recommended( for you| stories| reading| articles)?|most (read|popular|viewed|shared)|trending( now| stories)?|you (may|might) (also )?(like|enjoy|be interested in)|don'?t miss|must read|top stories|more stories|latest (news|stories)|editor'?s picks?|further reading|more on (this|these)( story| stories| topic)?|read next|up next|watch( now)?)\s*([:|»>]|[-–—]\s|$)"#,
            maxWords: 30,
            triggers: [
                "also", "read", "see", "more", "related", "recommended", "most", "trending", "you ", "don", "must",
                "top", "latest", "editor", "further", "up next", "watch",
            ],
            triggersStartLine: true),
        // Newsletter and e-mail sign-ups.
        BoilerplatePattern(
            "newsletter",
            #"\b(sign(ing)? up|subscribe|subscription|register|enter your e-?mail)\b.{0,80}\b(newsletters?|inbox|e-?mails?|alerts|briefings?)\b"#,
            maxWords: 40, triggers: ["newsletter", "inbox", "mail", "alerts", "briefing"]),
        BoilerplatePattern(
            "newsletter", #"\b(delivered|sent|straight|direct(ly)?) (directly |straight )?to your (inbox|e-?mail)"#,
            maxWords: 40, triggers: ["to your"]),
        BoilerplatePattern(
            "newsletter", #"\b(free|daily|weekly|morning|evening) (e-?mail|newsletter|briefing)s?\b"#, maxWords: 25,
            triggers: ["mail", "newsletter", "briefing"]),
        BoilerplatePattern("newsletter", #"^(our |the |free )?newsletters?$"#, maxWords: 3, triggers: ["newsletter"]),
        // Follow-us and join-our-channel promotions.
        BoilerplatePattern(
            "promotion",
            #"\b(join|follow|like|find|subscribe to|connect with) (us|our)\b.{0,60}\b(on|channel|telegram|whatsapp|twitter|facebook|instagram|youtube|linkedin|tiktok|threads|page|community|google news)\b"#,
            maxWords: 30,
            triggers: ["join", "follow", "like", "find", "subscribe to", "connect with"].flatMap { [$0 + " us", $0 + " our"] }),
        BoilerplatePattern(
            "promotion",
            #"\b(is|are) (now )?(on|available on) (telegram|whatsapp|google news|signal|youtube|instagram|tiktok|threads)\b"#,
            maxWords: 30,
            triggers: ["telegram", "whatsapp", "google news", "signal", "youtube", "instagram", "tiktok", "threads"]),
        BoilerplatePattern(
            "promotion", #"\bclick here\b|\b(download|get) (our|the) (free )?app\b"#, maxWords: 30,
            triggers: ["click here", "download our", "download the", "get our", "get the"]),
        // Share and e-mail-this buttons.
        BoilerplatePattern(
            "share",
            #"^((share|tweet|email|e-mail|print|pin|save|copy link|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|messenger|flipboard)( this)?( article| story| page| link)?( on \w+| via \w+)?[\s|•·,/]*)+$"#,
            maxWords: 12),
        // Comment forms and spam notices.
        BoilerplatePattern(
            "comments",
            #"^(leave a (comment|reply)|post a comment|add (a|your) comment|\d+ comments?|comments?( \(\d+\))?|join the (conversation|discussion)|(show|view|load|hide) comments|comments are closed)$"#,
            maxWords: 6),
        BoilerplatePattern(
            "comments",
            #"\bakismet\b|\bcomment data is processed\b|\byour e-?mail address will not be published\b|\brequired fields are marked\b|\b(log|sign) in to (comment|reply)\b"#,
            maxWords: 40, triggers: ["akismet", "comment", "mail", "required", "reply"]),
        // Cookie and consent notices.
        BoilerplatePattern(
            "cookies",
            #"\b(we|this (web)?site|our (web)?site|this page) uses? cookies\b|\bcookie (policy|settings|preferences|consent|notice)\b|\baccept (all )?cookies\b"#,
            maxWords: 60, triggers: ["cookie"]),
        // Copyright lines.
        BoilerplatePattern(
            "copyright", #"^(©|\(c\)\s|copyright\b)|\ball rights reserved\b"#, maxWords: 30,
            triggers: ["©", "(c)", "copyright", "rights reserved"]),
        // Photo credits.
        BoilerplatePattern(
            "credit",
            #"^(photo|image|picture|photograph|illustration|graphic|video|file photo)s?( credit)?\s*(:|/|by\b)"#,
            maxWords: 20),
        BoilerplatePattern("credit", #"^(credits?|photo by|image by|pictured)\s*:"#, maxWords: 15),
    ]
}

/// One line as the patterns test it: its text, its word count, and its bytes with ASCII letters
/// lowercased (for the trigger test), with a bitmap of the byte pairs they hold, so that most
/// triggers are ruled out without a search.
struct BoilerplateLine {
    /// No pattern matches lines longer than this (in words): they are article text.
    static let maxWords = BoilerplatePattern.all.map(\.maxWords).max() ?? 0

    let text: String
    let words: Int
    let lowercased: [UInt8]
    private var pairs = [UInt64](repeating: 0, count: 64)

    init(_ text: String) {
        self.text = text
        self.words = BoilerplateFilter.wordCount(text)
        guard words <= Self.maxWords else {
            lowercased = []
            return
        }
        lowercased = text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        lowercased.withUnsafeBufferPointer { bytes in
            guard bytes.count > 1 else { return }
            for index in 1..<bytes.count {
                let pair = Self.pair(bytes[index - 1], bytes[index])
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
    }

    /// A byte pair's slot in the bitmap: the low six bits of each byte (one-to-one for lowercase
    /// letters, digits and the space).
    private static func pair(_ first: UInt8, _ second: UInt8) -> Int {
        Int(first & 63) << 6 | Int(second & 63)
    }

    func starts(_ fragment: [UInt8]) -> Bool {
        lowercased.starts(with: fragment)
    }

    func contains(_ fragment: [UInt8]) -> Bool {
        if fragment.count > 1 {
            let pair = Self.pair(fragment[0], fragment[1])
            if pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { return false }
        }
        return lowercased.withUnsafeBytes { haystack in
            fragment.withUnsafeBytes { needle in
                tidings_memmem(haystack.baseAddress, haystack.count, needle.baseAddress, needle.count) != nil
            }
        }
    }
}

// glibc's memmem (a GNU extension the Glibc module does not export): a fast substring search.
@_silgen_name("memmem")
private func tidings_memmem(
    _ haystack: UnsafeRawPointer?, _ haystackLength: Int, _ needle: UnsafeRawPointer?, _ needleLength: Int
) -> UnsafeMutableRawPointer?
