import Foundation
import Testing

/// `--out` writes a regular file whole or not at all, and never replaces what is not one: a pipe
/// or a device is written to, as the shell's `>` would.
@Suite("Output files")
struct OutputFileTests {
    static let table = packageRoot.appendingPathComponent("Tests/GallraCoreTests/Fixtures/ropa-seed-001.txt").path

    static func kind(_ path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        return status.st_mode & S_IFMT
    }

    @Test("--out to a pipe writes into it; /dev/stdout prints; /dev/null stays a device; a directory is refused")
    func notRegularFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // A pipe, read without blocking so that a failure cannot hang the test.
        let fifo = directory.appendingPathComponent("draft.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        let toPipe = try GallraProcess.run(["register", "import", Self.table, "--out", fifo])
        #expect(toPipe.status == 0, "\(toPipe.stderr)")
        try #require(Self.kind(fifo) == S_IFIFO, "the pipe was replaced by a file")
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(reader, &buffer, buffer.count)
        let draft = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
        #expect(draft.hasPrefix("# A draft register") && draft.contains("\nversion: 1"), "\(draft.prefix(200))")

        // Only once a pipe is known to be written to: the system's own devices.
        let toStdout = try GallraProcess.run(["register", "import", Self.table, "--out", "/dev/stdout"])
        #expect(toStdout.status == 0, "\(toStdout.stderr)")
        #expect(toStdout.stdout == draft)
        #expect(Self.kind("/dev/stdout") == S_IFLNK)
        let toNull = try GallraProcess.run(["register", "import", Self.table, "--out", "/dev/null"])
        #expect(toNull.status == 0, "\(toNull.stderr)")
        #expect(Self.kind("/dev/null") == S_IFCHR)

        let toDirectory = try GallraProcess.run(["register", "import", Self.table, "--out", directory.path])
        #expect(toDirectory.status != 0)
        #expect(toDirectory.stderr.contains("\"\(directory.path)\" is a directory; give a file name."))
        #expect(Self.kind(directory.path) == S_IFDIR)
    }

    @Test("--out replaces a regular file whole, through its symbolic link, keeping its mode")
    func regularFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("draft.yaml").path
        let link = directory.appendingPathComponent("latest.yaml").path
        #expect(
            FileManager.default.createFile(
                atPath: file, contents: Data("old".utf8), attributes: [.posixPermissions: 0o640]))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "draft.yaml")
        let result = try GallraProcess.run(["register", "import", Self.table, "--out", link])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.kind(link) == S_IFLNK, "the link stays a link")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\nversion: 1"))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(Set(left) == ["draft.yaml", "latest.yaml"], "no temporary file is left")
    }
}
