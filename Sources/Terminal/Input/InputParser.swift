/// Turns the raw byte stream from the terminal into `InputEvent`s. Pure and incremental:
/// feed it whatever `read(2)` returned; sequences, UTF-8 characters and bracketed pastes
/// split across reads are kept until complete.
///
/// A lone ESC is ambiguous (it starts every sequence), so it is held back; the backend calls
/// `flush()` when no further byte arrived within a short timeout, which emits it as `.escape`.
public struct InputParser: Sendable {
    /// Pasted text beyond this many bytes is dropped (the paste still ends normally).
    public var maximumPasteBytes: Int

    private var pending: [UInt8] = []
    private var pasteBytes: [UInt8]? = nil
    private var pasteOverflowed = false

    static let pasteStart: [UInt8] = Array("\u{1B}[200~".utf8)
    static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    public init(maximumPasteBytes: Int = 1 << 20) {
        self.maximumPasteBytes = maximumPasteBytes
    }

    /// True while bytes of an incomplete sequence or character are held back.
    public var hasPending: Bool { !pending.isEmpty }
    /// True between the paste start and end markers.
    public var isInPaste: Bool { pasteBytes != nil }

    /// Feeds bytes and returns the events they complete.
    public mutating func feed<C: Collection<UInt8>>(_ bytes: C) -> [InputEvent] {
        var events: [InputEvent] = []
        pending.append(contentsOf: bytes)
        var i = 0
        while i < pending.count {
            if pasteBytes != nil {
                guard let next = consumePaste(from: i, into: &events) else { return events }
                i = next
                continue
            }
            switch decode(at: i, final: false) {
            case .incomplete:
                pending.removeFirst(i)
                return events
            case .event(let e, let length):
                if let e { events.append(e) }
                i += length
            case .pasteStart(let length):
                pasteBytes = []
                pasteOverflowed = false
                i += length
            }
        }
        pending.removeAll(keepingCapacity: true)
        return events
    }

    /// Called after an input timeout: resolves held-back bytes (a lone ESC becomes `.escape`,
    /// an incomplete sequence is dropped). During a paste it does nothing unless `endPaste`
    /// is set, which delivers what was pasted so far (a terminal that never sent the end marker).
    public mutating func flush(endPaste: Bool = false) -> [InputEvent] {
        if pasteBytes != nil {
            guard endPaste else { return [] }
            let text = Self.pasteText(pasteBytes! + pending)
            pasteBytes = nil
            pending.removeAll()
            return [.paste(text)]
        }
        var events: [InputEvent] = []
        var i = 0
        while i < pending.count {
            switch decode(at: i, final: true) {
            case .incomplete:
                i = pending.count  // unreachable with final: true; be safe
            case .event(let e, let length):
                if let e { events.append(e) }
                i += length
            case .pasteStart(let length):
                pasteBytes = []
                i += length
            }
        }
        pending.removeAll()
        return events
    }

    // MARK: - Paste

    /// Consumes paste content starting at `start`. Returns the index after the end marker, or
    /// nil when all bytes were taken and `pending` now holds only an undecided tail (a possible
    /// partial end marker) to be completed by the next read.
    private mutating func consumePaste(from start: Int, into events: inout [InputEvent]) -> Int? {
        let end = Self.pasteEnd
        var i = start
        while i < pending.count {
            if pending[i] == 0x1B {
                let available = pending.count - i
                if available < end.count {
                    if Array(pending[i...]) == Array(end.prefix(available)) {
                        appendPaste(pending[start..<i])
                        pending.removeFirst(i)
                        return nil
                    }
                } else if Array(pending[i..<(i + end.count)]) == end {
                    appendPaste(pending[start..<i])
                    events.append(.paste(Self.pasteText(pasteBytes ?? [])))
                    pasteBytes = nil
                    return i + end.count
                }
            }
            i += 1
        }
        appendPaste(pending[start..<i])
        pending.removeAll(keepingCapacity: true)
        return nil
    }

    private mutating func appendPaste(_ bytes: ArraySlice<UInt8>) {
        guard var buffer = pasteBytes else { return }
        pasteBytes = nil  // avoid a copy while mutating
        let room = maximumPasteBytes - buffer.count
        if room > 0 { buffer.append(contentsOf: bytes.prefix(room)) }
        if bytes.count > room { pasteOverflowed = true }
        pasteBytes = buffer
    }

    static func pasteText(_ bytes: [UInt8]) -> String {
        // Normalise CR LF and lone CR to LF, working on scalars ("\r\n" is one Character).
        var out = String.UnicodeScalarView()
        var afterCR = false
        for s in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if s == "\r" { out.append("\n"); afterCR = true; continue }
            if s == "\n" && afterCR { afterCR = false; continue }
            afterCR = false
            out.append(s)
        }
        return String(out)
    }

    // MARK: - Decoding one unit

    private enum Decoded {
        case incomplete
        case event(InputEvent?, length: Int)  // nil: consumed but nothing to report
        case pasteStart(length: Int)
    }

    private func byte(_ i: Int) -> UInt8? { i < pending.count ? pending[i] : nil }

    private func decode(at i: Int, final: Bool) -> Decoded {
        let b = pending[i]
        switch b {
        case 0x1B:
            return decodeEscape(at: i, final: final)
        case 0x0D, 0x0A: return .event(.key(.enter), length: 1)
        case 0x09: return .event(.key(.tab), length: 1)
        case 0x7F, 0x08: return .event(.key(.backspace), length: 1)
        case 0x00: return .event(nil, length: 1)  // Ctrl-Space / NUL: ignored
        case 0x01...0x1A: return .event(.key(.ctrl(Character(Unicode.Scalar(b + 0x60)))), length: 1)
        case 0x1C...0x1F: return .event(nil, length: 1)
        default:
            return decodeUTF8(at: i, final: final)
        }
    }

    private func decodeUTF8(at i: Int, final: Bool) -> Decoded {
        let b = pending[i]
        let length: Int
        switch b {
        case 0x20...0x7E: return .event(.key(.char(Character(Unicode.Scalar(b)))), length: 1)
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return .event(nil, length: 1)  // invalid lead byte or stray continuation: dropped
        }
        for k in 1..<length {
            guard let c = byte(i + k) else { return final ? .event(nil, length: pending.count - i) : .incomplete }
            if c & 0xC0 != 0x80 { return .event(nil, length: k) }  // malformed: drop the prefix
        }
        let s = String(decoding: pending[i..<(i + length)], as: UTF8.self)
        guard let scalar = s.unicodeScalars.first, scalar.value != 0xFFFD || s == "\u{FFFD}" else {
            return .event(nil, length: length)
        }
        // C1 controls (U+0080–U+009F) are not keys.
        if (0x80...0x9F).contains(scalar.value) { return .event(nil, length: length) }
        return .event(.key(.char(Character(scalar))), length: length)
    }

    private func decodeEscape(at i: Int, final: Bool) -> Decoded {
        guard let next = byte(i + 1) else {
            return final ? .event(.key(.escape), length: 1) : .incomplete
        }
        switch next {
        case 0x5B: return decodeCSI(at: i, final: final)   // ESC [
        case 0x4F:                                          // ESC O (SS3)
            guard let c = byte(i + 2) else { return final ? .event(.key(.alt("O")), length: 2) : .incomplete }
            let key: Key?
            switch c {
            case 0x41: key = .up
            case 0x42: key = .down
            case 0x43: key = .right
            case 0x44: key = .left
            case 0x48: key = .home
            case 0x46: key = .end
            case 0x50...0x53: key = .function(Int(c) - 0x50 + 1)
            case 0x4D: key = .enter
            default: key = nil
            }
            return .event(key.map { .key($0) }, length: 3)
        case 0x1B:
            // ESC ESC: the first is a lone Escape.
            return .event(.key(.escape), length: 1)
        case 0x7F, 0x08:
            return .event(.key(.alt("\u{8}")), length: 2)
        case 0x20...0x7E:
            return .event(.key(.alt(Character(Unicode.Scalar(next)))), length: 2)
        default:
            return .event(.key(.escape), length: 1)
        }
    }

    /// CSI: ESC [ params(0x30–0x3F)* intermediates(0x20–0x2F)* final(0x40–0x7E).
    private func decodeCSI(at i: Int, final: Bool) -> Decoded {
        var j = i + 2
        // Legacy X10 mouse "ESC [ M b x y": three raw bytes follow; consumed and ignored.
        if byte(j) == 0x4D {
            if pending.count - j >= 4 { return .event(nil, length: j + 4 - i) }
            return final ? .event(nil, length: pending.count - i) : .incomplete
        }
        while let c = byte(j), (0x20...0x3F).contains(c) { j += 1 }
        guard let finalByte = byte(j) else {
            return final ? .event(nil, length: pending.count - i) : .incomplete
        }
        guard (0x40...0x7E).contains(finalByte) else {
            return .event(nil, length: j - i)  // malformed: drop what we had
        }
        let length = j + 1 - i
        let params = String(decoding: pending[(i + 2)..<j], as: UTF8.self)

        if params.hasPrefix("<") && (finalByte == 0x4D || finalByte == 0x6D) {
            return .event(Self.sgrMouse(params: String(params.dropFirst()), release: finalByte == 0x6D), length: length)
        }
        let numbers = params.split(separator: ";").map { Int($0) ?? 0 }
        let first = numbers.first ?? 1
        let key: Key?
        switch finalByte {
        case 0x41: key = .up
        case 0x42: key = .down
        case 0x43: key = .right
        case 0x44: key = .left
        case 0x48: key = .home
        case 0x46: key = .end
        case 0x5A: key = .backTab                       // ESC [ Z
        case 0x50...0x53: key = .function(Int(finalByte) - 0x50 + 1)
        case 0x7E:                                      // ESC [ n ~
            if first == 200 { return .pasteStart(length: length) }
            switch first {
            case 1, 7: key = .home
            case 2: key = .insert
            case 3: key = .delete
            case 4, 8: key = .end
            case 5: key = .pageUp
            case 6: key = .pageDown
            case 11...15: key = .function(first - 10)
            case 17...21: key = .function(first - 11)
            case 23, 24: key = .function(first - 12)
            default: key = nil                          // includes a stray 201~
            }
        default: key = nil
        }
        return .event(key.map { .key($0) }, length: length)
    }

    /// "b;x;y" of an SGR mouse report.
    static func sgrMouse(params: String, release: Bool) -> InputEvent? {
        let parts = params.split(separator: ";").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let code = parts[0]
        // 1-based in the report; `n - 1` would overflow for Int.min (found by fuzz/input).
        let x = parts[1] > 0 ? parts[1] - 1 : 0, y = parts[2] > 0 ? parts[2] - 1 : 0
        let shift = code & 4 != 0, alt = code & 8 != 0, control = code & 16 != 0
        let base = code & 3
        if code & 64 != 0 {
            let button: MouseButton = base == 0 ? .wheelUp : (base == 1 ? .wheelDown : .none)
            guard button != .none else { return nil }  // horizontal wheel: ignored
            return .mouse(MouseEvent(kind: .scroll, button: button, x: x, y: y, shift: shift, alt: alt, control: control))
        }
        let button: MouseButton = [MouseButton.left, .middle, .right, .none][base]
        let kind: MouseEvent.Kind = release ? .release : (code & 32 != 0 ? .drag : .press)
        return .mouse(MouseEvent(kind: kind, button: button, x: x, y: y, shift: shift, alt: alt, control: control))
    }
}
