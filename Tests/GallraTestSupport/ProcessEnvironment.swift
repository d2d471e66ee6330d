import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The process's environment is one C array that every thread shares: `setenv` may move it while
/// another thread copies it to start a child process, and the copy then reads freed memory (a
/// test process crashed so in `Process.run`). Tests change the environment and start processes
/// only through here, one at a time.
public enum ProcessEnvironment {
    private static let lock = NSLock()

    public static func set(_ name: String, _ value: String) {
        lock.withLock { _ = setenv(name, value, 1) }
    }

    public static func unset(_ name: String) {
        lock.withLock { _ = unsetenv(name) }
    }

    /// The environment as it is now.
    public static var current: [String: String] {
        lock.withLock { ProcessInfo.processInfo.environment }
    }

    /// Starts a child process while no other thread changes the environment.
    public static func launch(_ process: Process) throws {
        try lock.withLock { try process.run() }
    }
}
