import Foundation
import PanelModel

/// Bulk actions on marked certificates, each item through the single action's own use case
/// (the same rules, the same messages) in its OWN transaction: the items are independent
/// certificates, so one refusal (a suspended order, a certificate not yet issued) must not
/// undo the others, and the result list says what happened to each. The one all-or-nothing
/// rule is who may act at all: a customer asking to record payments is refused once, before
/// anything is written.
extension PanelDatabase {
    /// `requestReissue` for each order, in the order given.
    public func reissueEach(orders: [OrderID], by principal: Principal, now: Date) -> [BulkItemResult] {
        let domains = (try? bulkDomains(orders, for: principal)) ?? [:]
        return orders.map { id in
            item(id, domains) {
                _ = try requestReissue(order: id, by: principal, now: now)
                return ("Now waits for a new CSR; the current certificate stays valid until the new one is issued.", nil)
            }
        }
    }

    /// `payInvoice` for each pending invoice of each order (operators only: anyone else is
    /// refused as a whole, with the single payment's words). An order without a pending
    /// invoice is reported, not an error for the rest.
    public func payPendingInvoicesEach(orders: [OrderID], by principal: Principal, now: Date) throws -> [BulkItemResult] {
        if let refusal = InvoicePaymentPolicy.refusal(for: principal) { throw refusal }
        let domains = try bulkDomains(orders, for: principal)
        return orders.map { id in
            item(id, domains) {
                let numbers = try read { db in
                    try String.fetchAll(db, sql: "SELECT number FROM invoices WHERE order_id = ? AND status = 'pending' ORDER BY issued_at, number",
                                        arguments: [id.rawValue])
                }
                guard !numbers.isEmpty else {
                    throw PanelError.refused("Order \(id) has no pending invoice; there is nothing to mark.")
                }
                let lines = try numbers.map { number in
                    let payment = try payInvoice(number: number, by: principal, now: now)
                    return "Invoice \(payment.invoice.number) (\(payment.invoice.amount)) marked paid." + (payment.renewal.map { " " + $0.summary } ?? "")
                }
                return (lines.joined(separator: " "), nil)
            }
        }
    }

    /// Writes each order's certificate (`certificatePEM`, with its refusals) into `directory`
    /// (created if missing; `~` expanded) as `CertificateFileName`. An existing file is never
    /// overwritten: that item is refused and says so. Each file appears whole or not at all
    /// (written under a temporary name, then linked into place, which fails if the name exists).
    public func writeCertificates(orders: [OrderID], for principal: Principal, into directory: String) throws -> [BulkItemResult] {
        let folder = (directory as NSString).expandingTildeInPath
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PanelError.invalidInput("cannot create the directory \(directory): \(error.localizedDescription). Give a directory you can write to.")
        }
        let domains = try bulkDomains(orders, for: principal)
        return orders.map { id in
            item(id, domains) {
                let pem = try certificatePEM(order: id, for: principal)
                let name = CertificateFileName.name(order: id, domain: try asciiDomain(id))
                let path = folder + "/" + name
                try CertificateFile.writeNew(pem, to: path, shownAs: (directory as NSString).appendingPathComponent(name))
                return ("Written to \(path).", path)
            }
        }
    }

    /// The orders whose certificate can be downloaded now (issued, not revoked), by order ID:
    /// what `cert download --all` writes.
    public func downloadableCertificateOrders(for principal: Principal) throws -> [OrderID] {
        let scope = Scope.customerCondition(principal)
        return try read { db in
            try Int64.fetchAll(db, sql: """
                SELECT o.id FROM certificates c JOIN orders o ON o.id = c.order_id
                WHERE o.product = 'digital_certificate' AND o.status <> 'deleted' AND c.certificate_pem IS NOT NULL
                  AND c.state <> 'revoked' AND \(scope.sql)
                ORDER BY o.id
                """, arguments: scope.arguments).map(OrderID.init)
        }
    }

    /// The Unicode domains of those of `orders` that `principal` may see.
    private func bulkDomains(_ orders: [OrderID], for principal: Principal) throws -> [OrderID: String] {
        guard !orders.isEmpty else { return [:] }
        let scope = Scope.customerCondition(principal)
        let marks = Array(repeating: "?", count: orders.count).joined(separator: ",")
        return try read { db in
            var domains: [OrderID: String] = [:]
            for row in try SQLRow.fetchAll(db, sql: "SELECT o.id, o.domain FROM orders o WHERE o.id IN (\(marks)) AND \(scope.sql)",
                                        arguments: SQLArguments(orders.map(\.rawValue)) + scope.arguments) {
                domains[OrderID(row["id"] as Int64)] = DomainName(storedASCII: row["domain"]).unicode
            }
            return domains
        }
    }

    private func asciiDomain(_ id: OrderID) throws -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT domain FROM orders WHERE id = ?", arguments: [id.rawValue]) ?? "" }
    }

    /// One item: its message on success; a rule's refusal as it reads; anything else as an
    /// internal failure with an incident ID (the detail goes to the log only).
    private func item(_ id: OrderID, _ domains: [OrderID: String], _ work: () throws -> (String, String?)) -> BulkItemResult {
        do {
            let (message, file) = try work()
            return BulkItemResult(orderID: id, domain: domains[id] ?? "", succeeded: true, message: message, file: file)
        } catch {
            let failure = Incident.report(error, during: "a bulk certificate action")
            return BulkItemResult(orderID: id, domain: domains[id] ?? "", succeeded: false, message: failure.message)
        }
    }
}

/// Writing one certificate file without ever overwriting or leaving half a file.
enum CertificateFile {
    static func writeNew(_ text: String, to path: String, shownAs shown: String) throws {
        if FileManager.default.fileExists(atPath: path) {
            throw PanelError.refused("\(shown) already exists and was left as it is. Move it away or choose another directory.")
        }
        let temporary = path + ".partial-\(UUID().uuidString)"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
        } catch {
            throw PanelError.invalidInput("cannot write \(shown): \(error.localizedDescription). Give a directory you can write to.")
        }
        defer { unlink(temporary) }
        // link(2) fails with EEXIST instead of replacing a file that appeared meanwhile.
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw PanelError.refused("\(shown) already exists and was left as it is. Move it away or choose another directory.") }
            throw PanelError.invalidInput("cannot write \(shown): \(String(cString: strerror(errno))). Give a directory you can write to.")
        }
    }
}
