@testable import PanelStore
import Testing

@Suite struct PostgresPlaceholderTests {
    @Test(arguments: [
        ("SELECT 1", "SELECT 1"),
        ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"),
        ("INSERT INTO t VALUES (?,?,?)", "INSERT INTO t VALUES ($1,$2,$3)"),
        // Numbered as SQLite numbers them: ?NNN as is, a bare ? one past the largest so far.
        ("SELECT ?2, ?1, ?2", "SELECT $2, $1, $2"),
        ("SELECT ?1, ?, ?5, ?", "SELECT $1, $2, $5, $6"),
        ("SELECT ?10", "SELECT $10"),
        // Quoted text and identifiers, with their doubled quotes, stay as they are.
        ("SELECT '?', ? FROM t", "SELECT '?', $1 FROM t"),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1"),
        ("SELECT \"odd?\"\"name\" FROM t WHERE x = ?", "SELECT \"odd?\"\"name\" FROM t WHERE x = $1"),
        // Comments too.
        ("SELECT ? -- why?\nFROM t WHERE y = ?", "SELECT $1 -- why?\nFROM t WHERE y = $2"),
        ("SELECT /* a ? /* nested ? */ still ? */ ?", "SELECT /* a ? /* nested ? */ still ? */ $1"),
        // Dollar quotes, but not $1 parameters or a $ inside an identifier.
        ("SELECT $$ ? $$, ?", "SELECT $$ ? $$, $1"),
        ("SELECT $tag$ it's ? $tag$, ?", "SELECT $tag$ it's ? $tag$, $1"),
        ("SELECT a$b, ?", "SELECT a$b, $1"),
        ("SELECT 'Grüße ?', ? AS \"ü?\"", "SELECT 'Grüße ?', $1 AS \"ü?\""),
        // An unterminated quote runs to the end, as the server will complain about.
        ("SELECT ?, 'open ?", "SELECT $1, 'open ?"),
    ])
    func rewrite(sql: String, expected: String) {
        #expect(PostgresPlaceholders.rewrite(sql) == expected)
    }
}
