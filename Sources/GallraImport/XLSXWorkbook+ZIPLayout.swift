import Foundation

extension XLSXWorkbook {
    /// Where a part of the archive lies, as its central directory says and its local header
    /// places it: read from the file by Gallra, not by ZIPFoundation (see `inflate`).
    struct ZIPPart {
        /// 0 stored, 8 deflated; any other cannot be read.
        let method: Int
        let dataOffset: Int
        let compressedSize: Int
        let crc32: UInt32
    }

    /// The archive's parts by name, when every record of it lies within the file (nil otherwise),
    /// checked before ZIPFoundation reads it: the end of central directory (as ZIPFoundation finds it), the central directory inside
    /// the file before it, and each entry's local header and data inside the file before the
    /// central directory. ZIPFoundation reads an archive in memory at the offsets it is given and
    /// traps on one past the end (found by fuzzing, docs/fuzzing.md). ZIP64 is refused: a workbook
    /// within the import's limits never needs it.
    static func zipParts(_ data: Data) -> [String: ZIPPart]? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [String: ZIPPart]? in
            func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
            func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
            func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= bytes.count && u32(at) == value }
            let endSize = 22
            guard bytes.count >= endSize else { return nil }
            var end = -1
            for start in stride(from: bytes.count - endSize, through: 0, by: -1) where signature(start, 0x0605_4B50) {
                end = start
                break
            }
            guard end >= 0, end + endSize + u16(end + 20) <= bytes.count else { return nil }
            let entries = u16(end + 10)
            let directorySize = u32(end + 12)
            let directory = u32(end + 16)
            guard u16(end + 4) == 0, u16(end + 6) == 0, u16(end + 8) == entries, entries != 0xFFFF,
                directory != 0xFFFF_FFFF, directory + directorySize <= end
            else { return nil }
            var parts: [String: ZIPPart] = [:]
            var position = directory
            for _ in 0..<entries {
                guard position + 46 <= directory + directorySize, signature(position, 0x0201_4B50) else { return nil }
                let compressed = u32(position + 20)
                let next = position + 46 + u16(position + 28) + u16(position + 30) + u16(position + 32)
                let local = u32(position + 42)
                guard compressed != 0xFFFF_FFFF, u32(position + 24) != 0xFFFF_FFFF, local != 0xFFFF_FFFF,
                    next <= directory + directorySize, local + 30 <= directory, signature(local, 0x0403_4B50),
                    local + 30 + u16(local + 26) + u16(local + 28) + compressed <= directory
                else { return nil }
                let name = String(
                    decoding: bytes[(position + 46)..<(position + 46 + u16(position + 28))], as: UTF8.self)
                if parts[name] == nil {
                    parts[name] = ZIPPart(
                        method: u16(position + 10), dataOffset: local + 30 + u16(local + 26) + u16(local + 28),
                        compressedSize: compressed, crc32: UInt32(truncatingIfNeeded: u32(position + 16)))
                }
                position = next
            }
            return parts
        }
    }
}
