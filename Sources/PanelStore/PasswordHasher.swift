import Crypto
import _CryptoExtras
import Foundation

/// Password storage: PBKDF2-HMAC-SHA256 with a random 16-byte salt and 210,000 rounds
/// (OWASP's floor for this hash). Stored as `pbkdf2-sha256$ROUNDS$SALT$HASH` (base64).
public enum PasswordHasher {
    public static let rounds = 210_000

    public static func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        let key = try derive(password, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(key.base64EncodedString())"
    }

    /// Checks `password` against a stored hash in constant time. A malformed hash never matches.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds >= 210_000,
              let salt = Data(base64Encoded: parts[2]), let expected = Data(base64Encoded: parts[3]),
              let actual = try? derive(password, salt: [UInt8](salt), rounds: rounds)
        else { return false }
        guard actual.count == expected.count else { return false }
        return zip(actual, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> Data {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                     outputByteCount: 32, rounds: rounds)
        return key.withUnsafeBytes { Data($0) }
    }
}
