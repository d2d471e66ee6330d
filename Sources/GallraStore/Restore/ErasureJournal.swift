@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase

/// What Gallra erased, kept apart from the data like the keyring (by default beside the key file,
/// `<key file>.erasures`), so that a database restored from a backup can be brought up to date:
/// `gallra restore` erases again whoever the backup brings back (issue 35, item 4).
///
/// Each erasure is written before the transaction that carries it out commits (write-ahead), one
/// line appended with O_APPEND and made durable with fsync; a transaction that then fails appends
/// an `abort` line for it. A line is `MAC JSON`: the MAC is HMAC-SHA256, under a key derived from
/// the key file, of the previous line's MAC and this line's JSON, so whoever can write the file
/// but not read the key file can neither forge, alter, remove nor reorder an entry unnoticed.
///
/// No personal data in clear text: pseudonymous subject ids, record ids, and a connected row's
/// system, table and key; a key that is text (it may be an address) only as an HMAC under the
/// journal's key, by which its row is found again.
public struct ErasureJournal: Sendable {
    public let path: String
    let key: SymmetricKey

    static let label = "gallra erasure journal v1"

    init(path: String, indexKey: SymmetricKey) {
        self.path = path
        self.key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: indexKey, info: Data(Self.label.utf8), outputByteCount: 32)
    }

    /// A connected row's key value as the journal keeps it: a number as it is, text as an HMAC.
    struct KeyPart: Codable, Hashable, Sendable {
        var n: Int64?
        var h: String?
    }

    /// One line's content.
    struct Entry: Codable, Sendable {
        enum Kind: String, Codable, Sendable {
            /// Records erased or anonymised in Gallra's store, and subjects erased whole.
            case store
            /// Rows of a company's own database erased or anonymised.
            case connected
            /// The erasure `of` did not happen: its transaction failed.
            case abort
        }
        var seq: Int
        var at: Int64
        var kind: Kind
        /// What carried the erasure out: `sweep`, `request ID`, `restore`.
        var by: String?
        var erased: [String]?
        var anonymised: [String]?
        var subjects: [String]?
        var system: String?
        var table: String?
        var action: String?
        var keys: [[KeyPart]]?
        var of: Int?
    }

    /// The journal's entries in order, each MAC checked; the erasures an `abort` line undoes left
    /// out. A last line cut short by a crash (no newline) was never reported written: it is left out.
    /// Any other line that does not hold is refused: the journal cannot then be trusted.
    func entries() throws(GallraError) -> (erasures: [Entry], total: Int) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], 0) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GallraError.unavailable("Cannot read the erasure journal \"\(path)\".")
        }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // The piece after the last newline: empty, or a line cut short.
        lines.removeLast()
        var previous = ""
        var entries: [Entry] = []
        var aborted: Set<Int> = []
        for (number, line) in lines.enumerated() {
            let text = String(decoding: line, as: UTF8.self)
            guard let space = text.firstIndex(of: " ") else { throw damaged(line: number + 1) }
            let (mac, body) = (String(text[..<space]), String(text[text.index(after: space)...]))
            guard mac == self.mac(body, after: previous) else { throw damaged(line: number + 1) }
            // try?: a line whose MAC holds but which does not decode is refused just below
            guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(body.utf8)),
                entry.seq == number + 1
            else { throw damaged(line: number + 1) }
            previous = mac
            if entry.kind == .abort, let of = entry.of { aborted.insert(of) } else { entries.append(entry) }
        }
        return (entries.filter { !aborted.contains($0.seq) }, lines.count)
    }

    private func damaged(line: Int) -> GallraError {
        GallraError.integrity(
            "The erasure journal \"\(path)\" does not hold at line \(line): it was altered, or written with another key file. Nothing was replayed."
        )
    }

    func mac(_ body: String, after previous: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data((previous + body).utf8), using: key))
    }

    /// A text key's HMAC, by which the journal names it.
    func digest(_ text: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data("key:\(text)".utf8), using: key))
    }

    func parts(_ key: [KeyValue]) -> [KeyPart] {
        key.map { value in
            switch value {
            case .number(let number): KeyPart(n: number)
            case .text(let text): KeyPart(h: digest(text))
            }
        }
    }
}
