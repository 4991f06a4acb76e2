import Foundation

/// Every CSR problem with its customer-facing text, in one place. Each says what happened and
/// what to do; they are shown verbatim in the panel and by `certpanel csr check`.
extension CSRProblem {
    static let csrHeader = "-----BEGIN CERTIFICATE REQUEST-----"
    static let csrFooter = "-----END CERTIFICATE REQUEST-----"

    // MARK: Unreadable input

    static let empty = CSRProblem(
        code: "empty",
        message: "No CSR was given. Paste the whole CSR, from \(csrHeader) to \(csrFooter), or give the .csr file your server's tool wrote.")

    static func tooLarge(limit: Int) -> CSRProblem {
        CSRProblem(
            code: "too_large",
            message: "The input is larger than \(limit / 1024) KiB (\(limit) bytes), the most a CSR may be; a CSR is usually 1 to 2 KiB. Give only the CSR, from \(csrHeader) to \(csrFooter).")
    }

    static let binary = CSRProblem(
        code: "binary",
        message: "This is binary data, not a CSR in PEM text form. If it is a DER-encoded CSR, convert it with `openssl req -inform DER -in request.der -out request.csr` and give request.csr.")

    static let notPEM = CSRProblem(
        code: "not_pem",
        message: "No CSR was found: the text has no \(csrHeader) line. Paste the whole CSR, including its BEGIN and END lines.")

    static let truncated = CSRProblem(
        code: "truncated",
        message: "The CSR is cut off: it starts with \(csrHeader) but its end is missing or damaged. Copy the whole CSR again, through the \(csrFooter) line.")

    static func badBase64(line: Int) -> CSRProblem {
        CSRProblem(
            code: "bad_base64",
            message: "The CSR's text is not valid base64 (line \(line) of the block has characters that do not belong there, or lines are missing). Copy the CSR again exactly as your server's tool wrote it, without editing it.")
    }

    static let damaged = CSRProblem(
        code: "damaged",
        message: "The text between the CSR's BEGIN and END lines does not decode to a certificate signing request; it was damaged in copying or is not a CSR. Copy it again in full, or generate a new CSR.")

    // MARK: Readable, but not a CSR

    static let privateKey = CSRProblem(
        code: "private_key",
        message: "This contains a PRIVATE KEY. It was not stored. Never paste or send a private key anywhere, to us or anyone: keep it secret, on your server only. If you have shared it (here, in an email, a ticket or a chat), treat it as compromised: generate a new key and a new CSR, and give only the CSR (\(csrHeader)).")

    static let certificate = CSRProblem(
        code: "certificate_not_csr",
        message: "This is a certificate, not a certificate signing request (CSR). Give the CSR your server generated for this order; it starts with \(csrHeader).")

    static func otherPEM(label: String) -> CSRProblem {
        CSRProblem(
            code: "not_a_csr",
            message: "This is a \(label), not a certificate signing request (CSR). Give the CSR your server generated for this order; it starts with \(csrHeader).")
    }

    static func multipleCSRs(count: Int) -> CSRProblem {
        CSRProblem(
            code: "multiple_csrs",
            message: "The text holds \(count) CSRs; give exactly one, the CSR for this order.")
    }

    // MARK: The CSR itself

    static let signatureInvalid = CSRProblem(
        code: "signature_invalid",
        message: "The CSR's self-signature does not verify: it was changed after it was signed, or damaged in copying. Copy it again exactly as generated, or generate a new CSR.")

    /// A key and algorithm that belong together, but that this panel cannot verify (SHA-224,
    /// RSA-PSS, an unknown OID…): standard SHA-256 is the fix.
    static func signatureUnsupported(_ algorithm: String) -> CSRProblem {
        CSRProblem(
            code: "signature_unsupported",
            message: "The CSR is signed with \(algorithm), a signature algorithm that is not supported here; CSRs must be signed with SHA-256, SHA-384 or SHA-512 (RSA or ECDSA) or with Ed25519. Generate the CSR again from the same key with SHA-256, e.g. `openssl req -new -key example.com.key -sha256 -out example.com.csr` (without `-sigopt` options).")
    }

    /// The signature algorithm names another kind of key than the CSR carries: the tool that
    /// built the CSR is broken, so re-signing with the same tool will not help.
    static func signatureKeyMismatch(key: String, algorithm: String) -> CSRProblem {
        CSRProblem(
            code: "signature_key_mismatch",
            message: "The key and the signature algorithm do not match: the key is \(key), but the CSR says it is signed with \(algorithm), which needs another kind of key. The tool that made it wrote a broken CSR. Generate the CSR again from your key with openssl, e.g. `openssl req -new -key example.com.key -sha256 -out example.com.csr`.")
    }

    static func unsupportedVersion(_ version: Int) -> CSRProblem {
        CSRProblem(
            code: "csr_version",
            message: "The CSR's version field is \(version); the only CSR version there is, version 1 (PKCS#10), is encoded as 0. The tool that made it wrote a malformed CSR. Generate the CSR again with openssl, e.g. `openssl req -new -key example.com.key -sha256 -out example.com.csr`.")
    }

    static func weakSignature(_ algorithm: String) -> CSRProblem {
        CSRProblem(
            code: "weak_signature",
            message: "The CSR is signed with \(algorithm); MD2, MD4, MD5 and SHA-1 signatures are no longer accepted. Generate the CSR again with SHA-256, e.g. `openssl req -new -key example.com.key -sha256 -out example.com.csr`.")
    }

    static func rsaTooSmall(bits: Int) -> CSRProblem {
        CSRProblem(
            code: "rsa_key_too_small",
            message: "The key is RSA \(bits) bits, which is too weak: certificates need RSA keys of at least 2048 bits. Generate a new key and CSR, e.g. `openssl req -new -newkey rsa:2048 -nodes -keyout example.com.key -out example.com.csr`.")
    }

    static let dsaKey = CSRProblem(
        code: "dsa_key",
        message: "The key is DSA, which certificate authorities no longer accept. Generate a new RSA (2048 bits or more) or ECDSA (P-256 or P-384) key and a new CSR, e.g. `openssl req -new -newkey rsa:2048 -nodes -keyout example.com.key -out example.com.csr`.")

    static func unsupportedCurve(_ curve: String) -> CSRProblem {
        CSRProblem(
            code: "unsupported_curve",
            message: "The key is on the elliptic curve \(curve), which is not accepted; use P-256, P-384 or P-521. Generate a new key and CSR, e.g. `openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout example.com.key -out example.com.csr`.")
    }

    static func postQuantumKey(_ name: String) -> CSRProblem {
        CSRProblem(
            code: "post_quantum_key",
            message: "The key is \(name), a post-quantum algorithm that public certificate authorities do not support for TLS certificates yet. Use RSA (2048 bits or more) or ECDSA (P-256 or P-384): generate a new key and CSR, e.g. `openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout example.com.key -out example.com.csr`.")
    }

    static func unsupportedKey(_ description: String) -> CSRProblem {
        CSRProblem(
            code: "unsupported_key",
            message: "The key type (\(description)) is not accepted; use RSA (2048 bits or more) or ECDSA (P-256, P-384 or P-521). Generate a new key and CSR, e.g. `openssl req -new -newkey rsa:2048 -nodes -keyout example.com.key -out example.com.csr`.")
    }

    // MARK: Names

    static let noNames = CSRProblem(
        code: "no_names",
        message: "The CSR names no domain: it has neither a Common Name (CN) nor DNS names (subjectAltName). Generate it again with your domain as the Common Name, e.g. `-subj \"/CN=example.com\"`.")

    static func namesMissing(_ missing: [String], requirement: CSRRequirement, present: [String]) -> CSRProblem {
        let what = requirement.type == .wildcard ? "this wildcard order is for"
            : requirement.type == .multiDomain ? "this multi-domain order lists" : "this order is for"
        let has = present.isEmpty ? "it names no domain" : "it names " + present.joined(separator: ", ")
        let fix = requirement.type == .wildcard
            ? "Generate a new CSR with the Common Name \(missing[0]) (for example `-subj \"/CN=\(missing[0])\"`)."
            : "Generate a new CSR whose Common Name or subjectAltName (DNS:…) includes " + missing.joined(separator: ", ") + "."
        return CSRProblem(
            code: "names_missing",
            message: "The CSR does not cover \(list(missing)), which \(what) (\(has)). \(fix)")
    }

    static func namesNotOrdered(_ extra: [String], requirement: CSRRequirement) -> CSRProblem {
        CSRProblem(
            code: "names_not_in_order",
            message: "The CSR also names \(list(extra)), which this order does not include; a certificate can only name the order's domains. Generate a new CSR that names only \(list(requirement.requiredNames)).")
    }

    private static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: ""
        case 1: names[0]
        default: names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
    }
}
