import TidingsCore
import XCTest

@testable import TidingsClean

final class TextNormalizerTests: XCTestCase {
    func testWhiteSpaceOfEveryKindCollapsesToOneSpaceAndIsTrimmed() {
        XCTAssertEqual(TextNormalizer.normalize("\u{3000} a\u{00A0}\u{2009}b\t\u{202F}c\n\u{205F}"), "a b c")
    }

    func testInvisibleAndControlCharactersAreRemoved() {
        XCTAssertEqual(TextNormalizer.normalize("co\u{00AD}op\u{200B}era\u{FEFF}tive\u{7F}\u{85}s\u{2060}"), "cooperatives")
        XCTAssertEqual(TextNormalizer.normalize("a\u{1}b"), "a b")
    }

    func testTextIsPutInNFC() {
        XCTAssertEqual(TextNormalizer.normalize("Cafe\u{301} cre\u{300}me"), "Café crème")
        XCTAssertEqual(TextNormalizer.normalize("Cafe\u{301}").unicodeScalars.count, 4)
        // U+2000 is canonically U+2002; both are spaces.
        XCTAssertEqual(TextNormalizer.normalize("a\u{2000}b"), "a b")
    }

    func testTextThatNeedsNothingComesBackAsItWas() {
        for text in ["Plain ASCII.", "“Quotes” – dashes — and €5", "Кириллица и ελληνικά", "日本語のテキスト", "emoji 🎉 ok"] {
            XCTAssertEqual(TextNormalizer.normalize(text), text)
        }
    }

    func testComparableHashIsTheHashOfTheComparableForm() {
        XCTAssertEqual(TextNormalizer.comparableHash("“Hello,” she said."), TextNormalizer.comparableHash("hello she SAID"))
        XCTAssertNotEqual(TextNormalizer.comparableHash("hello she said"), TextNormalizer.comparableHash("hello, he said"))
        XCTAssertEqual(TextNormalizer.comparable("Ünïcode, Straße!"), "ünïcode straße")
        XCTAssertNil(TextNormalizer.comparableHash("— … ·"))
    }

    /// Stored articles keep the hashes they were stored with: the hash made without the comparable
    /// string is the hash of that string.
    func testContentHashIsTheHashOfTheComparableForm() {
        for text in ["", "— …", "“Hello,” she said.\nSecond line!", "Ünïcode, Straße! İstanbul 42", "日本語 テキスト"] {
            XCTAssertEqual(ArticleCleaner.contentHash(of: text), ContentHash.hex(of: TextNormalizer.comparable(text)), text)
        }
    }
}
