import Foundation
import PanelModel

/// What `outbox export` did.
public struct OutboxExport: Codable, Sendable, Equatable {
    public struct Written: Codable, Sendable, Equatable {
        public var id: Int64
        public var to: String
        public var file: String
    }

    public struct Skipped: Codable, Sendable, Equatable {
        public var id: Int64
        public var recipient: String
        public var reason: String
    }

    public var written: [Written] = []
    /// Messages left in the outbox because no mail system can deliver them.
    public var skipped: [Skipped] = []
}

extension PanelDatabase {
    /// Writes every unsent outbox message as an RFC 5322 `.eml` file into the maildir at
    /// `directory` (created if missing) and marks it sent, so a second export writes nothing
    /// new. Operators only. The export holds the write lock, so two exports never write the
    /// same message; each file is marked sent right after it lands in `new/`, and a failure
    /// stops the export keeping what was already delivered (at worst a message is delivered
    /// twice, never lost).
    public func exportOutbox(toMaildir directory: String, from: String, by principal: Principal, now: Date) throws -> OutboxExport {
        guard principal == .operator else {
            throw PanelError.refused("Only an operator can hand the outbox to the mail system; act with --as operator.")
        }
        guard from.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }), from.contains("@") else {
            throw PanelError.invalidInput("--from \"\(from)\" is not an ASCII mail address; use one such as \"CertPanel <certpanel@example.com>\"")
        }
        let maildir = try Maildir(path: directory)
        var failure: (any Error)?
        let export = try write { db in
            var export = OutboxExport()
            let rows = try SQLRow.fetchAll(db, sql: "SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY id").map(RowMapping.outboxMessage)
            for message in rows {
                guard let address = EmailMessage.mailbox(message.recipient) else {
                    export.skipped.append(.init(id: message.id, recipient: message.recipient,
                                                reason: "not an email address; it is for another registrar's channel"))
                    continue
                }
                do {
                    let file = try maildir.deliver(EmailMessage(message, from: from, to: address).rendered, id: message.id, now: now)
                    try db.execute(sql: "UPDATE outbox SET sent_at = ? WHERE id = ?", arguments: [now, message.id])
                    export.written.append(.init(id: message.id, to: address, file: file))
                } catch {
                    failure = error
                    break
                }
            }
            if !export.written.isEmpty {
                try AuditLog.record(db, principal: principal, action: "outbox.export", subject: "maildir:\(directory)",
                                    summary: "\(export.written.count) message(s): \(export.written.map { String($0.id) }.joined(separator: ", "))", at: now)
            }
            return export
        }
        if let failure {
            throw PanelError.invalidInput("cannot write into the maildir \(directory): \(failure.localizedDescription) (\(export.written.count) message(s) were delivered and marked sent; fix the directory and export again for the rest)")
        }
        return export
    }
}

/// A maildir (`tmp/`, `new/`, `cur/`): each message is written under `tmp/` and renamed into
/// `new/`, so a mail reader never sees half a file.
struct Maildir {
    let path: String

    init(path: String) throws {
        self.path = path
        do {
            for sub in ["tmp", "new", "cur"] {
                try FileManager.default.createDirectory(atPath: path + "/" + sub, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw PanelError.invalidInput("cannot create the maildir \(path): \(error.localizedDescription). Give a directory you can write to.")
        }
    }

    /// Delivers `text` and returns the path of the file in `new/`.
    func deliver(_ text: String, id: Int64, now: Date) throws -> String {
        let name = uniqueName(id: id, now: now)
        let temporary = path + "/tmp/" + name
        let final = path + "/new/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
        try FileManager.default.moveItem(atPath: temporary, toPath: final)
        return final
    }

    /// `SECONDS.MMICROSECONDSPpidQid_RANDOM.host`: the maildir convention, with the message's ID
    /// and random bits so names never collide, even across hosts sharing the directory.
    private func uniqueName(id: Int64, now: Date) -> String {
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        let micro = Int64((now.timeIntervalSince1970 - Double(seconds)) * 1_000_000)
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return "\(seconds).M\(micro)P\(getpid())Q\(id)_\(random).\(Self.hostName).eml"
    }

    /// This host's name with anything but letters, digits, `-` and `.` replaced (a maildir name
    /// must not hold `/` or `:`).
    private static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
    }
}
