import Foundation

/// Classes of lines that are page furniture rather than article: each is described by its shape
/// (the words such lines are made of), never by a string copied from one site.
struct BoilerplatePattern: Sendable {
    let kind: String
    let regex: NSRegularExpression
    /// Longer lines are article text even when they match: a sentence may mention a newsletter.
    let maxWords: Int
    /// Lowercase fragments of which every matching line contains at least one. Regular expressions
    /// would cost most of the cleaner's time; this cheap test spares them nearly every line.
    let triggers: [[UInt8]]
    /// Whether a trigger must begin the line (for patterns anchored at the start by a trigger).
    let triggersStartLine: Bool

    init(
        _ kind: String, _ pattern: String, maxWords: Int, triggers: [String], triggersStartLine: Bool = false
    ) {
        self.kind = kind
        // The patterns are constants, checked by the tests; a bad one is a programming error.
        self.regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        self.maxWords = maxWords
        self.triggers = triggers.map { Array($0.utf8) }
        self.triggersStartLine = triggersStartLine
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
            maxWords: 5, triggers: ["ad", "sponsored", "promoted", "paid", "partner", "story continues"],
            triggersStartLine: true),
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
        BoilerplatePattern(
            "newsletter", #"^(our |the |free )?newsletters?$"#, maxWords: 3, triggers: ["newsletter"]),
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
            maxWords: 12,
            triggers: [
                "share", "tweet", "email", "e-mail", "print", "pin", "save", "copy link", "whatsapp", "facebook",
                "twitter", "x", "linkedin", "reddit", "telegram", "messenger", "flipboard",
            ],
            triggersStartLine: true),
        // Comment forms and spam notices.
        BoilerplatePattern(
            "comments",
            #"^(leave a (comment|reply)|post a comment|add (a|your) comment|[0-9]+ comments?|comments?( \([0-9]+\))?|join the (conversation|discussion)|(show|view|load|hide) comments|comments are closed)$"#,
            maxWords: 6,
            triggers: ["leave a", "post a", "add a", "add your", "comment", "join the", "show", "view", "load", "hide"]
                + (0...9).map(String.init),
            triggersStartLine: true),
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
            "copyright", #"^(©|\(c\)\s|copyright\b)"#, maxWords: 30, triggers: ["©", "(c)", "copyright"],
            triggersStartLine: true),
        BoilerplatePattern("copyright", #"\ball rights reserved\b"#, maxWords: 30, triggers: ["rights reserved"]),
        // Photo credits.
        BoilerplatePattern(
            "credit",
            #"^(photo|image|picture|photograph|illustration|graphic|video|file photo)s?( credit)?\s*(:|/|by\b)"#,
            maxWords: 20,
            triggers: ["photo", "image", "picture", "illustration", "graphic", "video", "file photo"],
            triggersStartLine: true),
        BoilerplatePattern(
            "credit", #"^(credits?|photo by|image by|pictured)\s*:"#, maxWords: 15,
            triggers: ["credit", "photo by", "image by", "pictured"], triggersStartLine: true),
    ]
}

