import Foundation
import GRDB
import PanelModel

#if canImport(Glibc)
import Glibc
#endif

/// The database file on disk: created owner-only, and open errors in a user's words.
enum DatabaseFile {
    /// Creates a missing database file as 0600 before SQLite opens it. SQLite gives its -wal
    /// and -shm files the database file's mode, so they are 0600 too. (SQLite alone would
    /// create 0644 under the usual umask: password hashes and every order, readable by all.)
    static func createOwnerOnly(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            fchmod(fd, 0o600)   // whatever the umask
            close(fd)
            return
        }
        guard errno == EEXIST else {
            throw PanelError.invalidInput("cannot create the database at \(path): \(String(cString: strerror(errno))). Check the path given with --db and its permissions.")
        }
    }

    /// A file that is not SQLite is the wrong path, not an incident.
    static func openError(_ error: DatabaseError, path: String) -> PanelError {
        if error.resultCode == .SQLITE_NOTADB {
            return .invalidInput("\(path) is not a CertPanel database (SQLite: \(error.message ?? "file is not a database")). Check the path given with --db.")
        }
        return .invalidInput("cannot open the database at \(path): \(error.message ?? error.description). Check the path given with --db and its permissions.")
    }
}
