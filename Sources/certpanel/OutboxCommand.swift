import ArgumentParser
import Foundation
import PanelModel
import PanelStore

/// `certpanel outbox list|export`: notifications waiting for the mail system.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Show queued notifications, or hand them to a mail system as .eml files in a maildir.",
        subcommands: [List.self, Export.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the messages you may read: a customer those to its address, an operator all.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only messages not yet exported.") var unsent = false
        @Flag(help: "Print each message's body too.") var body = false

        func run() throws {
            let messages = try global.openDatabase().outboxMessages(for: try global.principal(), unsentOnly: unsent)
            if global.json { return try Output.json(messages) }
            guard !messages.isEmpty else { return Output.line("The outbox is empty.") }
            if body {
                for message in messages {
                    Output.line("#\(message.id) to \(message.recipient), \(Output.date(message.createdAt)), \(message.sentAt.map { "sent \(Output.date($0))" } ?? "unsent")")
                    Output.line("Subject: \(message.subject)")
                    for line in message.body.split(separator: "\n", omittingEmptySubsequences: false) { Output.line("  " + line) }
                }
                return
            }
            Output.table(["ID", "TO", "CREATED", "SENT", "SUBJECT"], messages.map {
                [$0.id.description, $0.recipient, Output.date($0.createdAt), Output.date($0.sentAt), $0.subject]
            })
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write every unsent message as an RFC 5322 .eml file into a maildir and mark it sent (--as operator).",
            discussion: """
                Each message is written into DIR/tmp and renamed into DIR/new (the directories are created \
                if missing), then marked sent, so running it again writes nothing new. Notices to another \
                registrar (registrar:HANDLE) have no mail address and stay in the outbox.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The maildir to deliver into.", valueName: "dir")) var maildir: String
        @Option(help: "The From address.") var from = "CertPanel <certpanel@localhost>"

        func run() throws {
            let export = try global.openDatabase().exportOutbox(toMaildir: maildir, from: from, by: try global.principal(), now: Date())
            if global.json { return try Output.json(export) }
            Output.line(export.written.isEmpty ? "Nothing new to export." : "Exported \(export.written.count) message(s) into \(maildir):")
            for written in export.written { Output.line("  #\(written.id) to \(written.to): \(written.file)") }
            for skipped in export.skipped { Output.line("  #\(skipped.id) to \(skipped.recipient) left in the outbox: \(skipped.reason)") }
        }
    }
}
