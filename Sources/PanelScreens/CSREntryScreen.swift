import Foundation
import PanelModel
import PanelStore
import Terminal

/// Seed 004's "enter" link: the customer pastes a CSR (bracketed paste keeps it whole; a pasted
/// newline is text, never a submit), or in a local terminal names a file, then sees it decoded
/// and judged before anything is stored. The rules are `CSRCheck`'s; the store judges again
/// when the CSR is submitted.
public struct CSREntryScreen: SessionScreen {
    /// The order a CSR is entered for, and what its names must cover.
    public struct Target: Sendable {
        public var orderID: OrderID
        public var domain: DomainName
        public var requirement: CSRRequirement
        /// The first issue or a reissue, or the renewal's CSR exchange.
        public var purpose: CSREntry.Purpose

        public init(orderID: OrderID, domain: DomainName, type: CertificateType, additionalNames: [String], purpose: CSREntry.Purpose) {
            self.orderID = orderID
            self.domain = domain
            requirement = CSRRequirement(domain: domain.ascii, type: type, additionalNames: additionalNames)
            self.purpose = purpose
        }
    }

    enum Stage {
        case entry
        case preview(CSRVerdict)
        case done(CSRSubmissionResult)
    }

    let session: PanelSession
    let target: Target
    var pem = TextArea(placeholder: "Paste the CSR here: -----BEGIN CERTIFICATE REQUEST----- … -----END CERTIFICATE REQUEST-----",
                       maxLength: CSRCheck.maximumInputBytes + 1, viewportHeight: 10)
    var path = TextField(placeholder: "/path/to/request.csr", maxLength: 4096)
    var focus: FocusRing
    var stage = Stage.entry
    var entryProblems: [String] = []
    var previewFocus = 0

    struct Judged: Sendable { var verdict: CSRVerdict?; var text: String; var failure: String? }
    struct Submitted: Sendable { var result: Result<CSRSubmissionResult, PanelError> }

    public init(session: PanelSession, target: Target) {
        self.session = session
        self.target = target
        focus = FocusRing(count: session.allowsLocalFiles ? 4 : 3)
    }

    public var title: String { target.purpose == .renewal ? "Enter Renewal CSR" : "Enter CSR" }

    /// A pasted CSR or a file name is lost when the screen is left before it is submitted.
    public var unsavedInput: String? {
        if case .done = stage { return nil }
        guard !pem.text.isEmpty || !path.text.isEmpty else { return nil }
        return "The CSR you entered for order \(target.orderID) has not been submitted and will be lost."
    }

    /// The text inputs, then Preview and Cancel.
    var fieldCount: Int { session.allowsLocalFiles ? 2 : 1 }
    public var capturesText: Bool { if case .entry = stage { return focus.index < fieldCount } else { return false } }

    public var keyMap: KeyMap {
        switch stage {
        case .entry:
            KeyMap([
                KeyBinding(.tab, label: "Next", description: "Next field or button", action: "csr.next"),
                KeyBinding(.backTab, label: "Previous", description: "Previous field or button", action: "csr.previous", showInFooter: false),
                KeyBinding(.enter, label: focus.index == 0 ? "New line" : "Preview",
                           description: "A new line in the CSR; on the file field or Preview: decode and check the CSR (nothing is stored yet)",
                           action: "csr.enter"),
                KeyBinding(.ctrl("u"), label: "Clear", description: "Clear the pasted CSR", action: "csr.clear", showInFooter: !pem.text.isEmpty),
                KeyBinding(.escape, label: "Cancel", description: "Back without entering a CSR (asks if you entered one)", action: "csr.cancel"),
            ])
        case .preview(let verdict):
            KeyMap([
                KeyBinding([.left, .right, .tab], label: "Choose", description: verdict.isAccepted ? "Submit or Edit" : "Edit or Cancel", action: "csr.toggle", keyText: "←/→"),
                KeyBinding(.enter, label: "Select", description: "Submit the CSR, or go back and edit it", action: "csr.enter"),
                KeyBinding(.escape, label: "Edit", description: "Back to the CSR to change it", action: "csr.edit"),
            ])
        case .done:
            KeyMap([KeyBinding([.enter, .escape], label: "Done", description: "Back", action: "csr.cancel", keyText: "Enter")])
        }
    }

    var buttons: [String] {
        guard case .preview(let verdict) = stage else { return ["Preview", "Cancel"] }
        return verdict.isAccepted ? ["Submit", "Edit"] : ["Edit", "Cancel"]
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        switch (stage, event) {
        case (.done, .action("csr.cancel")):
            return [.pop]
        case (_, .action("csr.cancel")):
            return [.leave]
        case (.entry, .action("csr.clear")):
            pem.setText("")
            entryProblems = []
            focus.focus(0)
        case (.entry, .action("csr.next")):
            focus.next()
        case (.entry, .action("csr.previous")):
            focus.previous()
        case (.entry, .action("csr.enter")):
            switch focus.index - fieldCount {
            case 0: return judge()
            case 1: return [.leave]
            // Enter is bound for the buttons; in the text area it is a new line, in the file field Preview.
            default: if focus.index == 0 { _ = pem.handle(.key(.enter)) } else { return judge() }
            }
        case (.entry, .input(let input)):
            switch (focus.index, input) {
            case (0, _): _ = pem.handle(input)
            case (1, _) where fieldCount == 2: _ = path.handle(input)
            case (_, .key(.left)), (_, .key(.right)):
                focus.focus(focus.index == fieldCount ? fieldCount + 1 : fieldCount)
            default: break
            }
        case (.entry, .message(let judged as Judged)):
            if let failure = judged.failure {
                entryProblems = [failure]
            } else if let verdict = judged.verdict, verdict.problems.contains(where: { $0.code == "private_key" }) {
                // A private key never stays on screen: the text goes, the warning stays.
                pem.setText("")
                entryProblems = verdict.problems.map(\.message)
            } else if let verdict = judged.verdict {
                entryProblems = []
                if judged.text != pem.text { pem.setText(judged.text) }   // a file's content, for Edit
                previewFocus = 0
                stage = .preview(verdict)
            }
        case (.preview, .action("csr.toggle")):
            previewFocus = 1 - previewFocus
        case (.preview, .action("csr.edit")):
            stage = .entry
        case (.preview(let verdict), .action("csr.enter")):
            switch (verdict.isAccepted, previewFocus) {
            case (true, 0): return submit()
            case (false, 1): return [.leave]
            default: stage = .entry
            }
        case (.preview, .message(let submitted as Submitted)):
            switch submitted.result {
            case .success(let certificate): stage = .done(certificate)
            case .failure(let failure):
                // The order changed since the preview (or the store judged otherwise): say why.
                entryProblems = [failure.message]
                stage = .entry
            }
        default:
            break
        }
        return []
    }

    /// Reads the file (when one is named) and judges the text, off the drawing path.
    private func judge() -> [Effect] {
        let requirement = target.requirement, pasted = pem.text
        let file = fieldCount == 2 ? path.text.trimmingCharacters(in: .whitespaces) : ""
        return [.run {
            var text = pasted
            if !file.isEmpty {
                switch LocalFile.read(file, limit: CSRCheck.maximumInputBytes + 1) {
                case .success(let content): text = content
                case .failure(let failure): return Judged(verdict: nil, text: pasted, failure: failure.message)
                }
            }
            return Judged(verdict: CSRCheck.judge(text, for: requirement), text: text, failure: nil)
        }]
    }

    private func submit() -> [Effect] {
        let session = session, orderID = target.orderID, text = pem.text
        return [.run {
            Submitted(result: session.attempt {
                try session.database.submitCSR(text, order: orderID, by: session.acting, now: session.clock.now)
            })
        }]
    }

    // MARK: - View

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        let theme = context.theme
        let names = target.requirement.requiredNames.joined(separator: ", ")
        buffer.write("Order \(target.orderID) · \(target.domain.unicode) · the CSR must name \(names)", in: area.row(0), style: theme[.title])
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        switch stage {
        case .entry: drawEntry(into: &buffer, area: body, theme: theme)
        case .preview(let verdict): drawPreview(verdict, into: &buffer, area: body, theme: theme)
        case .done(let result): drawDone(result, into: &buffer, area: body, theme: theme)
        }
    }

    private func drawEntry(into buffer: inout Buffer, area: Rect, theme: Theme) {
        var form = FormLayout(area: area, theme: theme, labelWidth: 24)
        form.line { $0.write("CSR (PEM), pasted:", in: $1, style: theme[.text]) }
        let height = min(12, max(3, area.height / 2 - 2))
        form.block(height: height, focused: focus.isFocused(0), gap: 1) { pem.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(0)) }
        if fieldCount == 2 {
            form.field("or read it from a file", focused: focus.isFocused(1)) { path.render(into: &$0, area: $1, theme: theme, focused: focus.isFocused(1)) }
        }
        form.note("Paste the whole block, BEGIN and END lines included; Enter makes a new line here, Ctrl-U clears it. Never paste the private key: only the request. Preview decodes and checks it; nothing is stored before you submit.", indent: 0)
        form.finish(buttons: buttons, focused: focus.index >= fieldCount ? focus.index - fieldCount : nil, problems: entryProblems)
        form.present(into: &buffer)
    }

    private func drawPreview(_ verdict: CSRVerdict, into buffer: inout Buffer, area: Rect, theme: Theme) {
        var lines: [Paragraph.Line] = []
        if let summary = verdict.summary {
            lines.append(.init("Decoded CSR", role: .title))
            for field in summary.subject { lines.append(.init("  \(field.name.padding(toLength: 14, withPad: " ", startingAt: 0))\(field.value)")) }
            let sans = summary.subjectAlternativeNames.isEmpty ? "none" : summary.subjectAlternativeNames.joined(separator: ", ")
            lines.append(.init("  SANs          \(sans)"))
            lines.append(.init("  Key           \(summary.keyDescription)"))
            lines.append(.init("  Signature     \(summary.signatureAlgorithm)"))
            lines.append(summary.signatureVerifies
                ? .init("  Self-signed   " + StatusKind.ok.label("the signature verifies"), role: .ok)
                : .init("  Self-signed   " + StatusKind.danger.label("the signature does NOT verify"), role: .danger))
            lines.append(.init(""))
        }
        if verdict.isAccepted {
            lines.append(.init(StatusKind.ok.label("This CSR can be submitted for order \(target.orderID)."), role: .ok))
        }
        // The buttons always keep their row, even when the decoded lines must be cut short.
        let listed = Rect(x: area.x, y: area.y, width: area.width, height: max(0, min(lines.count, area.height - 2)))
        LineList.draw(lines, into: &buffer, area: listed, theme: theme)
        var y = listed.maxY + (lines.isEmpty ? 0 : 1)
        if y < area.maxY {
            ButtonRow(buttons, focused: previewFocus).render(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: 1), theme: theme)
            y += 2
        }
        AttentionBoxes.draw(verdict.problems.map(\.message), into: &buffer,
                            area: Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y)), theme: theme)
    }

    private func drawDone(_ result: CSRSubmissionResult, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let kind = StatusText.kind(result.state)
        var lines: [Paragraph.Line] = [
            .init(StatusKind.ok.label("CSR accepted for order \(target.orderID)."), role: .ok),
            .init("  State         " + kind.label(result.state.displayName)),
        ]
        if let validTo = result.validTo { lines.append(.init("  Valid until   \(OrderRows.date(validTo))")) }
        if let certificate = result.certificate {
            lines.append(.init("  Serial        \(certificate.serialNumber)"))
            lines.append(.init("  Issuer        \(certificate.issuer)"))
        }
        lines.append(.init("  Transaction   \(result.transactionID)"))
        lines.append(.init(""))
        lines += TextLayout.wrap(result.message, width: max(1, area.width)).map { .init($0) }
        if result.certificate != nil {
            lines.append(.init(""))
            // The store's message already names the command; in the panel, the PEM is one key away.
            lines.append(.init("In this panel: SSL Certificates (C) → order \(target.orderID) → v shows the PEM to copy.", role: .muted))
        }
        LineList.draw(lines, into: &buffer, area: area, theme: theme)
    }
}
