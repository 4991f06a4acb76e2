import Foundation
import PanelModel
import PanelStore
import Terminal

/// Marking on the SSL Certificates list and what can be done to the marked certificates at
/// once: Space marks (a ● in the first column, never colour alone), `R` reissues, `d` writes
/// the certificates into a directory (local terminals only), `p` records the payment of their
/// pending invoices (operators). Marks are kept by order ID, so they survive a reload or a
/// new filter; Esc clears them before it goes back. The changes are confirmed first with
/// Back focused (they cannot be undone from the panel); each certificate then goes through
/// the single action's use case on its own, and `BulkResultScreen` lists what happened.
struct SSLBulkState {
    enum Action: String, Sendable {
        case reissue, download, pay

        var heading: String {
            switch self {
            case .reissue: "Reissue"
            case .download: "Download"
            case .pay: "Record payment"
            }
        }
    }

    struct Plan {
        var action: Action
        /// Order ID and domain, by order ID.
        var items: [(id: OrderID, domain: String)]
    }

    /// Marked order IDs with the domain they had when marked (a filter may hide the row).
    var marked: [OrderID: String] = [:]
    var flow: FormFlow<Plan, Never>?
    /// The directory question of a download, with what it will download.
    var directory: (field: TextField, plan: Plan)?

    static let defaultDirectory = "~/certpanel-certificates"
    /// Not one of the status symbols (✓ i ! ✗ ·), which the other columns show.
    static let markSymbol = "●"

    struct Done: Sendable {
        var action: Action
        var result: Result<[BulkItemResult], PanelError>
    }

    var isConfirming: Bool { if case .confirm? = flow?.stage { true } else { false } }
}

extension SSLStatusScreen {
    /// The keys while a bulk step is open, else nil (the list's own keys apply).
    var bulkStepKeys: KeyMap? {
        if let flow = bulk.flow, bulk.isConfirming {
            return flow.confirmKeys(flow.confirmLabel + " for every certificate listed")
        }
        if bulk.directory != nil {
            return KeyMap([
                KeyBinding(.enter, label: "Download", description: "Write the certificates into this directory", action: "ssl.bulk.write"),
                KeyBinding(.escape, label: "Cancel", description: "Write nothing", action: "ssl.bulk.cancel"),
            ])
        }
        return nil
    }

    /// The list's marking keys.
    var markBindings: [KeyBinding] {
        var bindings = [KeyBinding(.char(" "), label: "Mark", description: "Mark or unmark the selected certificate for a bulk action", action: "ssl.mark")]
        if session.allowsLocalFiles {
            bindings.append(KeyBinding(.char("d"), label: "Download", description: "Write the marked (or selected) certificates into a directory as PEM files",
                                       action: "ssl.download", showInFooter: !bulk.marked.isEmpty))
        }
        if session.acting == .operator {
            bindings.append(KeyBinding(.char("p"), label: "Record payment", description: "Record the payment of the pending invoices of the marked (or selected) certificates (asks first)",
                                       action: "ssl.pay", showInFooter: !bulk.marked.isEmpty))
        }
        if !bulk.marked.isEmpty {
            bindings.append(KeyBinding(.escape, label: "Clear \(bulk.marked.count) marked", description: "Unmark every certificate (Esc again goes back)", action: "ssl.unmark"))
        }
        return bindings
    }

    /// The marked certificates, or else the selected one.
    private var targets: [(id: OrderID, domain: String)] {
        if !bulk.marked.isEmpty { return bulk.marked.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        guard shown.indices.contains(table.selected) else { return [] }
        let row = shown[table.selected]
        return [(row.orderID, row.domain.unicode)]
    }

    /// Handles marking and the bulk steps; nil when the event is the list's own.
    mutating func updateBulk(_ event: ScreenEvent, context: ScreenContext) -> [Effect]? {
        if var flow = bulk.flow, bulk.isConfirming {
            // Loads and reloads go on underneath; keys are the confirmation's.
            if case .input = event { return [] }
            guard case .action = event else { return nil }
            switch flow.handleConfirm(event) {
            case .apply?:
                bulk.flow = nil
                guard case .confirm(let plan) = flow.stage else { return [] }
                return [run(plan, directory: nil)]
            case .back?: bulk.flow = nil
            case nil: bulk.flow = flow
            }
            return []
        }
        if var asked = bulk.directory {
            switch event {
            case .action("ssl.bulk.cancel"): bulk.directory = nil
            case .action("ssl.bulk.write"):
                let path = asked.field.text.trimmingCharacters(in: .whitespaces)
                bulk.directory = nil
                return [run(asked.plan, directory: path.isEmpty ? SSLBulkState.defaultDirectory : path)]
            case .input(let input):
                _ = asked.field.handle(input)
                bulk.directory = asked
            default: return nil
            }
            return []
        }
        switch event {
        case .action("ssl.mark"):
            guard shown.indices.contains(table.selected) else { return [] }
            let row = shown[table.selected]
            if bulk.marked.removeValue(forKey: row.orderID) == nil { bulk.marked[row.orderID] = row.domain.unicode }
            // On to the next row, so Space Space Space marks a run.
            table.selected = min(table.selected + 1, max(0, shown.count - 1))
            return []
        case .action("ssl.unmark"):
            bulk.marked = [:]
            return []
        case .action("ssl.reissue") where !bulk.marked.isEmpty:
            confirm(SSLBulkState.Plan(action: .reissue, items: targets), label: "Reissue")
            return []
        case .action("ssl.pay"):
            let items = targets
            guard !items.isEmpty else { return [] }
            confirm(SSLBulkState.Plan(action: .pay, items: items), label: "Record payment")
            return []
        case .action("ssl.download"):
            let items = targets
            guard !items.isEmpty else { return [] }
            bulk.directory = (TextField(text: SSLBulkState.defaultDirectory, maxLength: 500), SSLBulkState.Plan(action: .download, items: items))
            return []
        case .message(let done as SSLBulkState.Done):
            switch done.result {
            case .success(let results):
                // What was done is unmarked; what was not stays marked, to look at or retry.
                for result in results where result.succeeded { bulk.marked.removeValue(forKey: result.orderID) }
                return [.push(BulkResultScreen(session: session, heading: "\(done.action.heading): \(results.count) certificate\(results.count == 1 ? "" : "s")", results: results))]
            case .failure(let failure):
                return [.toast(Toast(failure.message, kind: .danger))]
            }
        default:
            return nil
        }
    }

    private mutating func confirm(_ plan: SSLBulkState.Plan, label: String) {
        var flow = FormFlow<SSLBulkState.Plan, Never>(confirmLabel: label, backFirst: true)
        flow.confirm(plan)
        bulk.flow = flow
    }

    private func run(_ plan: SSLBulkState.Plan, directory: String?) -> Effect {
        let session = session, ids = plan.items.map(\.id), action = plan.action
        return .run {
            SSLBulkState.Done(action: action, result: session.attempt { () throws -> [BulkItemResult] in
                switch action {
                case .reissue: return session.database.reissueEach(orders: ids, by: session.acting, now: session.clock.now)
                case .pay: return try session.database.payPendingInvoicesEach(orders: ids, by: session.acting, now: session.clock.now)
                case .download: return try session.database.writeCertificates(orders: ids, for: session.acting, into: directory ?? SSLBulkState.defaultDirectory)
                }
            })
        }
    }

    /// What the confirmation says will happen, then the certificates.
    static func confirmLines(_ plan: SSLBulkState.Plan) -> [Paragraph.Line] {
        let count = plan.items.count == 1 ? "this certificate" : "these \(plan.items.count) certificates"
        let text = switch plan.action {
        case .reissue:
            "Reissue \(count)? Each then waits for a new CSR; its current certificate stays valid until the new one is issued. One that is not issued or expiring is refused and listed in the results; the others go ahead."
        case .pay:
            "Record the payment of every pending invoice of \(count)? This cannot be undone from the panel. A renewal invoice paid after its renewal CSR was entered renews the certificate at once. Each order is paid on its own; one without a pending invoice is listed in the results."
        case .download:
            "Write \(count) as PEM files."
        }
        var lines = TextLayout.wrap(text, width: 76).map { Paragraph.Line($0) }
        lines.append(.init(""))
        for item in plan.items { lines.append(.init("  \(item.id)  \(item.domain)")) }
        return lines
    }

    /// Draws the open bulk step over the list; false when none is open.
    func drawBulkStep(into buffer: inout Buffer, area: Rect, theme: Theme) -> Bool {
        if let flow = bulk.flow, case .confirm(let plan) = flow.stage {
            buffer.fill(area, style: theme[.text])
            flow.drawConfirm(Self.confirmLines(plan), into: &buffer, area: area, theme: theme)
            return true
        }
        if let asked = bulk.directory {
            buffer.fill(area, style: theme[.text])
            let count = asked.plan.items.count == 1 ? "the certificate of order \(asked.plan.items[0].id)" : "\(asked.plan.items.count) certificates"
            var lines = TextLayout.wrap("Write \(count) into this directory as ORDER-DOMAIN.pem. It is created if missing; a file that already exists is left as it is and listed in the results.", width: max(20, area.width - 2))
            lines.append("")
            for (index, line) in lines.enumerated() where index < area.height { buffer.write(line, in: area.row(index), style: theme[.text]) }
            let fieldRow = area.row(min(area.height - 1, lines.count))
            buffer.write("Directory ", in: fieldRow, style: theme[.text])
            asked.field.render(into: &buffer, area: fieldRow.inset(left: 10), theme: theme, focused: true)
            return true
        }
        return false
    }
}
