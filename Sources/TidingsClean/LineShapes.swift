import Foundation

/// Furniture told by the shape of a whole line rather than by a phrase: a date stamp ("Updated:
/// 11:07, Thursday, 23 May 2024", "14.03.2024, 19:32 Uhr") or a navigation trail ("Home › News ›
/// Local"). In any of the languages whose month and day names are listed here.
enum LineShapes {
    /// Month and weekday names and their abbreviations; English, German, French, Spanish, Italian,
    /// Portuguese, Dutch, Danish, Swedish, Czech, Romanian, Finnish, Polish, Norwegian, Hungarian,
    /// Catalan, Indonesian.
    static let calendarWords: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "jän", "mär", "okt", "dez",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
        "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
        "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
        "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro",
        "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
        "januari", "februari", "maart", "mei", "augustus", "oktober",
        "today", "yesterday", "heute", "gestern", "hoy", "ayer", "aujourd'hui", "hier", "oggi", "ieri", "hoje", "ontem",
        // Danish, Swedish, Czech (both cases of the months), Romanian, Finnish, Polish.
        "marts", "maj", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
        "augusti", "måndag", "tisdag", "lördag", "söndag", "idag", "igår",
        "ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu",
        "prosince", "leden", "únor", "březen", "duben", "květen", "červen", "červenec", "srpen", "říjen", "listopad",
        "prosinec", "pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota", "neděle", "dnes", "včera",
        "ianuarie", "februarie", "martie", "aprilie", "iunie", "iulie", "septembrie", "octombrie", "noiembrie",
        "decembrie", "luni", "marți", "miercuri", "joi", "vineri", "sâmbătă", "duminică", "azi",
        "tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta",
        "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta", "maanantai", "tiistai", "keskiviikko", "torstai",
        "perjantai", "lauantai", "sunnuntai", "tänään", "eilen",
        "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października",
        "listopada", "grudnia", "dzisiaj", "wczoraj",
        // Norwegian, Hungarian, Catalan, Indonesian.
        "desember", "mandag", "tirsdag", "lørdag", "søndag", "januárja",
        "január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember", "október",
        "hétfő", "kedd", "szerda", "csütörtök", "péntek", "szombat", "vasárnap", "ma", "tegnap",
        "gener", "febrer", "març", "maig", "juny", "juliol", "agost", "setembre", "desembre", "dilluns", "dimarts",
        "dimecres", "dijous", "divendres", "dissabte", "diumenge", "avui", "ahir",
        "maret", "agustus", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
    ]
    /// "… ago" in the languages above: "vor 3 Stunden", "há 5 horas", "3 timer siden".
    static let agoWords: Set<String> = ["ago", "vor", "hace", "há", "fa", "sedan", "siden", "před", "temu", "acum", "sitten"]
    /// Words that make up a stamp around the date: labels, time zones, "ago", connectives.
    static let stampWords: Set<String> = [
        "updated", "published", "posted", "last", "modified", "created", "on", "at", "the", "of", "by", "and",
        "am", "pm", "a.m.", "p.m.", "ago", "hour", "hours", "minute", "minutes", "min", "mins", "day", "days",
        "gmt", "bst", "cet", "cest", "eet", "eest", "utc", "edt", "est", "cdt", "cst", "mdt", "mst", "pdt", "pst",
        "ist", "jst", "aest", "uhr", "mez", "mesz",
        "aktualisiert", "veröffentlicht", "erstellt", "stand", "um", "vor", "stunden", "minuten", "und",
        "actualizado", "publicado", "hace", "horas", "de", "del", "a", "las", "el", "y",
        "publié", "mis", "à", "jour", "le", "il", "y", "heures", "et",
        "aggiornato", "pubblicato", "alle", "ore", "fa", "il",
        "atualizado", "em", "às", "há", "e",
        "bijgewerkt", "gepubliceerd", "om", "ultimo", "aggiornamento", "opublikowano", "aktualizacja", "publicerad",
        "uppdaterad", "kl", "edited", "laatste", "update", "opdateret", "publiceret", "offentliggjort", "timer", "time",
        "minutter", "timmar", "timme", "minuter", "aktualizováno", "publikováno", "vydáno", "hodinami", "minutami",
        "actualizat", "publicat", "ora", "ore", "minute", "päivitetty", "julkaistu", "klo", "tuntia", "minuuttia",
        "zaktualizowano", "godz", "godziny", "minut", "o", "w", "i", "v", "în", "la", "kello",
        "modifié", "h", "first", "publisert", "oppdatert", "frissítve", "közzétéve", "actualitzat", "publicat", "diperbarui",
        "dipublikasikan", "wib", "wita", "wit", "data", "publikacji", "mrt",
    ]

    /// Whether the line is a date stamp and nothing else: every word a number, a time, a month or
    /// day name or a stamp word, with a date or a time among them. "Posted on 2 May 2024 by admin"
    /// counts too: a stamp may end with who posted it.
    static func isTimestamp(_ line: String, words: Int) -> Bool {
        guard words <= 16, line.utf8.contains(where: { $0 &- 0x30 < 10 }) else { return false }
        // Most lines fail at their first word: look at it before splitting the whole line.
        let firstWord = line.prefix { !" ,|·•–—-()/;:".contains($0) }.lowercased()
        guard firstWord.isEmpty || calendarWords.contains(firstWord) || stampWords.contains(firstWord)
            || firstWord.first.map({ $0.isASCII && $0.isNumber }) == true
            || calendarWords.contains(firstWord.trimmingTrailingDots)
        else { return false }
        // Colons stay inside tokens ("9:14pm") but not after them ("Updated:").
        var tokens = line.lowercased().split(whereSeparator: { " ,|·•–—-()/;".contains($0) })
            .map { String($0.hasSuffix(":") ? $0.dropLast() : $0) }.filter { !$0.isEmpty }
        if let by = tokens.lastIndex(of: "by"), tokens.count - by <= 4, by > 0 { tokens.removeSubrange(by...) }
        var datelike = false
        for token in tokens {
            // "d'agost", "l'1": an elided article before a month or number.
            let token = token.hasPrefix("d'") || token.hasPrefix("d’") || token.hasPrefix("l'") ? String(token.dropFirst(2)) : token
            if calendarWords.contains(token) || calendarWords.contains(token.trimmingTrailingDots) {
                datelike = true
            } else if isNumeric(token) {
                if token.contains(where: { $0 == "." || $0 == "h" || $0 == ":" }) || token.count == 4 { datelike = true }
            } else if !stampWords.contains(token) && !stampWords.contains(token.trimmingTrailingDots) && !agoWords.contains(token) {
                return false
            }
        }
        return datelike || tokens.contains(where: agoWords.contains)
    }

    /// "12", "2024", "9:14pm", "18h05", "14.03.2024", "21.47", "3rd".
    private static func isNumeric(_ token: String) -> Bool {
        guard let first = token.first, first.isASCII, first.isNumber else { return false }
        var rest = Substring(token)
        for suffix in ["am", "pm", "st", "nd", "rd", "th", "."] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
            break
        }
        return rest.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." || $0 == ":" || $0 == "h" }
    }

    /// Whether the line is a trail of three or more short links set apart by separators with spaces
    /// around them: "Home › News › Local", "NEWS | SPORT | WHAT'S ON", "Tags: Drought · Farming · Water".
    static func isNavigationTrail(_ line: String, words: Int) -> Bool {
        guard words <= 16, separatorCount(line) >= 2 else { return false }
        var segments: [Substring] = [Substring(line)]
        for separator in [" › ", " » ", " > ", " | ", " / ", " · ", " • "] {
            segments = segments.flatMap { $0.components(separatedBy: separator).map { Substring($0) } }
        }
        guard segments.count >= 3 else { return false }
        return segments.allSatisfy { segment in
            let trimmed = segment.trimmingWhitespace()
            guard !trimmed.isEmpty, let last = trimmed.last else { return false }
            return BoilerplateFilter.wordCount(trimmed) <= 4 && !".!?".contains(last)
        }
    }

    /// Separators with a space on either side, counted on the bytes: most lines have none, and are
    /// done with in one pass.
    private static func separatorCount(_ line: String) -> Int {
        let separators: [[UInt8]] = [[0xE2, 0x80, 0xBA], [0xC2, 0xBB], [0x3E], [0x7C], [0x2F], [0xC2, 0xB7], [0xE2, 0x80, 0xA2]]
        var count = 0
        var line = line
        line.withUTF8 { bytes in
            var index = 0
            while index + 2 < bytes.count {
                defer { index += 1 }
                guard bytes[index] == 0x20 else { continue }
                for separator in separators where index + separator.count + 1 < bytes.count {
                    if bytes[index + separator.count + 1] == 0x20,
                        separator.indices.allSatisfy({ bytes[index + 1 + $0] == separator[$0] })
                    {
                        count += 1
                        break
                    }
                }
            }
        }
        return count
    }
}

extension String {
    fileprivate var trimmingTrailingDots: String {
        var copy = self
        while copy.hasSuffix(".") { copy.removeLast() }
        return copy
    }
}
