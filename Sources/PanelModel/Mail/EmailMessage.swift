import Foundation

/// One outbox message as an RFC 5322 message: ASCII headers (the subject RFC 2047 encoded when
/// it is not), a UTF-8 plain-text body in quoted-printable, CRLF line ends throughout.
public struct EmailMessage: Sendable, Equatable {
    public var from: String
    public var to: String
    public var subject: String
    public var date: Date
    public var messageID: String
    public var body: String

    public init(from: String, to: String, subject: String, date: Date, messageID: String, body: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.body = body
    }

    /// The message for outbox entry `message` to `address` (already in ASCII form).
    public init(_ message: OutboxMessage, from: String, to address: String) {
        let domain = from.split(separator: "@").last.map { String($0.filter { $0 != ">" }) } ?? "localhost"
        self.init(from: from, to: address, subject: message.subject, date: message.createdAt,
                  messageID: "<outbox-\(message.id).\(Int64(message.createdAt.timeIntervalSince1970))@\(domain)>", body: message.body)
    }

    public var rendered: String {
        let headers = [
            "From: \(from)",
            "To: \(to)",
            MailHeaders.unstructured("Subject", subject),
            "Date: \(MailHeaders.date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(body) + (body.hasSuffix("\n") ? "" : "\r\n")
    }

    /// The recipient as a mailbox a mail system accepts: an email address with its domain in
    /// ASCII (IDNA) form; nil for anything else (`registrar:H12345` notices).
    public static func mailbox(_ recipient: String) -> String? {
        guard let address = try? EmailAddress(recipient) else { return nil }
        let parts = address.value.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2, let domain = try? DomainName(parts[1]) else { return nil }
        return parts[0] + "@" + domain.ascii
    }
}
