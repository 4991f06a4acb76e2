import Foundation
import Testing
import PanelModel
import PanelStore

/// `ssl status --csv` and `--expiring-within`, `orders search --csv`, `cert download --all`,
/// through the real binary over a seeded demo world.
@Suite struct BulkCommandTests {
    let asAlice = ["--as", "customer:\(DemoWorld.alice)"]

    /// RFC 4180 records of `text` (enough of a reader for these tests: quoted fields with
    /// doubled quotes, commas and line breaks inside).
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = "", quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\"") } else { quoted = false }
                } else { field.unicodeScalars.append(scalar) }
            } else if scalar == "\"" { quoted = true }
            else if scalar == "," { fields.append(field); field = "" }
            else if scalar == "\r", scalars.first == "\n" { scalars.removeFirst(); fields.append(field); records.append(fields); fields = []; field = "" }
            else { field.unicodeScalars.append(scalar) }
        }
        return records
    }

    @Test func sslStatusCSVHasTheScreensColumnsAndTheJSONsRows() throws {
        let demo = try DemoFixture()
        let csv = try demo.cli.run(asAlice + ["ssl", "status", "--csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.hasSuffix("\r\n") && !csv.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let records = Self.records(csv.stdout)
        #expect(records.first == SSLCertificateColumn.allCases.map(\.title))
        let json = try demo.cli.run(asAlice + ["ssl", "status", "--json"])
        let rows = try JSONDecoder.iso.decode([SSLCertificateRow].self, from: Data(json.stdout.utf8))
        #expect(Array(records.dropFirst()) == rows.map { row in SSLCertificateColumn.allCases.map { $0.text(row) } })
        #expect(records.contains { $0.contains("bäckerei-müller.de") })
        #expect(records.contains { $0[0] == "1030" && $0[5].hasPrefix("-") })    // expired: a plain negative number

        let both = try demo.cli.run(asAlice + ["ssl", "status", "--csv", "--json"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--csv and --json both choose the output format"))
    }

    @Test func expiringWithinFiltersByDaysLeftAndRefusesWhatIsNotADayCount() throws {
        let demo = try DemoFixture()
        let json = try demo.cli.run(asAlice + ["ssl", "status", "--expiring-within", "30", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try JSONDecoder.iso.decode([SSLCertificateRow].self, from: Data(json.stdout.utf8))
        // Every certificate with 1 to 30 days left (1006 and 1032 end within their subscriptions,
        // 1008 at its end); the expired 1030 is not "expiring".
        let all = try JSONDecoder.iso.decode([SSLCertificateRow].self, from: Data(try demo.cli.run(asAlice + ["ssl", "status", "--json"]).stdout.utf8))
        #expect(rows.map(\.orderID) == all.filter { ($0.daysLeft ?? 0) > 0 && ($0.daysLeft ?? 0) <= 30 }.map(\.orderID))
        #expect(Set(rows.map(\.orderID)) == [OrderID(1006), OrderID(1008), OrderID(1032)])
        let wide = try demo.cli.run(asAlice + ["ssl", "status", "--expiring-within", "36500", "--csv"])
        #expect(wide.status == 0)
        #expect(!wide.stdout.contains("retired-site.com") && wide.stdout.contains("sunrise-bakery.com"))
        for bad in ["0", "-5", "thirty", "1.5", " ", "36501"] {
            let result = try demo.cli.run(asAlice + ["ssl", "status", "--expiring-within=\(bad)"])
            #expect(result.status == 2, "\(bad)")
            #expect(result.stderr == "error: --expiring-within \"\(bad)\" is not a number of days; give a whole number from 1 to 36500, such as --expiring-within 30\n")
            #expect(result.stdout.isEmpty)
        }
        #expect(try demo.cli.run(asAlice + ["ssl", "status", "--expiring-within"]).status == 2)
    }

    @Test func ordersSearchCSVHasTheTablesColumns() throws {
        let demo = try DemoFixture()
        let result = try demo.cli.run(asAlice + ["orders", "search", "sunrise", "--csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = Self.records(result.stdout)
        #expect(records.first == ["ORDER", "PRODUCT", "DOMAIN", "STATUS", "EXPIRES", "CUSTOMER"])
        #expect(records.dropFirst().map { $0[0] } == ["1001", "1002"])
        #expect(records.dropFirst().allSatisfy { $0[2] == "sunrise-bakery.com" && $0.count == 6 })
        let none = try demo.cli.run(asAlice + ["orders", "search", "no-such-thing", "--csv"])
        #expect(none.stdout == "ORDER,PRODUCT,DOMAIN,STATUS,EXPIRES,CUSTOMER\r\n")
    }

    @Test func downloadAllWritesEveryIssuedCertificateAndNeverOverwrites() throws {
        let demo = try DemoFixture()
        let directory = demo.directory.appendingPathComponent("certs").path
        let first = try demo.cli.run(asAlice + ["cert", "download", "--all", "--out", directory, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let results = try JSONDecoder().decode([BulkItemResult].self, from: Data(first.stdout.utf8))
        #expect(!results.isEmpty && results.allSatisfy(\.succeeded))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == results.map { CertificateFileName.name(order: $0.orderID, domain: try! DomainName($0.domain).ascii) }.sorted())
        #expect(files.contains("1001-sunrise-bakery.com.pem") && !files.contains { $0.hasPrefix("1003-") })
        let single = try demo.cli.run(asAlice + ["cert", "download", "1001"])
        #expect(try String(contentsOfFile: directory + "/1001-sunrise-bakery.com.pem", encoding: .utf8) == single.stdout)

        let again = try demo.cli.run(asAlice + ["cert", "download", "--all", "--out", directory])
        #expect(again.status == 1)
        #expect(again.stdout.contains("✗ 1001  sunrise-bakery.com  \(directory)/1001-sunrise-bakery.com.pem already exists and was left as it is."))
        #expect(again.stdout.hasSuffix("0 of \(results.count) done; \(results.count) not done.\n"))

        let noDirectory = try demo.cli.run(asAlice + ["cert", "download", "--all"])
        #expect(noDirectory.status == 2)
        #expect(noDirectory.stderr.contains("--all needs a directory to write into: --out DIR"))
        let withID = try demo.cli.run(asAlice + ["cert", "download", "1001", "--all", "--out", directory])
        #expect(withID.status == 2)
    }
}
