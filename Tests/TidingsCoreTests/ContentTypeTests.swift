import TidingsCore
import XCTest

final class ContentTypeTests: XCTestCase {
    func testCharsetParameterIsFoundWhateverItsCaseSpacingAndQuotes() {
        XCTAssertEqual(ContentType.charset(of: "application/rss+xml; charset=utf-8"), "utf-8")
        XCTAssertEqual(ContentType.charset(of: "text/xml;charset=\"ISO-8859-1\""), "ISO-8859-1")
        XCTAssertEqual(ContentType.charset(of: "text/html; CharSet = 'windows-1252' "), "windows-1252")
        XCTAssertEqual(ContentType.charset(of: "text/xml; boundary=x; charset=koi8-r"), "koi8-r")
        XCTAssertEqual(ContentType.charset(of: "text/html;\tcharset=Shift_JIS"), "Shift_JIS")
    }

    func testNoCharsetParameterIsNil() {
        XCTAssertNil(ContentType.charset(of: "text/xml"))
        XCTAssertNil(ContentType.charset(of: "text/xml; charset="))
        XCTAssertNil(ContentType.charset(of: "text/xml; charset=\"\""))
        XCTAssertNil(ContentType.charset(of: "text/xml; charsets=utf-8"))
        XCTAssertNil(ContentType.charset(of: "text/xml; xcharset=utf-8"))
        XCTAssertNil(ContentType.charset(of: "charset=utf-8"), "the media type itself is not a parameter")
    }
}
