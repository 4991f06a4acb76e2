import Foundation
import Testing
@testable import PanelModel

/// Found by fuzz/csr: swift-crypto frees its key twice when BoringSSL refuses an RSA public key
/// given as DER, so a CSR with a damaged RSA key aborted the process (or corrupted its heap).
/// RSAKeyGate now builds RSA keys from their modulus and exponent first.
@Suite struct CSRDamagedRSAKeyTests {
    /// The fuzzer's input: the modulus INTEGER of a 2048-bit key claims 0x1F1 bytes.
    static let damagedModulus = """
-----BEGIN CERTIFICATE REQUEST-----
MIIClTCCAX0CAQAwFjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wggEiMA0GCSqGSIb3
DQEBAQUAA4IBDwAwggEKAoIB8QCvlZl5egL+NJVv2kvzohsEkUUGEf0svrrAfjLl
1jVf7z4Y8RdNoBLmUDmQgRjy5ehKd/aUJm10R0NqE7RYWoY0S8a4SUOLXQ9pOVJm
fm7W+mB7fMizt0/Q6zM2K2xUxp5k51/5kj0k/HIExSmIJLXpT2WKlAvyCYaRz57h
y8+5yWYdIJc6l5ye1SHGfSBhO7zR5Mu05xrHaRvJaVm/ss/JRPf5V9XHFJx+DdqP
uXullde+fzqFbw+P/spI0gVLjPIXXrGwuUSboDzYsoZKJ0pkaGudWl3QexmigJXt
Mzg47q3mmQeRu91Xup+Z/8pvFqjlzunaB0/5dbmgPfnUA5fhAgMBAAGgOjA4Bgkq
hkiG9w0BCQ4xKzApMCcGA1UdEQQgMB6CC2V4YW1wbGUuY29tgg93d3cuZXhhbXBs
ZS5jb20wDQYJKoZIhvcNAQELBQADggEBAE05Fn3/wHVZxN6uzrKV+DLACUnzgIxk
dMknX98BJY8jQXHAB1dyVBRvxClmMOuZSjbHq9R8C0bFuMH9q03F6dmoL7pz8vZO
UepPSffOO8Zq6QTsuucBae7org4sDDHPoAoWogPfTiQcGqD5aFb6igqTzRKeM9La
lqMxThTyhcsVZwmvOe/Rq7U+kq/0vVgYhYGt0/phb76U7kNErfc8g8WUskNHmT+l
TVQYPMQqwCdWdH0yW/AJTILxCzNOTbQ/9PimvnP0n7vjiue4pHVL0qabq/nCe7C1
eztW8kTTJ9AuZVL4mWEpTPfymjIctdErfIn4h0TKQl/R9/gQA0sTyAI=
-----END CERTIFICATE REQUEST-----
"""

    /// A good 2048-bit CSR for example.com (www.example.com in its SANs).
    static let good = """
-----BEGIN CERTIFICATE REQUEST-----
MIIClTCCAX0CAQAwFjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wggEiMA0GCSqGSIb3
DQEBAQUAA4IBDwAwggEKAoIBAQCvlZl5egL+NJVv2kvzohsEkUUGEf5svrrAfjLl
1jVf7z4Y8RdNoBLmUDmQgRjy5ehKd/aUJm10R0NqE7RYWoY0S8a4SUOLXQ9pOVJm
fm7W+mB7fMizt0/Q6zM2K2xUxp5k51/5kj0k/HIExSmIJLXpT2WKlAvyCYaRz57h
y8+5yWYdIJc6l5ye1SHGfSBhO7zR5Mu05xrHaRvJaVm/ss/JRPf5V9XHFJx+DdqP
uXullde+fzqFbw+P/spI0gVLjPIXXrGwuUSboDzYsoZKJ0pkaGudWl3QexmigJXt
Mzg47q3mmQeRu91Xup+Z/8pvFqjlzunaB0/5dbmgPfnUA5fhAgMBAAGgOjA4Bgkq
hkiG9w0BCQ4xKzApMCcGA1UdEQQgMB6CC2V4YW1wbGUuY29tgg93d3cuZXhhbXBs
ZS5jb20wDQYJKoZIhvcNAQELBQADggEBAE05Fn3/wHVZxN6uzrKV+DLACUnzgIxk
dMknX98BJY8jQXHAB1dyVBRvxClmMOuZSjbHq9R8C0bFuMH9q03F6dmoL7pz8vZO
UepPSffOO8Zq6QTsuucBae7org4sDDHPoAoWogPfTiQcGqD5aFb6igqTzRKeM9La
lqMxThTyhcsVZwmvOe/Rq7U+kq/0vVgYhYGt0/phb76U7kNErfc8g8WUskNHmT+l
DVQYPMQqwCdWdH0yW/AJTILxCzNOTbQ/9PimvnP0n7vjiue4pHVL0qabq/nCe7C1
eztW8kTTJ9AuZVL4mWEpTPfymjIctdErfIn4h0TKQl/R9/gQA0sUyAI=
-----END CERTIFICATE REQUEST-----
"""

    @Test func damagedModulusIsRefusedNotACrash() throws {
        let verdict = CSRCheck.judge(Self.damagedModulus, for: CSRRequirement(domain: "example.com", wildcard: false))
        #expect(verdict.isReadable)
        #expect(!verdict.isAccepted)
        #expect(verdict.summary?.signatureVerifies == false)
        #expect(verdict.summary?.keyDescription == "malformed RSA key")
    }

    /// A well-formed RSAPublicKey BoringSSL refuses (an even exponent) took the other road to the
    /// same double free: swift-certificates' `Certificate.PublicKey(derEncoded:)`.
    @Test func exponentBoringSSLRefusesIsRefusedNotACrash() throws {
        let body = Self.good.split(separator: "\n").dropFirst().dropLast().joined()
        var der = try #require(Data(base64Encoded: body).map(Array.init))
        let exponent: [UInt8] = [0x02, 0x03, 0x01, 0x00, 0x01]
        let at = try #require((0...(der.count - exponent.count)).first { Array(der[$0..<($0 + exponent.count)]) == exponent })
        der[at + 4] = 0x02
        let pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Data(der).base64EncodedString(options: .lineLength64Characters) + "\n-----END CERTIFICATE REQUEST-----\n"
        #expect(RSAKeyGate.publicKey(try CSRStructure(der: der).publicKey) == nil)
        let verdict = CSRCheck.judge(pem, for: CSRRequirement(domain: "example.com", wildcard: false))
        #expect(verdict.isReadable)
        #expect(!verdict.isAccepted)
        #expect(verdict.summary?.signatureVerifies == false)
    }

    @Test func goodKeyStillVerifies() throws {
        let verdict = CSRCheck.judge(Self.good, for: CSRRequirement(domain: "example.com", wildcard: false))
        #expect(verdict.isAccepted, "\(verdict.problems)")
        #expect(verdict.summary?.signatureVerifies == true)
        let der = try #require(Data(base64Encoded: Self.good.split(separator: "\n").dropFirst().dropLast().joined()))
        #expect(RSAKeyGate.publicKey(try CSRStructure(der: Array(der)).publicKey)?.keySizeInBits == 2048)
    }
}
