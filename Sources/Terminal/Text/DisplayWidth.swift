// Display width of text in terminal cells, measured per grapheme cluster (what Swift calls a
// Character), the way modern terminals (and ratatui's unicode-width) lay text out:
//   - East Asian Wide / Fullwidth characters: 2
//   - emoji in emoji presentation (👍, 👍🏽 with its skin-tone modifier, ❤️ = U+2764 + VS16,
//     ZWJ sequences like 👨‍👩‍👧, flags): 2
//   - combining marks are part of the previous cluster ("e\u{301}" is one cluster, width 1);
//     a cluster made only of marks / format / control characters: 0
//   - everything else: 1

/// Number of terminal cells `text` occupies.
public func displayWidth(_ text: String) -> Int {
    var total = 0
    for c in text { total += displayWidth(c) }
    return total
}

public func displayWidth(_ text: Substring) -> Int {
    var total = 0
    for c in text { total += displayWidth(c) }
    return total
}

/// Number of terminal cells one grapheme cluster occupies: 0, 1 or 2.
public func displayWidth(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }

    // Fast path for ASCII.
    if scalars.count == 1, first.value < 0x7F {
        return first.value >= 0x20 ? 1 : 0
    }
    if UnicodeWidth.isZeroWidth(first) {
        // A cluster of only marks/format/controls (e.g. a lone U+0301 or U+200B).
        return scalars.contains(where: { !UnicodeWidth.isZeroWidth($0) }) ? 1 : 0
    }
    if scalars.count > 1 {
        var hasVS16 = false, hasVS15 = false, hasZWJ = false, hasModifier = false, hasKeycap = false
        for s in scalars.dropFirst() {
            switch s.value {
            case 0xFE0F: hasVS16 = true
            case 0xFE0E: hasVS15 = true
            case 0x200D: hasZWJ = true
            case 0x1F3FB...0x1F3FF: hasModifier = true
            case 0x20E3: hasKeycap = true
            default: break
            }
        }
        let emoji = first.properties.isEmoji
        if hasVS15 && !hasZWJ { return 1 }  // explicit text presentation
        if emoji && (hasVS16 || hasZWJ || hasModifier || hasKeycap) { return 2 }
        if UnicodeWidth.isRegionalIndicator(first) { return 2 }  // a flag pair
    }
    return UnicodeWidth.isWide(first) ? 2 : 1
}

enum UnicodeWidth {
    static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(s.value) }

    /// Marks, format characters (ZWJ, ZWSP, bidi marks…), controls and Hangul medial/final jamo.
    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: break
        }
        let v = s.value
        return (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) || v == 0x200B
    }

    /// East Asian Wide/Fullwidth, or an emoji with default emoji presentation.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x1100 { return false }
        if s.properties.isEmojiPresentation { return true }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    /// East Asian Width W and F ranges (UAX #11) outside the emoji blocks, which
    /// `isEmojiPresentation` covers.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initial consonants
        0x2329...0x232A,    // angle brackets
        0x2E80...0x303E,    // CJK radicals, Kangxi, CJK symbols and punctuation
        0x3041...0x33FF,    // Hiragana, Katakana, Bopomofo, Hangul compatibility jamo, CJK compatibility
        0x3400...0x4DBF,    // CJK Extension A
        0x4E00...0x9FFF,    // CJK Unified Ideographs
        0xA000...0xA4CF,    // Yi
        0xA960...0xA97F,    // Hangul Jamo Extended-A
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE10...0xFE19,    // vertical forms
        0xFE30...0xFE6F,    // CJK compatibility forms, small form variants
        0xFF00...0xFF60,    // fullwidth forms
        0xFFE0...0xFFE6,    // fullwidth signs
        0x16FE0...0x16FE4,
        0x17000...0x18CFF,  // Tangut
        0x1AFF0...0x1B2FF,  // Kana supplement/extended, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK Extension B…F
        0x30000...0x3FFFD,  // CJK Extension G…
    ]
}
