import Foundation
import PanelModel
import PanelStore
import Terminal

/// One certificate in detail (seed 004's service detail): state and expiry, the certificate's
/// subject, SANs, issuer, serial, validity and SHA-256 fingerprint, the CSR it was issued for,
/// and the order's invoices. `c` enters a CSR when the order waits for one (or for the renewal's
/// CSR exchange), `R` reissues after a confirmation (the stored CSR signed again at once, or a
/// new CSR pasted), `v` shows the PEM for copying. The term reads "subscription until … · this
/// certificate until … · next reissue due …".
public struct SSLCertificateScreen: SessionScreen {
    let session: PanelSession
    let orderID: OrderID
    var detail: SSLCertificateDetail?
    var error: String?
    var scroll = 0
    /// The certificate as PEM while `v` shows it (fetched when asked for).
    var pem: String?
    var dialog: Dialog?
    /// An action asked for from a list, run once the certificate has loaded.
    var pendingAction: ActionID?

    struct Loaded: Sendable { var result: Result<SSLCertificateDetail, PanelError> }
    struct Reissued: Sendable { var result: Result<String, PanelError> }
    struct ReissuedWithStoredCSR: Sendable { var result: Result<CSRSubmissionResult, PanelError> }
    struct PEMLoaded: Sendable { var result: Result<String, PanelError> }

    public init(session: PanelSession, orderID: OrderID, then action: ActionID? = nil) {
        self.session = session
        self.orderID = orderID
        pendingAction = action
    }

    public var title: String { "Certificate \(orderID)" }
    public var capturesText: Bool { dialog != nil }
    static let reissueTitle = "Reissue certificate"

    /// Issued or expiring; or expired while the subscription runs on (the store decides the edge).
    var canReissue: Bool {
        guard let row = detail?.row else { return false }
        if [.issued, .expiring].contains(row.state) { return true }
        return row.state == .expired && row.storedState != .revoked
            && (row.subscriptionUntil.map { $0 > session.clock.now.adding(days: 1) } ?? false)
    }
    var hasStoredCSR: Bool { detail?.csr != nil }

    public var keyMap: KeyMap {
        if dialog != nil { return KeyMap([KeyBinding(.escape, label: "Cancel", description: "Keep the certificate as it is", action: "cert.cancel")]) }
        var bindings = [
            KeyBinding([.char("j"), .down], label: "Scroll", description: "Scroll down", action: "cert.down", showInFooter: false),
            KeyBinding([.char("k"), .up], label: "Scroll up", description: "Scroll up", action: "cert.up", showInFooter: false),
            KeyBinding(.char("q"), label: "Back", description: "Back", action: "cert.back"),
        ]
        if detail?.csrEntry.isAllowed == true {
            bindings.insert(KeyBinding(.char("c"), label: "Enter CSR", description: "Paste the CSR for this order", action: "cert.csr"), at: 0)
        }
        if detail?.certificate != nil {
            bindings.insert(KeyBinding(.char("v"), label: pem != nil ? "Details" : "View PEM",
                                       description: "Show the certificate as PEM, to copy it (v again for the details)", action: "cert.pem"), at: 0)
        }
        if detail?.csr != nil || detail?.renewalCSR != nil {
            bindings.insert(KeyBinding(.char("d"), label: "Validation", description: "Domain validation: approver emails, DNS record, HTTP file", action: "cert.dcv"), at: 0)
        }
        if canReissue {
            bindings.insert(KeyBinding(.char("R"), label: "Reissue", description: "Reissue: reuse the stored CSR or paste a new one (asks first)", action: "cert.reissue"), at: 0)
        }
        return KeyMap(bindings)
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        if var shown = dialog {
            if case .action("cert.cancel") = event { dialog = nil; return [] }
            guard case .input(let input) = event else { return apply(event, context: context) }
            let session = session, orderID = orderID
            // With a stored CSR the buttons are Reuse stored CSR, Paste new CSR, Cancel; without one, Paste new CSR, Cancel.
            // Any other dialog (Attention, Domain validation needed) only says something: OK closes it.
            let offset = shown.title == Self.reissueTitle ? (hasStoredCSR ? 0 : 1) : 2
            switch shown.handle(input) {
            case .chosen(let button)? where button + offset == 0:
                dialog = nil
                return [.run { ReissuedWithStoredCSR(result: session.attempt { try session.database.reissueWithStoredCSR(order: orderID, by: session.acting, now: session.clock.now) }) }]
            case .chosen(let button)? where button + offset == 1:
                dialog = nil
                return [.run { Reissued(result: session.attempt { try session.database.requestReissue(order: orderID, by: session.acting, now: session.clock.now) }) }]
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
            return [.run { Loaded(result: session.attempt { try session.database.sslCertificateDetail(order: orderID, for: session.acting, now: session.clock.now) }) }]
        case .action("cert.back"):
            return [.pop]
        case .action("cert.down"):
            scroll += 1
        case .action("cert.up"):
            scroll = max(0, scroll - 1)
        case .action("cert.pem"):
            scroll = 0
            if pem != nil { pem = nil; return [] }
            let session = session, orderID = orderID
            return [.run { PEMLoaded(result: session.attempt { try session.database.certificatePEM(order: orderID, for: session.acting) }) }]
        case .action("cert.dcv"):
            return [.push(DomainValidationScreen(session: session, orderID: orderID))]
        case .action("cert.csr"):
            guard let detail, let purpose = detail.csrEntry.purpose else { return [] }
            return [.push(CSREntryScreen(session: session, target: .init(orderID: orderID, domain: detail.row.domain, type: detail.row.type,
                                                                          additionalNames: detail.additionalNames, purpose: purpose)))]
        case .action("cert.reissue"):
            guard let detail, canReissue else { return [] }
            let reuse = hasStoredCSR ? " Reuse the stored CSR (the same key) to get the new certificate at once, or paste a new CSR (a new key)." : " The order then waits for a new CSR."
            dialog = Dialog(title: Self.reissueTitle,
                            message: "Reissue the certificate of order \(orderID) (\(detail.row.domain.unicode)) within its subscription?\(reuse) The current certificate stays valid until the new one is issued.",
                            buttons: (hasStoredCSR ? ["Reuse stored CSR"] : []) + ["Paste new CSR", "Cancel"],
                            focusedButton: hasStoredCSR ? 2 : 1)
        case .message(let loaded as Loaded):
            loaded.result.load(into: &detail, error: &error, dropOnFailure: true)
            if detail != nil, let action = pendingAction {
                pendingAction = nil
                return PendingAction.run(action, on: &self, context: context)
            }
        case .message(let loaded as PEMLoaded):
            switch loaded.result {
            case .success(let text): pem = text
            case .failure(let failure): dialog = Dialog(title: "Attention", message: failure.message)
            }
        case .message(let reissued as ReissuedWithStoredCSR):
            switch reissued.result {
            case .success(let result) where result.state == .validating:
                // Past the reuse period of its domain validation: the dates and the next step, in full.
                dialog = Dialog(title: "Domain validation needed", message: result.message, kind: .info)
                return apply(.appear, context: context)
            case .success(let result):
                return [.toast(Toast(result.message, kind: .ok))] + apply(.appear, context: context)
            case .failure(let failure):
                dialog = Dialog(title: "Attention", message: failure.message)
            }
        case .message(let reissued as Reissued):
            switch reissued.result {
            case .success:
                return [.toast(Toast("Order \(orderID) now waits for a new CSR: press c to enter it", kind: .ok))] + apply(.appear, context: context)
            case .failure(let failure):
                dialog = Dialog(title: "Attention", message: failure.message)
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
        if let pem {
            let lines = pem.split(separator: "\n").map { Paragraph.Line(String($0)) }
            LineList.draw(lines, into: &buffer, area: area, theme: theme, scroll: scroll)
            return
        }
        LineList.draw(lines(detail, width: area.width), into: &buffer, area: area, theme: theme, scroll: scroll)
        if let dialog { dialog.render(into: &buffer, area: area, theme: theme) }
    }

    func lines(_ detail: SSLCertificateDetail, width: Int) -> [Paragraph.Line] {
        let row = detail.row
        let expiry = SSLStatusScreen.expiryKind(row)
        var lines: [Paragraph.Line] = [
            .init("Order \(row.orderID) · \(row.domain.unicode) · \(row.type.displayName)", role: .title),
            .init("  State         " + StatusText.kind(row.state).label(row.state.displayName), role: StatusText.kind(row.state).role),
        ]
        if let validTo = row.validTo, let days = row.daysLeft {
            lines.append(.init("  Expires       \(OrderRows.date(validTo)) · " + expiry.label(days > 0 ? "\(days) days left" : "expired"), role: expiry.role))
        }
        if row.validTo != nil || row.subscriptionUntil != nil {
            // "subscription until … · this certificate until … · next reissue due …", wrapped.
            let reissueDue = row.nextReissueDue.map { $0 <= session.clock.now } ?? false
            for (index, line) in TextLayout.wrap(row.validitySummary, width: max(1, width - 16)).enumerated() {
                lines.append(.init((index == 0 ? "  Term          " : "                ") + line, role: reissueDue ? .warning : .text))
            }
            if reissueDue, canReissue { lines.append(.init("                [R] Reissue: it is due", role: .accent)) }
        }
        if let validation = detail.validationStatus {
            for (index, line) in TextLayout.wrap(validation, width: max(1, width - 16)).enumerated() {
                lines.append(.init((index == 0 ? "  Validation    " : "                ") + line, role: .text))
            }
        }
        if !detail.additionalNames.isEmpty { lines.append(.init("  Also covers   " + detail.additionalNames.joined(separator: ", "))) }
        switch detail.csrEntry.purpose {
        case .issue?: lines.append(.init("  CSR           [c] Enter CSR: this order waits for one", role: .accent))
        case .renewal?:
            let exchanged = detail.renewalCSR == nil ? "the renewal needs a new CSR" : "a renewal CSR is in; c replaces it"
            lines.append(.init("  Renewal       [c] Enter CSR: \(exchanged) (invoice \(detail.renewalInvoiceNumber ?? "-"))", role: .accent))
        case nil:
            for (index, line) in TextLayout.wrap(detail.csrEntry.refusal ?? "", width: max(1, width - 16)).enumerated() {
                lines.append(.init((index == 0 ? "  CSR           " : "                ") + line, role: .muted))
            }
        }
        lines.append(.init(""))

        lines.append(.init("Certificate", role: .title))
        if let certificate = detail.certificate {
            lines.append(.init("  Subject       \(certificate.subject)"))
            lines.append(.init("  SANs          \(certificate.subjectAlternativeNames.joined(separator: ", "))"))
            lines.append(.init("  Issuer        \(certificate.issuer)"))
            lines.append(.init("  Serial        \(certificate.serialNumber)"))
            lines.append(.init("  Valid         \(OrderRows.date(certificate.notBefore)) to \(OrderRows.date(certificate.notAfter))"))
            lines.append(.init("  Key           \(certificate.keyDescription)"))
            // 95 characters: wrapped at a colon so each line stays readable in 80 columns.
            let fingerprint = Self.wrap(certificate.sha256Fingerprint, width: max(20, width - 16))
            for (index, part) in fingerprint.enumerated() {
                lines.append(.init((index == 0 ? "  SHA-256       " : "                ") + part))
            }
        } else {
            lines.append(.init("  Not issued yet.", role: .muted))
        }
        for (title, csr) in [("CSR", detail.csr), ("Renewal CSR", detail.renewalCSR)] {
            guard let csr else { continue }
            lines.append(.init(""))
            lines.append(.init(title, role: .title))
            lines.append(.init("  Subject       \(csr.subjectLine)"))
            lines.append(.init("  Key           \(csr.keyDescription) · \(csr.signatureAlgorithm)"))
        }
        lines.append(.init(""))
        lines.append(.init("Invoices (\(detail.invoices.filter { $0.status == .paid }.count) of \(detail.invoices.count) paid)", role: .title))
        if detail.invoices.isEmpty { lines.append(.init("  None.", role: .muted)) }
        for invoice in detail.invoices {
            let kind = StatusText.kind(invoice.status)
            let what = invoice.kind == .renewal ? "renewal" : "order"
            lines.append(.init("  \(invoice.number)  \(invoice.amount.description.padding(toLength: 12, withPad: " ", startingAt: 0))"
                               + "\(kind.label(invoice.status.rawValue).padding(toLength: 11, withPad: " ", startingAt: 0))"
                               + "issued \(OrderRows.date(invoice.issuedAt))  due \(OrderRows.date(invoice.dueAt))  \(what)",
                               role: invoice.status == .pending ? .warning : .text))
        }
        return lines
    }

    /// Splits "AB:CD:…" into lines of at most `width`, breaking after a colon.
    static func wrap(_ fingerprint: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for pair in fingerprint.split(separator: ":") {
            let piece = current.isEmpty ? String(pair) : ":" + pair
            if current.count + piece.count > width, !current.isEmpty {
                lines.append(current + ":")
                current = String(pair)
            } else {
                current += piece
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
