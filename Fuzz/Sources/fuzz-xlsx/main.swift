import Foundation
import FuzzDriver
import GallraCore
import GallraImport
import ZIPFoundation

// An .xlsx workbook (`gallra register import`, the admin UI's upload). An input that starts with
// "PK" is the file itself, to fuzz the archive; any other input is the workbook's parts as text,
// each after a line `--- PATH`, stored into an archive here, so that the fuzzer reaches the XML and
// the sheets rather than stopping at a checksum. Any bytes give a draft or an error.
func archive(_ text: String) -> Data? {
    guard let archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else { return nil }
    for part in text.components(separatedBy: "--- ").dropFirst().prefix(16) {
        let path = String(part.prefix { $0 != "\n" })
        let body = Data(part.drop { $0 != "\n" }.dropFirst().utf8)
        guard !path.isEmpty else { continue }
        try? archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(body.count), compressionMethod: .none,
            provider: { position, size in body.subdata(in: Int(position)..<Int(position) + size) })
    }
    return archive.data
}

Fuzzing.run { bytes in
    let data: Data?
    if bytes.starts(with: [0x50, 0x4B]) {
        data = Data(bytes)
    } else {
        data = archive(String(decoding: bytes, as: UTF8.self))
    }
    guard let data else { return }
    do {
        _ = try RopaFile.draft(data: data, fileName: "ropa.xlsx")
    } catch let error as RopaImportError {
        if error.description.isEmpty { Fuzzing.violated("a workbook refused with no reason") }
    } catch {
        Fuzzing.violated("an error that is not RopaImportError: \(error)")
    }
}
