import Foundation
import GRDB
import Testing
@testable import PanelStore

@Suite struct StoredDateTests {
    /// The same Date as GRDB's decoding for whole seconds from 1900; nil (GRDB's to read) for the rest.
    @Test func readsWholeSecondsAsGRDBDoes() throws {
        var texts = ["2026-02-27 00:00:00.000", "2026-02-27 13:45:59", "2000-02-29 23:59:59.000", "1999-12-31 00:00:01.000",
                     "1970-01-01 00:00:00.000", "2100-03-01 12:00:00.000", "1900-01-01 00:00:00.000", "9999-12-31 23:59:59.000"]
        for day in stride(from: 0, to: 3_000, by: 7) {
            let date = Date(timeIntervalSince1970: 1_700_000_000 + Double(day) * 86_400 + Double(day * 97 % 86_400))
            texts.append(date.databaseValue.storage.value as! String)
        }
        for text in texts {
            let grdb = Date.fromDatabaseValue(text.databaseValue)
            #expect(grdb != nil, "\(text)")
            #expect(StoredDate.parse(text) == grdb, "\(text)")
        }
        for text in ["2026-02-27 00:00:00.001", "2026-02-30 00:00:00.000", "2026-13-01 00:00:00.000", "2026-02-27T00:00:00.000",
                     "2026-02-27", "2026-02-27 00:00", "2026-02-27 24:00:00.000", "abcd-02-27 00:00:00.000", "0001-01-01 00:00:00.000"] {
            #expect(StoredDate.parse(text) == nil, "\(text)")
        }
    }
}
