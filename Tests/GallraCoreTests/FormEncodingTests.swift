import GallraCore
import Testing

/// The form decoder reads every body a browser or an attacker can send, and never traps.
@Suite("Form bodies")
struct FormEncodingTests {
    @Test(
        "Bodies that once trapped or could: each gives fields",
        arguments: [
            ("=", ["": ""]), ("", [:]), ("&", [:]), ("&&=&", ["": ""]), ("==", ["": "="]),
            ("a", ["a": ""]), ("a=", ["a": ""]), ("=b", ["": "b"]), ("%", ["%": ""]), ("a=%4", ["a": "%4"]),
            ("a=%zz", ["a": "%zz"]), ("a=%e2%82", ["a": "\u{FFFD}"]), ("a=1&a=2", ["a": "2"]),
        ] as [(String, [String: String])])
    func hostile(body: String, expected: [String: String]) {
        #expect(FormEncoding.fields(Array(body.utf8)) == expected)
    }

    @Test("What browsers send: plus is a space, percent escapes are UTF-8, the first = splits")
    func browsers() {
        let body = "email=anna%40example.se&name=Anna+Andersson&text=%C3%A5r+%26+dag&eq=a%3Db=c"
        #expect(
            FormEncoding.fields(Array(body.utf8)) == [
                "email": "anna@example.se", "name": "Anna Andersson", "text": "år & dag", "eq": "a=b=c",
            ])
    }

    @Test("Bytes that are not UTF-8 are repaired, not refused")
    func invalidUTF8() {
        #expect(FormEncoding.fields([0x61, 0x3D, 0xFF, 0xFE]) == ["a": "\u{FFFD}\u{FFFD}"])
    }

    @Test("A hundred thousand pairs: only the first thousand are read")
    func bounded() {
        let body = Array(repeating: "x=1", count: 100_000).enumerated().map { "f\($0.offset)=1" }.joined(
            separator: "&")
        let fields = FormEncoding.fields(Array(body.utf8))
        #expect(fields.count == FormEncoding.fieldLimit)
        #expect(fields["f0"] == "1" && fields["f999"] == "1" && fields["f1000"] == nil)
    }
}
