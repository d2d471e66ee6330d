import Foundation
import FuzzDriver
import GallraCore

// The controller's own mail templates (`gallra serve --mail-templates DIR`): any file gives
// templates or an error naming the file, and a template that is taken renders. The first byte
// chooses which message and language the file stands for. MailTemplates.swift is GallraServices'
// own file, linked here (MailTemplates*.swift are symbolic links) so that this harness does not
// build the store.
let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "gallra-fuzz-mail-\(ProcessInfo.processInfo.processIdentifier)")
try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
let keys = MailTemplates.Message.allCases.flatMap { message in
    Language.allCases.map { (message, $0, "\(message.rawValue).\($0.rawValue)") }
}

Fuzzing.run { bytes in
    guard let first = bytes.first else { return }
    let (message, language, key) = keys[Int(first) % keys.count]
    let file = directory.appendingPathComponent("\(key).txt")
    try! Data(bytes.dropFirst()).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    guard let templates = try? MailTemplates.overriding(from: directory.path) else { return }
    let values = Dictionary(uniqueKeysWithValues: message.placeholders.map { ($0, "{{\($0)}}") })
    let (subject, lines) = templates.render(message, language, values)
    _ = (subject.count, lines.count)
}
