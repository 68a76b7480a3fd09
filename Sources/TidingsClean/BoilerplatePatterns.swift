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
            maxWords: 30, triggers: ["newsletter", "inbox", "mail", "alerts", "briefing"]),
        BoilerplatePattern(
            "newsletter", #"\b(delivered|sent|straight|direct(ly)?) (directly |straight )?to your (inbox|e-?mail)"#,
            maxWords: 40, triggers: ["to your"]),
        BoilerplatePattern(
            "newsletter", #"\b(free|daily|weekly|morning|evening) (e-?mail|newsletter|briefing)s?\b"#, maxWords: 20,
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
        // The end matter of a press release: what follows is for journalists, not the story.
        BoilerplatePattern(
            "release-end",
            #"^(#{3}|-\s?30\s?-|[-–—]*\s*ends\s*[-–—]*|notes? (to|for) editors|editors'? notes|(media|press) (contacts?|enquiries|inquiries)|for (media|press) (enquiries|inquiries)|pressekontakt|hinweise? f[üu]r (die )?redaktion(en)?|contacts? presse|contactos? (de|para) (prensa|medios)|contatt[io] stampa|contatos? (para a |de )?imprensa|perscontact|noot voor de redactie|kontakt (dla medi[óo]w|prasowy)|presskontakt|mediekontakt)\s*:?$"#,
            maxWords: 5,
            triggers: [
                "###", "-", "–", "—", "ends", "note", "editor", "media", "press", "for media", "for press", "hinweis", "contact",
                "contatt", "contato", "perscontact", "noot", "kontakt", "mediekontakt",
            ],
            triggersStartLine: true),
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

        // The same classes as other languages and other sites word them.
        BoilerplatePattern(
            "advertisement",
            #"^(anzeige|werbung|publicidad|publicit[ée]|pubblicit[àa]|publicidade|advertentie|reklama|annonce|weiterlesen nach der anzeige|(article|story) continues below|continue reading below|promoted stories|recommended by \S+)$"#,
            maxWords: 5,
            triggers: [
                "anzeige", "werbung", "publici", "pubblicit", "advertentie", "reklama", "annonce", "weiterlesen",
                "article continues", "story continues", "continue reading", "promoted", "recommended by",
            ],
            triggersStartLine: true),
        // A teaser that says who paid for it: "... (Sponsored by Brand)".
        BoilerplatePattern(
            "advertisement", #"\((sponsored|promoted|paid|presented) by [^)]{1,40}\)$"#, maxWords: 30,
            triggers: ["sponsored by", "promoted by", "paid by", "presented by"]),
        BoilerplatePattern(
            "related",
            #"^(lesen sie (auch|mehr)|auch interessant|mehr zum thema|weitere artikel|das k[öo]nnte sie (auch )?interessieren|lee (también|tambien)|lea (también|tambien)|te puede interesar|m[áa]s le[íi]d[ao]s|lo m[áa]s le[íi]do|(à|a) lire aussi|lire aussi|sur le m[êe]me sujet|les plus lus|leggi anche|i pi[ùu] letti|potrebbe interessarti|leia (também|tambem|mais)|mais lidas|veja (também|tambem)|lees ook|meest gelezen|explore more on (these|this) topics?|more on this (story|topic)|zur startseite|back to (top|home)|in "[^"]{1,40}"|tags?|topics|etiquetas|schlagw[öo]rter|themen|mots-cl[ée]s|argomenti|t[óo]picos|tematy)\s*([:|»>]|[-–—]\s|$)"#,
            maxWords: 30,
            triggers: [
                "lesen sie", "auch interessant", "mehr zum", "weitere", "das k", "lee ", "lea ", "te puede", "mas ", "más ",
                "lo m", "à lire", "\u{00C0} lire", "a lire", "lire aussi", "sur le m", "les plus", "leggi", "i pi",
                "potrebbe", "leia", "mais lidas", "veja", "lees ook", "meest", "explore more", "more on this",
                "zur startseite", "back to", "in \"", "tag", "topics", "etiquetas", "schlagw", "themen", "mots-cl",
                "argomenti", "topicos", "tópicos", "tematy",
            ],
            triggersStartLine: true),
        // The rest of the page is another story.
        BoilerplatePattern(
            "next-article",
            #"^(next (story|article)|n[äa]chster artikel|article suivant|(art[íi]culo|noticia) siguiente|articolo successivo|pr[óo]xima (mat[ée]ria|not[íi]cia))\s*[:»>]?$"#,
            maxWords: 4,
            triggers: ["next", "nächster", "nachster", "article suivant", "artículo", "articulo", "noticia", "articolo", "próxima", "proxima"],
            triggersStartLine: true),
        BoilerplatePattern(
            "share",
            #"^((share|partager|compartir|compartilh[ea]r?|condividi|teilen|artikel teilen|delen|udostępnij|copy link|copier le lien|copiar (enlace|link)|gift this (article|story)|reuse this content|like|like loading)( this)?[\s|•·,/:.…]*)+$"#,
            maxWords: 8,
            triggers: [
                "share", "partager", "compartir", "compartilh", "condividi", "teilen", "artikel teilen", "delen", "udost",
                "copy link", "copier", "copiar", "gift this", "reuse this", "like",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "comments",
            #"^(kommentare?( \(\d+\))?|[0-9]+ (kommentare?|comentarios?|comentários?|commentaires?|commenti|commento|reacties|reactions)|comentarios|comentários|commentaires|commenti|r[ée]agir|deixe (seu|um) coment[áa]rio|deja (tu|un) comentario|laissez un commentaire|lascia un commento|have your say|leave a (reply|comment) cancel reply|post comment|notify me of (follow-up comments|new posts) by e-?mail\.?|(comment|name|e-?mail|website)\s*\*)$"#,
            maxWords: 8,
            triggers: [
                "kommentar", "coment", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "comentar", "commentaire", "commenti",
                "réagir", "reagir", "r\u{00C9}agir", "deixe", "deja", "laissez", "lascia", "have your say", "leave a", "post comment",
                "notify me", "comment", "name", "email", "e-mail", "website",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "comments",
            #"\b(logged in|logado|logada|connecté|connecte|eingeloggt|angemeldet|registrado) (to|para|pour|um) (comment|comentar|commenter|kommentieren)|\bcomments are (moderated|closed)\b"#,
            maxWords: 30, triggers: ["logged in", "logad", "connect", "eingeloggt", "angemeldet", "registrado", "comments are"]),
        // Sign-up form fields, buttons and small print.
        BoilerplatePattern(
            "newsletter",
            #"^(your e-?mail( address)?|e-?mail( address)?|enter your e-?mail( address)?|inserisci la tua (e-?mail|mail)|ihre e-?mail(-adresse)?|tu (correo|e-?mail)( electr[óo]nico)?|votre (adresse )?e-?mail|seu e-?mail|sign ?up( now)?|subscribe( now| today)?|iscriviti|abonnieren|jetzt abonnieren|suscr[íi]bete|inscrivez-vous|s'inscrire|assine( já)?|inscreva-se|thank you for (subscribing|signing up)!?|e-?mail-adresse|jetzt anmelden|adre[çc]a electr[òo]nica|m'hi subscric|subscriu-te( al butllet[íi])?|e-?postadresse|e-?mail c[íi]m|alamat e-?mail|meld (deg|meg) på|sign me up|count me in|je m'inscris|jetzt (kostenlos )?(abonnieren|anmelden|registrieren)|iscriviti alla newsletter.{0,40}|suscr[íi]bete a (la|nuestra) newsletter.{0,40}|inscreva-se na (nossa )?newsletter.{0,40})$"#,
            maxWords: 5,
            triggers: [
                "your e", "email", "e-mail", "enter your", "inserisci", "ihre e", "tu correo", "tu e", "votre", "seu e",
                "sign", "subscribe", "iscriviti", "abonnieren", "jetzt", "suscr", "inscri", "s'inscrire", "assine",
                "thank you for", "adre", "m'hi", "subscriu", "e-post", "epost", "alamat", "meld ", "count me", "je m'inscris",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "newsletter",
            #"\bby (signing up|subscribing|clicking)\b|\bwe use your sign-?up\b|\bprotected by recaptcha\b|\b(accetto|acepto|accepto|j'accepte|ich akzeptiere|i agree to|li e aceito|ho letto e accetto)\b.{0,60}\b(privacy|privacidad|privacitat|privacidade|confidentialit[ée]|datenschutz|terms)|\bmit (ihrer|der) anmeldung\b.{0,120}\b(datenschutz|einverstanden|abmeld)"#,
            maxWords: 50,
            triggers: [
                "signing up", "subscribing", "clicking", "sign-up", "signup", "recaptcha", "accetto", "acepto", "accepte", "akzeptiere",
                "agree to", "aceito", "mit ihrer", "mit der",
            ]),
        // Paywall and account furniture.
        BoilerplatePattern(
            "paywall",
            #"^(sign in|log in|login|register|entrar|anmelden|einloggen|se connecter|connexion|iniciar sesi[óo]n|accedi|abbonati|s'abonner|already a subscriber\??.{0,20}|already have an account\??.{0,20}|subscribe to (continue|keep) reading|support (local |independent |our )?journalism|get unlimited (digital )?access\b.{0,80}|your subscription (makes|supports|helps)\b.{0,80})$"#,
            maxWords: 25,
            triggers: [
                "sign in", "log in", "login", "register", "entrar", "anmelden", "einloggen", "se connecter", "connexion",
                "iniciar", "accedi", "abbonati", "s'abonner", "already", "subscribe to", "support", "get unlimited",
                "your subscription",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "paywall",
            #"\bla suite est r[ée]serv[ée]e aux abonn[ée]s\b|\bil vous reste \d+ ?% de cet article\b|^weiterlesen mit\b|\bsie haben bereits ein abo\b|\b(este|o) conte[úu]do [ée] exclusivo para assinantes\b|\bcontenido exclusivo para suscriptores\b"#,
            maxWords: 30,
            triggers: ["la suite est", "il vous reste", "weiterlesen mit", "bereits ein abo", "exclusivo para"]),
        BoilerplatePattern(
            "paywall", #"^(d[ée]j[àa] abonn[ée]|ya (eres|soy) suscriptor|j[áa] (é|sou) assinante|gi[àa] abbonato)"#,
            maxWords: 12, triggers: ["déjà", "deja", "d\u{00C9}j", "ya eres", "ya soy", "já é", "já sou", "ja e", "ja sou", "già", "gia"],
            triggersStartLine: true),
        // A sign-up box's tagline: what lands in your inbox.
        BoilerplatePattern(
            "newsletter",
            #"\bin your (inbox|mailbox|e-?mail)\b|\bnella tua casella (di posta|e-?mail)\b|\bdans votre bo[îi]te (mail|aux lettres|de r[ée]ception)\b|\bin ihr(em)? (postfach|e-?mail-postfach)\b|\ben tu (bandeja de entrada|correo)\b|\bna sua caixa de entrada\b"#,
            maxWords: 25,
            triggers: ["in your inbox", "in your mailbox", "in your mail", "in your e-mail", "casella", "dans votre", "postfach", "bandeja", "en tu correo", "caixa de entrada"]),
        // Follow-us and app promotions as other sites word them.
        BoilerplatePattern(
            "promotion",
            #"\b(app store|google play)\b|^(get|download) the .{1,40} app\b|^(s[íi]guenos|seguici|suivez-nous|folgen sie uns|siga-nos|volg ons)\b|\b([úu]nete|unisciti|rejoignez|entre|junte-se|treten sie)\b.{0,40}\b(canal|channel|cha[îi]ne|kanal)\b.{0,30}\b(whatsapp|telegram)\b"#,
            maxWords: 30,
            triggers: [
                "app store", "google play", "get the", "download the", "guenos", "seguici", "suivez", "folgen sie",
                "siga-nos", "volg ons", "canal", "channel", "chaîne", "chaine", "kanal",
            ]),
        // Cookie and consent banners as other sites word them.
        BoilerplatePattern(
            "cookies",
            #"\bcookies?\b.{0,300}\b(partners?|consent|privacy|datenschutz|zustimm|einwillig|akzept|consentimiento|consentement|finalit[ée]s)|\b(partners?|partenaires|partner|socios)\b.{0,300}\bcookies?\b"#,
            maxWords: 90, triggers: ["cookie"]),
        BoilerplatePattern(
            "cookies",
            #"^(we value your privacy|your privacy|accept all|reject all|manage (preferences|options|settings|cookies)|alle akzeptieren|alle ablehnen|aceptar todo|rechazar todo|tout accepter|tout refuser|accetta tutto|rifiuta tutto|aceitar todos|rejeitar todos|ok,? got it|i accept|einstellungen)$"#,
            maxWords: 5,
            triggers: [
                "we value", "your privacy", "accept all", "reject all", "manage", "alle ", "aceptar", "rechazar", "tout ",
                "accetta", "rifiuta", "aceitar", "rejeitar", "ok", "i accept", "einstellungen",
            ],
            triggersStartLine: true),
        // Skip links, and lines that say where the article first ran.
        BoilerplatePattern(
            "navigation",
            #"^(skip to (main )?content|skip to navigation|zur hauptnavigation springen|zum inhalt springen|aller au contenu|ir al contenido|salta al contenuto|pular para o conte[úu]do)$"#,
            maxWords: 6, triggers: ["skip to", "zur haupt", "zum inhalt", "aller au", "ir al", "salta al", "pular para"],
            triggersStartLine: true),
        BoilerplatePattern(
            "credit",
            #"^(this (article|story) (first appeared|was (first |originally )?published)|dieser artikel erschien zuerst|cet article a (d'abord )?été publié|este art[íi]culo se public[óo])"#,
            maxWords: 20, triggers: ["this article", "this story", "dieser artikel", "cet article", "este art"],
            triggersStartLine: true),
        // Bylines: "By Jane Doe", "Von Jörg Weber", "Por Ana Ruiz, enviada especial" (the names in
        // capitals, no sentence).
        BoilerplatePattern(
            "byline",
            #"^(?:by|von|por|par|di|door|av|przez)\s+(?-i:\p{Lu}[\p{L}\p{M}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|van|von|de|der|den|da|del|della|di|du|le|la|y|e|and|und|et))*)(?:\s*,[^.!?]{0,60})?$"#,
            maxWords: 12, triggers: ["by ", "von ", "por ", "par ", "di ", "door ", "av ", "przez "],
            triggersStartLine: true),
        // Reading time and read-aloud buttons.
        BoilerplatePattern(
            "reading-time",
            #"^([0-9]+\s*(min|mins|minutes?|minuten|minutos|minuti|minuty)\.?( read| reading| de lectura| de leitura| di lettura| lesezeit| leestijd)?|(reading time|read time|lesezeit|lesedauer|tiempo de lectura|temps de lecture|tempo di lettura|tempo de leitura|leestijd|czas czytania)\s*:?\s*(ca\.\s*)?[0-9]+.{0,14}|listen to (this|the) (article|story)|listen|artikel (vorlesen|anh[öo]ren)|[ée]couter (cet article|l'article|l’article)|escuchar (este art[íi]culo|la noticia|noticia)|ascolta (l'articolo|l’articolo|articolo)|ouvir (esta not[íi]cia|este artigo|a not[íi]cia|mat[ée]ria)|artikel voorlezen)$"#,
            maxWords: 8,
            triggers: [
                "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "reading time", "read time", "lesezeit", "lesedauer",
                "tiempo", "temps", "tempo", "leestijd", "czas", "listen", "artikel", "écouter", "ecouter",
                "\u{00C9}couter", "escuchar", "ascolta", "ouvir",
            ],
            triggersStartLine: true),
        // More labels, in more languages (Polish, Dutch, Swedish, Czech too), and more site furniture.
        BoilerplatePattern(
            "related",
            #"^(most (read|popular|viewed|shared|commented)( in [^:]{1,30})?|popular (right )?now|what to read next|more (on|about) (these|this) topics?|related topics|(le )?notizie pi[ùu] lette|potrebbe interessarti( anche)?|mehr aus (der|dem) [^:]{1,30}|meistgelesen|czytaj (też|tez|także|takze|również|rowniez)|najczęściej czytane|najczesciej czytane|polecane|zobacz (też|tez|także)|lees (ook|meer)|meest (gelezen|bekeken)|ook interessant|läs (också|mer)|mest lästa|čtěte také|nejčtenější)\s*([:|»>]|[-–—]\s|$)"#,
            maxWords: 30,
            triggers: [
                "most ", "popular", "what to read", "more on", "more about", "related topics", "le notizie", "notizie",
                "potrebbe", "mehr aus", "meistgelesen", "czytaj", "najcz", "polecane", "zobacz", "lees ", "meest",
                "ook interessant", "läs", "mest l", "čtěte", "nejčt",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "share",
            #"^(copy url|kopiuj link|kopieer (de )?link|kopiera länk|deel dit artikel|diesen artikel teilen|artikel merken|envoyer par (e-?)?mail|share this (obituary|post|video|gallery)|republish this (article|story)|dela artikeln|udostępnij)\s*:?$"#,
            maxWords: 6,
            triggers: ["copy url", "kopiuj", "kopieer", "kopiera", "deel dit", "diesen artikel", "artikel merken", "envoyer par", "share this", "republish", "dela ", "udost"],
            triggersStartLine: true),
        BoilerplatePattern(
            "comments",
            #"^(komentarze?( \([0-9]+\))?|dodaj komentarz|commenti \([0-9]+\)|accedi per commentare|reacties( \([0-9]+\))?|plaats een reactie|kommentarer( \([0-9]+\))?)$"#,
            maxWords: 6, triggers: ["komentar", "dodaj", "commenti", "accedi per", "reacties", "plaats een", "kommentarer"],
            triggersStartLine: true),
        BoilerplatePattern(
            "cookies",
            #"^(zustimmen|ablehnen|datenschutzeinstellungen|akkoord|instellingen aanpassen|alles accepteren|akceptuję|akceptuje|ustawienia|godkänn( alla)?|acceptera alla|neka alla|j'accepte|je refuse|paramétrer|more options|agree and close|disagree|consent|alle zulassen|nur (technisch )?notwendige( cookies)?|accepteren|weigeren|voorkeuren beheren|am [îi]n[țţt]eles|accept[ăa] tot(ul)?|souhlas[íi]m( se vším)?|nastavení soukromí.{0,40}|odmítnout vše|přijmout vše|accepter alle|afvis alle|tillad alle|hyväksy( kaikki)?|hylkää( kaikki)?|ok,? continue|got it!?|learn more|more info(rmation)?|customi[sz]e|przyjmuję|zgadzam się|accept|reject|decline|agree|godta( alle)?|kun n[øo]dvendige|tilpass|elfogadom|tov[áa]bbi inform[áa]ci[óo]|accepto|setuju|accetta e continua|ustawienia prywatno[śs]ci)$"#,
            maxWords: 6,
            triggers: [
                "zustimmen", "ablehnen", "datenschutz", "akkoord", "instellingen", "alles", "akcept", "ustawienia", "godk", "acceptera",
                "neka", "j'accepte", "je refuse", "param", "more options", "agree", "disagree", "consent", "alle zulassen", "nur ",
                "accept", "weiger", "voorkeur", "am ", "souhlas", "nastaven", "odmítn", "odmitn", "přijmout", "afvis", "tillad",
                "hyväksy", "hylkää", "ok", "got it", "learn more", "more info", "customi", "przyjmuj", "zgadzam", "reject", "decline",
                "godta", "kun ", "tilpass", "elfogad", "tov", "accepto", "setuju", "accetta", "ustawienia",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "newsletter",
            #"^(enter (your )?e-?mail( here)?|count me in|en vous inscrivant\b.{0,160}|in(s|z)chrijven|zapisz się|prenumerera)"#,
            maxWords: 40, triggers: ["enter ", "count me in", "en vous inscrivant", "inschrijven", "zapisz", "prenumerera"],
            triggersStartLine: true),
        BoilerplatePattern(
            "promotion",
            #"^(nous suivre|obserwuj nas|volg ons|följ oss|resta aggiornato|segui(ci)? [^.]{0,60} su (instagram|facebook|whatsapp|telegram|google news|x|tiktok)|follow [^.]{1,40} on (instagram|facebook|x|twitter|tiktok|threads|bluesky|whatsapp|telegram|google news))\b"#,
            maxWords: 25,
            triggers: ["nous suivre", "obserwuj", "volg ons", "följ oss", "resta aggiornato", "segui", "follow "],
            triggersStartLine: true),
        BoilerplatePattern(
            "paywall",
            #"^(abonnez-vous|abonneer|zaloguj się|prenumerera|abbonati( a| al| alla)?|sei gi[àa] abbonat[oa]|este (artigo|conte[úu]do) [ée] exclusivo para assinantes|assinatura digital|assine para continuar|subscribe now for unlimited|get unlimited access|already subscribed|el[őo]fizet[ée]s|berlangganan|abonner (nå|na)|article r[ée]serv[ée] aux abonn[ée]s|sie sind bereits abonnent|sie haben \d+ ?(prozent|%) dieses artikels gelesen|jetzt testen|suscr[íi]bete a .{1,40} por)\b.{0,80}$"#,
            maxWords: 20,
            triggers: [
                "abonnez", "abonneer", "zaloguj", "prenumerera", "abbonati", "sei ", "este ", "assinatura", "assine", "subscribe now",
                "get unlimited", "already", "előfizet", "elofizet", "berlangganan", "abonner", "article r", "sie sind bereits",
                "sie haben", "jetzt testen", "suscr",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "byline",
            #"^(propos recueillis par|texte|autor|autorin|author|auteur|tekst|text|reporter)\s*:?\s+(?-i:\p{Lu}[\p{L}\p{M}'’.\-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.\-]*){0,3})$"#,
            maxWords: 8, triggers: ["propos", "texte", "autor", "author", "auteur", "tekst", "text", "reporter"],
            triggersStartLine: true),
        BoilerplatePattern(
            "copyright", #"^(riproduzione riservata|todos los derechos reservados|alle rechten voorbehouden|wszelkie prawa zastrzeżone|tous droits réservés)\b"#,
            maxWords: 12, triggers: ["riproduzione", "todos los", "alle rechten", "wszelkie", "tous droits"], triggersStartLine: true),
        BoilerplatePattern(
            "navigation",
            #"^(menu|search|suche|buscar|rechercher|cerca|zoeken|szukaj|sök|sign in or register|skip navigation|jump to (main )?content|back to top|(zurück )?nach oben|retour en haut|volver arriba|torna su|voltar ao topo|terug naar boven|do góry|till(baka till)? toppen|til toppen|zpět nahoru|[îi]napoi sus|takaisin ylös|hem|forside(n)?|úvod|acas[ăa]|etusivu|strona główna|startseite|inicio|accueil|home)$"#,
            maxWords: 4,
            triggers: [
                "menu", "search", "suche", "buscar", "rechercher", "cerca", "zoeken", "szukaj", "sök", "sign in or", "skip", "jump",
                "back to", "nach oben", "zurück", "retour", "volver", "torna", "voltar", "terug", "do g", "till", "til ", "zpět",
                "înapoi", "\u{00CE}napoi", "inapoi", "takaisin", "hem", "forside", "úvod", "\u{00DA}vod", "acas", "etusivu", "strona",
                "startseite", "inicio", "accueil", "home",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "reading-time",
            #"^(lecture|lettura|leestijd|czas czytania|lästid|lectura|timp de citire|lesetid|læsetid|lukuaika|doba čtení)\s*:?\s*(ok\.?\s*|ca\.?\s*|cca\.?\s*|circa\s*)?[0-9]+\s*(min|minutes?|minute|minuti|minuten|minuter|minutter|minuuttia|minut|minuty|minutos)\.?( read)?$|^⏱|^(lyt til artiklen|lyssna på artikeln|lyssna|hören|anhören|vorlesen|ouvir( not[íi]cia| o artigo| artigo)?|escuchar|ascolta|écouter|kuuntele( artikkeli)?|poslechněte si článek|poslechnout|ascult[ăa] articolul|posłuchaj( artykułu)?|listen( now)?( \(\d+ ?min\))?|play|audio:? artikel anh[öo]ren|ou[çc]a (este artigo|a not[íi]cia)|your browser does not support the (audio|video)( element| tag)?\.?|(olvas[áa]si id[őo]|lesetid|waktu baca|temps de lectura)\s*:?\s*[0-9]+\s*(perc|min(utter)?|menit|minuts)\.?)$"#,
            maxWords: 8,
            triggers: [
                "lecture", "lettura", "leestijd", "czas", "lästid", "⏱", "lectura", "timp", "lesetid", "læsetid", "lukuaika", "doba",
                "lyt", "lyssna", "hören", "anhören", "vorlesen", "ouvir", "escuchar", "ascolta", "écouter", "\u{00C9}couter", "kuuntele",
                "poslech", "ascult", "posłuchaj", "listen", "play", "audio", "ouça", "ouca", "your browser", "olvas", "waktu",
                "temps",
            ],
            triggersStartLine: true),
        // Labels of cross-links and "most read" lists, in more languages (alone, or with their link).
        BoilerplatePattern(
            "related",
            #"^(you (might|may) have missed|lire (également|egalement)|les (articles )?(les )?plus (consultés|consultes|lus)|lo m[áa]s visto|mais (populares|vist[oa]s)|najpopularniejsze|mest (läst|lästa|læste|lest|leste)|läs (också|även|mer)|læs (også|mere)|les også|čtěte (také|též|i)|přečtěte si (také|též|i)|nejčtenější|související (články|zprávy)|cite[șs]te (și|si)|cele mai (citite|populare)|articole (similare|recomandate)|lue myös|luetuimmat( uutiset)?|suosituimmat|lesen sie dazu|siehe auch|articoli correlati|not[íi]cies relacionades|les m[ée]s llegides|m[áa]s noticias|mais not[íi]cias|kapcsol[óo]d[óo] cikkek|legolvasottabb|berita terkait|baca juga|terpopuler|relaterte saker|mest lest|more in [^:]{1,40}|vous aimerez aussi|noticias relacionadas|(as )?mais lidas|zum thema|te recomendamos|mehr nachrichten aus [^:]{1,40})\s*([:|»>]|[-–—]\s|$)"#,
            maxWords: 30,
            triggers: [
                "you ", "lire", "les ", "lo m", "mais ", "najpop", "mest ", "läs ", "læs ", "čtěte", "\u{010C}těte", "přečtěte",
                "nejčten", "souvisej", "citește", "citeste", "cele mai", "articole", "lue ", "luetuimm", "suosituimm", "lesen sie dazu",
                "siehe auch", "articoli", "notícies", "noticies", "les m", "más ", "mas ", "mais ", "kapcsol", "legolvas", "berita",
                "baca", "terpopuler", "relaterte", "mest ", "more in", "vous aimerez", "noticias", "as mais", "zum thema", "te recomendamos",
                "mehr nachrichten",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "next-article",
            #"^(n[äa]sta artikel|n[æa]ste artikel|další článek|articolul urm[ăa]tor|urm[ăa]torul articol|seuraava artikkeli|następny artykuł|volgend artikel|pr[óo]ximo artigo|siguiente art[íi]culo)\s*[:»>]?$"#,
            maxWords: 4,
            triggers: ["nästa", "nasta", "næste", "naeste", "další", "dalsi", "articolul", "următorul", "urmatorul", "seuraava", "następny", "volgend", "próximo", "proximo", "siguiente"],
            triggersStartLine: true),
        BoilerplatePattern(
            "advertisement",
            #"^(advert|annons|annonse|reklame|publicitate|mainos|ogłoszenie|inzerce|(the )?(story|article) continues (after|below) (this )?(ad|advert|advertisement)|continu[ea] a ler (depois|após|apos) (do|o) an[úu]ncio|continua (após |apos |depois d)a publicidade|hirdet[ée]s|publicitat|iklan|scroll to continue( with content)?|la noticia contin[úu]a (tras|despu[ée]s de) la publicidad|l'article continue (après|sous) (cette|la) publicit[ée]|artikel wird nach der anzeige fortgesetzt)$"#,
            maxWords: 10,
            triggers: [
                "advert", "annons", "reklame", "publicitate", "mainos", "ogłoszenie", "inzerce", "the story", "the article",
                "story continues", "article continues", "continu",
                "la noticia", "l'article", "artikel wird", "hirdet", "publicitat", "iklan", "scroll",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "share",
            #"^((share|partager|partilhar|sdílet|distribuie|del|dela|jaa|teilen|condividi|compartir|compartilhar|compartilhe|comparteix|megoszt[áa]s|bagikan|invia|envoyer|skopiuj|kopiér|kopiera|kopioi|udostępnij)( (this|artikkelen|saken|cikket|berita))?( (on|sur|par|na|pe|på|auf|su|en|no|per|via|di|a)( [\w\-.]+( \w+)?)?)?|skopiuj link|kopiér link(et)?|kopioi linkki|zkopírovat odkaz|copiaz[ăa] link-?ul|(gift|save) (this )?(article|story)|(kindly )?share this (story|article|post)\s*:?|text size|drucken|imprimer|imprimir|stampa)$"#,
            maxWords: 5,
            triggers: [
                "share", "partager", "partilhar", "sdílet", "sdilet", "distribuie", "del", "jaa", "teilen", "condividi", "compartir",
                "compartilhar", "invia", "envoyer", "skopiuj", "kopiér", "kopiera", "kopioi", "udostępnij", "zkopírovat", "copiaz",
                "gift", "save", "comparteix", "compartilhe", "megoszt", "bagikan", "kindly", "text size", "drucken", "imprimer",
                "imprimir", "stampa",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "comments",
            #"^(napisz komentarz|skomentuj|dodaj komentarz|vstoupit do diskuse|diskuse( \(\d+\))?|přidat komentář|las[ăa] un comentariu|trimite comentariul|comentarii( \(\d+\))?|skriv en kommentar|kommentoi|kommentit( \(\d+\))?|\d+ (réactions?|komentářů|komentáře|komentarzy|komentarze|comentarii|kommentarer|kommentit|kommentaarit)|réagir à cet article|reagir a (esta not[íi]cia|este artigo)|seja o primeiro a comentar|s[ée] el primero en comentar|be the first to comment|your (name|comment)|name|post|submit( (a |your )?comment)?|send( comment)?|show comments|comments? \(\d+\)|kommentare anzeigen.{0,8}|afficher les commentaires|(comentario|nombre|correo electr[óo]nico|e-?mail|website|sitio web|web|name|comment|commento|nome|reactie|naam|kommentar|navn)\s*\*|publicar comentario|commenta|bekijk (alle )?reacties|coment[áa]rios \(\d+\)|hozz[áa]sz[óo]l[áa]sok( \(\d+\))?|join the conversation( \(\d+\))?|komentar \(\d+\)|kommentar verfassen|connectez-vous pour commenter|normas de participaci[óo]n|forum)$"#,
            maxWords: 6,
            triggers: [
                "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "napisz", "skomentuj", "dodaj", "vstoupit", "diskuse", "přidat",
                "las", "trimite", "comentarii", "skriv", "kommentoi", "kommentit", "réagir", "\u{00C9}agir", "reagir", "seja", "sé",
                "se el", "be the first", "your ", "name", "post", "submit", "send", "show", "comment", "kommentare", "afficher",
                "nombre", "correo", "e-mail", "email", "website", "sitio", "web", "commento", "nome", "reactie", "naam", "kommentar",
                "navn", "publicar", "commenta", "bekijk", "coment", "hozz", "join the", "komentar", "connectez", "normas", "forum",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "comments",
            #"\b(comments? (are|is|will be) (screened|reviewed|moderated|checked|pre-moderated)|para comentar (es necesario|debes|tienes que)|komentarze (są )?publikowane|redakcja nie odpowiada za|adresa ta de e-?mail nu va fi publicat|(din|jeres?) e-?mail(adresse)? (vil|bliver|kommer) ikke|sähköpostiosoitettasi ei julkaista|e-mailová adresa nebude zveřejněna|je e-?mailadres wordt niet gepubliceerd|votre adresse (e-?mail|de messagerie) ne sera pas publi[ée]e|tu (direcci[óo]n de )?correo( electr[óo]nico)? no ser[áa] publicad[ao]|o seu (endere[çc]o de )?e-?mail n[ãa]o ser[áa] publicado|guardar mi nombre|salvar (o )?meu nome|enregistrer mon nom|save my name|este sitio usa (akismet|un filtro)|hozz[áa]sz[óo]l[áa]s [íi]r[áa]s[áa]hoz|untuk berkomentar|geben nicht die meinung der redaktion wieder)"#,
            maxWords: 40,
            triggers: [
                "comments are", "comment is", "comments is", "comments will", "comment will", "para comentar", "komentarze",
                "redakcja", "adresa ta", "din e", "jere", "mailadres", "votre adresse",
                "o seu ", "sähköpostiosoit", "e-mailová", "correo",
                "guardar", "salvar", "enregistrer", "save my", "este sitio", "írásához", "irasahoz", "berkomentar", "meinung der redaktion",
            ]),
        BoilerplatePattern(
            "cookies",
            #"\b(website|site|seite|webseite|sitio|sito|portal|stránk[ay]|stránek|witryna|serwis|webbplats(en)?|hjemmeside(n)?|sivusto|site-ul|wij|we|nous|wir|vi|používáme|folosim|käytämme|weboldal|oldal|nettstedet|lloc|situs|kami)\b.{0,40}\b(verwendet|nutzt|utilise|utilisons|utiliza|utilizamos|usa|usamos|utilizza|utilizziamo|gebruik(t|en)|używa|używamy|använder|bruger|bruker|používá|používáme|folose[șs]te|folosim|käyttää|käytämme|haszn[áa]l|utilitza|utilitzem|menggunakan|uses?)\b.{0,40}(cookies?|cookie-uri|evästeitä|soubory cookie|informasjonskapsler|s[üu]tiket|galetes)|^cookies on [^.]{1,40}$|^(accept|reject) (additional|optional|analytics|all) cookies$"#,
            maxWords: 45, triggers: ["cookie", "evästeit", "informasjonskapsl", "sütiket", "sutiket", "galetes"]),
        BoilerplatePattern(
            "paywall",
            #"^(bli prenumerant|bliv abonnent|iniciar sess[ãa]o|je m'abonne\b.{0,60}|cet article est r[ée]serv[ée] aux abonn[ée]s.{0,40}|d[ée]j[àa] inscrit.{0,30}|staňte se předplatitelem.{0,40}|aboneaz[ăa]-te.{0,40}|tilaa\b.{0,40}|log ind|logga in|přihlásit se|conectare|autentificare|kirjaudu( sisään)?|log in to continue.{0,20}|create (a free )?account)$"#,
            maxWords: 16,
            triggers: [
                "bli ", "bliv", "iniciar", "je m", "cet article", "déjà", "deja", "d\u{00C9}j", "staňte", "abonea", "tilaa", "log ind",
                "logga", "přihlásit", "conectare", "autentificare", "kirjaudu", "log in", "create",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "promotion",
            #"\b(sledujte nás|urm[ăa]re[șs]te|följ oss|følg os[s]?|seuraa meitä|siga (o nosso canal|a|o)|join our (signal|whatsapp|telegram)|folgen sie|receba as not[íi]cias|ikuti (juga )?kami|gabung|segueix-nos|k[öo]vessen? minket)\b.{0,80}\b(google (news|zprávách|uutiset|nyheter|nyheder|not[íi]cias|hírek)|whatsapp|telegram|signal|facebook|instagram|tiktok|kanal|canal|kanál|group|channel|saluran)\b|^pobierz aplikacj[ęe]\b|^(descarga|descarregue|baixe) (nuestra|a nossa|nossa) app\b|^clique aqui e participe\b|^follow @\w+|^prefer to listen\?"#,
            maxWords: 30,
            triggers: [
                "sledujte", "urmărește", "urmareste", "följ", "følg", "seuraa", "siga", "join our", "folgen sie", "receba", "ikuti",
                "gabung", "segueix", "kövess", "kovess", "pobierz", "descarga", "descarregue", "baixe", "clique aqui", "follow @",
                "prefer to listen",
            ]),
        BoilerplatePattern(
            "byline",
            #"^(?:written by|words by|interview by|interviewed by|report(?:ing)? by|story by|text by|photos? by|by|texto|teksti|tekst|fotos?|kuvat?|bilder?|zdjęcia?|zdjęcie|snímky?|de|af|od|per|penulis|szerz[őo]|kirjoittanut)\s*:?\s+(?-i:\p{Lu}[\p{L}\p{M}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|van|von|de|der|den|da|del|della|di|du|le|la|y|e|i|and|und|et))*)(?:\s*[,|]\s*[^.!?]{0,60}|\s+(?:at|in|en|à|i|w|ve|la)\s+[^.!?]{0,50}|\s*[|·]\s*\S+@\S+)?$|^(staff report|(staff|senior|chief|health|political|business|education|sports?|crime|court|local|city|arts|features|metro|community|environment) (reporter|correspondent|writer|editor)(, [^.]{1,40})?|journalist|reporter|correspondent|redakt[øo]r|[úu]js[áa]g[íi]r[óo]|wartawan)$"#,
            maxWords: 12,
            triggers: [
                "written", "words", "interview", "report", "story", "text", "photo", "texto", "teksti", "tekst", "foto", "kuva", "bild",
                "zdj", "snímk", "de ", "af ", "od ", "kirjoittanut", "by ", "per ", "penulis", "szerz", "staff", "senior", "chief",
                "health", "political", "business", "education", "sport", "crime", "court", "local", "city", "arts", "features", "metro",
                "community", "environment", "journalist", "reporter", "correspondent", "redakt", "újság", "ujsag", "wartawan",
            ],
            triggersStartLine: true),
        BoilerplatePattern(
            "copyright",
            #"\b(all rights reserved|alle rettigheder forbeholdes|alla rättigheter förbehållna|všechna práva vyhrazena|toate drepturile rezervate|kaikki oikeudet pidätetään|alle rechte vorbehalten|tutti i diritti riservati|todos os direitos reservados|reproduction without permission is prohibited|this content is copyright)\b"#,
            maxWords: 30,
            triggers: ["all rights", "alle rettigheder", "alla rättigheter", "všechna práva", "toate drepturile", "kaikki oikeudet", "alle rechte", "tutti i diritti", "todos os direitos", "reproduction", "this content"]),
        // Last, so that a line another class also reads ("Read more:" before a list of links, a
        // related-links label) keeps that class and what it implies for the lines after it.
        // A teaser's link to the rest of itself, alone on its line, with at most the post's title
        // in quotes and an arrow or dots after it ("Continue reading “Title” →", "Read more…").
        BoilerplatePattern(
            "read more",
            #"^(read more|read on|keep reading|continue reading|read the rest( of (this|the) (entry|post|article|story))?|read the full (story|article|post)|more|weiterlesen|lire la suite|leer m[áa]s|seguir leyendo|continua a leggere|continuar lendo|leia mais|lees verder|lees meer|czytaj dalej|l[äa]s mer|les mer|l[æe]s mere)(\s*[“"'‘«].{1,160}[”"'’»])?[\s.…:»›>→⟶\-–—)\]]*$"#,
            maxWords: 30,
            triggers: [
                "read", "keep reading", "continue", "more", "weiterlesen", "lire la suite", "leer m", "seguir leyendo",
                "continua", "leia mais", "lees ", "czytaj dalej", "läs mer", "las mer", "les mer", "læs mere", "laes mere",
            ],
            triggersStartLine: true),
        // The footer a blog platform adds to every post it syndicates ("The post Title appeared first
        // on Site.", "This entry was posted in News. Bookmark the permalink.").
        BoilerplatePattern(
            "syndication footer",
            #"^(the post .{1,200} appeared first on .{1,120}|this (entry|post) was posted (in|on) .{1,200}bookmark the permalink)\W*$"#,
            maxWords: 60, triggers: ["the post ", "this entry", "this post"], triggersStartLine: true),
    ]
}

