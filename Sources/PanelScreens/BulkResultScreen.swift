import PanelModel
import Terminal

/// What a bulk action did, one line per certificate: ✓ or ✗ (never colour alone), the order,
/// its domain and the single action's own message (its refusal word for word). Long lists
/// scroll; Enter, Esc or q go back to the list.
public struct BulkResultScreen: SessionScreen {
    let session: PanelSession
    let heading: String
    let results: [BulkItemResult]
    var scroll = 0

    init(session: PanelSession, heading: String, results: [BulkItemResult]) {
        self.session = session
        self.heading = heading
        self.results = results
    }

    public var title: String { "Results" }

    public var keyMap: KeyMap {
        KeyMap([
            KeyBinding([.char("j"), .down], label: "Scroll", description: "Scroll down", action: "bulk.down", showInFooter: false),
            KeyBinding([.char("k"), .up], label: "Scroll up", description: "Scroll up", action: "bulk.up", showInFooter: false),
            KeyBinding([.enter, .escape, .char("q")], label: "Done", description: "Back to the SSL Certificates list", action: "bulk.done", keyText: "Enter"),
        ])
    }

    public mutating func update(_ event: ScreenEvent, context: ScreenContext) -> [Effect] {
        switch event {
        case .action("bulk.done"): return [.pop]
        case .action("bulk.down"): scroll = min(scroll + 1, max(0, lines(width: context.size.width).count - context.size.height))
        case .action("bulk.up"): scroll = max(0, scroll - 1)
        default: break
        }
        return []
    }

    func lines(width: Int) -> [Paragraph.Line] {
        var lines: [Paragraph.Line] = [
            .init(heading, role: .title),
            .init(results.summary + ".", role: results.allSatisfy(\.succeeded) ? .ok : .warning),
            .init(""),
        ]
        let indent = String(repeating: " ", count: 4)
        for result in results {
            let kind: StatusKind = result.succeeded ? .ok : .danger
            lines.append(.init(kind.label("\(result.orderID)  \(result.domain)"), role: kind.role))
            for line in TextLayout.wrap(result.message, width: max(10, width - indent.count)) {
                lines.append(.init(indent + line, role: result.succeeded ? .text : .danger))
            }
        }
        return lines
    }

    public func view(into buffer: inout Buffer, area: Rect, context: ViewContext) {
        LineList.draw(lines(width: area.width), into: &buffer, area: area, theme: context.theme, scroll: scroll)
    }
}
