import Foundation
@testable import PanelStore
import Testing

@Suite struct PostgresConnectionTests {
    @Test func speaksPostgreSQL() throws {
        let db = try freshConnection()
        #expect(db.dialect == .postgresql)
        #expect(db.isAlive)
        #expect(db.target.hasPrefix("postgresql://certpanel@127.0.0.1:"))
    }

    @Test func everyValueKindRoundTripsThroughATable() throws {
        let db = try freshConnection()
        try db.execute(sql: "CREATE TABLE t (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, s TEXT, b BYTEA)")
        let rows: [[SQLValue]] = [
            [.integer(1), .integer(-42), .real(-1.5), .text("Grüße 🌍 日本 'quoted' \"double\""), .blob(Data([0, 1, 0xFE, 0xFF, 0x5C]))],
            [.integer(2), .integer(.max), .real(1e-300), .text(""), .blob(Data())],
            [.integer(3), .integer(.min), .real(.infinity), .text("line\nbreak\\backslash"), .blob(Data("x".utf8))],
            [.integer(4), .null, .null, .null, .null],
        ]
        for row in rows {
            try db.execute(sql: "INSERT INTO t (id, i, r, s, b) VALUES (?, ?, ?, ?, ?)", arguments: SQLArguments(row))
        }
        let read = try SQLRow.fetchAll(db, sql: "SELECT id, i, r, s, b FROM t ORDER BY id")
        #expect(read.map(\.values) == rows)
        #expect(read.first?.columns == ["id", "i", "r", "s", "b"])
        // By name, as the use cases read them.
        #expect(read[0]["s"] as String == "Grüße 🌍 日本 'quoted' \"double\"")
        #expect(read[3]["i"] as Int64? == nil)
    }

    @Test func boundValuesComeBackWithTheirKind() throws {
        let db = try freshConnection()
        let row = try #require(try SQLRow.fetchOne(db, sql: "SELECT ? AS i, ? AS r, ? AS s, ? AS b, ? AS n",
                                                    arguments: [Int64(-7), 2.25, "ü", Data([9, 8]), nil], cached: false))
        #expect(row.values == [.integer(-7), .real(2.25), .text("ü"), .blob(Data([9, 8])), .null])
        let nan = try #require(try SQLRow.fetchOne(db, sql: "SELECT ?", arguments: [Double.nan], cached: false))
        #expect((nan[0] as Double).isNaN)
    }

    @Test func resultTypesConvertByColumnType() throws {
        let db = try freshConnection()
        let row = try #require(try SQLRow.fetchOne(db, sql: """
            SELECT true AS yes, false AS no, 1.50::numeric AS fraction, 42::numeric AS whole,
                   (SELECT count(*) FROM generate_series(1, 3)) AS counted, 7::int2 AS small, 8::int4 AS medium,
                   (SELECT sum(x::bigint) FROM generate_series(1, 4) x) AS summed, 0.5::float4 AS single,
                   'v'::varchar AS varying, 99999999999999999999::numeric AS huge, '2026-01-02'::date AS day
            """, arguments: [], cached: false))
        #expect(row.values == [.integer(1), .integer(0), .real(1.5), .integer(42), .integer(3), .integer(7), .integer(8),
                               .integer(10), .real(0.5), .text("v"), .real(1e20), .text("2026-01-02")])
        #expect(row["yes"] as Bool)
        #expect(try SQLRow.fetchOne(db, sql: "SELECT 1 WHERE false", arguments: [], cached: false) == nil)
    }

    @Test func numberedPlaceholdersBindByNumber() throws {
        let db = try freshConnection()
        let row = try #require(try SQLRow.fetchOne(db, sql: "SELECT ?2 AS b, ?1 AS a, ?2 AS again", arguments: ["a", "b"], cached: false))
        #expect(row.values == [.text("b"), .text("a"), .text("b")])
    }

    @Test func anExecuteWithoutArgumentsRunsSeveralStatements() throws {
        let db = try freshConnection()
        try db.execute(sql: "CREATE TABLE a (x BIGINT); CREATE TABLE b (y TEXT); INSERT INTO a VALUES (1), (2);")
        #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM a") == 2)
        #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM b") == 0)
    }

    @Test func changedRowCountIsTheLastInsertUpdateOrDelete() throws {
        let db = try freshConnection()
        try db.execute(sql: "CREATE TABLE t (x BIGINT)")
        try db.execute(sql: "INSERT INTO t VALUES (?), (?), (?)", arguments: [1, 2, 3])
        #expect(db.changedRowCount == 3)
        try db.execute(sql: "UPDATE t SET x = x + 10 WHERE x >= ?", arguments: [2])
        #expect(db.changedRowCount == 2)
        // A SELECT leaves the count alone, as SQLite's changes() does.
        _ = try SQLRow.fetchAll(db, sql: "SELECT * FROM t")
        #expect(db.changedRowCount == 2)
        try db.execute(sql: "DELETE FROM t WHERE x = ?", cached: true, arguments: [99])
        #expect(db.changedRowCount == 0)
        let returned = try SQLRow.fetchAll(db, sql: "DELETE FROM t RETURNING x")
        #expect(returned.count == 3)
        #expect(db.changedRowCount == 3)
    }

    @Test func aUniqueViolationCarriesItsSQLState() throws {
        let db = try freshConnection()
        try db.execute(sql: "CREATE TABLE t (name TEXT UNIQUE)")
        try db.execute(sql: "INSERT INTO t VALUES (?)", cached: true, arguments: ["x"])
        let error = try #require(postgresError { try db.execute(sql: "INSERT INTO t VALUES (?)", cached: true, arguments: ["x"]) })
        #expect(error.sqlState == "23505")
        #expect(error.isUniqueViolation)
        #expect(!error.isConnectionLost)
        #expect(error.detail?.contains("(name)=(x)") == true)
        #expect(error.description.contains("duplicate key") && error.description.contains("23505"))
        // The prepared statement survives the failure.
        try db.execute(sql: "INSERT INTO t VALUES (?)", cached: true, arguments: ["y"])
        #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 2)
    }

    @Test func aSyntaxErrorCarriesItsSQLState() throws {
        let db = try freshConnection()
        let error = try #require(postgresError { _ = try SQLRow.fetchAll(db, sql: "SELEC ?", arguments: [1]) })
        #expect(error.sqlState == "42601")
        #expect(error.message.contains("syntax error"))
        #expect(!error.isUniqueViolation && !error.isQueryCanceled && !error.isConnectionLost)
        // The connection goes on.
        #expect(try Int.fetchOne(db, sql: "SELECT 1") == 1)
    }

    @Test func textWithANULIsRefusedBeforeTheServer() throws {
        let db = try freshConnection()
        let error = try #require(postgresError { _ = try SQLRow.fetchAll(db, sql: "SELECT ?", arguments: ["a\u{0}b"]) })
        #expect(error.message.contains("NUL"))
    }

    @Test func cachedStatementsInsertInBulk() throws {
        let db = try freshConnection()
        try db.execute(sql: "CREATE TABLE t (id BIGINT, name TEXT, data BYTEA)")
        let count = 2000
        func insert(cached: Bool, offset: Int) throws -> Duration {
            let clock = ContinuousClock()
            return try clock.measure {
                try db.execute(sql: "BEGIN")
                for index in offset..<(offset + count) {
                    try db.execute(sql: "INSERT INTO t (id, name, data) VALUES (?, ?, ?)", cached: cached,
                                   arguments: [index, "name \(index)", Data([UInt8(index % 256)])])
                }
                try db.execute(sql: "COMMIT")
            }
        }
        let plain = try insert(cached: false, offset: 0)
        let prepared = try insert(cached: true, offset: count)
        print("\(count) inserts: PQexecParams \(plain), prepared \(prepared)")
        #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT id) FROM t") == 2 * count)
        #expect(try Data.fetchOne(db, sql: "SELECT data FROM t WHERE id = ?", arguments: [count + 300], cached: true) == Data([UInt8((count + 300) % 256)]))
    }

    @Test func aCachedSelectFollowsAChangedTable() throws {
        let db = try freshConnection()
        try db.execute(sql: "CREATE TABLE t (a BIGINT)")
        try db.execute(sql: "INSERT INTO t VALUES (1)")
        #expect(try SQLRow.fetchAll(db, sql: "SELECT * FROM t WHERE a = ?", arguments: [1], cached: true).first?.count == 1)
        try db.execute(sql: "ALTER TABLE t ADD COLUMN b TEXT")
        // PostgreSQL refuses the old plan once (0A000); the next call prepares it again.
        if let error = postgresError({ _ = try SQLRow.fetchAll(db, sql: "SELECT * FROM t WHERE a = ?", arguments: [1], cached: true) }) {
            #expect(error.sqlState == "0A000")
        }
        #expect(try SQLRow.fetchAll(db, sql: "SELECT * FROM t WHERE a = ?", arguments: [1], cached: true).first?.count == 2)
    }
}
