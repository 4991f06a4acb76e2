// Fuzzes `PEMScanner` (and the private-key detector that runs before it) on pasted text.
// Checked: every block is a slice of the input with a valid label; a complete block that
// decodes survives a round trip through clean armour; nothing traps.
import FuzzDriver
import Foundation
import SwiftASN1
@testable import PanelModel

enum Harness {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = PrivateKeyDetector.containsPrivateKey(text)
        _ = PEMScanner.hasEndMarker(in: text)
        for block in PEMScanner.blocks(in: text) {
            guard !block.label.isEmpty, block.label.count <= 64,
                  block.label.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == " " }) else {
                fatalError("a block with the label \(block.label.debugDescription)")
            }
            guard block.body.startIndex >= text.startIndex, block.body.endIndex <= text.endIndex,
                  text[block.body.startIndex..<block.body.endIndex] == block.body else {
                fatalError("a block body that is not a slice of the input")
            }
            switch block.decodedBytes() {
            case .failure(let bad):
                let lines = block.body.unicodeScalars.filter { $0 == "\n" }.count + 1
                guard (1...lines).contains(bad.line) else {
                    fatalError("bad base64 reported on line \(bad.line) of a \(lines)-line body")
                }
            case .success(let der):
                guard !der.isEmpty else { fatalError("a block decoded to no bytes") }
                guard block.isComplete else { continue }
                let clean = PEMDocument(type: block.label, derBytes: der).pemString
                let again = PEMScanner.blocks(in: clean)
                guard again.count == 1, again[0].label == block.label, again[0].isComplete,
                      case .success(der) = again[0].decodedBytes() else {
                    fatalError("clean armour of a decoded block does not read back: \(clean.debugDescription)")
                }
            }
        }
    }
}

FuzzDriver.run(Harness.run)
