import Foundation

/// A file's name in its directory, made durable: after a file is created, its directory is
/// fsync'd, or a crash may forget the file although its contents were synced.
enum DirectoryEntry {
    /// Syncs the directory that holds `path`. Best effort: a directory that cannot be opened
    /// (a file system without directory sync) leaves the entry to the file system's own journal.
    static func sync(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
