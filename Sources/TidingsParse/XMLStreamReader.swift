import Foundation
import CLibXML2

/// libxml2's streaming reader (xmlTextReader) as a Swift class. Every libxml2 pointer of the
/// parser lives here and dies with it: callers see strings and positions only.
final class XMLStreamReader {
    enum NodeKind { case element, endElement, other }

    /// One problem libxml2 reported, with where.
    struct Diagnostic {
        var line: Int
        var message: String
        var isFatal: Bool
    }

    private let reader: xmlTextReaderPtr
    private let diagnosticsBox = DiagnosticsBox()

    /// Reads `bytes` (an XML document); `url` is its address, the base for relative references.
    init?(bytes: UnsafeRawBufferPointer, url: String?) {
        // NONET: never touch the network. No NOENT, DTDLOAD or HUGE: external entities stay
        // unexpanded and entity bombs fail fast (see docs/platform-notes or the shared notes).
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        guard
            let reader = xmlReaderForMemory(
                bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), url, nil, options)
        else { return nil }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                let box = Unmanaged<DiagnosticsBox>.fromOpaque(context).takeUnretainedValue()
                let raw = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
                box.diagnostics.append(
                    Diagnostic(
                        line: Int(error.pointee.line),
                        message: raw.trimmingCharacters(in: .whitespacesAndNewlines),
                        isFatal: error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue))
            }, Unmanaged.passUnretained(diagnosticsBox).toOpaque())
    }

    deinit { xmlFreeTextReader(reader) }

    var diagnostics: [Diagnostic] { diagnosticsBox.diagnostics }

    /// Moves to the next node. False at the end of the document or at a fatal error.
    @discardableResult
    func read() -> Bool { advanced(xmlTextReaderRead(reader)) }

    /// Moves past the current node and its whole subtree. False at the end or at a fatal error.
    @discardableResult
    func skip() -> Bool { advanced(xmlTextReaderNext(reader)) }

    /// How many times the reader moved: lets a walker see whether a handler consumed its node.
    private(set) var moves = 0
    /// True once the document ended or broke.
    private(set) var finished = false

    private func advanced(_ result: Int32) -> Bool {
        moves += 1
        finished = result != 1
        return !finished
    }

    var kind: NodeKind {
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue): return .element
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): return .endElement
        default: return .other
        }
    }

    var depth: Int { Int(xmlTextReaderDepth(reader)) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    var localName: String { string(xmlTextReaderConstLocalName(reader)) ?? "" }
    var namespaceURI: String { string(xmlTextReaderConstNamespaceUri(reader)) ?? "" }
    /// The base URI in force at this node: xml:base attributes applied over the document's URL.
    var baseURI: String? { string(xmlTextReaderConstBaseUri(reader)) }
    var language: String? { string(xmlTextReaderConstXmlLang(reader)) }
    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// An attribute without namespace, by name.
    func attribute(_ name: String) -> String? { owned(xmlTextReaderGetAttribute(reader, name)) }

    /// An attribute in a namespace, by local name.
    func attribute(_ localName: String, namespace: String) -> String? {
        owned(xmlTextReaderGetAttributeNs(reader, localName, namespace))
    }

    /// The text of the current element and its descendants, entities decoded.
    func elementText() -> String { owned(xmlTextReaderReadString(reader)) ?? "" }

    /// The markup inside the current element, as XML.
    func innerXML() -> String { owned(xmlTextReaderReadInnerXml(reader)) ?? "" }

    /// Resolves `reference` against `base` as RFC 3986 says; the reference itself when that fails.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        guard let built = xmlBuildURI(reference, base) else { return reference }
        defer { tidings_xml_free(built) }
        return String(cString: built)
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private func owned(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        defer { tidings_xml_free(pointer) }
        return String(cString: pointer)
    }
}

private final class DiagnosticsBox {
    var diagnostics: [XMLStreamReader.Diagnostic] = []
}
