import Foundation
import PanelModel

/// Reads a file the user names in a local terminal (never over SSH: a remote customer must not
/// probe the server's files). At most `limit` bytes are read, so a huge file cannot fill memory.
/// A DER CSR file becomes PEM text (`CSRFileText`); a file as large as `limit` is left as read,
/// to be refused as too large.
enum LocalFile {
    static func read(_ path: String, limit: Int) -> Result<String, PanelError> {
        let expanded = (path as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: expanded, isDirectory: &isDirectory) else {
            return .failure(.invalidInput("There is no file at \(path). Check the path, or paste the CSR instead."))
        }
        guard !isDirectory.boolValue else {
            return .failure(.invalidInput("\(path) is a folder. Name the CSR file in it, such as \(path)/request.csr."))
        }
        guard let handle = FileHandle(forReadingAtPath: expanded) else {
            return .failure(.invalidInput("\(path) cannot be read (permission denied). Check its permissions, or paste the CSR instead."))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit) ?? Data()
            return .success(data.count < limit ? CSRFileText.text(data) : String(decoding: data, as: UTF8.self))
        } catch {
            return .failure(.invalidInput("\(path) could not be read (\(error.localizedDescription)). Paste the CSR instead."))
        }
    }
}
