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
    /// no more than the limit is ever held; nil when the part cannot be inflated.
    static func inflate(_ entry: Entry, of archive: Archive, archiveSize: Int, total: inout Int) throws(RopaImportError)
        -> Data?
    {
        // The sizes an archive states are the sender's word; only the compressed one is bounded,
        // by the file itself.
        let compressed = Int(clamping: min(entry.compressedSize, UInt64(archiveSize)))
        let ratioLimit = max(
            Limits.ratioFloor, compressed.multipliedReportingOverflow(by: Limits.compressionRatio).partialValue)
        var bytes = Data()
        var inflated = total
        let path = String(entry.path.prefix(100))
        do {
            _ = try archive.extract(entry) { chunk in
                inflated += chunk.count
                guard bytes.count + chunk.count <= Limits.partBytes else {
                    throw RopaImportError(
                        "the workbook's part \(path) inflates to more than \(RopaLimits.bytes(Limits.partBytes)); the limit is \(RopaLimits.bytes(Limits.partBytes))"
                    )
                }
                guard inflated <= Limits.inflatedBytes else {
                    throw RopaImportError(
                        "the workbook inflates to more than \(RopaLimits.bytes(Limits.inflatedBytes)); the limit is \(RopaLimits.bytes(Limits.inflatedBytes))"
                    )
                }
                guard bytes.count + chunk.count <= ratioLimit else {
                    throw RopaImportError(
                        "the workbook's part \(path) inflates to more than \(Limits.compressionRatio) times its compressed size (as a zip bomb does); the limit is \(Limits.compressionRatio) to 1"
                    )
                }
                bytes.append(chunk)
            }
        } catch let refusal as RopaImportError {
            throw refusal
        } catch {
            return nil
        }
        total = inflated
        return bytes
    }
}
