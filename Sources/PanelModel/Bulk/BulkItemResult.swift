/// What a bulk action did to one certificate order: done or not, and the message the single
/// action gives (the same rule, the same words), plus the file a download wrote.
public struct BulkItemResult: Hashable, Codable, Sendable {
    public var orderID: OrderID
    /// The order's domain in Unicode form, as shown in lists ("" when the order is unknown).
    public var domain: String
    public var succeeded: Bool
    public var message: String
    public var file: String?

    public init(orderID: OrderID, domain: String, succeeded: Bool, message: String, file: String? = nil) {
        self.orderID = orderID
        self.domain = domain
        self.succeeded = succeeded
        self.message = message
        self.file = file
    }
}

extension Array where Element == BulkItemResult {
    /// "2 of 3 done; 1 not done".
    public var summary: String {
        let done = filter(\.succeeded).count
        let refused = count - done
        return "\(done) of \(count) done" + (refused > 0 ? "; \(refused) not done" : "")
    }
}
