import FuzzDriver
import GallraCore

// Form bodies (`application/x-www-form-urlencoded`: the sign-in and the public request pages read
// them before any check): any bytes give fields, never more than the limit, and the fields written
// out again, every byte percent-encoded, read back as the same fields.
Fuzzing.run { bytes in
    let pairs = FormEncoding.pairs(bytes)
    let fields = FormEncoding.fields(bytes)
    guard pairs.count <= FormEncoding.fieldLimit, fields.count <= pairs.count else {
        Fuzzing.violated("\(pairs.count) pairs and \(fields.count) fields, beyond \(FormEncoding.fieldLimit)")
    }
    func encoded(_ text: String) -> [UInt8] {
        text.utf8.flatMap { byte in
            let hex = Array("0123456789ABCDEF".utf8)
            return [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
        }
    }
    let written = fields.sorted { $0.key < $1.key }.map { encoded($0.key) + [UInt8(ascii: "=")] + encoded($0.value) }
    let again = FormEncoding.fields(Array(written.joined(separator: [UInt8(ascii: "&")])))
    guard again == fields else { Fuzzing.violated("the fields written out read back as other fields") }
}
