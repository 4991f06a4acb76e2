// Fuzzes the terminal input parser on raw bytes as `read(2)` delivers them. The first byte
// sets the paste limit (small, so overflow is reached), the second seeds how the rest is cut
// into reads. Checked: nothing traps, and the events do not depend on where the reads were
// cut (the parser keeps incomplete sequences, characters and paste markers across reads).
import FuzzDriver
import Foundation
import Terminal

enum Harness {
    static func run(_ bytes: [UInt8]) {
        guard bytes.count >= 2 else { return }
        let limit = bytes[0] == 0xFF ? 1 << 20 : Int(bytes[0] % 64) + 1
        let stream = Array(bytes.dropFirst(2))

        var whole = InputParser(maximumPasteBytes: limit)
        let once = whole.feed(stream) + whole.flush(endPaste: true)

        var pieces = InputParser(maximumPasteBytes: limit)
        var cut: [InputEvent] = []
        var random = UInt32(bytes[1]) | 0x100   // xorshift: never zero
        var start = 0
        while start < stream.count {
            random ^= random << 13; random ^= random >> 17; random ^= random << 5
            let end = min(stream.count, start + Int(random % 8) + 1)
            cut += pieces.feed(stream[start..<end])
            start = end
        }
        cut += pieces.flush(endPaste: true)

        guard once == cut else {
            fatalError("the events depend on how the input was cut into reads:\n\(once)\n\(cut)")
        }
    }
}

FuzzDriver.run(Harness.run)
