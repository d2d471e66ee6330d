import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase

extension KeyFile {
    /// A key file others may read or write is refused, as ssh refuses such a private key: whoever
    /// reads it reads every subject's data, and whoever writes it can swap the keys.
    static func checkPermissions(path: String) throws(GallraError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw GallraError.unavailable("Cannot read the key file \"\(path)\".")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw GallraError.unavailable(
                "The key file \"\(path)\" has mode \(String(mode, radix: 8, uppercase: false).leftPadded(to: 4)): its group or others may read or write it, so it is refused. Run: chmod 600 \(path)"
            )
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
