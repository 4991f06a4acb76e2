import Foundation

/// IP addresses from a subjectAltName's octets, as text.
enum IPAddressText {
    static func text(_ octets: [UInt8]) -> String {
        switch octets.count {
        case 4:
            return octets.map(String.init).joined(separator: ".")
        case 16:
            let groups = (0..<8).map { Int(octets[$0 * 2]) << 8 | Int(octets[$0 * 2 + 1]) }
            // RFC 5952: the longest run (two or more) of zero groups becomes "::".
            var best: Range<Int>?
            var index = 0
            while index < 8 {
                guard groups[index] == 0 else { index += 1; continue }
                let start = index
                while index < 8, groups[index] == 0 { index += 1 }
                if index - start >= 2, (best?.count ?? 0) < index - start { best = start..<index }
            }
            let hex = groups.map { String($0, radix: 16) }
            guard let best else { return hex.joined(separator: ":") }
            return hex[..<best.lowerBound].joined(separator: ":") + "::" + hex[best.upperBound...].joined(separator: ":")
        default:
            return octets.map { String(format: "%02x", $0) }.joined(separator: ":")
        }
    }
}
