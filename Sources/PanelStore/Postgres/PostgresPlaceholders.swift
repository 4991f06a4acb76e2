/// The use cases' SQLite placeholders rewritten for PostgreSQL: `?` becomes `$1`, `$2`... in
/// order and `?NNN` becomes `$NNN` (`SQLPlaceholders` finds them).
enum PostgresPlaceholders {
    static func rewrite(_ sql: String) -> String {
        SQLPlaceholders.replacing(sql) { "$\($0)" }
    }
}
