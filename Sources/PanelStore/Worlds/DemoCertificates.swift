import Foundation
import PanelModel

extension DemoWorld {
    /// The key seed of screenshots and other reproducible demos: with it the demo CA and every
    /// certificate it signs come out byte for byte the same for the same `now` (Ed25519 signs
    /// deterministically).
    public static let reproducibleKeySeed: [UInt8] = Array("CertPanel reproducible demo seed".utf8)

    /// Writes the demo world into an empty database, then its certificate authority (generated,
    /// marked as demo) and a real certificate signed by it, for a CSR of the order's names, for
    /// every certificate the world has as issued, expiring or expired. `keySeed` (32 bytes)
    /// makes the keys reproducible; nil draws random ones.
    @discardableResult
    public static func seed(into database: PanelDatabase, now: Date, keySeed: [UInt8]? = nil,
                            clock: any Clock = SystemClock()) throws -> LoadSummary {
        let file = fixture(now: now)
        let base = keySeed ?? (0..<32).map { _ in UInt8.random(in: 0...255) }
        let authority = try DemoCertificateAuthority.generate(now: now, keySeed: base)
        // The CSRs are made before anything is written (the slow part, and the part that can fail).
        var requests: [(order: Int64, csr: String, notBefore: Date, notAfter: Date)] = []
        for record in file.certificates where ["issued", "expiring", "expired"].contains(record.state) {
            guard let order = file.orders.first(where: { $0.id == record.order }),
                  let type = CertificateType(rawValue: record.type),
                  let from = record.validFrom.flatMap(FixtureFile.parseDate), let to = record.validTo.flatMap(FixtureFile.parseDate)
            else { continue }
            let requirement = CSRRequirement(domain: try DomainName(order.domain).ascii, type: type, additionalNames: record.additionalNames ?? [])
            let csr = try DemoCertificateRequest.make(requirement: requirement, organization: nil,
                                                      keySeed: base + Array("order \(record.order)".utf8))
            requests.append((record.order, csr, from, to))
        }
        let summary = try database.load(file, source: "demo world", clock: clock)
        try database.write { db in
            try CertificateAuthorityStore.insertDemo(authority, now: now, db)
            for request in requests {
                guard let issued = try CertificateAuthorityStore.issue(csrPEM: request.csr, notBefore: request.notBefore,
                                                                       notAfter: request.notAfter, db) else { continue }
                // Each was validated when it was issued.
                try db.execute(sql: "UPDATE certificates SET csr_pem = ?, certificate_pem = ?, serial = ?, validated_at = valid_from WHERE order_id = ?",
                               arguments: [request.csr, issued.pem, issued.serialHex, request.order])
            }
            try recordSuspensions(now: now, db)
            try AuditLog.record(db, principal: .operator, action: "ca.demo", subject: "demo world",
                                summary: "demo certificate authority created; \(requests.count) demo certificates signed", at: clock.now)
        }
        return summary
    }
}
