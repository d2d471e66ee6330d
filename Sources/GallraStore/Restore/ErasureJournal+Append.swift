import Foundation
import GallraCore

extension ErasureJournal {
    /// Appends an entry, numbered after the last, and returns its number once it is durable.
    @discardableResult
    func append(_ entry: Entry) throws(GallraError) -> Int {
        let numbers = try append([entry])
        guard let number = numbers.first else {
            throw GallraError.unavailable("Cannot write the erasure journal \"\(path)\"; nothing was erased.")
        }
        return number
    }

    /// Appends entries, numbered on from the last, each line chained to the one before, and returns
    /// their numbers once all are durable: one write and one fsync for all of them.
    /// Processes sharing the file (a server and a command) take turns by an exclusive lock on it.
    func append(_ entries: [Entry]) throws(GallraError) -> [Int] {
        guard !entries.isEmpty else { return [] }
        let existed = FileManager.default.fileExists(atPath: path)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw GallraError.unavailable(
                "Cannot open the erasure journal \"\(path)\": \(String(cString: strerror(errno))); nothing was erased.")
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw GallraError.unavailable("Cannot lock the erasure journal \"\(path)\"; nothing was erased.")
        }
        let (end, last) = try lastLine(descriptor)
        // A line cut short by a crash was never reported written: it goes.
        if lseek(descriptor, 0, SEEK_END) != end {
            guard ftruncate(descriptor, off_t(end)) == 0 else {
                throw GallraError.unavailable("Cannot repair the erasure journal \"\(path)\"; nothing was erased.")
            }
        }
        var (seq, previous) = (1, "")
        if let last, let space = last.firstIndex(of: " ") {
            previous = String(last[..<space])
            // try?: a last line that does not decode is refused just below
            guard
                let prior = try? JSONDecoder().decode(
                    Entry.self, from: Data(last[last.index(after: space)...].utf8))
            else {
                throw GallraError.integrity(
                    "The erasure journal \"\(path)\" is damaged at its end; nothing was erased.")
            }
            seq = prior.seq + 1
        } else if last != nil {
            throw GallraError.integrity("The erasure journal \"\(path)\" is damaged at its end; nothing was erased.")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines = ""
        var numbers: [Int] = []
        for var entry in entries {
            entry.seq = seq
            // try?: an entry that cannot be encoded is refused just below, nothing written
            guard let body = try? encoder.encode(entry) else {
                throw GallraError.unavailable("Cannot encode an erasure journal entry; nothing was erased.")
            }
            let text = String(decoding: body, as: UTF8.self)
            let line = mac(text, after: previous) + " " + text
            lines += line + "\n"
            numbers.append(seq)
            previous = String(line[..<(line.firstIndex(of: " ") ?? line.endIndex)])
            seq += 1
        }
        let bytes = Array(lines.utf8)
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(end)) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            // Undone as far as it goes; the journal's reader ignores a line without its newline.
            _ = ftruncate(descriptor, off_t(end))
            throw GallraError.unavailable("Cannot write the erasure journal \"\(path)\"; nothing was erased.")
        }
        // A new file's name must survive a crash as well as its contents.
        if !existed { DirectoryEntry.sync(of: path) }
        return numbers
    }

    /// Where the last whole line ends (the file's length without a piece cut short after it), and
    /// that line, read backwards a piece at a time.
    private func lastLine(_ descriptor: Int32) throws(GallraError) -> (end: Int, line: String?) {
        let size = Int(lseek(descriptor, 0, SEEK_END))
        guard size > 0 else { return (0, nil) }
        var tail: [UInt8] = []
        var offset = size
        var newlines: [Int] = []  // positions in the file, from the end
        while offset > 0 && newlines.count < 2 {
            let length = min(64 * 1024, offset)
            offset -= length
            var chunk = [UInt8](repeating: 0, count: length)
            let read = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(offset)) }
            guard read == length else {
                throw GallraError.unavailable("Cannot read the erasure journal \"\(path)\"; nothing was erased.")
            }
            for index in stride(from: length - 1, through: 0, by: -1) where chunk[index] == UInt8(ascii: "\n") {
                newlines.append(offset + index)
                if newlines.count == 2 { break }
            }
            tail = chunk + tail
        }
        guard let lastNewline = newlines.first else { return (0, nil) }
        let start = newlines.count > 1 ? newlines[1] + 1 : 0
        let line = tail[(start - offset)..<(lastNewline - offset)]
        return (lastNewline + 1, String(decoding: line, as: UTF8.self))
    }

}
