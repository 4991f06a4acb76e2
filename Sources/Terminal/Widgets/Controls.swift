/// "[x] Label". Focus shows as a "›" marker as well as a style.
public struct Checkbox: Sendable, Hashable {
    public var label: String
    public var isChecked: Bool

    public init(_ label: String, isChecked: Bool = false) {
        self.label = label
        self.isChecked = isChecked
    }

    /// Space or Enter toggles. Returns true if the key was used.
    public mutating func handle(_ key: Key) -> Bool {
        guard key == .char(" ") || key == .enter else { return false }
        isChecked.toggle()
        return true
    }

    public func render(into buffer: inout Buffer, area: Rect, theme: Theme, focused: Bool) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let text = (focused ? "›" : " ") + (isChecked ? "[x] " : "[ ] ") + Sanitizer.clean(label)
        buffer.fill(row, style: theme[.text])
        buffer.write(text, in: row, style: theme[focused ? .fieldFocus : .text])
    }
}

/// A push button: "[ OK ]", focused "< OK >" (shape and style both change).
public struct Button: Sendable, Hashable {
    public var label: String
    public init(_ label: String) { self.label = label }

    public func text(focused: Bool) -> String {
        focused ? "< " + Sanitizer.clean(label) + " >" : "[ " + Sanitizer.clean(label) + " ]"
    }

    public var width: Int { displayWidth(text(focused: false)) }

    /// Draws at the start of `area`'s first row; returns the rectangle used (for mouse hits).
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme, focused: Bool) -> Rect {
        guard !area.isEmpty else { return area }
        let t = TextLayout.truncate(text(focused: focused), to: area.width)
        let end = buffer.write(t, x: area.x, y: area.y, style: theme[focused ? .buttonFocus : .button], clip: area.row(0))
        return Rect(x: area.x, y: area.y, width: end - area.x, height: 1)
    }
}

/// A row of buttons, centred, with one focused.
public struct ButtonRow: Sendable, Hashable {
    public var buttons: [Button]
    public var focused: Int?
    public init(_ labels: [String], focused: Int? = 0) {
        self.buttons = labels.map(Button.init)
        self.focused = focused
    }

    /// Draws centred in the first row of `area`; returns each button's rectangle.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) -> [Rect] {
        guard !area.isEmpty else { return [] }
        let total = buttons.reduce(0) { $0 + $1.width } + 2 * max(0, buttons.count - 1)
        var x = area.x + max(0, (area.width - total) / 2)
        var rects: [Rect] = []
        for (i, button) in buttons.enumerated() {
            let r = button.render(into: &buffer, area: Rect(x: x, y: area.y, width: area.maxX - x, height: 1),
                                  theme: theme, focused: i == focused)
            rects.append(r)
            x += button.width + 2
        }
        return rects
    }
}
