import Foundation
import SwiftASN1
import X509

/// Judges pasted text as a CSR for an order: the preview the customer sees, and every reason it
/// would be refused. Nothing here stores or logs the input.
public enum CSRCheck {
    /// The most input read: a CSR is 1–2 KiB; 64 KiB leaves room for openssl's text dump around it.
    public static let maximumInputBytes = 64 * 1024

    static let csrLabels: Set<String> = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"]
    static let certificateLabels: Set<String> = ["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"]

    public static func judge(_ text: String, for requirement: CSRRequirement?) -> CSRVerdict {
        if text.allSatisfy(\.isWhitespace) { return .unreadable(.empty) }
        // Before anything else reads it, even in oversize input: a verdict about a private key
        // carries none of it, and the customer learns the key must be replaced.
        if PrivateKeyDetector.containsPrivateKey(text) { return .refusedUnread(.privateKey) }
        if text.utf8.count > maximumInputBytes { return .unreadable(.tooLarge(limit: maximumInputBytes)) }

        let blocks = PEMScanner.blocks(in: text)
        let csrBlocks = blocks.filter { csrLabels.contains($0.label) }
        guard let block = csrBlocks.first else {
            if let other = blocks.first {
                return .refusedUnread(certificateLabels.contains(other.label) ? .certificate : .otherPEM(label: other.label))
            }
            if PEMScanner.hasEndMarker(in: text) { return .unreadable(.truncated) }
            return .unreadable(looksBinary(text) ? .binary : .notPEM)
        }
        guard csrBlocks.count == 1 else { return .refusedUnread(.multipleCSRs(count: csrBlocks.count)) }
        guard block.isComplete else { return .unreadable(.truncated) }

        let der: [UInt8]
        switch block.decodedBytes() {
        case .success(let bytes): der = bytes
        case .failure(let bad): return .unreadable(.badBase64(line: bad.line))
        }
        let csr: CSRStructure
        let alternativeNames: SubjectAlternativeNames?
        do {
            csr = try CSRStructure(der: der)
            alternativeNames = try csr.requestedAlternativeNames()
        } catch let error as ASN1Error where error.code == .truncatedASN1Field {
            return .unreadable(.truncated)
        } catch {
            return .unreadable(.damaged)
        }
        return judge(csr, alternativeNames: alternativeNames, for: requirement)
    }

    private static func judge(_ csr: CSRStructure, alternativeNames: SubjectAlternativeNames?, for requirement: CSRRequirement?) -> CSRVerdict {
        let key = PublicKeyKind(csr.publicKey)
        let algorithm = SignatureAlgorithmName(csr.signatureAlgorithm)
        let signature = CSRSignatureCheck.check(csr)
        let subject = DistinguishedNameText.fields(csr.subject)
        let commonName = subject.last { $0.name == "CN" }?.value
        let sans = (alternativeNames ?? SubjectAlternativeNames()).compactMap(Self.text(of:))
        let summary = CSRSummary(subject: subject, commonName: commonName, subjectAlternativeNames: sans,
                                 keyDescription: key.description, signatureAlgorithm: algorithm.name,
                                 signatureVerifies: signature == .verifies)

        var problems: [CSRProblem] = []
        if csr.version != 0 { problems.append(.unsupportedVersion(csr.version)) }
        if signature == .fails { problems.append(.signatureInvalid) }
        if signature == .keyMismatch { problems.append(.signatureKeyMismatch(key: key.description, algorithm: algorithm.name)) }
        if let keyProblem = key.problem { problems.append(keyProblem) }
        if algorithm.isWeak { problems.append(.weakSignature(algorithm.name)) }
        // Only on its own: a refused key or hash already says to generate the CSR again.
        if signature == .unsupported, problems.isEmpty { problems.append(.signatureUnsupported(algorithm.name)) }
        problems += nameProblems(commonName: commonName, alternativeNames: sans, requirement: requirement)

        return CSRVerdict(summary: summary, problems: problems, isReadable: true,
                          canonicalPEM: problems.isEmpty ? csr.canonicalPEM : nil)
    }

    /// The CN and DNS SANs must include every name the order needs and no name it does not.
    static func nameProblems(commonName: String?, alternativeNames: [String], requirement: CSRRequirement?) -> [CSRProblem] {
        let present = ([commonName].compactMap { $0 } + alternativeNames).map(CSRNames.normalized).uniqued()
        guard let requirement else { return present.isEmpty ? [.noNames] : [] }
        var problems: [CSRProblem] = []
        let missing = requirement.requiredNames.filter { !present.contains($0) }
        if !missing.isEmpty { problems.append(.namesMissing(missing, requirement: requirement, present: present)) }
        let allowed = requirement.allowedNames
        let extra = present.filter { !allowed.contains($0) }
        if !extra.isEmpty { problems.append(.namesNotOrdered(extra, requirement: requirement)) }
        return problems
    }

    /// DNS names as written; IP addresses as dotted quads or RFC 5952 text. Other kinds (e-mail,
    /// URI) do not name a server and are left out.
    static func text(of name: GeneralName) -> String? {
        switch name {
        case .dnsName(let dns): return dns
        case .ipAddress(let octets): return IPAddressText.text(Array(octets.bytes))
        default: return nil
        }
    }

    /// NUL bytes, undecodable bytes (read as U+FFFD) or many control characters: not text.
    static func looksBinary(_ text: String) -> Bool {
        var controls = 0
        var total = 0
        for scalar in text.unicodeScalars {
            total += 1
            if scalar == "\u{0}" || scalar == "\u{FFFD}" { return true }
            if scalar.properties.generalCategory == .control, !"\t\n\r\u{0C}".unicodeScalars.contains(scalar) { controls += 1 }
        }
        return controls * 20 > total
    }
}
