/// Seed 002, "Renewal Settings for Internal Transfers": whether a completed incoming internal
/// transfer renews the domain, from the gaining account's setting and the request's NORENEW.
public enum TransferRenewalPolicy {
    /// TLDs whose registry adds a registration year on a transfer, used by the "Apply registry
    /// policy" setting (docs/transfers.md lists them with their sources of truth). Every TLD
    /// not listed transfers without a renewal (.de, .eu, .uk, .nl, .ch, .nz among them).
    public static let registryRenewsOnTransfer: Set<String> = [
        "com", "net", "org", "biz", "info", "name", "mobi", "asia", "tel", "pro", "xyz",
        "me", "us", "cc", "tv", "co", "ca", "es", "in",
    ]

    /// True when the transfer renews the domain by one year on completion.
    public static func renews(tld: String, setting: InternalTransferRenewSetting, noRenew: Bool) -> Bool {
        if noRenew { return false }
        switch setting {
        case .default: return InternalTransferRenewSetting.defaultRenewingTLDs.contains(tld)
        case .registry: return registryRenewsOnTransfer.contains(tld)
        case .noRenew: return false
        }
    }

    /// The account-wide setting from the API's `INTERNAL-TRANSFER-RENEW` value (seed 002:
    /// `REGISTRY | NORENEW | (Null)`; no value means the default).
    public static func setting(apiValue: String) throws(PanelError) -> InternalTransferRenewSetting {
        switch apiValue.trimmingCharacters(in: .whitespaces).uppercased() {
        case "", "(NULL)", "NULL": return .default
        case "REGISTRY": return .registry
        case "NORENEW": return .noRenew
        default:
            throw .invalidInput("INTERNAL-TRANSFER-RENEW must be REGISTRY, NORENEW or empty (the default), not \(EchoedText.quoted(apiValue))")
        }
    }
}

import Foundation
