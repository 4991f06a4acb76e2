import Foundation

/// Golden text snapshots in the ratatui style, shared by every test target: a rendered
/// Buffer is compared with NAME.txt (one quoted line per row) and NAME.styles.txt (style
/// runs) in a directory. The caller records the returned problems as test failures.
public enum GoldenFile {
    /// Whether `UPDATE_GOLDEN=1` asks for the files to be rewritten instead of compared.
    public static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    public static func text(of buffer: Buffer) -> String {
        buffer.lines.map { "\"\($0)\"" }.joined(separator: "\n") + "\n"
    }

    public static func styles(of buffer: Buffer) -> String {
        buffer.styleRuns.joined(separator: "\n") + "\n"
    }

    /// Compares (or, when updating, writes) both files; returns one message per problem.
    public static func check(_ buffer: Buffer, named name: String, in directory: URL) -> [String] {
        [compare(text(of: buffer), file: "\(name).txt", in: directory),
         compare(styles(of: buffer), file: "\(name).styles.txt", in: directory)].compactMap { $0 }
    }

    public static func compare(_ actual: String, file: String, in directory: URL) -> String? {
        let url = directory.appendingPathComponent(file)
        if updating {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                return nil
            } catch {
                return "cannot write golden \(file): \(error)"
            }
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "missing golden file \(directory.lastPathComponent)/\(file); run with UPDATE_GOLDEN=1 to create it.\nActual:\n\(actual)"
        }
        guard expected == actual else {
            return "golden \(directory.lastPathComponent)/\(file) differs (UPDATE_GOLDEN=1 rewrites).\nExpected:\n\(expected)\nActual:\n\(actual)"
        }
        return nil
    }
}
