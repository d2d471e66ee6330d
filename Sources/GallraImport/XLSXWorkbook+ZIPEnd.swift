import Foundation

extension XLSXWorkbook {
    /// Whether ZIPFoundation will find the archive's end of central directory, looking as it
    /// does: the last `PK\5\6` starting at least 22 bytes before the end, its comment within the
    /// file. Without one, ZIPFoundation's archive in memory does not close what it opened and
    /// keeps the whole file for as long as the process runs (found by fuzzing, docs/fuzzing.md),
    /// so such a file is refused before ZIPFoundation sees it.
    static func hasEndOfCentralDirectory(_ data: Data) -> Bool {
        let recordSize = 22
        return data.withUnsafeBytes { bytes in
            guard bytes.count >= recordSize else { return false }
            for start in stride(from: bytes.count - recordSize, through: 0, by: -1)
            where bytes[start] == 0x50 && bytes[start + 1] == 0x4B && bytes[start + 2] == 5 && bytes[start + 3] == 6 {
                let comment = Int(bytes[start + 20]) | Int(bytes[start + 21]) << 8
                return start + recordSize + comment <= bytes.count
            }
            return false
        }
    }
}
