/// Runs a harness under libFuzzer. SwiftPM gives every executable a `main` of its own, so a
/// harness does not take libFuzzer's: its `main.swift` calls `Fuzzing.run`, which hands libFuzzer's
/// driver (`LLVMFuzzerRunDriver`) the command line and `LLVMFuzzerTestOneInput`, below.
public enum Fuzzing {
    /// What one input is tried against. Set once, before the driver starts; libFuzzer calls it from
    /// one thread only.
    nonisolated(unsafe) static var target: ((UnsafeRawBufferPointer) -> Void)?

    /// Fuzzes `target` with libFuzzer's options from the command line; never returns.
    public static func run(_ target: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        Self.target = target
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv, testOneInput))
    }

    /// What a harness reads once before fuzzing (a register, a reader): LeakSanitizer does not
    /// count it, since some of the toolchain's types keep memory it cannot see referenced; what
    /// a parser keeps per input is still found.
    public static func setUp<T>(_ body: () throws -> T) rethrows -> T {
        #if FUZZ_WITHOUT_LEAK_CHECK
            return try body()
        #else
            lsanDisable()
            defer { lsanEnable() }
            return try body()
        #endif
    }

    /// A property of the parser that does not hold: a finding, like a crash.
    public static func violated(_ message: @autoclosure () -> String) -> Never {
        fatalError("property violated: \(message())")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzzing.target?(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

#if !FUZZ_WITHOUT_LEAK_CHECK
    // LeakSanitizer's, linked in with AddressSanitizer; a build without it has neither.
    @_silgen_name("__lsan_disable")
    func lsanDisable()

    @_silgen_name("__lsan_enable")
    func lsanEnable()
#endif

@_silgen_name("exit")
func exit(_ status: CInt) -> Never
