/// A bordered box with an optional title. `render` returns the inner area for the content.
public struct Block: Sendable, Hashable {
    public var title: String?
    public var borderRole: ThemeRole
    public var titleRole: ThemeRole
    public var fillRole: ThemeRole?

    public init(title: String? = nil, borderRole: ThemeRole = .border, titleRole: ThemeRole = .title,
                fillRole: ThemeRole? = nil) {
        self.title = title
        self.borderRole = borderRole
        self.titleRole = titleRole
        self.fillRole = fillRole
    }

    /// The area inside the border.
    public static func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) -> Rect {
        guard !area.isEmpty else { return area }
        let border = theme[borderRole]
        if let fill = fillRole { buffer.fill(area, style: theme[fill]) }
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let right = area.maxX - 1, bottom = area.maxY - 1
        for x in area.minX..<area.maxX {
            buffer.write("─", x: x, y: area.minY, style: border)
            buffer.write("─", x: x, y: bottom, style: border)
        }
        for y in area.minY..<area.maxY {
            buffer.write("│", x: area.minX, y: y, style: border)
            buffer.write("│", x: right, y: y, style: border)
        }
        buffer.write("┌", x: area.minX, y: area.minY, style: border)
        buffer.write("┐", x: right, y: area.minY, style: border)
        buffer.write("└", x: area.minX, y: bottom, style: border)
        buffer.write("┘", x: right, y: bottom, style: border)
        if let title, area.width > 4 {
            let text = " " + TextLayout.truncate(Sanitizer.clean(title), to: area.width - 4) + " "
            buffer.write(text, x: area.minX + 1, y: area.minY, style: theme[titleRole],
                         clip: Rect(x: area.minX + 1, y: area.minY, width: area.width - 2, height: 1))
        }
        return Block.inner(area)
    }
}
