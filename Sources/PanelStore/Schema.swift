import GRDB
import PanelModel

/// The database schema, as an ordered list of migrations. Never edit a shipped
/// migration: add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-domain") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v1-search") { db in
            try db.execute(sql: search)
        }
        migrator.registerMigration("v2-login-lockout") { db in
            try db.execute(sql: """
                ALTER TABLE customers ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE customers ADD COLUMN locked_until DATETIME;
                """)
        }
        migrator.registerMigration("v3-ssh-keys") { db in
            // SSH public keys for the OpenSSH front door. principal_id is 0 for operator keys.
            try db.execute(sql: """
                CREATE TABLE ssh_keys (
                    id INTEGER PRIMARY KEY,
                    fingerprint TEXT NOT NULL UNIQUE,
                    key_type TEXT NOT NULL,
                    key_blob BLOB NOT NULL,
                    comment TEXT NOT NULL DEFAULT '',
                    principal_kind TEXT NOT NULL CHECK (principal_kind IN ('customer', 'reseller', 'operator')),
                    principal_id INTEGER NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX ssh_keys_principal ON ssh_keys(principal_kind, principal_id);
                """)
        }
        migrator.registerMigration("v4-transfer-receiving-customer") { db in
            // The customer of the gaining reseller who receives a completed internal transfer.
            try db.execute(sql: """
                ALTER TABLE transfer_requests ADD COLUMN to_customer_id INTEGER REFERENCES customers(id);
                CREATE INDEX transfer_requests_order ON transfer_requests(order_id, state);
                """)
        }
        migrator.registerMigration("v5-certificate-lifecycle") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6-login-failures-by-username") { db in
            // Failure counters of usernames that are no account, so an unknown username locks
            // exactly like a real one and the lockout does not tell which accounts exist.
            try db.execute(sql: """
                CREATE TABLE login_failures (
                    username TEXT PRIMARY KEY COLLATE NOCASE,
                    failed_logins INTEGER NOT NULL DEFAULT 0,
                    locked_until DATETIME
                );
                """)
        }
        migrator.registerMigration("v7-customer-orders-covering") { db in
            // A customer's or reseller's order list is read from this index alone (tests on the
            // names, filters, sort keys), in customer order, so a reseller's 10,000 orders are a
            // few hundred consecutive index pages instead of 10,000 scattered table rows.
            try db.execute(sql: """
                DROP INDEX orders_customer;
                CREATE INDEX orders_customer ON orders(customer_id, id, domain, domain_unicode, expires_at, product, status);
                """)
        }
        migrator.registerMigration("v8-order-events") { db in
            // Which orders an audit entry is about, and the account each was in when it
            // happened: an order's history is read from here, scoped by that account.
            try db.execute(sql: """
                CREATE TABLE order_events (
                    order_id INTEGER NOT NULL,
                    audit_id INTEGER NOT NULL REFERENCES audit_log(id),
                    customer_id INTEGER,
                    from_customer_id INTEGER,
                    PRIMARY KEY (order_id, audit_id)
                ) WITHOUT ROWID;
                """)
            try OrderEvents.backfill(GRDBConnection(db))
        }
        migrator.registerMigration("v9-dcv-method") { db in
            // The domain-control validation method chosen for a certificate order's CSR (and the
            // approver address for email); the change itself is in audit_log.
            try db.execute(sql: """
                CREATE TABLE dcv_methods (
                    order_id INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                    method TEXT NOT NULL CHECK (method IN ('email', 'dns', 'http')),
                    approver_email TEXT,
                    chosen_at DATETIME NOT NULL
                );
                """)
        }
        migrator.registerMigration("v10-pending-moves") { db in
            // Moves the receiving customer accepts (docs/moves.md). The setting belongs to the
            // sending customer's reseller; the partial unique index allows one pending move
            // per order, so two racing confirmations cannot both leave one waiting. The
            // services listed are those the confirmation showed: they read "move pending".
            try db.execute(sql: """
                ALTER TABLE resellers ADD COLUMN receiver_accepts_moves INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE pending_moves (
                    id INTEGER PRIMARY KEY,
                    order_id INTEGER NOT NULL REFERENCES orders(id) DEFERRABLE INITIALLY DEFERRED,
                    domain TEXT NOT NULL,
                    from_customer_id INTEGER NOT NULL REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED,
                    to_customer_id INTEGER NOT NULL REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED,
                    retain_contacts INTEGER NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'accepted', 'declined', 'cancelled', 'expired')),
                    requested_at DATETIME NOT NULL,
                    requested_by TEXT NOT NULL,
                    decided_at DATETIME,
                    decided_by TEXT
                );
                CREATE UNIQUE INDEX pending_moves_one_per_order ON pending_moves(order_id) WHERE state = 'pending';
                CREATE INDEX pending_moves_from ON pending_moves(from_customer_id, state);
                CREATE INDEX pending_moves_to ON pending_moves(to_customer_id, state);
                CREATE TABLE pending_move_services (
                    move_id INTEGER NOT NULL REFERENCES pending_moves(id) DEFERRABLE INITIALLY DEFERRED,
                    order_id INTEGER NOT NULL REFERENCES orders(id) DEFERRABLE INITIALLY DEFERRED,
                    PRIMARY KEY (move_id, order_id)
                ) WITHOUT ROWID;
                CREATE INDEX pending_move_services_order ON pending_move_services(order_id);
                """)
        }
        migrator.registerMigration("v11-certificate-subscription-and-reminders") { db in
            try db.execute(sql: certificateTerms)
        }
        migrator.registerMigration("v12-order-registrable-domain") { db in
            // Services belong to their registrable domain (www.example.co.uk → example.co.uk):
            // stored, so related services and the move rules are one indexed lookup. The Public
            // Suffix List is only reachable from Swift, so existing rows are filled through a
            // function that lives for this migration. RecordWriter fills it for new rows.
            let function = DatabaseFunction("certpanel_registrable_domain", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).map { DomainName(storedASCII: $0).registrableDomain }
            }
            db.add(function: function)
            defer { db.remove(function: function) }
            try db.execute(sql: """
                ALTER TABLE orders ADD COLUMN registrable_domain TEXT NOT NULL DEFAULT '';
                UPDATE orders SET registrable_domain = certpanel_registrable_domain(domain);
                CREATE INDEX orders_registrable_domain ON orders(registrable_domain, customer_id);
                """)
        }
        migrator.registerMigration("v13-certificate-validated-at") { db in
            // The date of the domain validation the current certificate was issued on: a reissue
            // reuses it only within the reuse period of the validity table (docs/certificates.md).
            // An issued certificate was validated when it was issued.
            try db.execute(sql: """
                ALTER TABLE certificates ADD COLUMN validated_at DATETIME;
                UPDATE certificates SET validated_at = valid_from WHERE certificate_pem IS NOT NULL;
                """)
        }
        return migrator
    }

    // Foreign keys that form cycles (customers' default contacts, contacts' owner) are
    // deferred so a whole world can be written in one transaction in any order.
    static let v1 = """
    CREATE TABLE resellers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        parent_id INTEGER REFERENCES resellers(id) DEFERRABLE INITIALLY DEFERRED,
        products TEXT NOT NULL,
        registrar_handle TEXT NOT NULL UNIQUE,
        refuses_pushes INTEGER NOT NULL DEFAULT 0,
        internal_transfer_renew TEXT NOT NULL DEFAULT 'default'
            CHECK (internal_transfer_renew IN ('default', 'registry', 'no_renew')),
        uses_registry_account_management INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX resellers_parent ON resellers(parent_id);

    CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'deleted')),
        reseller_id INTEGER NOT NULL REFERENCES resellers(id) DEFERRABLE INITIALLY DEFERRED,
        default_registrant_id INTEGER REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED,
        default_admin_id INTEGER REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED,
        default_tech_id INTEGER REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED,
        default_billing_id INTEGER REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED,
        password_hash TEXT
    );
    CREATE INDEX customers_reseller ON customers(reseller_id);

    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        handle TEXT NOT NULL UNIQUE,
        owner_id INTEGER NOT NULL REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED,
        name TEXT NOT NULL,
        organisation TEXT,
        email TEXT NOT NULL,
        country TEXT NOT NULL CHECK (length(country) = 2),
        phone TEXT NOT NULL,
        sponsoring_registrar TEXT,
        is_ced_contact INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX contacts_owner ON contacts(owner_id);

    CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        product TEXT NOT NULL CHECK (product IN ('digital_certificate', 'domain', 'email_hosting', 'web_hosting')),
        domain TEXT NOT NULL,
        domain_unicode TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED,
        status TEXT NOT NULL
            CHECK (status IN ('active', 'suspended', 'in_process', 'pending_delete', 'deleted', 'expired')),
        created_at DATETIME NOT NULL,
        expires_at DATETIME NOT NULL,
        money_back_until DATETIME,
        transfer_lock INTEGER NOT NULL DEFAULT 0,
        processing_action TEXT,
        registrant_id INTEGER REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED,
        admin_id INTEGER REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED,
        tech_id INTEGER REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED,
        billing_id INTEGER REFERENCES contacts(id) DEFERRABLE INITIALLY DEFERRED
    );
    CREATE INDEX orders_customer ON orders(customer_id, id);
    CREATE INDEX orders_domain ON orders(domain);
    CREATE INDEX orders_expiry ON orders(expires_at);

    CREATE TABLE certificates (
        order_id INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        type TEXT NOT NULL CHECK (type IN ('dv', 'ov', 'ev', 'wildcard', 'multi_domain')),
        state TEXT NOT NULL
            CHECK (state IN ('awaiting_csr', 'validating', 'issued', 'expiring', 'expired', 'revoked')),
        csr_pem TEXT,
        certificate_pem TEXT,
        valid_from DATETIME,
        valid_to DATETIME,
        additional_names TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX certificates_valid_to ON certificates(valid_to);

    CREATE TABLE invoices (
        number TEXT PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id) DEFERRABLE INITIALLY DEFERRED,
        customer_id INTEGER NOT NULL REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'credited', 'cancelled')),
        issued_at DATETIME NOT NULL,
        due_at DATETIME NOT NULL
    );
    CREATE INDEX invoices_order ON invoices(order_id);
    CREATE INDEX invoices_customer ON invoices(customer_id);

    CREATE TABLE transfer_requests (
        id INTEGER PRIMARY KEY,
        domain TEXT NOT NULL,
        order_id INTEGER NOT NULL REFERENCES orders(id) DEFERRABLE INITIALLY DEFERRED,
        from_reseller_id INTEGER NOT NULL REFERENCES resellers(id) DEFERRABLE INITIALLY DEFERRED,
        to_reseller_id INTEGER NOT NULL REFERENCES resellers(id) DEFERRABLE INITIALLY DEFERRED,
        auth_code_hash TEXT,
        no_renew INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL CHECK (state IN ('pending', 'completed', 'denied', 'timed_out', 'cancelled')),
        requested_at DATETIME NOT NULL,
        decided_at DATETIME
    );
    CREATE INDEX transfer_requests_from ON transfer_requests(from_reseller_id, state);
    CREATE INDEX transfer_requests_to ON transfer_requests(to_reseller_id, state);

    CREATE TABLE domain_pushes (
        id INTEGER PRIMARY KEY,
        order_id INTEGER REFERENCES orders(id) DEFERRABLE INITIALLY DEFERRED,
        domain TEXT NOT NULL,
        from_handle TEXT NOT NULL,
        gaining_handle TEXT NOT NULL,
        test INTEGER NOT NULL,
        succeeded INTEGER NOT NULL,
        message TEXT NOT NULL,
        transaction_id TEXT NOT NULL,
        at DATETIME NOT NULL
    );

    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        transaction_id TEXT NOT NULL,
        principal TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        summary TEXT NOT NULL,
        at DATETIME NOT NULL
    );
    CREATE INDEX audit_log_subject ON audit_log(subject);

    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at DATETIME NOT NULL,
        sent_at DATETIME
    );
    """

    // Seed 004's lifecycle. A certificate authority signs accepted CSRs (only a demo one exists:
    // generated on `db seed --demo`, marked is_demo); next_serial numbers what it issues.
    // A certificate in its renewal window points at the invoice for its next period and keeps
    // the CSR exchanged for the renewal apart from the one of the current certificate.
    // invoices.kind tells a renewal invoice from the order's own; outbox rows name the order
    // and customer they are about, so a customer sees only notices to them.
    static let v5 = """
    CREATE TABLE certificate_authorities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        is_demo INTEGER NOT NULL DEFAULT 0,
        certificate_pem TEXT NOT NULL,
        private_key_pem TEXT NOT NULL,
        created_at DATETIME NOT NULL,
        next_serial INTEGER NOT NULL DEFAULT 1 CHECK (next_serial > 0)
    );

    ALTER TABLE certificates ADD COLUMN serial TEXT;
    ALTER TABLE certificates ADD COLUMN renewal_csr_pem TEXT;
    ALTER TABLE certificates ADD COLUMN renewal_invoice_number TEXT REFERENCES invoices(number) DEFERRABLE INITIALLY DEFERRED;

    ALTER TABLE invoices ADD COLUMN paid_at DATETIME;
    ALTER TABLE invoices ADD COLUMN kind TEXT NOT NULL DEFAULT 'order' CHECK (kind IN ('order', 'renewal'));

    ALTER TABLE outbox ADD COLUMN order_id INTEGER REFERENCES orders(id) DEFERRABLE INITIALLY DEFERRED;
    ALTER TABLE outbox ADD COLUMN customer_id INTEGER REFERENCES customers(id) DEFERRABLE INITIALLY DEFERRED;
    ALTER TABLE outbox ADD COLUMN invoice_number TEXT;
    CREATE INDEX outbox_unsent ON outbox(sent_at, id);
    CREATE INDEX outbox_customer ON outbox(customer_id);
    CREATE UNIQUE INDEX outbox_invoice_notice ON outbox(invoice_number) WHERE invoice_number IS NOT NULL;
    """

    // Issue 16: the subscription (what was paid) apart from the certificate issued under it.
    // certificates.subscription_until is the subscription's end; existing rows take the order's
    // expires_at, which until now was both. Reminders: each reseller's days before expiry
    // (absent: 30,14,7,1), and one row per reminder sent, keyed by certificate, expiry and
    // threshold, so `jobs run` sends each once however often it runs.
    static let certificateTerms = """
    ALTER TABLE certificates ADD COLUMN subscription_until DATETIME;
    UPDATE certificates SET subscription_until = (SELECT o.expires_at FROM orders o WHERE o.id = certificates.order_id);
    CREATE INDEX certificates_subscription ON certificates(subscription_until);

    CREATE TABLE reseller_reminder_days (
        reseller_id INTEGER PRIMARY KEY REFERENCES resellers(id) DEFERRABLE INITIALLY DEFERRED,
        days TEXT NOT NULL
    );

    CREATE TABLE certificate_reminders (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        valid_to DATETIME NOT NULL,
        threshold_days INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('reissue', 'renewal')),
        outbox_id INTEGER REFERENCES outbox(id) DEFERRABLE INITIALLY DEFERRED,
        sent_at DATETIME NOT NULL,
        UNIQUE (order_id, valid_to, threshold_days)
    );
    """

    // Substring search: FTS5 with the trigram tokenizer (case-insensitive), kept in step
    // with orders and customers by triggers. The rowid is the order's / customer's ID.
    // The Unicode form is indexed only for IDNs, where it differs from the ASCII form.
    // Usernames are indexed whole and by their part before "@": text without "@" searches
    // the local part only, so "com" does not match every customer at example.com.
    static let search = """
    CREATE VIRTUAL TABLE order_search USING fts5(domain, domain_unicode, tokenize = 'trigram');
    \(orderSearchInsertTrigger)
    CREATE TRIGGER orders_search_update AFTER UPDATE OF domain, domain_unicode ON orders BEGIN
        UPDATE order_search
        SET domain = new.domain,
            domain_unicode = CASE WHEN new.domain_unicode = new.domain THEN '' ELSE new.domain_unicode END
        WHERE rowid = new.id;
    END;
    CREATE TRIGGER orders_search_delete AFTER DELETE ON orders BEGIN
        DELETE FROM order_search WHERE rowid = old.id;
    END;

    CREATE VIRTUAL TABLE customer_search USING fts5(local_part, username, tokenize = 'trigram');
    \(customerSearchInsertTrigger)
    CREATE TRIGGER customers_search_update AFTER UPDATE OF username ON customers BEGIN
        UPDATE customer_search SET local_part = substr(new.username, 1, instr(new.username, '@') - 1), username = new.username
        WHERE rowid = new.id;
    END;
    CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
        DELETE FROM customer_search WHERE rowid = old.id;
    END;
    """

    static let orderSearchInsertTrigger = """
    CREATE TRIGGER orders_search_insert AFTER INSERT ON orders BEGIN
        INSERT INTO order_search(rowid, domain, domain_unicode)
        VALUES (new.id, new.domain, CASE WHEN new.domain_unicode = new.domain THEN '' ELSE new.domain_unicode END);
    END;
    """

    static let customerSearchInsertTrigger = """
    CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
        INSERT INTO customer_search(rowid, local_part, username)
        VALUES (new.id, substr(new.username, 1, instr(new.username, '@') - 1), new.username);
    END;
    """

    /// Runs a bulk insert of orders and customers with IDs from `firstID` on without the
    /// per-row search triggers, then indexes the new rows in two statements. Five times
    /// faster than the triggers for a million rows. Must run inside a write transaction.
    static func bulkInsertIndexingAfterwards<T>(from firstID: Int64, _ db: any SQLConnection, _ body: () throws -> T) throws -> T {
        // PostgreSQL's trigram indexes are on the tables themselves and fill as rows arrive.
        guard db.dialect == .sqlite else { return try body() }
        try db.execute(sql: "DROP TRIGGER orders_search_insert; DROP TRIGGER customers_search_insert;")
        let result = try body()
        try db.execute(sql: """
            INSERT INTO order_search(rowid, domain, domain_unicode)
            SELECT id, domain, CASE WHEN domain_unicode = domain THEN '' ELSE domain_unicode END FROM orders WHERE id >= ?;
            INSERT INTO customer_search(rowid, local_part, username)
            SELECT id, substr(username, 1, instr(username, '@') - 1), username FROM customers WHERE id >= ?;
            """, arguments: [firstID, firstID])
        try db.execute(sql: orderSearchInsertTrigger + customerSearchInsertTrigger)
        return result
    }
}
