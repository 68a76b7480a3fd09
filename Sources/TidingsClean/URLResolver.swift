import CLibXML2

/// Relative references made absolute, as RFC 3986 says (through libxml2's xmlBuildURI).
enum URLResolver {
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        guard let built = xmlBuildURI(reference, base) else { return reference }
        defer { tidings_xml_free(built) }
        return String(cString: built)
    }
}
