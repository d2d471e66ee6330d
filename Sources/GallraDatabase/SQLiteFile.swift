import Foundation
import GallraCore

/// The store's SQLite files hold sealed personal data and the keyring: readable by their owner
/// only. SQLite creates a database 0644 (less the umask); it gives the -wal and -shm files the mode
/// of their database, so a database created 0600 keeps all three private.
package enum SQLiteFile {
    /// Creates the database file empty with mode 0600 when it does not exist yet, before SQLite
    /// opens it (an empty file is an empty database). An existing file keeps its mode.
    package static func createPrivately(_ path: String) throws(GallraError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
            return
        }
        guard errno == EEXIST else {
            throw GallraError.unavailable(
                "Cannot create the SQLite database \"\(path)\": \(String(cString: strerror(errno))).")
        }
    }
}
