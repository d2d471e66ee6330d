import Foundation

extension XLSXWorkbook {
    /// Whether every record of the archive lies within the file, checked before ZIPFoundation reads
    /// it: the end of central directory (as ZIPFoundation finds it), the central directory inside
    /// the file before it, and each entry's local header and data inside the file before the
    /// central directory. ZIPFoundation reads an archive in memory at the offsets it is given and
    /// traps on one past the end (found by fuzzing, docs/fuzzing.md). ZIP64 is refused: a workbook
    /// within the import's limits never needs it.
    static func zipLayoutIsSound(_ data: Data) -> Bool {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
            func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
            func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= bytes.count && u32(at) == value }
            let endSize = 22
            guard bytes.count >= endSize else { return false }
            var end = -1
            for start in stride(from: bytes.count - endSize, through: 0, by: -1) where signature(start, 0x0605_4B50) {
                end = start
                break
            }
            guard end >= 0, end + endSize + u16(end + 20) <= bytes.count else { return false }
            let entries = u16(end + 10)
            let directorySize = u32(end + 12)
            let directory = u32(end + 16)
            guard u16(end + 4) == 0, u16(end + 6) == 0, u16(end + 8) == entries, entries != 0xFFFF,
                directory != 0xFFFF_FFFF, directory + directorySize <= end
            else { return false }
            var position = directory
            for _ in 0..<entries {
                guard position + 46 <= directory + directorySize, signature(position, 0x0201_4B50) else { return false }
                let compressed = u32(position + 20)
                let next = position + 46 + u16(position + 28) + u16(position + 30) + u16(position + 32)
                let local = u32(position + 42)
                guard compressed != 0xFFFF_FFFF, u32(position + 24) != 0xFFFF_FFFF, local != 0xFFFF_FFFF,
                    next <= directory + directorySize, local + 30 <= directory, signature(local, 0x0403_4B50),
                    local + 30 + u16(local + 26) + u16(local + 28) + compressed <= directory
                else { return false }
                position = next
            }
            return true
        }
    }
}
