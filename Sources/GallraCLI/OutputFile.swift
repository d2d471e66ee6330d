import Foundation

#if canImport(Glibc)
    // stat and its fields, as Foundation's CoreFoundation declares them here.
    import CoreFoundation
    import Glibc
#endif

/// Where `--out` and `--output` write. A regular file (or a new name) is written whole or not at
/// all: to a temporary file beside it, then renamed over it, so a failure never leaves half a
/// file. Anything else is never replaced by a rename: a character device or a pipe (`/dev/null`,
/// `/dev/stdout`, `>(gzip > x)`) is written to as it is, as the shell's `>` would; a directory or
/// another kind of file is refused by name.
enum OutputFile {
    static func write(_ data: Data, to path: String, newFileMode: mode_t = 0o644) throws(CLIError) {
        if let descriptor = standardDescriptor(path) {
            try writeAll(data, to: descriptor, path: path)
            return
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            guard errno == ENOENT else { throw CLIError("Cannot write to \"\(path)\": \(reason()).") }
            var link = stat()
            if lstat(path, &link) == 0 {
                throw CLIError("\"\(path)\" is a symbolic link to nothing; give a file name.")
            }
            try replace(path, with: data, mode: newFileMode, keepingMode: false)
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            // Through a symbolic link to the file it names, which is the one replaced.
            let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            try replace(target, with: data, mode: status.st_mode & 0o7777, keepingMode: true)
        case S_IFCHR, S_IFIFO:
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw CLIError("Cannot write to \"\(path)\": \(reason()).") }
            defer { close(descriptor) }
            try writeAll(data, to: descriptor, path: path)
        case S_IFDIR:
            throw CLIError("\"\(path)\" is a directory; give a file name.")
        default:
            throw CLIError(
                "\"\(path)\" is neither a regular file nor a character device or pipe; give a file name.")
        }
    }

    /// The process's own standard output and error, and `/dev/fd/N`: written through the open
    /// descriptor, so that output the shell appends to (`>>`) is appended to, not overwritten.
    private static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    private static func replace(_ path: String, with data: Data, mode: mode_t, keepingMode: Bool) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            .path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw CLIError("Cannot write to \"\(path)\": \(reason()).") }
        do throws(CLIError) {
            try writeAll(data, to: descriptor, path: path)
            // The file replaced keeps its mode (open's mode passes through the umask).
            if keepingMode { fchmod(descriptor, mode) }
            guard fsync(descriptor) == 0 else { throw CLIError("Cannot write to \"\(path)\": \(reason()).") }
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let why = reason()
            unlink(temporary)
            throw CLIError("Cannot write to \"\(path)\": \(why).")
        }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(CLIError) {
        let failed: Bool = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                offset += written
            }
            return false
        }
        if failed { throw CLIError("Cannot write to \"\(path)\": \(reason()).") }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
