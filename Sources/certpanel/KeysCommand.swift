import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel keys add|list|remove`: the SSH public keys that open the panel over SSH.
/// A customer or reseller manages its own keys; an operator anyone's with `--for`.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Register, list and remove the SSH public keys that log in to the panel over SSH.",
        discussion: """
            Customers and resellers manage their own keys (--as customer:ID or reseller:ID); operators \
            manage anyone's with --for customer:ID, reseller:ID or operator. A key is registered to one \
            account only. See docs/ssh.md.
            """,
        subcommands: [Add.self, List.self, Remove.self])

    /// `--for`: whose keys; the acting principal when left out.
    struct OwnerOption: ParsableArguments {
        @Option(name: .customLong("for"), help: ArgumentHelp("Whose keys (operators only, for another account): customer:ID, reseller:ID or operator.", valueName: "principal"))
        var ownerText: String?

        func owner() throws -> Principal? {
            try ownerText.map(Principal.init(parsing:))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Register an SSH public key.",
            discussion: """
                Give the one line of a .pub file: as an argument (quoted), with --file, or on standard input \
                (KEY omitted or -). Accepted: ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa of 2048 bits or more.
                Example: certpanel --as customer:100001 keys add --file ~/.ssh/id_ed25519.pub
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var owner: OwnerOption
        @Argument(help: ArgumentHelp("The public key line (TYPE BASE64 [COMMENT]); - or nothing reads standard input.", valueName: "key"))
        var key: String?
        @Option(help: ArgumentHelp("Read the public key from this file (e.g. ~/.ssh/id_ed25519.pub).", valueName: "path"))
        var file: String?

        func validate() throws {
            if key != nil && file != nil { throw ValidationError("give the key as an argument or with --file, not both") }
        }

        func run() throws {
            let principal = try global.principal()
            let owner = try owner.owner() ?? principal
            let key = try SSHPublicKey(parsing: try keyText())
            let database = try global.openDatabase()
            let record = try database.addSSHKey(key, for: owner, as: principal)
            if global.json { return try Output.json(KeyJSON(record)) }
            Output.line("Added \(record.key.type.rawValue) key \(record.fingerprint) for \(record.owner)" + (record.comment.isEmpty ? "." : " (\(record.comment))."))
        }

        private func keyText() throws -> String {
            if let file {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw PanelError.invalidInput("cannot read \(file); give the path of your public key file (for example ~/.ssh/id_ed25519.pub)")
                }
                if file.hasSuffix(".pub") == false, String(decoding: data.prefix(40), as: UTF8.self).contains("PRIVATE KEY") {
                    throw PanelError.invalidInput("\(file) is a private key; give the public key (the .pub file next to it) and keep the private key to yourself")
                }
                return String(decoding: data, as: UTF8.self)
            }
            if let key, key != "-" {
                return key
            }
            guard isatty(STDIN_FILENO) == 0 else {
                throw PanelError.invalidInput("give the public key as an argument, with --file PATH, or on standard input (certpanel keys add < ~/.ssh/id_ed25519.pub)")
            }
            let data = FileHandle.standardInput.readDataToEndOfFile()
            let text = String(decoding: data, as: UTF8.self)
            if text.contains("PRIVATE KEY") {
                throw PanelError.invalidInput("that is a private key; give the public key (the .pub file) and keep the private key to yourself")
            }
            return text
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List registered SSH keys.",
            discussion: "Your own keys; operators see every key unless --for names one account.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var owner: OwnerOption

        func run() throws {
            let principal = try global.principal()
            let database = try global.openDatabase()
            let records = try database.sshKeys(of: try owner.owner() ?? (principal == .operator ? nil : principal), as: principal)
            if global.json { return try Output.json(records.map(KeyJSON.init)) }
            guard !records.isEmpty else {
                Output.line("No SSH keys are registered. Add one with `certpanel keys add --file ~/.ssh/id_ed25519.pub`.")
                return
            }
            Output.table(["fingerprint", "type", "bits", "owner", "added", "comment"], records.map { record in
                [record.fingerprint, record.key.type.rawValue, String(record.key.bits), record.owner.description,
                 Output.date(record.createdAt), record.comment]
            })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a registered SSH key by its fingerprint.",
            discussion: "The key no longer opens the panel; sessions started with it go on until they end.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The key's fingerprint, as `certpanel keys list` or `ssh-keygen -lf KEY.pub` prints it.", valueName: "SHA256:…"))
        var fingerprint: String

        func run() throws {
            let principal = try global.principal()
            guard SSHFingerprint.isWellFormed(fingerprint) else {
                throw PanelError.invalidInput("\"\(fingerprint)\" is not a key fingerprint; give it as `certpanel keys list` prints it (SHA256: and 43 characters)")
            }
            let database = try global.openDatabase()
            let record = try database.removeSSHKey(fingerprint: fingerprint, as: principal)
            if global.json { return try Output.json(KeyJSON(record)) }
            Output.line("Removed \(record.key.type.rawValue) key \(record.fingerprint) of \(record.owner).")
        }
    }

    struct KeyJSON: Encodable {
        var fingerprint: String
        var type: String
        var bits: Int
        var owner: String
        var comment: String
        var createdAt: Date

        init(_ record: SSHKeyRecord) {
            fingerprint = record.fingerprint
            type = record.key.type.rawValue
            bits = record.key.bits
            owner = record.owner.description
            comment = record.comment
            createdAt = record.createdAt
        }
    }
}
