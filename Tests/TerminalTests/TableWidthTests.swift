import Testing
@testable import Terminal

/// How a table shares its width: priorities, optional columns, content sizes, short forms.
@Suite struct TableWidthTests {
    @Test func fixedAndFlexibleColumnsShareAsBefore() {
        let table = Table(columns: [TableColumn("#", width: .fixed(8)), TableColumn("Name")])
        // 40 - marker 2 - spacing 1 = 37: 8 fixed, the rest flexible.
        #expect(table.columnWidths(totalWidth: 40) == [8, 29])
        // Too narrow: a column that is not optional keeps its minimum (and is clipped).
        #expect(table.columnWidths(totalWidth: 10) == [8, 4])
    }

    @Test func theHighPriorityColumnStaysWholeAndOptionalOnesGoFirst() {
        let table = Table(columns: [
            TableColumn("ID", width: .content, priority: 3),
            TableColumn("NOTE", width: .fixed(10), priority: 0, isOptional: true),
            TableColumn("DOMAIN", width: .fitting(min: 6, weight: 1), priority: 4),
        ])
        let rows = [TableRow(["7", "note", "a-long-domain.example"])]   // 21 cells
        // Room for all: the domain gets its 21 and the rest of the width.
        #expect(table.columnWidths(totalWidth: 60, rows: rows) == [2, 10, 44])
        // 30: 2 + ID 2 + DOMAIN 21 + 2 spacings = 27; NOTE (10) no longer fits and is left out.
        #expect(table.columnWidths(totalWidth: 30, rows: rows) == [2, 0, 25])
        // Narrower still: the domain is cut, but never below its minimum.
        #expect(table.columnWidths(totalWidth: 12, rows: rows) == [2, 0, 7])
    }

    @Test func aContentColumnIsWholeOrShortNeverCut() {
        let table = Table(columns: [
            TableColumn("DOMAIN", width: .fitting(min: 4, weight: 1), priority: 1),
            TableColumn("STATUS", width: .content),
        ])
        let rows = [TableRow(["shop.example", "✗ Pending Delete"], shortCells: [1: "✗ Deleting"])]
        #expect(table.columnWidths(totalWidth: 40, rows: rows)[1] == 16)
        // 28 - 2 - 1 = 25: the domain takes 12, 13 is left, "✗ Pending Delete" (16) does not fit.
        let narrow = table.columnWidths(totalWidth: 28, rows: rows)
        #expect(narrow[1] == 10)
        var buffer = Buffer(width: 28, height: 2)
        table.render(into: &buffer, area: buffer.area, data: ArrayTableData(rows), state: TableState(), theme: .default)
        #expect(buffer.line(1) == "▶ shop.example    ✗ Deleting")
    }
}
