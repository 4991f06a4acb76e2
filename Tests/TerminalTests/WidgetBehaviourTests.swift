import Testing
@testable import Terminal

/// Counts what the table asks its data source for.
final class CountingDataSource: TableDataSource {
    let count: Int
    var requestedRanges: [Range<Int>] = []
    init(count: Int) { self.count = count }
    func rows(in range: Range<Int>) -> [TableRow] {
        requestedRanges.append(range)
        return range.map { TableRow(["\($0)", "row \($0)"]) }
    }
}

@Suite("Widget behaviour")
struct WidgetBehaviourTests {
    let columns = [TableColumn("#", width: .fixed(8)), TableColumn("Name")]

    @Test func lazyTableRequestsOnlyVisibleRowsOfAMillion() {
        let data = CountingDataSource(count: 1_000_000)
        var buffer = Buffer(width: 40, height: 31)      // header + 30 rows
        var state = TableState()
        let table = Table(columns: columns)
        table.render(into: &buffer, area: buffer.area, data: data, state: state, theme: .default)
        #expect(data.requestedRanges == [0..<30])
        #expect(buffer.line(1).hasPrefix("▶ 0        row 0"))

        _ = state.handle(.end, count: data.count, pageSize: 30)
        table.render(into: &buffer, area: buffer.area, data: data, state: state, theme: .default)
        #expect(data.requestedRanges.last == 999_970..<1_000_000)
        #expect(data.requestedRanges.map(\.count).reduce(0, +) == 60)
        #expect(buffer.line(30).hasPrefix("▶ 999999   row 999999"))
    }

    @Test func tableSelectionScrollsAndClamps() {
        var state = TableState()
        for _ in 0..<12 { _ = state.handle(.char("j"), count: 20, pageSize: 5) }
        #expect(state.selected == 12)
        #expect(state.offset == 8)
        _ = state.handle(.pageDown, count: 20, pageSize: 5)
        _ = state.handle(.pageDown, count: 20, pageSize: 5)
        #expect(state.selected == 19)
        _ = state.handle(.char("g"), count: 20, pageSize: 5)
        #expect(state.selected == 0 && state.offset == 0)
        do { let r = state.handle(.char("x"), count: 20, pageSize: 5); #expect(!r) }
        _ = state.handle(.down, count: 0, pageSize: 5)
        #expect(state.selected == 0)
    }

    @Test func tableMouseClickSelectsTheClickedRow() {
        let table = Table(columns: columns)
        let area = Rect(x: 0, y: 2, width: 40, height: 11)
        var state = TableState()
        let rows = table.rowsArea(in: area)
        do { let r = state.handle(MouseEvent(kind: .press, button: .left, x: 5, y: rows.y + 3), rowsArea: rows, count: 100); #expect(r) }
        #expect(state.selected == 3)
        do { let r = state.handle(MouseEvent(kind: .scroll, button: .wheelDown, x: 5, y: 5), rowsArea: rows, count: 100); #expect(r) }
        #expect(state.selected == 6)
    }

    @Test func emptyTableShowsMessage() {
        var buffer = Buffer(width: 30, height: 3)
        Table(columns: columns, emptyMessage: "No orders yet")
            .render(into: &buffer, area: buffer.area, data: ArrayTableData([]), state: TableState(), theme: .default)
        #expect(buffer.line(1).contains("No orders yet"))
    }

    @Test func textFieldEditsByGrapheme() {
        var f = TextField(text: "e\u{301}👍🏽x")
        #expect(f.cursor == 3)
        do { let r = f.handle(.key(.backspace)); #expect(r == .changed) }
        #expect(f.text == "e\u{301}👍🏽")
        do { let r = f.handle(.key(.backspace)); #expect(r == .changed) }
        #expect(f.text == "e\u{301}")
        _ = f.handle(.key(.home))
        do { let r = f.handle(.key(.char("a"))); #expect(r == .changed) }
        #expect(f.text == "ae\u{301}")
        _ = f.handle(.key(.end))
        _ = f.handle(.key(.char("e")))
        _ = f.handle(.key(.char("\u{301}")))            // combining mark typed separately joins
        #expect(f.text == "ae\u{301}e\u{301}")
        #expect(f.cursor == 3)
        _ = f.handle(.key(.left))
        do { let r = f.handle(.key(.delete)); #expect(r == .changed) }
        #expect(f.text == "ae\u{301}")
    }

    @Test func textFieldPasteRemovesNewlinesAndNeverSubmits() {
        var f = TextField()
        do { let r = f.handle(.paste("line one\r\nline two\n")); #expect(r == .changed) }
        #expect(f.text == "line oneline two")
        do { let r = f.handle(.paste("\u{1B}[2J\u{7}")); #expect(r == .ignored) }
        #expect(f.text == "line oneline two")
        do { let r = f.handle(.key(.enter)); #expect(r == .submitted) }
        do { let r = f.handle(.key(.tab)); #expect(r == .ignored) }
    }

    @Test func textFieldMaxLengthAndKillKeys() {
        var f = TextField(maxLength: 5)
        _ = f.handle(.paste("abcdefgh"))
        #expect(f.text == "abcde")
        do { let r = f.handle(.key(.char("z"))); #expect(r == .moved) }
        #expect(f.text == "abcde")
        _ = f.handle(.key(.left)); _ = f.handle(.key(.left))
        _ = f.handle(.key(.ctrl("k")))
        #expect(f.text == "abc")
        _ = f.handle(.key(.ctrl("u")))
        #expect(f.text == "" && f.cursor == 0)
    }

    @Test func maskedFieldNeverDrawsTheSecret() {
        var buffer = Buffer(width: 20, height: 1)
        TextField(text: "hunter2", isMasked: true).render(into: &buffer, area: buffer.area, theme: .default, focused: true)
        #expect(!buffer.line(0).contains("hunter2"))
        #expect(buffer.line(0).hasPrefix("•••••••"))
        #expect(buffer.cursor == Point(x: 7, y: 0))
    }

    @Test func textAreaKeepsPastedNewlinesAndScrolls() {
        var a = TextArea(viewportHeight: 3)
        let pem = "-----BEGIN CERTIFICATE-----\r\nAAAA\r\nBBBB\r\nCCCC\r\n-----END CERTIFICATE-----"
        do { let r = a.handle(.paste(pem)); #expect(r == .changed) }
        #expect(a.text == pem.split(separator: "\r\n").joined(separator: "\n"))
        #expect(a.lineCount == 5)
        #expect(a.row == 4)
        var buffer = Buffer(width: 30, height: 3)
        a.render(into: &buffer, area: buffer.area, theme: .default, focused: true)
        #expect(buffer.line(2).hasPrefix("-----END CERTIFICATE-----"))
        #expect(buffer.cursor == Point(x: 25, y: 2))
        _ = a.handle(.key(.home)); _ = a.handle(.key(.backspace))
        #expect(a.lineCount == 4)
        #expect(a.text.hasSuffix("CCCC-----END CERTIFICATE-----"))
        _ = a.handle(.key(.enter))
        #expect(a.lineCount == 5)
    }

    @Test func dialogKeysAndMouse() {
        var d = Dialog(message: "Delete?", buttons: ["Delete", "Cancel"], focusedButton: 1)
        do { let r = d.handle(.key(.left)); #expect(r == nil) }
        #expect(d.focusedButton == 0)
        do { let r = d.handle(.key(.tab)); #expect(r == nil) }
        #expect(d.focusedButton == 1)
        do { let r = d.handle(.key(.enter)) == .chosen(1); #expect(r) }
        do { let r = d.handle(.key(.escape)); #expect(r == .cancelled) }
        let area = Rect(x: 0, y: 0, width: 60, height: 20)
        var buffer = Buffer(size: area.size)
        let rects = d.render(into: &buffer, area: area, theme: .default)
        #expect(rects.count == 2)
        let click = MouseEvent(kind: .press, button: .left, x: rects[0].x + 1, y: rects[0].y)
        do { let r = d.handle(.mouse(click), area: area) == .chosen(0); #expect(r) }
        #expect(buffer.lines.joined().contains("Attention"))
    }

    @Test func checkboxToggles() {
        var c = Checkbox("Wildcard")
        do { let r = c.handle(.char(" ")); #expect(r) }
        #expect(c.isChecked)
        do { let r = c.handle(.char("x")); #expect(!r) }
        #expect(c.isChecked)
    }

    @Test func keyMapDrivesDispatchAndMergesGlobals() {
        let screen = KeyMap([KeyBinding([.char("q")], label: "Back", action: "back")])
        let global = KeyMap([KeyBinding([.char("q"), .ctrl("c")], label: "Quit", action: "quit"),
                             KeyBinding(.char("?"), label: "Help", action: "help")])
        let merged = screen.merged(with: global)
        #expect(merged.action(for: .char("q")) == "back")
        #expect(merged.action(for: .char("?")) == "help")
        #expect(merged.action(for: .ctrl("c")) == "quit")   // only the shadowed key is gone
        #expect(merged.binding(for: "quit")?.keyText == "Ctrl-C")
        #expect(merged.action(for: .char("z")) == nil)
        let typing = merged.withoutPrintableKeys()
        #expect(typing.action(for: .char("?")) == nil)
        #expect(typing.action(for: .ctrl("c")) == "quit")
        #expect(typing.bindings.count == 1)
    }

    @Test func widgetsSurviveZeroAndTinyAreas() {
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 3, height: 2)] {
            var b = Buffer(size: size)
            let theme = Theme.default
            Table(columns: columns).render(into: &b, area: b.area, data: CountingDataSource(count: 10), state: TableState(), theme: theme)
            TextField(text: "日本語").render(into: &b, area: b.area, theme: theme, focused: true)
            TextArea(text: "a\nb").render(into: &b, area: b.area, theme: theme, focused: true)
            Dialog(message: "m").render(into: &b, area: b.area, theme: theme)
            HelpOverlay(sections: []).render(into: &b, area: b.area, theme: theme)
            Header(appName: "CertPanel", breadcrumb: ["x"]).render(into: &b, area: b.area, theme: theme)
            Footer(bindings: []).render(into: &b, area: b.area, theme: theme)
            Toast("hi").render(into: &b, area: b.area, theme: theme)
            Block(title: "t").render(into: &b, area: b.area, theme: theme)
            #expect(b.lines.count == size.height)
            #expect(b.lines.allSatisfy { displayWidth($0) == size.width })
        }
    }

    @Test func paragraphScrollsWithinItsRows() {
        var p = Paragraph(String(repeating: "word ", count: 40))
        let area = Rect(x: 0, y: 0, width: 10, height: 3)
        #expect(p.rows(width: 10).count == 20)
        do { let r = p.handle(.char("G"), area: area); #expect(r) }
        #expect(p.scroll == 17)
        do { let r = p.handle(.pageUp, area: area); #expect(r) }
        #expect(p.scroll == 15)
        do { let r = p.handle(.char("x"), area: area); #expect(!r) }
        var b = Buffer(size: area.size)
        p.render(into: &b, area: area, theme: .default)
        #expect(b.lines == ["word word ", "word word ", "word word "])
    }

    @Test func focusRingCycles() {
        var f = FocusRing(count: 3)
        do { let r = f.handle(.backTab); #expect(r) }
        #expect(f.index == 2)
        do { let r = f.handle(.tab); #expect(r) }
        #expect(f.isFocused(0))
        do { let r = f.handle(.enter); #expect(!r) }
        f.focus(9)
        #expect(f.index == 2)
    }
}

