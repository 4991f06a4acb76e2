import Foundation
import PanelModel

/// Inserts model values as rows. Shared by fixture loading, the demo world and the
/// synthetic generator, so there is one mapping from values to columns.
enum RecordWriter {
    static func insert(_ reseller: Reseller, _ db: any SQLConnection) throws {
        try db.execute(sql: """
            INSERT INTO resellers (id, name, parent_id, products, registrar_handle, refuses_pushes,
                                   internal_transfer_renew, uses_registry_account_management)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, cached: true, arguments: [
                reseller.id.rawValue, reseller.name, reseller.parentID?.rawValue,
                reseller.products.sorted().map(\.rawValue).joined(separator: ","),
                reseller.registrarHandle, reseller.refusesPushes,
                reseller.internalTransferRenew.rawValue, reseller.usesRegistryAccountManagement,
            ])
    }

    static func insert(_ customer: Customer, passwordHash: String?, _ db: any SQLConnection) throws {
        let contacts = customer.defaultContacts
        try db.execute(sql: """
            INSERT INTO customers (id, username, name, status, reseller_id, default_registrant_id,
                                   default_admin_id, default_tech_id, default_billing_id, password_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, cached: true, arguments: [
                customer.id.rawValue, customer.username.value, customer.name, customer.status.rawValue,
                customer.resellerID.rawValue, contacts.registrant?.rawValue, contacts.admin?.rawValue,
                contacts.tech?.rawValue, contacts.billing?.rawValue, passwordHash,
            ])
    }

    static func insert(_ contact: Contact, _ db: any SQLConnection) throws {
        try db.execute(sql: """
            INSERT INTO contacts (id, handle, owner_id, name, organisation, email, country, phone,
                                  sponsoring_registrar, is_ced_contact)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, cached: true, arguments: [
                contact.id.rawValue, contact.handle, contact.ownerID.rawValue, contact.name, contact.organisation,
                contact.email.value, contact.country.code, contact.phone, contact.sponsoringRegistrar,
                contact.isCEDContact,
            ])
    }

    static func insert(_ order: Order, _ db: any SQLConnection) throws {
        try insert(order, unicode: order.domain.unicode, db)
    }

    /// `unicode` (and `registrable`) are passed in so bulk generators can skip the IDN
    /// conversion and the Public Suffix lookup for names they know the answer of.
    static func insert(_ order: Order, unicode: String, registrable: String? = nil, _ db: any SQLConnection) throws {
        let contacts = order.contacts
        try db.execute(sql: """
            INSERT INTO orders (id, product, domain, domain_unicode, registrable_domain, customer_id, status, created_at, expires_at,
                                money_back_until, transfer_lock, processing_action,
                                registrant_id, admin_id, tech_id, billing_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, cached: true, arguments: [
                order.id.rawValue, order.product.rawValue, order.domain.ascii, unicode, registrable ?? order.domain.registrableDomain,
                order.customerID.rawValue, order.status.rawValue, order.createdAt, order.expiresAt,
                order.moneyBackUntil, order.transferLock, order.processingAction,
                contacts.registrant?.rawValue, contacts.admin?.rawValue, contacts.tech?.rawValue,
                contacts.billing?.rawValue,
            ])
    }

    static func insert(_ certificate: CertificateDetails, _ db: any SQLConnection) throws {
        try db.execute(sql: """
            INSERT INTO certificates (order_id, type, state, csr_pem, certificate_pem, valid_from, valid_to,
                                      additional_names, serial, renewal_csr_pem, renewal_invoice_number, subscription_until,
                                      validated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT expires_at FROM orders WHERE id = ?)), ?)
            """, cached: true, arguments: [
                certificate.orderID.rawValue, certificate.type.rawValue, certificate.state.rawValue,
                certificate.csrPEM, certificate.certificatePEM, certificate.validFrom, certificate.validTo,
                certificate.additionalNames.joined(separator: ","), certificate.serialNumber,
                certificate.renewalCSRPEM, certificate.renewalInvoiceNumber,
                // Without a subscription of its own, the order's expiry is the subscription's end.
                certificate.subscriptionUntil, certificate.orderID.rawValue,
                // An issued certificate written without one was validated when it was issued (as the migration backfills).
                certificate.validatedAt ?? (certificate.certificatePEM != nil ? certificate.validFrom : nil),
            ])
    }

    static func insert(_ invoice: Invoice, _ db: any SQLConnection) throws {
        try db.execute(sql: """
            INSERT INTO invoices (number, order_id, customer_id, amount_minor, currency, status, issued_at, due_at, paid_at, kind)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, cached: true, arguments: [
                invoice.number, invoice.orderID.rawValue, invoice.customerID.rawValue, invoice.amount.minorUnits,
                invoice.amount.currency, invoice.status.rawValue, invoice.issuedAt, invoice.dueAt, invoice.paidAt,
                invoice.kind.rawValue,
            ])
    }

    static func insert(_ request: InternalTransferRequest, authCodeHash: String?, _ db: any SQLConnection) throws {
        try db.execute(sql: """
            INSERT INTO transfer_requests (id, domain, order_id, from_reseller_id, to_reseller_id, to_customer_id, auth_code_hash,
                                           no_renew, state, requested_at, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, cached: true, arguments: [
                request.id.rawValue, request.domain.ascii, request.orderID.rawValue,
                request.fromResellerID.rawValue, request.toResellerID.rawValue, request.toCustomerID?.rawValue, authCodeHash,
                request.noRenew, request.state.rawValue, request.requestedAt, request.decidedAt,
            ])
    }
}
