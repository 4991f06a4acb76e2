import Foundation

/// Runs a real program found on PATH (openssl, python3) and collects its output.
enum ExternalTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Runs and throws with its standard error unless it exits 0.
    @discardableResult
    static func require(_ arguments: [String], stdin: String? = nil) throws -> String {
        let result = try run(arguments, stdin: stdin)
        guard result.status == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Reads an .eml file with Python's `email` parser (policy.default decodes RFC 2047 and
    /// quoted-printable) and returns its headers and plain-text content (with the mail's CRLF
    /// line ends turned back into the \n the outbox stores).
    static func parseEmail(at path: String) throws -> [String: String] {
        let script = """
            import email, email.policy, json, sys
            raw = open(sys.argv[1], 'rb').read()
            message = email.message_from_bytes(raw, policy=email.policy.default)
            bare_lf = raw.replace(b'\\r\\n', b'').count(b'\\n')
            print(json.dumps({
                'to': str(message['To']), 'from': str(message['From']), 'subject': str(message['Subject']),
                'date': str(message['Date']), 'date_parsed': str(message['Date'].datetime) if message['Date'] else '',
                'message_id': str(message['Message-ID']), 'mime': str(message['MIME-Version']),
                'content_type': message.get_content_type(), 'charset': str(message.get_content_charset()),
                'transfer_encoding': str(message['Content-Transfer-Encoding']),
                'body': message.get_content().replace('\\r\\n', '\\n'), 'defects': str(len(message.defects)), 'bare_lf': str(bare_lf),
                'longest_line': str(max(len(line) for line in raw.split(b'\\r\\n'))),
            }))
            """
        let output = try require(["python3", "-c", script, path])
        return try JSONDecoder().decode([String: String].self, from: Data(output.utf8))
    }
}
