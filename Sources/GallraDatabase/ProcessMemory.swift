#if canImport(Glibc)
    import Glibc
#endif

/// The process's own heap. glibc's malloc keeps what is freed in per-thread arenas and gives little
/// of it back, so that a sweep that frees as much as it allocates still leaves the process larger
/// after each run. After work that allocates much and keeps little, the free memory is given back.
package enum ProcessMemory {
    /// Gives the heap's free memory back to the system (glibc's `malloc_trim`); elsewhere nothing.
    package static func releaseFree() {
        #if canImport(Glibc)
            typealias Trim = @convention(c) (Int) -> Int32
            guard let symbol = trim else { return }
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    #if canImport(Glibc)
        /// `malloc_trim` is glibc's own, not in the C library's headers that Swift imports.
        nonisolated(unsafe) private static let trim = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim")
    #endif
}
