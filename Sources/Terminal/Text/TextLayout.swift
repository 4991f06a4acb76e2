/// Width-aware truncation and word wrapping. Input is expected to be sanitised already
/// (the Buffer sanitises again on write anyway).
public enum TextLayout {
    /// Cuts `text` to at most `width` cells, ending in `ellipsis` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth(text) <= width { return text }
        let ew = displayWidth(ellipsis)
        guard ew < width else { return prefix(text, width: width) }
        return prefix(text, width: width - ew) + ellipsis
    }

    /// The longest prefix of `text` that fits in `width` cells.
    public static func prefix(_ text: String, width: Int) -> String {
        var out = "", used = 0
        for ch in text {
            let w = displayWidth(ch)
            if used + w > width { break }
            out.append(ch)
            used += w
        }
        return out
    }

    /// The longest suffix of `text` that fits in `width` cells.
    public static func suffix(_ text: String, width: Int) -> String {
        var chars: [Character] = [], used = 0
        for ch in text.reversed() {
            let w = displayWidth(ch)
            if used + w > width { break }
            chars.append(ch)
            used += w
        }
        return String(chars.reversed())
    }

    /// Wraps `text` into lines of at most `width` cells, breaking at spaces where possible and
    /// inside over-long words otherwise. Explicit "\n" starts a new line.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                var ww = displayWidth(word)
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + word
                    lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while ww > width {
                    let head = prefix(word, width: width)
                    guard !head.isEmpty else { word = ""; ww = 0; break }  // wider than width: drop
                    lines.append(head)
                    word = String(word.dropFirst(head.count))
                    ww = displayWidth(word)
                }
                line = word
                lineWidth = ww
            }
            lines.append(line)
        }
        return lines
    }
}
