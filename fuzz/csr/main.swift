// Fuzzes `CSRCheck.judge`: the CSR reader (PEM armour, DER, swift-certificates' attribute and
// extension types) and the judge's checks. The first byte chooses how the rest is read:
//   bit 0 clear: the rest is pasted text, judged as is;
//   bit 0 set:   the rest is DER, wrapped in CERTIFICATE REQUEST armour first (reaches the
//                ASN.1 reader far more often than mutated base64 would);
//   bits 1-2:    the order's requirement (none, single name, wildcard, multi-domain).
// Checked: nothing traps, and an accepted CSR's canonical PEM is accepted again, unchanged.
import FuzzDriver
import Foundation
@testable import PanelModel

enum Harness {
    static let requirements: [CSRRequirement?] = [
        nil,
        CSRRequirement(domain: "example.com", wildcard: false),
        CSRRequirement(domain: "example.com", wildcard: true),
        CSRRequirement(domain: "example.com", type: .multiDomain, additionalNames: ["www.example.com", "bücher.de", "192.0.2.1"]),
    ]

    static func armoured(_ der: ArraySlice<UInt8>) -> String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE REQUEST-----\n\(base64)\n-----END CERTIFICATE REQUEST-----\n"
    }

    static func run(_ bytes: [UInt8]) {
        guard let mode = bytes.first else { return }
        let rest = bytes.dropFirst()
        let text = mode & 1 == 0 ? String(decoding: rest, as: UTF8.self) : armoured(rest)
        let requirement = requirements[Int(mode >> 1) & 3]
        if mode & 1 == 1 {
            // The structure alone, as the judge reads it.
            if let csr = try? CSRStructure(der: Array(rest)) {
                _ = try? csr.requestedAlternativeNames()
                _ = PublicKeyKind(csr.publicKey).description
                _ = CSRSignatureCheck.check(csr)
            }
        }
        let verdict = CSRCheck.judge(text, for: requirement)
        if verdict.isAccepted {
            guard let pem = verdict.canonicalPEM, verdict.summary != nil, verdict.isReadable else {
                fatalError("an accepted verdict without its summary or canonical PEM: \(verdict)")
            }
            let again = CSRCheck.judge(pem, for: requirement)
            guard again == verdict else {
                fatalError("the canonical PEM of an accepted CSR is judged differently:\n\(verdict)\n\(again)")
            }
        } else if verdict.canonicalPEM != nil {
            fatalError("a refused verdict carries a canonical PEM: \(verdict)")
        }
        if PrivateKeyDetector.containsPrivateKey(text), verdict.summary != nil {
            fatalError("a verdict on text with a private key has a summary")
        }
    }
}

FuzzDriver.run(Harness.run)
