
extension DemoWorld {
    /// The usernames a visitor of the demo world can log in with (its active customers, in
    /// the world's order), all with `password`.
    public static var logins: [String] {
        customers.filter { $0.status == "active" }.map(\.username)
    }
}

extension PanelDatabase {
    /// Whether this database holds the demo world: only `DemoWorld.seed` creates a
    /// certificate authority, and marks it as demo.
    public func holdsDemoWorld() throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM certificate_authorities WHERE is_demo = 1)") ?? false
        }
    }
}
