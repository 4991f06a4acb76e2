import ArgumentParser
import Foundation
import PanelModel
import PanelScreens
import PanelStore

/// `certpanel session --key FP`: the forced command of an SSH login (see `authorized-keys`).
/// Opens the panel as the key's owner, without the login screen, and audits the start and
/// the end. What the client asked to run (SSH_ORIGINAL_COMMAND) is never run; it is only
/// written, escaped and cut short, into the audit entry.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Open the panel for an SSH login as the owner of the key (run by sshd, not by people).",
        discussion: """
            Written into the forced command by `certpanel authorized-keys`. Without --key (sshd's ForceCommand), the key \
            is read from the file sshd names in $SSH_USER_AUTH (ExposeAuthInfo yes). Exit 3 when the key is not registered (any more).
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var terminal: TerminalOptions
    @Option(help: ArgumentHelp("The fingerprint of the key sshd accepted; default: the key in $SSH_USER_AUTH.", valueName: "SHA256:…"))
    var key: String?

    func run() throws {
        guard global.principalText == nil else {
            throw PanelError.invalidInput("an SSH session acts as the owner of its key; --as is not accepted here")
        }
        let key = try key ?? Self.keyFromExposedAuthInfo()
        guard SSHFingerprint.isWellFormed(key) else {
            throw PanelError.invalidInput("\"\(key)\" is not a key fingerprint (SHA256: and 43 characters)")
        }
        let database = try global.openDatabase(.session)
        guard try database.sshKey(fingerprint: key) != nil else {
            throw PanelError.notFound("This SSH key (\(key)) is not registered with CertPanel any more. Ask your reseller or an operator to register your current public key.")
        }
        let environment = ProcessInfo.processInfo.environment
        let origin = environment["SSH_CONNECTION"] ?? environment["SSH_CLIENT"]
        let requested = environment["SSH_ORIGINAL_COMMAND"]
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            try database.refuseSSHCommand(fingerprint: key, origin: origin, requestedCommand: requested)
            throw PanelError.invalidInput("CertPanel over SSH is an interactive panel and runs no commands: connect with `ssh -t` from a terminal. Scripts use the certpanel command line on the server.")
        }
        let record = try database.startSSHSession(fingerprint: key, origin: origin, requestedCommand: requested)
        let session = PanelSession(database: database, principal: record.owner)
        FileHandle.standardError.write(Data("CertPanel: logged in as \(session.whoText) with SSH key \(record.fingerprint)\r\n".utf8))
        let outcome = Result { try TerminalFront.run(session: session, options: terminal) }
        // After a dropped connection (SIGHUP) the backend has returned; the audit write is one transaction.
        try database.endSSHSession(record, origin: origin)
        try outcome.get()
    }

    /// The fingerprint of the one public key sshd accepted, from the file `$SSH_USER_AUTH`
    /// names (`ExposeAuthInfo yes`): lines of `METHOD DETAILS`, here `publickey TYPE BASE64`.
    static func keyFromExposedAuthInfo(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let path = environment["SSH_USER_AUTH"], !path.isEmpty, let data = FileManager.default.contents(atPath: path) else {
            throw PanelError.invalidInput("no --key given and no $SSH_USER_AUTH from sshd (set ExposeAuthInfo yes, see docs/ssh.md)")
        }
        let methods = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let keys = methods.filter { $0.first == "publickey" }
        guard keys.count == 1, methods.count == 1, keys[0].count >= 3 else {
            throw PanelError.invalidInput("sshd reports \(keys.count) public keys and \(methods.count) authentication methods; CertPanel sessions need exactly one public key")
        }
        return try SSHPublicKey(type: keys[0][1], base64: keys[0][2]).fingerprint
    }
}
