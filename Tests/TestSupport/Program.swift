import Foundation

/// Runs a real program to its end (the certpanel binary, openssl, sqlite3, python3) and keeps
/// what it printed: the one way the tests start a short-lived process. Standard input is the
/// given text, or empty. (Long-running servers and tmux use `ChildProcess`, which resets the
/// signal mask.)
public enum Program {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// `executable` is a path, or a name looked up on PATH (through /usr/bin/env).
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], stdin: String? = nil, directory: URL? = nil,
                           environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Both pipes are drained before waiting, so a chatty program never blocks on a full pipe.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Like `run`, but anything but exit 0 throws, with what the program wrote to standard error.
    @discardableResult
    public static func succeed(_ executable: String, _ arguments: [String], stdin: String? = nil, directory: URL? = nil) throws -> String {
        let result = try run(executable, arguments, stdin: stdin, directory: directory)
        guard result.status == 0 else {
            throw Failure("\(([executable] + arguments).joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }
}
