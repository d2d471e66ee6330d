import FuzzDriver
import GallraCore

// The register file (`gallra register check`, the admin UI's upload): any text gives a register or
// problems with their lines, and a register that reads exports.
Fuzzing.run { bytes in
    let yaml = String(decoding: bytes, as: UTF8.self)
    let check = RegisterReader.check(yaml: yaml)
    guard let register = check.register else {
        if check.problems.isEmpty { Fuzzing.violated("no register and no problem said why") }
        return
    }
    _ = register.exportJSON(language: .en)
    _ = register.exportCSV(language: .sv)
}
