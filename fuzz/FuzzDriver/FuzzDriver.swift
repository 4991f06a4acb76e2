import CLibFuzzer
import Foundation

/// The part every harness shares: hands libFuzzer the harness's test through
/// `LLVMFuzzerRunDriver` (SwiftPM renames each executable's `main`, so libFuzzer's own never
/// runs) and exports `LLVMFuzzerTestOneInput`, which libFuzzer's `main` object references.
public enum FuzzDriver {
    /// Runs libFuzzer with `test` as the target; never returns.
    public static func run(_ test: @escaping ([UInt8]) -> Void) -> Never {
        harness = test
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
    }

    /// Set once, before libFuzzer starts calling in (on one thread).
    nonisolated(unsafe) static var harness: (([UInt8]) -> Void)?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDriver.harness?(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
