import ArgumentParser
import Foundation
import PanelModel
import PanelStore

struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Create, fill and inspect the database.",
        subcommands: [Migrate.self, Load.self, Seed.self, Copy.self])

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create the database (a SQLite file or a PostgreSQL schema) or bring its schema up to date.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let database = try global.openDatabase()
            if global.json {
                try Output.json(["database": database.path, "journalMode": try database.journalMode(), "store": database.dialect.rawValue])
            } else if database.dialect == .postgresql {
                Output.line("Database \(database.path) is up to date (PostgreSQL).")
                if let note = try database.searchIndexNote() { Output.line(note) }
            } else {
                Output.line("Database \(database.path) is up to date (journal mode \(try database.journalMode())).")
            }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy a whole panel into an empty database, e.g. a SQLite file into PostgreSQL.",
            discussion: """
                certpanel db copy --from /var/lib/certpanel/certpanel.sqlite --to postgresql://panel@db.example.net/certpanel

                The target is created or migrated first and must hold no data. The copy is one transaction: \
                every table's rows are counted on both sides before it commits, and on any failure nothing is \
                written. Stop the panel's sessions and jobs on the source while it runs (docs/deploy.md).
                """)
        @Option(help: ArgumentHelp("The database to copy: a SQLite file or a postgresql:// URL.", valueName: "path-or-url"))
        var from: String
        @Option(help: ArgumentHelp("The empty database to copy into.", valueName: "path-or-url"))
        var to: String
        @Flag(name: .customLong("json"), help: "Machine-readable output.")
        var json = false

        func run() throws {
            let sourceLocation = try GlobalOptions.checkedDatabasePath(from)
            let targetLocation = try GlobalOptions.checkedDatabasePath(to)
            guard PanelDatabase.isPostgresURL(sourceLocation) || FileManager.default.fileExists(atPath: sourceLocation) else {
                throw PanelError.invalidInput("there is no database at \(sourceLocation); give the SQLite file to copy with --from")
            }
            guard sourceLocation != targetLocation else {
                throw PanelError.invalidInput("--from and --to name the same database; give an empty one with --to")
            }
            let source = try PanelDatabase(path: sourceLocation, access: .oneShot)
            let target = try PanelDatabase(path: targetLocation, access: .oneShot)
            let started = Date()
            let summary = try target.copy(from: source)
            if json {
                struct Report: Encodable { var from: String; var to: String; var tables: [CopySummary.Table] }
                try Output.json(Report(from: source.path, to: target.path, tables: summary.tables))
                return
            }
            for table in summary.tables where table.rows > 0 {
                Output.line("  \(table.name): \(Output.count(table.rows))")
            }
            Output.line("Copied \(Output.count(summary.totalRows)) rows in \(summary.tables.count) tables from \(source.path) to \(target.path) "
                        + "in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; every table's count matches.")
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load",
            abstract: "Load resellers, customers, contacts, orders, certificates, invoices and transfer requests from a JSON file.",
            discussion: "The format is described in docs/fixtures.md. The load is all or nothing: a bad record stops it and the database is left unchanged.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The JSON fixture file, or - for standard input.", valueName: "file"))
        var file: String

        func run() throws {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let contents = FileManager.default.contents(atPath: file) else {
                    throw PanelError.invalidInput("cannot read \(file): no such file, or it is not readable")
                }
                data = contents
            }
            let fixture: FixtureFile
            do {
                fixture = try FixtureFile.decode(data)
            } catch let error as PanelError {
                throw PanelError.invalidInput("\(file): \(error.message)")
            }
            let database = try global.openDatabase()
            let summary = try database.load(fixture, source: file == "-" ? "stdin" : file)
            if global.json {
                try Output.json(summary)
            } else {
                Output.line("Loaded \(summary.resellers) resellers, \(summary.customers) customers, \(summary.contacts) contacts, \(summary.orders) orders, \(summary.certificates) certificates, \(summary.invoices) invoices and \(summary.transferRequests) transfer requests into \(database.path) (transaction \(summary.transactionID)).")
            }
        }
    }

    struct Seed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed",
            abstract: "Write the demo world (--demo) or reproducible synthetic data (--synthetic).",
            discussion: """
                --demo writes the hand-made world that shows every rule (see the README's demo logins). \
                --synthetic writes --orders orders for --customers customers from --seed, the same rows \
                for the same numbers. Both need an empty database.
                """)
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Write the demo world.") var demo = false
        @Flag(help: "Write synthetic data for benchmarks.") var synthetic = false
        @Option(help: "Synthetic orders to write.") var orders = 10_000
        @Option(help: "Synthetic customers to write.") var customers = 1_000
        @Option(help: "The random seed of the synthetic data.") var seed: UInt64 = 42

        func validate() throws {
            guard demo != synthetic else { throw ValidationError("choose one of --demo or --synthetic") }
        }

        func run() throws {
            let database = try global.openDatabase()
            if demo {
                let summary = try DemoSeeder.seed(database)
                if global.json { try Output.json(summary) } else { DemoSeeder.describe(summary, database: database) }
            } else {
                guard try database.isEmpty() else {
                    throw PanelError.invalidInput("\(database.path) already holds data; write synthetic data into a new file with --db PATH")
                }
                let started = Date()
                let summary = try SyntheticWorld(orders: orders, customers: customers, seed: seed).write(into: database)
                let seconds = Date().timeIntervalSince(started)
                if global.json {
                    try Output.json(summary)
                } else {
                    Output.line("Wrote \(Output.count(summary.orders)) orders (\(Output.count(summary.certificates)) certificates, \(Output.count(summary.invoices)) invoices) for \(Output.count(summary.customers)) customers under \(Output.count(summary.resellers)) resellers into \(database.path) in \(String(format: "%.1f", seconds)) s.")
                }
            }
        }
    }
}

/// Writes the demo world into an empty database and says what it holds.
enum DemoSeeder {
    static func seed(_ database: PanelDatabase) throws -> LoadSummary {
        guard try database.isEmpty() else {
            throw PanelError.invalidInput("\(database.path) already holds data; seed the demo into a new file with --db PATH, or run `certpanel demo`, which uses its own file")
        }
        return try DemoWorld.seed(into: database, now: Date())
    }

    static func describe(_ summary: LoadSummary, database: PanelDatabase) {
        Output.line("Seeded the demo world into \(database.path):")
        Output.line("  \(summary.resellers) resellers, \(summary.customers) customers, \(summary.orders) orders, \(summary.certificates) certificates, \(summary.invoices) invoices, \(summary.transferRequests) transfer requests.")
        Output.line("Demo logins (password \(DemoWorld.password)): alice@example.com (Customer ID \(DemoWorld.alice)) owns the orders to move; see the README for every case.")
        Output.line("A demo certificate authority (not trusted anywhere) signed the issued certificates: `certpanel cert download --ca` writes it for openssl verify -CAfile.")
    }
}
