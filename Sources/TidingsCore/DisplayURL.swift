/// Addresses as shown to people, in logs (journald keeps them) and on terminals: a password in the
/// address (`https://reader:secret@host/feed`) is not written out. The store and the JSON outputs
/// keep the address whole: it is what the feed is fetched and exported with.
public enum DisplayURL {
    /// `url` with the password of its user information replaced by `***`; unchanged when it has
    /// none.
    public static func string(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = url[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        guard let at = url[authorityStart..<authorityEnd].lastIndex(of: "@"),
            let colon = url[authorityStart..<at].firstIndex(of: ":")
        else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }
}
