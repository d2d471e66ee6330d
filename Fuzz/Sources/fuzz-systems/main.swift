import Foundation
import FuzzDriver
import GallraCore

// The systems file (`gallra systems check`), read against the example register its corpus was
// written for: any text gives a file or problems with their lines.
let register: Register = Fuzzing.setUp {
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../examples/customer-contacts.yaml")
    let yaml = try! String(contentsOf: examples, encoding: .utf8)
    return try! RegisterReader.read(yaml: yaml, file: "customer-contacts.yaml")
}

Fuzzing.run { bytes in
    let checked = SystemsReader.check(yaml: String(decoding: bytes, as: UTF8.self), register: register)
    if checked.file == nil && checked.problems.isEmpty { Fuzzing.violated("no file and no problem said why") }
}
