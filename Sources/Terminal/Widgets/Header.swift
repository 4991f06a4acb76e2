/// The top line: application name, breadcrumb of the screen stack, optional right-hand text.
/// When too narrow, the oldest crumbs give way first ("CertPanel › … › Order 42").
public struct Header: Sendable, Hashable {
    public var appName: String
    public var breadcrumb: [String]
    public var trailing: String?

    public init(appName: String, breadcrumb: [String] = [], trailing: String? = nil) {
        self.appName = appName
        self.breadcrumb = breadcrumb
        self.trailing = trailing
    }

    static let separator = " › "

    /// The header text for `width` cells. The current (last) crumb is kept longest: older
    /// crumbs collapse into "…" first, then the application name goes, then it is truncated.
    public func text(width: Int) -> String {
        let app = Sanitizer.clean(appName)
        var crumbs = breadcrumb.map(Sanitizer.clean)
        func fits(_ t: String) -> Bool { displayWidth(t) <= width }
        var candidate = " " + ([app] + crumbs).joined(separator: Header.separator)
        if fits(candidate) || crumbs.isEmpty { return TextLayout.truncate(candidate, to: width) }
        while crumbs.count > 1 {
            crumbs.removeFirst()
            candidate = " " + ([app, "…"] + crumbs).joined(separator: Header.separator)
            if fits(candidate) { return candidate }
        }
        candidate = " … › " + crumbs[0]
        return TextLayout.truncate(candidate, to: width)
    }

    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let style = theme[.header]
        buffer.fill(row, style: style)
        var trailingWidth = 0
        if let trailing, !trailing.isEmpty {
            let t = Sanitizer.clean(trailing) + " "
            trailingWidth = displayWidth(t)
            if trailingWidth < row.width / 2 {
                buffer.write(t, in: row, style: style, alignment: .right)
            } else {
                trailingWidth = 0
            }
        }
        let left = Rect(x: row.x, y: row.y, width: row.width - trailingWidth, height: 1)
        buffer.write(text(width: left.width), in: left, style: style)
    }
}
