import Foundation
import TidingsCore

/// Reads the dates feeds write, into UTC: RFC 822/1123 and the variants real feeds send (two-digit
/// years, no seconds, no or a wrong weekday, named and military zones, offsets with or without the
/// colon, month names in common languages, AM/PM), RFC 3339 / ISO 8601 / W3C-DTF (fractions, no
/// zone, no seconds, date only, year-month, year, basic format), asctime and Unix timestamps.
public enum FeedDate {
    /// The date in `text`, or nil when it is in no form Tidings knows. Never a silent "now".
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingXMLSpace()
        guard !trimmed.isEmpty, trimmed.utf8.count < 100 else { return nil }
        if let date = trimmed.utf8.withContiguousStorageIfAvailable({ commonRFC822($0) }) ?? nil {
            return date
        }
        if trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return numeric(trimmed)
        }
        if let first = trimmed.utf8.first, first >= 0x30, first <= 0x39, let date = iso8601(trimmed) {
            return date
        }
        return rfc822(trimmed)
    }

    // MARK: - The common case, fast

    private static let englishMonths: [UInt32: Int] = {
        var table: [UInt32: Int] = [:]
        for (index, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            let bytes = Array(name.utf8)
            table[UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])] = index + 1
        }
        return table
    }()

    /// `Tue, 07 Sep 2021 10:00:00 +0000` (or GMT, or another zone name) read straight from the
    /// bytes: what nine feeds in ten send. Anything else returns nil and takes the general path.
    private static func commonRFC822(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var index = 0
        let count = bytes.count
        func letter(_ at: Int) -> UInt8? {
            guard at < count else { return nil }
            let byte = bytes[at] | 0x20
            return byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte : nil
        }
        func digits(_ length: Int) -> Int? {
            guard index + length <= count else { return nil }
            var value = 0
            for offset in 0..<length {
                let byte = bytes[index + offset] &- 0x30
                guard byte <= 9 else { return nil }
                value = value * 10 + Int(byte)
            }
            index += length
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            guard index < count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        // Weekday, ignored.
        if letter(0) != nil {
            guard letter(1) != nil, letter(2) != nil, count > 5, bytes[3] == UInt8(ascii: ","), bytes[4] == 0x20 else { return nil }
            index = 5
        }
        guard let day = digits(2) ?? digits(1), skip(0x20), let m0 = letter(index), let m1 = letter(index + 1), let m2 = letter(index + 2),
            let month = englishMonths[UInt32(m0) << 16 | UInt32(m1) << 8 | UInt32(m2)]
        else { return nil }
        index += 3
        guard skip(0x20), let year = digits(4), skip(0x20), let hour = digits(2), skip(UInt8(ascii: ":")), let minute = digits(2) else {
            return nil
        }
        var second = 0
        if skip(UInt8(ascii: ":")) {
            guard let value = digits(2) else { return nil }
            second = value
        }
        guard skip(0x20), index < count else { return nil }
        let offset: Int
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = digits(2), let minutes = digits(2), index == count, hours <= 14, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[index...]), as: UTF8.self).lowercased()
            guard let hours = zones[name] else { return nil }
            offset = Int(hours * 3600)
        }
        return civil(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    // MARK: - All digits

    /// Unix time (seconds, or milliseconds when 13 digits), or a basic-format date `20210907`.
    private static func numeric(_ digits: String) -> Date? {
        switch digits.count {
        case 8:
            guard let value = Int(digits) else { return nil }
            return civil(year: value / 10_000, month: value / 100 % 100, day: value % 100)
        case 4:
            // A year alone (W3C-DTF).
            return Int(digits).flatMap { civil(year: $0, month: 1, day: 1) }
        case 9, 10:
            return Int64(digits).map { Date(timeIntervalSince1970: Double($0)) }
        case 13:
            return Int64(digits).map { Date(timeIntervalSince1970: Double($0) / 1000) }
        default:
            return nil
        }
    }

    private static func civil(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, offset: Int = 0, fraction: Double = 0) -> Date? {
        // Years a feed means: a year of twenty digits had overflowed the arithmetic and crashed.
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else {
            return nil
        }
        let seconds = Timestamp.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return Date(timeIntervalSince1970: Double(seconds - Int64(offset)) + fraction)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: - ISO 8601, RFC 3339, W3C-DTF

    /// `2021-09-07T10:00:00.123+02:00` and its relatives: `2021-09-07 10:00`, `2021-09-07`,
    /// `2021-09`, `20210907T100000Z`, a zone as `Z`, `+02`, `+0200`, `+02:00` or a name after a space.
    static func iso8601(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func take(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4) else { return nil }
        let extended = take("-")
        guard let month = number(2) else { return extended || index == bytes.count ? nil : nil }
        if extended && index == bytes.count { return civil(year: year, month: month, day: 1) }
        if extended && !take("-") { return nil }
        guard let day = number(2) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = 0
        if take("T") || take("t") || take(" ") {
            guard let h = number(2) else { return nil }
            hour = h
            _ = take(":")
            if let m = number(2) { minute = m }
            _ = take(":")
            if let s = number(2) {
                second = s
                if take(".") || take(",") {
                    var scale = 0.1
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                        fraction += Double(bytes[index] - 0x30) * scale
                        scale /= 10
                        index += 1
                    }
                }
            }
            while take(" ") {}
            if take("Z") || take("z") {
                offset = 0
            } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let offsetHours = number(2) else { return nil }
                _ = take(":")
                let offsetMinutes = number(2) ?? 0
                offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
            }
            while take(" ") {}
            if index < bytes.count {
                // A zone name after the time: `2021-09-07 10:00:00 GMT`.
                let rest = String(decoding: bytes[index...], as: UTF8.self).lowercased()
                guard let zone = zoneOffset(rest) else { return nil }
                offset = zone
                index = bytes.count
            }
        }
        guard index == bytes.count else { return nil }
        return civil(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset, fraction: fraction)
    }

    // MARK: - RFC 822 and the rest

    /// Month names and their usual abbreviations in English, German, French, Spanish, Italian,
    /// Portuguese, Dutch, Swedish/Danish/Norwegian and Polish, lowercased, without diacritics.
    private static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["jan", "january", "januar", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "januarie", "stycznia", "styczen", "sty"],
            ["feb", "february", "februar", "fevrier", "fevr", "fev", "febrero", "febbraio", "fevereiro", "februari", "lutego", "luty", "lut"],
            ["mar", "march", "marz", "maerz", "mrz", "mars", "marzo", "marco", "maart", "mrt", "marca", "marzec"],
            ["apr", "april", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecien", "kwi"],
            ["may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "maja"],
            ["jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwca", "czerwiec", "cze"],
            ["jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipca", "lipiec", "lip"],
            ["aug", "august", "aout", "agosto", "ago", "augustus", "augusti", "sierpnia", "sierpien", "sie"],
            ["sep", "sept", "september", "septembre", "septiembre", "set", "settembre", "setembro", "wrzesnia", "wrzesien", "wrz"],
            ["oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "pazdziernika", "paz"],
            ["nov", "november", "novembre", "noviembre", "novembro", "listopada", "listopad", "lis"],
            ["dec", "december", "dezember", "dez", "decembre", "diciembre", "dic", "dicembre", "dezembro", "grudnia", "grudzien", "gru"],
        ]
        for (index, list) in names.enumerated() {
            for name in list { table[name] = index + 1 }
        }
        return table
    }()

    /// Named zones, in hours east of UTC.
    private static let zones: [String: Double] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "wet": 0, "west": 1, "bst": 1, "ist": 5.5, "cet": 1, "cest": 2, "met": 1,
        "mest": 2, "mez": 1, "mesz": 2, "eet": 2, "eest": 3, "msk": 3, "msd": 4,
        "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
        "akst": -9, "akdt": -8, "hst": -10, "hast": -10, "hadt": -9, "ast": -4, "adt": -3, "nst": -3.5, "ndt": -2.5,
        "jst": 9, "kst": 9, "hkt": 8, "sgt": 8, "awst": 8, "acst": 9.5, "acdt": 10.5, "aest": 10, "aedt": 11,
        "nzst": 12, "nzdt": 13, "pht": 8, "wib": 7, "ict": 7,
    ]

    /// A zone name, a military letter or a numeric offset, in seconds east of UTC.
    private static func zoneOffset(_ token: String) -> Int? {
        var name = token.trimmingCharacters(in: CharacterSet(charactersIn: "()[]"))
        if name.hasPrefix("etc/") { name.removeFirst(4) }
        if let hours = zones[name] { return Int(hours * 3600) }
        if (name.hasPrefix("gmt") || name.hasPrefix("utc")) && name.count > 3 { name.removeFirst(3) }
        if let first = name.first, first == "+" || first == "-" {
            let digits = name.dropFirst().filter { $0 != ":" }
            guard !digits.isEmpty, digits.count <= 4, let number = Int(digits) else { return nil }
            let sign = first == "-" ? -1 : 1
            let hours = digits.count <= 2 ? number : number / 100
            let minutes = digits.count <= 2 ? 0 : number % 100
            guard hours <= 14, minutes < 60 else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        }
        // Military letters as RFC 822 defines them (as feedparser reads them): A–I and K–M west of
        // UTC by 1–12 hours, N–Y east, Z UTC.
        if name.count == 1, let letter = name.unicodeScalars.first?.value {
            switch letter {
            case 0x61...0x69: return -Int(letter - 0x60) * 3600  // a–i
            case 0x6B...0x6D: return -Int(letter - 0x61) * 3600  // k–m: 10–12
            case 0x6E...0x79: return Int(letter - 0x6D) * 3600  // n–y
            default: return nil
            }
        }
        return nil
    }

    /// `Tue, 07 Sep 2021 10:00:00 GMT` with every variant above, asctime (`Tue Sep  7 10:00:00 2021`),
    /// and dates such as `7 September 2021`, `Sept. 7, 2021 10:00 PM EST` or `07-Sep-2021`.
    static func rfc822(_ text: String) -> Date? {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var tokens: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        for character in folded {
            switch character {
            case " ", ",", "\t", "\n", "\r":
                flush()
            case ".":
                // `Sept.` and `7.` (a German day) end a token; a dot inside a time (`10:00:00.5`) does not.
                if current.contains(":") { current.append(character) } else { flush() }
            case "-" where !current.isEmpty && !current.contains(":"), "/":
                // A separator: `07-Sep-2021`, `Sep/07/2021`.
                flush()
            case "+", "-":
                // An offset, alone or glued to the time: `10:00:00+0200`.
                flush()
                current.append(character)
            default:
                if !current.isEmpty, let last = current.last, (last.isNumber && character.isLetter) || (last.isLetter && character.isNumber && !current.hasPrefix("gmt") && !current.hasPrefix("utc")) {
                    flush()
                }
                current.append(character)
            }
        }
        flush()

        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var offset: Int?
        var sawTime = false
        var meridiem: String?
        var monthPosition = -1
        for (position, token) in tokens.enumerated() {
            if !sawTime, token.contains(":") {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 2, parts.count <= 3, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
                hour = h
                minute = m
                second = parts.count == 3 ? (Int(parts[2].prefix(while: \.isNumber)) ?? 0) : 0
                sawTime = true
            } else if token.hasPrefix("+") || (token.hasPrefix("-") && token.count > 1) {
                guard let zone = zoneOffset(token) else { return nil }
                offset = zone
            } else if let value = Int(token) {
                if token.count <= 2 && day == nil && value >= 1 && value <= 31 {
                    day = value
                } else if year == nil {
                    year = token.count <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : token.count == 3 ? 1900 + value : value
                } else if day == nil && value >= 1 && value <= 31 {
                    day = value
                } else {
                    return nil
                }
            } else if let value = months[token] ?? (token.count >= 3 ? months[String(token.prefix(4))] ?? months[String(token.prefix(3))] : nil) {
                // A weekday can read as a month (French "mar." is Tuesday): a second month name wins
                // over one in first place.
                if month == nil || monthPosition == 0 {
                    month = value
                    monthPosition = position
                }
            } else if token == "am" || token == "pm" || token == "a.m" || token == "p.m" {
                meridiem = String(token.prefix(1))
            } else if offset == nil, let zone = zoneOffset(token) {
                offset = zone
            } else if ["st", "nd", "rd", "th"].contains(token) {
                continue  // `7th`, split from its digits
            }
            // Anything else (a weekday, in any language; "at"; a comment) carries nothing needed.
        }
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            if meridiem == "p" && hour < 12 { hour += 12 }
            if meridiem == "a" && hour == 12 { hour = 0 }
        }
        guard let day, let month, let year else { return nil }
        return civil(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset ?? 0)
    }
}
