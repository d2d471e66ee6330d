import Foundation
import GallraCore
import ZIPFoundation

extension XLSXWorkbook {
    /// How far a workbook may inflate. An .xlsx of a register is some kilobytes of XML that
    /// deflate some ten to one; a zip bomb inflates a thousand to one and more.
    public enum Limits {
        /// One part (a sheet, the shared strings), inflated.
        public static let partBytes = 32 * 1024 * 1024
        /// All the parts read, inflated, together.
        public static let inflatedBytes = 64 * 1024 * 1024
        /// Inflated to compressed, for a part that inflates past `ratioFloor`.
        public static let compressionRatio = 100
        public static let ratioFloor = 1024 * 1024
        /// Excel's own: the last column, XFD, and the last row.
        public static let lastColumn = 16_384
        public static let lastRow = 1_048_576
    }

    /// The part's bytes, counted as they inflate and refused the moment a limit is passed, so that
    /// no more than the limit is ever held; nil when the part cannot be inflated (another method, a
    /// damaged stream, a checksum that does not match).
    ///
    /// The compressed bytes are read from where the archive's layout puts them (`zipParts`), and
    /// no further: ZIPFoundation's own extraction reads on past a part's end and, for a deflate
    /// stream that does not end before the file does, loops for ever (found by fuzzing).
    static func inflate(_ part: ZIPPart, named name: String, in data: Data, total: inout Int) throws(RopaImportError)
        -> Data?
    {
        let start = data.startIndex + part.dataOffset
        let compressed = data.subdata(in: start..<(start + part.compressedSize))
        let ratioLimit = max(
            Limits.ratioFloor, part.compressedSize.multipliedReportingOverflow(by: Limits.compressionRatio).partialValue
        )
        var bytes = Data()
        var inflated = total
        let path = String(name.prefix(100))
        let take = { (chunk: Data) throws in
            inflated += chunk.count
            guard bytes.count + chunk.count <= Limits.partBytes else {
                throw RopaImportError(
                    sv:
                        "arbetsbokens del \(path) packas upp till mer än \(RopaLimits.bytes(Limits.partBytes)); gränsen är \(RopaLimits.bytes(Limits.partBytes))",
                    en:
                        "the workbook's part \(path) inflates to more than \(RopaLimits.bytes(Limits.partBytes)); the limit is \(RopaLimits.bytes(Limits.partBytes))"
                )
            }
            guard inflated <= Limits.inflatedBytes else {
                throw RopaImportError(
                    sv:
                        "arbetsboken packas upp till mer än \(RopaLimits.bytes(Limits.inflatedBytes)); gränsen är \(RopaLimits.bytes(Limits.inflatedBytes))",
                    en:
                        "the workbook inflates to more than \(RopaLimits.bytes(Limits.inflatedBytes)); the limit is \(RopaLimits.bytes(Limits.inflatedBytes))"
                )
            }
            guard bytes.count + chunk.count <= ratioLimit else {
                throw RopaImportError(
                    sv:
                        "arbetsbokens del \(path) packas upp till mer än \(Limits.compressionRatio) gånger sin packade storlek (som en zip-bomb gör); gränsen är \(Limits.compressionRatio) till 1",
                    en:
                        "the workbook's part \(path) inflates to more than \(Limits.compressionRatio) times its compressed size (as a zip bomb does); the limit is \(Limits.compressionRatio) to 1"
                )
            }
            bytes.append(chunk)
        }
        do {
            switch part.method {
            case 0:
                try take(compressed)
            case 8:
                _ = try Data.decompress(
                    size: Int64(compressed.count), bufferSize: 64 * 1024, skipCRC32: true,
                    provider: { position, size in
                        // The stream must end within the part: past it there is nothing more to read.
                        guard position >= 0, position < compressed.count else { throw DeflateStream.endedEarly }
                        let from = compressed.startIndex + Int(position)
                        var chunk = compressed.subdata(in: from..<min(from + size, compressed.endIndex))
                        // ZIPFoundation hands zlib `size` bytes whatever a chunk's length, so a
                        // shorter one had zlib read past its buffer (a crash found by fuzzing).
                        // Past the part come zeros: they end no deflate stream, and whatever
                        // they inflate to fails the part's checksum.
                        if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                        return chunk
                    }, consumer: take)
            default:
                return nil
            }
        } catch let refusal as RopaImportError {
            throw refusal
        } catch {
            return nil
        }
        guard bytes.crc32(checksum: 0) == part.crc32 else { return nil }
        total = inflated
        return bytes
    }

    private enum DeflateStream: Error {
        case endedEarly
    }
}
