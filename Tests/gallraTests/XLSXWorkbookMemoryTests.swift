import Foundation
import GallraCore
import GallraImport
import Testing

@Suite("Import: a file that is not a workbook")
struct XLSXWorkbookMemoryTests {
    final class Released: @unchecked Sendable {
        var released = false
    }

    /// Found by fuzzing (Fuzz/, docs/fuzzing.md): ZIPFoundation's archive in memory does not close
    /// what it opened when the file has no end of central directory, and so kept every such upload
    /// (up to the import's size limit) for as long as the server ran.
    @Test("A file named .xlsx that is not a ZIP archive is refused and let go of")
    func notAZipArchiveIsReleased() throws {
        let released = Released()
        do {
            let bytes = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 8)
            bytes.initializeMemory(as: UInt8.self, repeating: 0x50, count: 4096)
            let data = Data(
                bytesNoCopy: bytes, count: 4096,
                deallocator: .custom { pointer, _ in
                    pointer.deallocate()
                    released.released = true
                })
            #expect(throws: RopaImportError.self) { try XLSXWorkbook(data: data) }
        }
        #expect(released.released)
    }
}
