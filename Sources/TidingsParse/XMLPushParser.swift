import CLibXML2

/// libxml2's SAX2 push parser, in recovery mode, feeding an `XMLTreeBuilder`. Every libxml2
/// pointer of the XML path lives in this file and dies with the parser: the builder and the
/// readers see Swift strings only.
///
/// The push parser is used rather than xmlTextReader because the reader stops at the first fatal
/// error even with XML_PARSE_RECOVER, while the parser core goes on and keeps what it can.
final class XMLPushParser {
    /// One problem libxml2 reported, with where.
    struct Diagnostic {
        var line: Int
        var message: String
        var isFatal: Bool
    }

    private let context: xmlParserCtxtPtr
    private let events: Events

    /// - Parameter builder: receives the elements and text, in document order.
    init?(builder: XMLTreeBuilder) {
        events = Events(builder: builder)
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, localName, prefix, uri, _, _, attributeCount, _, attributes in
            guard let context, let localName else { return }
            Unmanaged<Events>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.startElement(localName, prefix, uri, Int(attributeCount), attributes)
            }
        }
        handler.endElementNs = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<Events>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.builder.endElement() }
        }
        let characters: charactersSAXFunc = { context, text, length in
            guard let context, let text, length > 0 else { return }
            Unmanaged<Events>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.builder.characters(UnsafeRawBufferPointer(start: text, count: Int(length)))
            }
        }
        handler.characters = characters
        handler.cdataBlock = characters
        handler.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<Events>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }
        // NONET: never touch the network. RECOVER: go on after errors. IGNORE_ENC: the bytes are
        // UTF-8 by now, whatever the declaration said. Never NOENT, DTDLOAD or HUGE.
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
        guard let context = xmlCreatePushParserCtxt(&handler, Unmanaged.passUnretained(events).toOpaque(), nil, 0, nil) else {
            return nil
        }
        xmlCtxtUseOptions(context, options)
        self.context = context
    }

    deinit {
        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
        xmlFreeParserCtxt(context)
    }

    var diagnostics: [Diagnostic] { events.diagnostics }
    var diagnosticCount: Int { events.diagnosticCount }

    static let pieceLength = 1 << 18

    /// Parses the next piece of the document; `final` on the last one.
    func push(_ bytes: UnsafeRawBufferPointer, final: Bool = false) {
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        var offset = 0
        // In pieces of at most 256 KB: libxml2 without XML_PARSE_HUGE halts ("Huge input lookup")
        // once more than 10 MB of input wait unparsed in its buffer, which a whole body of 13 MB
        // pushed at once did.
        repeat {
            let length = min(bytes.count - offset, Self.pieceLength)
            let last = final && offset + length == bytes.count
            xmlParseChunk(context, base.map { $0 + offset }, Int32(length), last ? 1 : 0)
            offset += length
        } while offset < bytes.count
    }

    /// Stops the parse: nothing more reaches the builder.
    func stop() { xmlStopParser(context) }

    /// The line the parser is on.
    var line: Int { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(context))) }
}

/// The callbacks' side: turns libxml2's C strings into Swift values (interning the names, which
/// libxml2 itself interns) and keeps the diagnostics.
private final class Events {
    let builder: XMLTreeBuilder
    var diagnostics: [XMLPushParser.Diagnostic] = []
    var diagnosticCount = 0
    /// libxml2 interns names in its dictionary: one arena id per pointer.
    private var names: [UnsafePointer<xmlChar>: Int] = [:]
    private var namespaceKeys: [UnsafePointer<xmlChar>: Int] = [:]
    private let noNamespace: Int
    private let xmlNamespace: Int
    private let baseName: Int
    private let langName: Int
    static let diagnosticLimit = 50

    init(builder: XMLTreeBuilder) {
        self.builder = builder
        noNamespace = builder.arena.intern("")
        xmlNamespace = builder.arena.intern(Namespace.xml)
        baseName = builder.arena.intern("base")
        langName = builder.arena.intern("lang")
    }

    private func name(_ pointer: UnsafePointer<xmlChar>) -> Int {
        if let known = names[pointer] { return known }
        let id = builder.arena.intern(String(cString: pointer))
        names[pointer] = id
        return id
    }

    private func namespaceKey(uri: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?) -> Int {
        if let uri {
            if let known = namespaceKeys[uri] { return known }
            let id = builder.arena.intern(Namespace.key(forURI: String(cString: uri)))
            namespaceKeys[uri] = id
            return id
        }
        guard let prefix else { return noNamespace }
        return builder.arena.intern(Namespace.key(forUndeclaredPrefix: String(cString: prefix)))
    }

    func startElement(
        _ localName: UnsafePointer<xmlChar>, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
        _ attributeCount: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard builder.acceptsElement() else { return }
        let arena = builder.arena
        let mark = arena.mark
        var xmlBase: String?
        var xmlLang: String?
        if attributeCount > 0, let attributes {
            for index in 0..<attributeCount {
                // Five pointers per attribute: local name, prefix, URI, value start, value end.
                let field = attributes + index * 5
                guard let local = field[0], let start = field[3], let end = field[4] else { continue }
                let valueStart = arena.bytes.count
                arena.bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: end - start))
                let attribute = XMLArena.Attribute(
                    namespace: namespaceKey(uri: field[2], prefix: field[1]), name: name(local), value: valueStart..<arena.bytes.count)
                if attribute.namespace == xmlNamespace {
                    let value = arena.string(attribute.value)
                    if attribute.name == baseName { xmlBase = value } else if attribute.name == langName { xmlLang = value }
                }
                arena.attributes.append(attribute)
            }
        }
        builder.startElement(
            namespace: namespaceKey(uri: uri, prefix: prefix), name: name(localName), attributes: mark.attributes..<arena.attributes.count,
            xmlBase: xmlBase, xmlLang: xmlLang, mark: mark)
    }

    func record(_ error: xmlError) {
        if error.code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue), let endName = error.str2 {
            builder.mismatchedEndName = String(cString: endName)
        }
        diagnosticCount += 1
        guard diagnostics.count < Self.diagnosticLimit else { return }
        let message = error.message.map { String(cString: $0) } ?? "unknown XML error"
        diagnostics.append(
            XMLPushParser.Diagnostic(
                line: Int(error.line), message: message.trimmingXMLSpace(),
                isFatal: error.level.rawValue >= XML_ERR_ERROR.rawValue))
    }
}

/// RFC 3986 reference resolution (libxml2's xmlBuildURI).
enum URIReference {
    /// `reference` made absolute against `base`; the reference itself when that fails.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        guard let built = xmlBuildURI(reference, base) else { return reference }
        defer { tidings_xml_free(built) }
        return String(cString: built)
    }
}
