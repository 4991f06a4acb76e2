import Foundation
import Testing
import PanelStore
import TestSupport

/// Many `certpanel` processes writing one PostgreSQL database at once: the moves stay whole
/// (an order and its related services move together, with one audit entry), the losers get
/// the panel's ordinary answer, and a process killed mid-move leaves nothing behind.
@Suite struct PostgresConcurrencyTests {
    static let alice = DemoWorld.alice
    static let bob = DemoWorld.bob

    // MARK: - Twenty processes move one order at once

    /// Eighteen more customers of ALVO (alice's reseller) with contacts of their own, so that
    /// each of twenty racers has a target of its own that the rules accept.
    static func extraTargets(_ demo: PostgresDemo) throws -> [(id: Int64, username: String)] {
        let extra = (1...18).map { (id: Int64(700_000 + $0), username: "racer\($0)@example.com") }
        let customers = extra.map { target in
            """
            {"id": \(target.id), "username": "\(target.username)", "name": "Racer \(target.id)", "reseller": 1,
             "defaultContacts": {"registrant": \(target.id), "admin": \(target.id), "tech": \(target.id), "billing": \(target.id)}}
            """
        }
        let contacts = extra.map { target in
            """
            {"id": \(target.id), "handle": "RACE-\(target.id)", "owner": \(target.id), "name": "Racer \(target.id)",
             "email": "\(target.username)", "country": "GB", "phone": "+44.2071234567", "sponsoringRegistrar": "H10001"}
            """
        }
        let load = try demo.run(["db", "load", "-"], stdin: """
            {"customers": [\(customers.joined(separator: ",\n"))], "contacts": [\(contacts.joined(separator: ",\n"))]}
            """)
        guard load.status == 0 else { throw Program.Failure("db load of the racers exited \(load.status): \(load.stderr)") }
        return [(bob, "bob@example.net"), (DemoWorld.carol, "carol@example.org")] + extra
    }

    @Test func twentyProcessesMoveOneOrderAndExactlyOneWins() throws {
        let demo = try PostgresDemo(prefix: "race20")
        let targets = try Self.extraTargets(demo)
        #expect(targets.count == 20)
        // Every target is one the rules accept, so only the race decides who wins.
        for target in targets.prefix(3) + targets.suffix(1) {
            let plan = try demo.run(["--as", "customer:\(Self.alice)", "move-services", "1001", "--to-username", target.username,
                                     "--to-customer-id", "\(target.id)", "--dry-run"])
            #expect(plan.status == 0, "the dry run to \(target.username) was refused: \(plan.stdout)\(plan.stderr)")
        }

        // The racers wait behind a start line (a file) so that they really run together.
        let startLine = demo.directory.appendingPathComponent("go")
        let racers = try targets.enumerated().map { index, target in
            try ChildProcess(["/bin/sh", "-c", "while [ ! -e \"$0\" ]; do sleep 0.01; done; exec \"$@\"", startLine.path,
                              CLI.binary.path, "--as", "customer:\(Self.alice)", "move-services", "1001",
                              "--to-username", target.username, "--to-customer-id", "\(target.id)", "--yes", "--db", demo.url],
                             outputBase: demo.directory.appendingPathComponent("racer-\(index)"))
        }
        Thread.sleep(forTimeInterval: 0.3)
        let started = ContinuousClock.now
        #expect(FileManager.default.createFile(atPath: startLine.path, contents: nil))
        let statuses = try racers.map { try $0.wait(timeout: .seconds(120)) }
        print("twentyProcessesMoveOneOrder: the 20 racers took \(ContinuousClock.now - started); exit statuses \(statuses)")

        let winners = racers.indices.filter { statuses[$0] == 0 }
        try #require(winners.count == 1, "exit statuses \(statuses); stderr: \(racers.map(\.stderr))")
        let winner = targets[winners[0]]
        #expect(racers[winners[0]].stdout.contains("Moved (transaction"), "\(racers[winners[0]].stdout)")
        for index in racers.indices where index != winners[0] {
            let stderr = racers[index].stderr
            // Once the order is the winner's, it is no longer alice's to move: "not found" (exit
            // 3), the answer scoping gives; a rule refusal (exit 1) would be as ordinary.
            #expect([1, 3].contains(statuses[index]), "racer \(index) exited \(statuses[index]): \(stderr)")
            #expect(stderr.contains("Order 1001 not found") || stderr.contains("Attention"), "racer \(index): \(stderr)")
            for symptom in ["could not serialize", "deadlock", "incident", "Fatal error"] {
                #expect(!stderr.contains(symptom), "racer \(index) met \"\(symptom)\": \(stderr)")
            }
        }

        // The order and its related Email Hosting moved together, to the winner's target.
        #expect(try demo.owner(of: 1001) == winner.id)
        #expect(try demo.owner(of: 1002) == winner.id)
        #expect(try demo.sql("SELECT count(*) FROM audit_log WHERE action = 'order.move' AND subject = 'order:1001'") == "1")
        let events = try demo.integers("""
            SELECT e.order_id, e.from_customer_id, e.customer_id FROM order_events e JOIN audit_log a ON a.id = e.audit_id
            WHERE a.action = 'order.move' ORDER BY e.order_id
            """)
        #expect(events == [[1001, Self.alice, winner.id], [1002, Self.alice, winner.id]])
    }

    // MARK: - SIGKILL in the middle of moves

    /// Moves 1001 (with 1002) back and forth between alice and bob as the operator, several
    /// processes at a time, and kills thirty of them with SIGKILL at random moments. Whatever
    /// each kill interrupted, a move either happened whole (both orders, one audit entry, its
    /// events) or not at all, and no connection stays open in a transaction.
    @Test func killedMovesLeaveWholeMovesAndNoOpenTransaction() throws {
        let demo = try PostgresDemo(prefix: "kill")
        let people = [(id: Self.bob, username: "bob@example.net"), (id: Self.alice, username: "alice@example.com")]
        var running: [ChildProcess] = []
        var finished: [(status: Int32, stderr: String)] = []
        var kills = 0, spawned = 0
        var generator = SystemRandomNumberGenerator()
        let started = ContinuousClock.now
        var nextKill = started + .milliseconds(Int.random(in: 20...200, using: &generator))

        while kills < 30 {
            guard ContinuousClock.now - started < .seconds(60) else { break }
            running.removeAll { child in
                guard child.poll() else { return false }
                finished.append((child.exitStatus!, child.stderr))
                return true
            }
            while running.count < 4 {
                let target = people[spawned % 2]
                spawned += 1
                running.append(try ChildProcess([CLI.binary.path, "--as", "operator", "move-services", "1001",
                                                 "--to-username", target.username, "--to-customer-id", "\(target.id)",
                                                 "--yes", "--db", demo.url],
                                                outputBase: demo.directory.appendingPathComponent("mover-\(spawned)")))
            }
            if ContinuousClock.now >= nextKill, let victim = running.randomElement(using: &generator), !victim.poll() {
                kill(victim.pid, SIGKILL)
                _ = try victim.wait(timeout: .seconds(10))
                running.removeAll { $0 === victim }
                kills += 1
                nextKill = ContinuousClock.now + .milliseconds(Int.random(in: 20...200, using: &generator))
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        for child in running { finished.append((try child.wait(timeout: .seconds(60)), child.stderr)) }
        let moved = finished.filter { $0.status == 0 }.count
        print("killedMoves: \(spawned) processes, \(kills) killed, \(moved) moved, \(finished.count - moved) refused, in \(ContinuousClock.now - started)")
        #expect(kills == 30, "only \(kills) kills within a minute")
        // A process that was not killed either moved or was refused (bob's order moved to bob).
        for (status, stderr) in finished {
            #expect(status == 0 || (status == 1 && stderr.contains("Attention")), "exit status \(status): \(stderr)")
        }
        #expect(moved > 0, "no move got through")

        // The killed processes' connections go away and none is left inside a transaction.
        let deadline = ContinuousClock.now + .seconds(15)
        while try demo.otherConnections() > 0 && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(try demo.otherConnections(state: "idle in transaction") == 0)
        let left = try demo.sql("SELECT pid, state, query FROM pg_stat_activity WHERE datname = '\(demo.database)' AND pid <> pg_backend_pid()")
        #expect(left.isEmpty, "connections left: \(left)")

        // 1001 and its Email Hosting 1002 always share one owner.
        let owner = try #require(try demo.owner(of: 1001))
        #expect(try demo.owner(of: 1002) == owner)
        #expect([Self.alice, Self.bob].contains(owner))

        // Every audit entry is a move that completed: its events name both orders, and the
        // events chain from alice to today's owner, each starting where the previous ended.
        let audits = try demo.integers("SELECT id FROM audit_log WHERE action = 'order.move' AND subject = 'order:1001' ORDER BY id").map { $0[0] }
        #expect(audits.count >= moved && audits.count <= moved + kills, "\(audits.count) audit entries for \(moved) completed moves and \(kills) kills")
        let chain = try demo.integers("""
            SELECT e.audit_id, e.from_customer_id, e.customer_id FROM order_events e JOIN audit_log a ON a.id = e.audit_id
            WHERE e.order_id = 1001 AND a.action = 'order.move' ORDER BY e.audit_id
            """)
        #expect(chain.map { $0[0] } == audits)
        var holder = Self.alice
        for link in chain {
            #expect(link[1] == holder, "a move from \(link[1]) while \(holder) held the order: \(chain)")
            holder = link[2]
        }
        #expect(holder == owner, "the events end with \(holder), the order belongs to \(owner)")
        let withEmail = try demo.integers("""
            SELECT e.audit_id FROM order_events e JOIN audit_log a ON a.id = e.audit_id
            WHERE e.order_id = 1002 AND a.action = 'order.move' ORDER BY e.audit_id
            """).map { $0[0] }
        #expect(withEmail == audits, "every move of 1001 moved 1002 too")
    }
}
