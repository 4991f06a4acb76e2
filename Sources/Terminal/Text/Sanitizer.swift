/// Makes untrusted text (database rows, certificate fields, pasted text, TERM values…) safe to
/// draw: the result can never move the cursor, change modes, set the clipboard or reorder text.
///
/// Removed: C0 controls (incl. NUL, CR, LF in single-line mode), DEL, C1 controls 0x80–0x9F,
/// complete escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL/ST`, DCS/SOS/PM/APC strings,
/// two-byte `ESC x`, and their 8-bit C1 forms), and bidi embedding/override/isolate/mark
/// characters. A tab becomes one space. Unterminated string sequences (OSC, DCS…) swallow
/// the rest of the text, as a terminal would.
public enum Sanitizer {
    /// Single-line clean: newlines are removed too.
    public static func clean(_ text: String) -> String {
        clean(text, keepNewlines: false)
    }

    /// Cleans raw bytes: invalid UTF-8 becomes U+FFFD first.
    public static func clean(bytes: some Collection<UInt8>) -> String {
        clean(String(decoding: Array(bytes), as: UTF8.self))
    }

    /// Multi-line clean: "\r\n", "\r", U+2028, U+2029 become "\n"; other rules as `clean(_:)`.
    public static func cleanMultiline(_ text: String) -> String {
        clean(text, keepNewlines: true)
    }

    /// True when `clean` would return the text unchanged (cheap pre-check for hot paths).
    public static func isClean(_ text: String) -> Bool {
        for s in text.unicodeScalars where needsAttention(s) { return false }
        return true
    }

    @inline(__always)
    static func needsAttention(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || isBidiControl(v) || v == 0x2028 || v == 0x2029
    }

    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    private enum State {
        case normal
        case escape              // after ESC
        case escapeIntermediate  // ESC followed by 0x20–0x2F bytes, waiting for the final byte
        case csi                 // inside CSI, waiting for a final byte 0x40–0x7E
        case string              // OSC/DCS/SOS/PM/APC body, waiting for BEL (OSC) or ST
        case stringEscape        // ESC seen inside a string: ESC \ ends it
    }

    public static func clean(_ text: String, keepNewlines: Bool) -> String {
        if isClean(text) { return text }
        var out = String.UnicodeScalarView()
        var state = State.normal
        var previousWasCR = false

        for s in text.unicodeScalars {
            let v = s.value
            switch state {
            case .normal:
                break
            case .escape:
                switch v {
                case 0x5B: state = .csi; continue                 // [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: state = .string; continue  // ] P X ^ _
                case 0x20...0x2F: state = .escapeIntermediate; continue
                case 0x30...0x7E: state = .normal; continue       // two-byte ESC x
                case 0x1B: state = .escape; continue
                default: state = .normal                          // ESC before a non-ASCII char: drop ESC only
                }
            case .escapeIntermediate:
                if (0x20...0x2F).contains(v) { continue }
                state = .normal
                if (0x30...0x7E).contains(v) { continue }
            case .csi:
                if (0x20...0x3F).contains(v) { continue }         // parameters and intermediates
                state = .normal
                if (0x40...0x7E).contains(v) { continue }         // final byte ends the sequence
                // Anything else aborts the sequence and is handled as normal text below.
            case .string:
                if v == 0x07 || v == 0x9C { state = .normal }     // BEL or 8-bit ST
                else if v == 0x1B { state = .stringEscape }
                continue
            case .stringEscape:
                state = v == 0x5C ? .normal : (v == 0x1B ? .stringEscape : .string)
                continue
            }

            // Normal text.
            let wasCR = previousWasCR
            previousWasCR = false
            switch v {
            case 0x1B: state = .escape
            case 0x9B: state = .csi
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F: state = .string
            case 0x09: out.append(" ")
            case 0x0D:
                if keepNewlines { out.append("\n") }
                previousWasCR = true
            case 0x0A, 0x2028, 0x2029:
                if keepNewlines && !(v == 0x0A && wasCR) { out.append("\n") }
            case 0x00...0x1F, 0x7F...0x9F: break
            default:
                if isBidiControl(v) { break }
                out.append(s)
            }
        }
        return String(out)
    }
}
