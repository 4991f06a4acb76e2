import Foundation
import PanelModel

/// Rows back to model values. The CHECK constraints guarantee the enum columns hold
/// known values; a file edited by hand that breaks them reads as a clear error.
enum RowMapping {
    static func order(_ row: SQLRow) throws -> Order {
        Order(
            id: OrderID(row["id"]),
            product: try enumValue(row["product"], column: "orders.product"),
            domain: DomainName(storedASCII: row["domain"]),
            customerID: CustomerID(row["customer_id"]),
            status: try enumValue(row["status"], column: "orders.status"),
            createdAt: row["created_at"],
            expiresAt: row["expires_at"],
            moneyBackUntil: row["money_back_until"],
            transferLock: row["transfer_lock"],
            processingAction: row["processing_action"],
            contacts: contactSet(row, prefix: ""))
    }

    static func customer(_ row: SQLRow) throws -> Customer {
        Customer(
            id: CustomerID(row["id"]),
            username: EmailAddress(stored: row["username"]),
            name: row["name"],
            status: try enumValue(row["status"], column: "customers.status"),
            resellerID: ResellerID(row["reseller_id"]),
            defaultContacts: contactSet(row, prefix: "default_"))
    }

    /// The four contact columns `PREFIXregistrant_id` … `PREFIXbilling_id`.
    private static func contactSet(_ row: SQLRow, prefix: String) -> ContactSet {
        func id(_ role: ContactRole) -> ContactID? { (row["\(prefix)\(role.rawValue)_id"] as Int64?).map(ContactID.init) }
        return ContactSet(registrant: id(.registrant), admin: id(.admin), tech: id(.tech), billing: id(.billing))
    }

    static func reseller(_ row: SQLRow) throws -> Reseller {
        let products: String = row["products"]
        return Reseller(
            id: ResellerID(row["id"]),
            name: row["name"],
            parentID: (row["parent_id"] as Int64?).map(ResellerID.init),
            products: Set(products.split(separator: ",").compactMap { Product(rawValue: String($0)) }),
            registrarHandle: row["registrar_handle"],
            refusesPushes: row["refuses_pushes"],
            internalTransferRenew: try enumValue(row["internal_transfer_renew"], column: "resellers.internal_transfer_renew"),
            usesRegistryAccountManagement: row["uses_registry_account_management"])
    }

    static func contact(_ row: SQLRow) -> Contact {
        Contact(
            id: ContactID(row["id"]),
            handle: row["handle"],
            ownerID: CustomerID(row["owner_id"]),
            name: row["name"],
            organisation: row["organisation"],
            email: EmailAddress(stored: row["email"]),
            country: CountryCode(stored: row["country"]),
            phone: row["phone"],
            sponsoringRegistrar: row["sponsoring_registrar"],
            isCEDContact: row["is_ced_contact"])
    }

    static func certificate(_ row: SQLRow) throws -> CertificateDetails {
        let names: String = row["additional_names"]
        return CertificateDetails(
            orderID: OrderID(row["order_id"]),
            type: try enumValue(row["type"], column: "certificates.type"),
            state: try enumValue(row["state"], column: "certificates.state"),
            csrPEM: row["csr_pem"],
            certificatePEM: row["certificate_pem"],
            validFrom: row["valid_from"],
            validTo: row["valid_to"],
            additionalNames: names.split(separator: ",").map(String.init),
            serialNumber: row["serial"],
            renewalCSRPEM: row["renewal_csr_pem"],
            renewalInvoiceNumber: row["renewal_invoice_number"],
            subscriptionUntil: row["subscription_until"],
            validatedAt: row["validated_at"])
    }

    static func invoice(_ row: SQLRow) throws -> Invoice {
        Invoice(
            number: row["number"],
            orderID: OrderID(row["order_id"]),
            customerID: CustomerID(row["customer_id"]),
            amount: Money(stored: row["amount_minor"], currency: row["currency"]),
            status: try enumValue(row["status"], column: "invoices.status"),
            issuedAt: row["issued_at"],
            dueAt: row["due_at"],
            paidAt: row["paid_at"],
            kind: try enumValue(row["kind"], column: "invoices.kind"))
    }

    static func outboxMessage(_ row: SQLRow) -> OutboxMessage {
        OutboxMessage(
            id: row["id"],
            recipient: row["recipient"],
            subject: row["subject"],
            body: row["body"],
            createdAt: row["created_at"],
            sentAt: row["sent_at"],
            orderID: (row["order_id"] as Int64?).map(OrderID.init))
    }

    static func transferRequest(_ row: SQLRow) throws -> InternalTransferRequest {
        InternalTransferRequest(
            id: TransferRequestID(row["id"]),
            domain: DomainName(storedASCII: row["domain"]),
            orderID: OrderID(row["order_id"]),
            fromResellerID: ResellerID(row["from_reseller_id"]),
            toResellerID: ResellerID(row["to_reseller_id"]),
            toCustomerID: (row["to_customer_id"] as Int64?).map(CustomerID.init),
            withAuthCode: (row["auth_code_hash"] as String?) != nil,
            noRenew: row["no_renew"],
            state: try enumValue(row["state"], column: "transfer_requests.state"),
            requestedAt: row["requested_at"],
            decidedAt: row["decided_at"])
    }

    private static func enumValue<T: RawRepresentable>(_ raw: String, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw PanelError.invalidInput("the database holds an unknown value \"\(raw)\" in \(column); was the file edited by hand?")
        }
        return value
    }
}
