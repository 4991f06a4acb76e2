import Foundation
import GRDB
import Testing
@testable import PanelStore

/// The values both stores bind and read: dates must be written exactly as GRDB always wrote
/// them (rows from before and after compare as text in date order), and the benchmark's
/// inlined statements must be the statements that ran.
@Suite struct SQLValueTests {
    @Test func datesAreStoredAsGRDBStoresThem() throws {
        var generator = SystemRandomNumberGenerator()
        let edges: [TimeInterval] = [0, -1, 951_782_400, 1_709_164_800.999, 4_102_444_799.5, -2_208_988_800, 1_795_000_000.0005]
        let random = (0..<2_000).map { _ in TimeInterval(Int64.random(in: -2_208_988_800...4_102_444_800, using: &generator)) + Double.random(in: 0..<1, using: &generator) }
        for seconds in edges + random {
            let date = Date(timeIntervalSince1970: seconds)
            guard case .string(let grdb) = date.databaseValue.storage else {
                Issue.record("GRDB stored \(date) as something else than text")
                return
            }
            #expect(StoredDate.text(date) == grdb, "\(seconds)")
            // And back, to the millisecond GRDB keeps.
            let read = try #require(Date(sqlValue: .text(grdb)))
            #expect(abs(read.timeIntervalSince1970 - seconds) <= 0.000_5 + 1e-6, "\(grdb)")
        }
    }

    @Test func inlinedArgumentsAreLiteralsOfEachDialect() {
        let sql = "SELECT * FROM t WHERE a = ? AND b = 'it''s ?' AND \"c?\" = ? AND d = ?2"
        let arguments: SQLArguments = [7, "o'brien", nil]
        #expect(SQLInliner.inline(sql, arguments, dialect: .sqlite)
                == "SELECT * FROM t WHERE a = 7 AND b = 'it''s ?' AND \"c?\" = 'o''brien' AND d = 'o''brien'")
        #expect(SQLInliner.inline("SELECT ?, ?", [Data([0xde, 0xad]), 3], dialect: .postgresql)
                == "SELECT '\\xdead'::bytea, 3::bigint")
        #expect(SQLInliner.inline("SELECT ?", [nil], dialect: .postgresql) == "SELECT NULL")
    }

    @Test func rowsReadByNameIgnoringCaseAndByPosition() {
        let row = SQLRow(columns: ["id", "Name", "gone"], values: [.integer(5), .text("x"), .null])
        #expect(row["id"] as Int64 == 5)
        #expect(row["name"] as String == "x")
        #expect(row[1] as String == "x")
        #expect(row["gone"] as String? == nil)
        #expect(row["missing"] as Int64? == nil)
        #expect(row["id"] as Bool == true)
    }
}
