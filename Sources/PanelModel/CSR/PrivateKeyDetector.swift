import Foundation

/// Spots a private key anywhere in pasted text, so that it can be refused before anything
/// else reads it. Deliberately broad: every PEM label that ends in "PRIVATE KEY" (PKCS#8,
/// `RSA`, `EC`, `DSA`, `ENCRYPTED`, `OPENSSH`…), markers with damaged dashes, and PuTTY key files.
enum PrivateKeyDetector {
    static func containsPrivateKey(_ text: String) -> Bool {
        if text.contains("PuTTY-User-Key-File-") { return true }
        for line in text.split(whereSeparator: \.isNewline) where line.contains("PRIVATE KEY") {
            if line.contains("BEGIN") || line.contains("END") || line.contains("-----") { return true }
        }
        return false
    }
}
