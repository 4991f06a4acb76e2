// Fuzzes the SSH public-key parser: a pasted `.pub` line (`SSHPublicKey(parsing:)`) and the
// type and base64 as sshd passes them. Checked: nothing traps, an accepted key has a sensible
// size, and its `authorized_keys` text with the comment parses back to the same key.
import FuzzDriver
import Foundation
import PanelModel

enum Harness {
    static func run(_ bytes: [UInt8]) {
        let line = String(decoding: bytes, as: UTF8.self)
        if let key = try? SSHPublicKey(parsing: line) {
            guard key.bits >= 256, key.bits <= SSHPublicKey.maximumRSABits, !key.blob.isEmpty else {
                fatalError("accepted a \(key.type.rawValue) key of \(key.bits) bits")
            }
            let text = key.comment.isEmpty ? key.keyText : key.keyText + " " + key.comment
            guard let again = try? SSHPublicKey(parsing: text), again == key else {
                fatalError("the accepted key does not read back from \(text.debugDescription)")
            }
        }
        // `%t %k` from sshd's AuthorizedKeysCommand: the first two words, no comment.
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        if words.count >= 2 {
            _ = try? SSHPublicKey(type: String(words[0]), base64: String(words[1]))
        }
    }
}

FuzzDriver.run(Harness.run)
