import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel authorized-keys USER TYPE KEY`: sshd's `AuthorizedKeysCommand` (`%u %t %k`).
/// For a registered key it prints one `authorized_keys` line whose forced command opens the
/// panel as the key's owner, whatever the client asked to run; for any other key it prints
/// nothing (sshd then refuses the login). Standard output carries nothing else.
struct AuthorizedKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorized-keys",
        abstract: "For sshd's AuthorizedKeysCommand: print the authorized_keys line of a registered key.",
        discussion: """
            In sshd_config: AuthorizedKeysCommand /usr/local/bin/certpanel --db /var/lib/certpanel/certpanel.sqlite \
            authorized-keys %u %t %k. Unknown keys print nothing and exit 0, so the login is refused. See docs/ssh.md.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The login user (%u); every key gets the panel whatever the user.") var user: String
    @Argument(help: "The key type (%t), e.g. ssh-ed25519.") var keyType: String
    @Argument(help: "The base64 key (%k).") var key: String

    func run() throws {
        let database = try global.openDatabase()
        let parsed: SSHPublicKey
        do {
            parsed = try SSHPublicKey(type: keyType, base64: key)
        } catch {
            Output.error("authorized-keys: refusing a \(keyType.prefix(40)) key for \(user.prefix(32)): \(error.message)")
            return
        }
        guard let record = try database.sshKey(fingerprint: parsed.fingerprint), record.key.blob == parsed.blob else {
            return
        }
        let line = try Self.line(for: record, executable: Self.executablePath(), databasePath: Self.databaseArgument(try global.resolvedDatabasePath()))
        print(line)
    }

    /// `restrict,pty,command="… session --key FP" TYPE KEY`.
    static func line(for record: SSHKeyRecord, executable: String, databasePath: String) throws -> String {
        let words = [executable, "--db", databasePath, "session", "--key", record.fingerprint]
        guard !words.contains(where: { $0.contains("\n") || $0.contains("\r") || $0.contains("\0") }) else {
            throw PanelError.invalidInput("the program or database path contains a line break; install certpanel and its database under plain paths")
        }
        let command = words.map(shellQuoted).joined(separator: " ")
        let option = command.replacingOccurrences(of: "\"", with: "\\\"")
        return "restrict,pty,command=\"\(option)\" \(record.key.keyText)"
    }

    /// A word for the login shell that runs the forced command: bare when safe, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        if !word.isEmpty && word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=@+%,".contains($0)) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// This program's absolute path (sshd runs the forced command through the login shell).
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return absolute(CommandLine.arguments[0])
    }

    /// The `--db` value every forced command names: a file's absolute path, or a PostgreSQL
    /// URL as given, unless it holds a password, which would be copied into every command line.
    static func databaseArgument(_ location: String) throws -> String {
        guard PanelDatabase.isPostgresURL(location) else { return absolute(location) }
        guard PanelDatabase.redactedURL(location) == location else {
            throw PanelError.invalidInput("the --db URL holds a password, which would be copied into every forced command; put it in ~/.pgpass of the account sshd runs the panel as (mode 0600) and leave it out of the URL")
        }
        return location
    }

    static func absolute(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}
