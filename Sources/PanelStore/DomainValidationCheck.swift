import Foundation
import PanelModel

/// Looks a name's records up in DNS. The real one is `SystemDNSResolver`; tests inject their own.
public protocol DNSResolving: Sendable {
    func cnameRecords(of name: String) -> DNSAnswer
}

/// Fetches a path from a host over plain HTTP. The real one is `PlainHTTPFetcher`.
public protocol HTTPFetching: Sendable {
    func get(host: String, path: String) -> HTTPOutcome
}

/// The lookups a check makes: the DNS resolver and the HTTP fetcher.
public struct DomainValidationLookups: Sendable {
    public var resolver: any DNSResolving
    public var fetcher: any HTTPFetching

    public init(resolver: any DNSResolving, fetcher: any HTTPFetching) {
        self.resolver = resolver
        self.fetcher = fetcher
    }

    /// The system resolver and plain HTTP on port 80; `CERTPANEL_DCV_HTTP_BASE` (for testing
    /// only) sends the HTTP requests to another address.
    public static func system(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PanelError) -> Self {
        Self(resolver: SystemDNSResolver(), fetcher: try PlainHTTPFetcher(base: environment[PlainHTTPFetcher.baseVariable]))
    }
}

/// What `dcv check` found for each name of an order's CSR.
public struct DCVCheckReport: Codable, Sendable, Hashable {
    public var orderID: OrderID
    public var method: DCVMethod
    public var findings: [DCVFinding]
    /// The certificate `dcv check` issued because every value was in place while it waited in
    /// "validating"; nil when nothing was issued.
    public var issued: DCVIssued?

    /// Every name's value is in place.
    public var isComplete: Bool { !findings.isEmpty && findings.allSatisfy(\.isFound) }

    public var summary: String {
        let found = findings.filter(\.isFound).count
        return isComplete
            ? "All \(findings.count) names of order \(orderID) are ready for \(method.displayName) validation."
            : "\(found) of \(findings.count) names of order \(orderID) are ready for \(method.displayName) validation; fix the others as said above."
    }
}

extension PanelDatabase {
    /// Looks up the validation values of order `id`'s CSR: the CNAME records (`dns`) or the
    /// files (`http`). Without a method, the one chosen for the order; `dns` if none (or email,
    /// which has nothing to look up) was chosen. The lookups run outside any transaction.
    public func checkDomainValidation(order id: OrderID, method: DCVMethod?, for principal: Principal,
                                      lookups: DomainValidationLookups) throws -> DCVCheckReport {
        try checkDomainValidation(order: id, method: method, for: principal, resolver: lookups.resolver, fetcher: lookups.fetcher)
    }

    public func checkDomainValidation(order id: OrderID, method: DCVMethod?, for principal: Principal,
                                      resolver: any DNSResolving, fetcher: any HTTPFetching) throws -> DCVCheckReport {
        let detail = try domainValidation(order: id, for: principal)
        let chosen = method ?? detail.choice.map(\.method).flatMap { $0 == .email ? nil : $0 } ?? .dns
        let findings: [DCVFinding]
        switch chosen {
        case .email:
            throw PanelError.invalidInput("Email validation is confirmed by the approver answering the certificate authority's mail; there is nothing to look up. Check --method dns or --method http.")
        case .dns:
            findings = detail.values.names.map { DCVCheck.dns($0, answer: resolver.cnameRecords(of: $0.dns.name)) }
        case .http:
            findings = detail.values.names.map { name in
                DCVCheck.http(name, outcome: name.http.map { fetcher.get(host: $0.host, path: $0.path) } ?? .failed("not applicable"))
            }
        }
        return DCVCheckReport(orderID: id, method: chosen, findings: findings)
    }
}
