import Testing
@testable import Terminal

/// Each widget rendered at two sizes and compared with text + style goldens.
@Suite("Widget goldens")
struct WidgetGoldenTests {
    let theme = Theme.default

    static let sizes = [Size(width: 48, height: 10), Size(width: 24, height: 6)]

    static let orders = ArrayTableData([
        TableRow(["1042", "example.com", StatusKind.ok.label("Issued")], role: .ok),
        TableRow(["1043", "日本語.jp", StatusKind.warning.label("Pending")], role: .warning),
        TableRow(["1044", "very-long-domain-name.example.org", StatusKind.danger.label("Expired")], role: .danger),
        TableRow(["1045", "👍🏽 emoji.test", StatusKind.muted.label("Draft")]),
        TableRow(["1046", "e\u{301}cole.fr", StatusKind.ok.label("Issued")], role: .ok),
        TableRow(["1047", "evil\u{1B}[2J\u{202E}gpj.exe", StatusKind.info.label("Review")], role: .info),
    ])

    static let columns = [
        TableColumn("ID", width: .fixed(5), alignment: .right),
        TableColumn("Domain", width: .flexible(min: 8, weight: 2)),
        TableColumn("Status", width: .flexible(min: 6, weight: 1)),
    ]

    @Test(arguments: sizes)
    func table(size: Size) {
        var buffer = Buffer(size: size)
        var state = TableState()
        _ = state.handle(.down, count: Self.orders.count, pageSize: size.height - 1)
        Table(columns: Self.columns).render(into: &buffer, area: buffer.area, data: Self.orders, state: state, theme: theme)
        Golden.check(buffer, named: "table-\(size)")
    }

    @Test(arguments: sizes)
    func textFields(size: Size) {
        var buffer = Buffer(size: size)
        var name = TextField(text: "mail.example.com", placeholder: "Domain")
        _ = name.handle(.key(.left))
        let password = TextField(text: "s3cr3t-日本", isMasked: true)
        let empty = TextField(placeholder: "Common name")
        var wide = TextField(text: "")
        _ = wide.handle(.paste("证书证书证书证书证书证书证书\n"))
        name.render(into: &buffer, area: buffer.area.row(0), theme: theme, focused: true)
        password.render(into: &buffer, area: buffer.area.row(1), theme: theme, focused: false)
        empty.render(into: &buffer, area: buffer.area.row(2), theme: theme, focused: false)
        wide.render(into: &buffer, area: buffer.area.row(3), theme: theme, focused: false)
        Golden.check(buffer, named: "textfield-\(size)")
        #expect(buffer.cursor == Point(x: 15, y: 0))
    }

    @Test(arguments: sizes)
    func textArea(size: Size) {
        var buffer = Buffer(size: size)
        var area = TextArea(viewportHeight: size.height - 2)
        _ = area.handle(.paste("-----BEGIN CERTIFICATE-----\r\nMIIBszCCAVmgAwIBAgIUQ1\r\nZXhhbXBsZS5jb20wHhcN\r\n-----END CERTIFICATE-----\r\n"))
        let inner = Block(title: "PEM").render(into: &buffer, area: buffer.area, theme: theme)
        area.render(into: &buffer, area: inner, theme: theme, focused: true)
        Golden.check(buffer, named: "textarea-\(size)")
    }

    @Test(arguments: sizes)
    func controls(size: Size) {
        var buffer = Buffer(size: size)
        Checkbox("Auto-renew", isChecked: true).render(into: &buffer, area: buffer.area.row(0), theme: theme, focused: true)
        Checkbox("Wildcard", isChecked: false).render(into: &buffer, area: buffer.area.row(1), theme: theme, focused: false)
        ButtonRow(["Save", "Cancel"], focused: 0).render(into: &buffer, area: buffer.area.row(3), theme: theme)
        Golden.check(buffer, named: "controls-\(size)")
    }

    @Test(arguments: sizes)
    func dialog(size: Size) {
        var buffer = Buffer(size: size)
        buffer.fill(buffer.area, style: theme[.text], symbol: "·")
        Dialog(message: "Revoke the certificate for example.com? This cannot be undone.",
               buttons: ["Revoke", "Cancel"], focusedButton: 1, kind: .danger)
            .render(into: &buffer, area: buffer.area, theme: theme)
        Golden.check(buffer, named: "dialog-\(size)")
    }

    @Test(arguments: sizes)
    func headerAndFooter(size: Size) {
        var buffer = Buffer(size: size)
        Header(appName: "CertPanel", breadcrumb: ["Orders", "Order 1042", "Certificate"], trailing: "v1")
            .render(into: &buffer, area: buffer.area.row(0), theme: theme)
        let bindings = [
            KeyBinding([.down, .char("j")], label: "Down", action: "down"),
            KeyBinding(.enter, label: "Open", action: "open", keyText: "⏎"),
            KeyBinding(.char("/"), label: "Search", action: "search"),
            KeyBinding(.char("x"), label: "Hidden", action: "x", showInFooter: false),
            KeyBinding(.char("?"), label: "Help", action: "help"),
        ]
        Footer(bindings: bindings).render(into: &buffer, area: buffer.area.row(size.height - 1), theme: theme)
        Golden.check(buffer, named: "header-footer-\(size)")
    }

    @Test(arguments: sizes)
    func helpOverlay(size: Size) {
        var buffer = Buffer(size: size)
        let help = HelpOverlay(sections: [
            .init(title: "Orders", bindings: [
                KeyBinding([.down, .char("j")], label: "Down", description: "Move down", action: "down"),
                KeyBinding([.up, .char("k")], label: "Up", description: "Move up", action: "up"),
                KeyBinding(.enter, label: "Open", description: "Open the selected order", action: "open"),
            ]),
            .init(title: "Everywhere", bindings: [
                KeyBinding(.char("?"), label: "Help", description: "Show this help", action: "help"),
                KeyBinding([.char("q"), .ctrl("c")], label: "Quit", description: "Quit CertPanel", action: "quit"),
            ]),
        ])
        help.render(into: &buffer, area: buffer.area, theme: theme)
        Golden.check(buffer, named: "help-\(size)")
    }

    @Test(arguments: sizes)
    func toasts(size: Size) {
        var buffer = Buffer(size: size)
        Toast("Order saved", kind: .ok).render(into: &buffer, area: buffer.area.splitBottom(1).0, theme: theme)
        Toast("Could not reach the CA: timeout", kind: .danger).render(into: &buffer, area: buffer.area, theme: theme)
        Golden.check(buffer, named: "toast-\(size)")
    }

    @Test(arguments: sizes)
    func paragraph(size: Size) {
        var buffer = Buffer(size: size)
        let p = Paragraph(lines: [
            .init("Subject: CN=example.com, O=Example Ltd"),
            .init("Issuer: CN=Example CA\u{1B}]52;c;eA==\u{7}"),
            .init(StatusKind.danger.label("Expired on 2025-01-01"), role: .danger),
            .init("SAN: example.com, www.example.com, mail.example.com, 日本語.example.jp"),
        ])
        p.render(into: &buffer, area: buffer.area, theme: theme)
        Golden.check(buffer, named: "paragraph-\(size)")
    }
}

