import Foundation
import PanelModel
import PanelStore
import Terminal

/// Domain-control validation of a certificate order's CSR (`d` on the certificate screen):
/// for each name the approver addresses, the DNS record and the HTTP file, as a public CA
/// derives them from the CSR. `m` chooses the method (email goes to the approver address `a`
/// picks), `c` looks the DNS records or files up and says what is found and what to fix.
public struct DomainValidationScreen: SessionScreen {
    let session: PanelSession
    let orderID: OrderID
    var detail: DomainValidationDetail?
    var error: String?
    var scroll = 0
    /// The approver address `m` → Email would choose, an index into the CSR's addresses.
    var approverIndex = 0
    var report: DCVCheckReport?
    var checking = false
    var dialog: Dialog?

    struct Loaded: Sendable { var result: Result<DomainValidationDetail, PanelError> }
    struct Chosen: Sendable { var result: Result<DCVMethodChange, PanelError> }
    struct Checked: Sendable { var result: Result<DCVCheckReport, PanelError> }

    /// The dialog's buttons, in `DCVMethod.allCases` order, then Cancel.
    static let methods = DCVMethod.allCases

    public init(session: PanelSession, orderID: OrderID) {
        self.session = session
        self.orderID = orderID
    }

    public var title: String { "Validation \(orderID)" }
    public var capturesText: Bool { dialog != nil }

    var approvers: [String] { detail?.values.approverEmails ?? [] }
    var approver: String? { approvers.isEmpty ? nil : approvers[approverIndex % approvers.count] }

    public var keyMap: KeyMap {
        if dialog != nil { return KeyMap([KeyBinding(.escape, label: "Cancel", description: "Keep the method as it is", action: "dcv.cancel")]) }
        var bindings = [
            KeyBinding([.char("j"), .down], label: "Scroll", description: "Scroll down", action: "dcv.down", showInFooter: false),
            KeyBinding([.char("k"), .up], label: "Scroll up", description: "Scroll up", action: "dcv.up", showInFooter: false),
            KeyBinding(.char("q"), label: "Back", description: "Back", action: "dcv.back"),
        ]
        if detail != nil {
            bindings.insert(contentsOf: [
                KeyBinding(.char("m"), label: "Method", description: "Choose email, DNS or HTTP validation", action: "dcv.method"),
                KeyBinding(.char("c"), label: "Check", description: "Look up the DNS records or HTTP files and say what is missing", action: "dcv.check"),
            ], at: 0)
            if approvers.count > 1 {
                bindings.insert(KeyBinding(.char("a"), label: "Approver", description: "Next approver address for email validation", action: "dcv.approver"), at: 1)
            }
        }
        return KeyMap(bindings)
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        if var shown = dialog {
            if case .action("dcv.cancel") = event { dialog = nil; return [] }
            guard case .input(let input) = event else { return apply(event, context: context) }
            switch shown.handle(input) {
            case .chosen(let index)? where index < Self.methods.count:
                dialog = nil
                let method = Self.methods[index]
                let email = method == .email ? approver : nil
                let session = session, orderID = orderID
                return [.run { Chosen(result: session.attempt {
                    try session.database.chooseDCVMethod(method, email: email, order: orderID, by: session.acting, now: session.clock.now)
                }) }]
            case .chosen?, .cancelled?: dialog = nil
            case nil: dialog = shown
            }
            return []
        }
        return apply(event, context: context)
    }

    private mutating func apply(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        switch event {
        case .appear, .refresh:
            let session = session, orderID = orderID
            return [.run { Loaded(result: session.attempt { try session.database.domainValidation(order: orderID, for: session.acting) }) }]
        case .action("dcv.back"):
            return [.pop]
        case .action("dcv.down"):
            scroll += 1
        case .action("dcv.up"):
            scroll = max(0, scroll - 1)
        case .action("dcv.approver"):
            guard !approvers.isEmpty else { return [] }
            approverIndex = (approverIndex + 1) % approvers.count
        case .action("dcv.method"):
            guard let detail else { return [] }
            let current = detail.choice.flatMap { Self.methods.firstIndex(of: $0.method) } ?? 1
            dialog = Dialog(title: "Validation method",
                            message: "How should the certificate authority check that you control \(detail.domain.unicode)? Email goes to \(approver ?? "-") (a picks another address).",
                            buttons: Self.methods.map(\.displayName) + ["Cancel"], focusedButton: current, kind: .info)
        case .action("dcv.check"):
            guard detail != nil, !checking else { return [] }
            checking = true
            let session = session, orderID = orderID
            return [.run { Checked(result: session.attempt {
                try session.database.checkDomainValidation(order: orderID, method: nil, for: session.acting, lookups: session.domainValidationLookups,
                                                           now: session.clock.now)
            }) }]
        case .message(let loaded as Loaded):
            loaded.result.load(into: &detail, error: &error, dropOnFailure: true)
            if let chosen = detail?.choice?.approverEmail, let index = approvers.firstIndex(of: chosen) { approverIndex = index }
        case .message(let chosen as Chosen):
            switch chosen.result {
            case .success(let change):
                report = nil
                return [.toast(Toast(change.message, kind: .ok))] + apply(.refresh, context: context)
            case .failure(let failure):
                dialog = Dialog(title: "Attention", message: failure.message)
            }
        case .message(let checked as Checked):
            checking = false
            switch checked.result {
            case .success(let result):
                report = result
                if let issued = result.issued { return [.toast(Toast(issued.message, kind: .ok))] }
            case .failure(let failure): dialog = Dialog(title: "Attention", message: failure.message)
            }
        default:
            break
        }
        return []
    }

    // MARK: - View

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard let detail else {
            LoadingLine.draw(error: error, into: &buffer, area: area, theme: theme)
            return
        }
        LineList.draw(lines(detail, width: area.width), into: &buffer, area: area, theme: theme, scroll: scroll)
        if let dialog { dialog.render(into: &buffer, area: area, theme: theme) }
    }

    /// `label` then `text` wrapped to the width, continuation lines indented under the text.
    static func field(_ label: String, _ text: String, width: Int, role: ThemeRole = .text) -> [Paragraph.Line] {
        let indent = "  " + label.padding(toLength: 10, withPad: " ", startingAt: 0)
        return TextLayout.wrap(text, width: max(10, width - indent.count)).enumerated().map { index, line in
            .init((index == 0 ? indent : String(repeating: " ", count: indent.count)) + line, role: role)
        }
    }

    func lines(_ detail: DomainValidationDetail, width: Int) -> [Paragraph.Line] {
        let values = detail.values
        var lines: [Paragraph.Line] = [.init("Order \(orderID) · \(detail.domain.unicode) · domain control validation", role: .title)]
        if let choice = detail.choice {
            lines += Self.field("Method", choice.method.displayName + (choice.approverEmail.map { " to \($0)" } ?? ""), width: width, role: .ok)
        } else {
            lines += Self.field("Method", "[m] not chosen yet", width: width, role: .accent)
        }
        lines += Self.field("Approver", "\(approver ?? "-")" + (approvers.count > 1 ? "  [a] next" : ""), width: width)
        lines += Self.field("CSR", "\(detail.csr == .renewal ? "renewal CSR" : "order CSR") · MD5 \(values.csrMD5)", width: width, role: .muted)
        lines += Self.field("", "Values as Sectigo (Comodo CA) derives them from the CSR.", width: width, role: .muted)
        for name in values.names {
            lines.append(.init(""))
            lines.append(.init(name.name == name.validatedName ? name.name : "\(name.name) (validates \(name.validatedName))", role: .title))
            lines += Self.field("Email", name.approverEmails.joined(separator: ", "), width: width)
            lines += Self.field("DNS", "\(name.dns.name). \(name.dns.type) \(name.dns.value).", width: width)
            if let file = name.http {
                // Host and path apart: the URL is wider than 80 columns.
                lines += Self.field("HTTP", "http://\(file.host)", width: width)
                lines += Self.field("", file.path, width: width)
                lines += Self.field("", "content: " + file.content.split(separator: "\n").joined(separator: " / "), width: width)
            } else {
                lines += Self.field("HTTP", name.httpUnavailable ?? "not available", width: width, role: .muted)
            }
        }
        if !values.skippedNames.isEmpty {
            lines.append(.init(""))
            lines += Self.field("Not here", "IP addresses: \(values.skippedNames.joined(separator: ", "))", width: width, role: .muted)
        }
        lines.append(.init(""))
        if checking {
            lines.append(.init("Checking…", role: .muted))
        } else if let report {
            lines.append(.init("Check (\(report.method.displayName))", role: .title))
            for finding in report.findings {
                let kind: StatusKind = switch finding.status {
                case .found: .ok
                case .missing, .wrong: .danger
                case .failed, .unavailable: .warning
                }
                lines.append(.init("  " + kind.label(finding.status.rawValue) + "  " + finding.name, role: kind.role))
                lines += Self.field("", finding.message, width: width)
            }
            lines += Self.field("", report.summary, width: width, role: report.isComplete ? .ok : .warning)
            if let issued = report.issued { lines += Self.field("", issued.message, width: width, role: .ok) }
        } else {
            lines.append(.init("[c] Check looks the \(detail.choice?.method == .http ? "HTTP files" : "DNS records") up.", role: .muted))
        }
        return lines
    }
}
