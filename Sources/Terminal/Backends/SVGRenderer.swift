/// Exports a Buffer as an SVG image in the theme's colours (for `certpanel screenshot` and docs).
/// Monospace text, one `<tspan>` per run of equal style, background `<rect>`s per run of equal
/// background; non-ASCII clusters (wide CJK, emoji, box drawing) get their own positioned
/// `<tspan>` so font fallback cannot shift the columns after them.
public struct SVGRenderer: Sendable {
    public var fontSize: Double
    public var fontFamily: String
    /// Empty margin around the grid, in pixels.
    public var padding: Double

    public init(fontSize: Double = 14, fontFamily: String = "DejaVu Sans Mono, Menlo, Consolas, monospace", padding: Double = 8) {
        self.fontSize = fontSize
        self.fontFamily = fontFamily
        self.padding = padding
    }

    /// Advance of DejaVu Sans Mono (1233/2048 em), close to every common monospace font.
    public var cellWidth: Double { fontSize * 0.6021 }
    public var lineHeight: Double { fontSize * 1.2 }

    private struct Resolved: Equatable {
        var fg: String
        var bg: String
        var attributes: Attributes
    }

    private func resolve(_ style: Style, theme: Theme) -> Resolved {
        var fg = hex(style.foreground, fallback: theme.foreground)
        var bg = hex(style.background, fallback: theme.background)
        if style.attributes.contains(.reverse) { swap(&fg, &bg) }
        return Resolved(fg: fg, bg: bg, attributes: style.attributes)
    }

    private func hex(_ color: Color, fallback: Color) -> String {
        let c = color == .default ? fallback : color
        guard let (r, g, b) = c.rgbComponents else { return "#000000" }
        return "#" + Color.hex2(r) + Color.hex2(g) + Color.hex2(b)
    }

    private func num(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    public func render(_ buffer: Buffer, theme: Theme) -> String {
        let width = Double(buffer.width) * cellWidth + 2 * padding
        let height = Double(buffer.height) * lineHeight + 2 * padding
        let background = hex(.default, fallback: theme.background)
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(num(width))" height="\(num(height))" viewBox="0 0 \(num(width)) \(num(height))">
        <rect width="100%" height="100%" fill="\(background)"/>
        <g font-family="\(escape(fontFamily))" font-size="\(num(fontSize))">

        """
        for y in 0..<buffer.height {
            let top = padding + Double(y) * lineHeight
            // Background runs.
            var x = 0
            while x < buffer.width {
                let bg = resolve(buffer[x, y].style, theme: theme).bg
                var end = x + 1
                while end < buffer.width && resolve(buffer[end, y].style, theme: theme).bg == bg { end += 1 }
                if bg != background {
                    out += "<rect x=\"\(num(padding + Double(x) * cellWidth))\" y=\"\(num(top))\" width=\"\(num(Double(end - x) * cellWidth))\" height=\"\(num(lineHeight))\" fill=\"\(bg)\"/>\n"
                }
                x = end
            }
            // Text runs.
            let baseline = top + lineHeight * 0.8
            var spans = ""
            x = 0
            while x < buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation { x += 1; continue }
                let style = resolve(cell.style, theme: theme)
                let isSimple = cell.symbol.utf8.count == 1
                var text = cell.symbol
                var end = x + max(1, cell.width)
                if isSimple {
                    while end < buffer.width {
                        let next = buffer[end, y]
                        guard !next.isContinuation, next.symbol.utf8.count == 1,
                              resolve(next.style, theme: theme) == style else { break }
                        text += next.symbol
                        end += 1
                    }
                }
                // Trailing spaces only matter for underlines (backgrounds are rects).
                if !style.attributes.contains(.underline) { while text.last == " " { text.removeLast() } }
                if !text.isEmpty {
                    spans += tspan(text, x: padding + Double(x) * cellWidth, style: style)
                }
                x = end
            }
            if !spans.isEmpty {
                out += "<text y=\"\(num(baseline))\" xml:space=\"preserve\">\(spans)</text>\n"
            }
        }
        out += "</g>\n</svg>\n"
        return out
    }

    private func tspan(_ text: String, x: Double, style: Resolved) -> String {
        var attrs = "x=\"\(num(x))\" fill=\"\(style.fg)\""
        if style.attributes.contains(.bold) { attrs += " font-weight=\"bold\"" }
        if style.attributes.contains(.italic) { attrs += " font-style=\"italic\"" }
        if style.attributes.contains(.underline) { attrs += " text-decoration=\"underline\"" }
        if style.attributes.contains(.dim) { attrs += " fill-opacity=\"0.6\"" }
        return "<tspan \(attrs)>\(escape(text))</tspan>"
    }

    /// XML text/attribute escaping; characters XML 1.0 forbids become U+FFFD.
    func escape(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = s.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v)
                    || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
                out.unicodeScalars.append(allowed && !(0x7F...0x9F).contains(v) ? s : "\u{FFFD}")
            }
        }
        return out
    }
}
