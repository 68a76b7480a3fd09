import TidingsTestSupport
import XCTest

@testable import TidingsClean

/// Hundreds of filter-evasion vectors (Tests/Fixtures/xss/vectors.txt, written for Tidings): the safe
/// HTML of each, parsed again as a browser would parse it, holds only allowlisted tags and
/// attributes and only safe URL schemes; the benign parts marked `# keep:` survive.
final class XSSVectorTests: XCTestCase {
    struct Vector {
        var title: String
        var keep: [String]
        var html: String
    }

    func loadVectors() throws -> [Vector] {
        let text = try Fixtures.text("xss/vectors.txt")
        var vectors: [Vector] = []
        for record in text.components(separatedBy: "\n----\n") {
            var title = ""
            var keep: [String] = []
            var body: [Substring] = []
            for line in record.split(separator: "\n", omittingEmptySubsequences: false) {
                if body.isEmpty && line.hasPrefix("# keep: ") {
                    keep.append(String(line.dropFirst("# keep: ".count)))
                } else if body.isEmpty && line.hasPrefix("# ") {
                    title = String(line.dropFirst(2))
                } else {
                    body.append(line)
                }
            }
            let html = body.joined(separator: "\n")
            if !html.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                vectors.append(Vector(title: title, keep: keep, html: html))
            }
        }
        return vectors
    }

    func testNoVectorSurvivesTheSafeHTML() throws {
        let vectors = try loadVectors()
        XCTAssertGreaterThan(vectors.count, 300)
        let cleaner = ArticleCleaner()
        for vector in vectors {
            let output = cleaner.clean(html: vector.html, baseURL: "https://news.example/a/story").html ?? ""
            for problem in problems(in: HTMLDocumentParser.parse(output)) {
                XCTFail("\(vector.title): \(problem)\n  input:  \(vector.html)\n  output: \(output)")
            }
            for kept in vector.keep where !output.contains(kept) {
                XCTFail("\(vector.title): lost \"\(kept)\"\n  output: \(output)")
            }
        }
    }

    func testHostileVectorsInsideAWholePageAreDroppedToo() throws {
        let vectors = try loadVectors()
        let body = vectors.map { "<p>\($0.html)</p>" }.joined(separator: "\n")
        let page = "<html><head><title>t</title></head><body><article><p>" + String(repeating: "An article sentence, with commas, and enough words to score. ", count: 20)
            + "</p>\(body)</article></body></html>"
        guard let output = ArticleCleaner().clean(page: page, url: "https://news.example/")?.html else {
            return XCTFail("no article found")
        }
        for problem in problems(in: HTMLDocumentParser.parse(output)) { XCTFail(problem) }
    }

    /// What a browser could run or load from the tree: tags or attributes outside the allowlist,
    /// URL attributes with a scheme other than http, https, mailto (links) or data:image (images).
    private func problems(in nodes: [HTMLNode]) -> [String] {
        var found: [String] = []
        func visit(_ node: HTMLNode) {
            guard case .element(let element) = node else { return }
            if let allowed = SafeHTML.allowedTags[element.name] {
                for (name, value) in element.attributes {
                    if !(allowed.contains(name) || (element.name == "a" && name == "rel")) {
                        found.append("attribute \(name) on <\(element.name)>")
                    }
                    if SafeHTML.urlAttributes.contains(name) {
                        if let problem = urlProblem(value, tag: element.name) { found.append(problem) }
                    } else if name == "srcset" {
                        for candidate in value.split(separator: ",") {
                            let url = candidate.split(separator: " ").first.map(String.init) ?? ""
                            if let problem = urlProblem(url, tag: element.name) { found.append(problem) }
                        }
                    }
                }
            } else if element.name != "html" && element.name != "body" {
                found.append("tag <\(element.name)>")
            }
            element.children.forEach(visit)
        }
        nodes.forEach(visit)
        return found
    }

    private func urlProblem(_ url: String, tag: String) -> String? {
        let lower = url.lowercased().filter { !$0.isWhitespace }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return nil }
        if tag == "a" && lower.hasPrefix("mailto:") { return nil }
        if (tag == "img" || tag == "source")
            && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: lower.hasPrefix)
        {
            return nil
        }
        return "URL \(url) on <\(tag)>"
    }
}
