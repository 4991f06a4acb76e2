import Foundation
import Testing
import PanelModel
@testable import PanelStore

/// Every way a search can read the data (scan, matched sources, walk of the sort index) gives
/// the page and the capped count that testing every order by hand gives.
@Suite struct SearchPlanTests {
    static let world: TemporaryDatabase = {
        let temporary = try! TemporaryDatabase()
        // Three resellers of about 1,700 orders each, so a reseller can be scanned or not.
        _ = try! SyntheticWorld(orders: 5_000, customers: 3_000, seed: 5).write(into: temporary.database)
        return temporary
    }()
    static let firstID: Int64 = 1_000_000

    /// Small numbers so 5,000 orders reach every plan: resellers scanned or not, matches sorted
    /// or walked, walks that find the page and walks that give up.
    static let tunings = [
        PanelDatabase.SearchTuning(countCap: 100, scanLimit: 10_000, sortLimit: 40, walkLimit: 60),
        PanelDatabase.SearchTuning(countCap: 100, scanLimit: 100, sortLimit: 500, walkLimit: 1_000),
        PanelDatabase.SearchTuning(countCap: 10_000, scanLimit: 100, sortLimit: 10_000, walkLimit: 10_000),
    ]
    static let principals: [Principal] = [.operator, .reseller(ResellerID(firstID + 1)), .customer(CustomerID(firstID + 7))]
    static let texts = ["", "k", "q", "u", "ka", "us", "xn", "bü", "e.", "1", "10", "1000", "10004", "1003", "0", "kav", "user1",
                        "user12@", "@synthetic-3", "café", "xn--caf", ".co.", "zzz"]

    /// What the principal may see, every order, by hand.
    static func everything(_ principal: Principal) throws -> [OrderSummary] {
        try world.database.searchOrders(as: principal, OrderQuery(limit: 10_000)).rows
    }

    /// The matches of `text`, tested one by one as the search semantics say.
    static func expected(_ all: [OrderSummary], _ principal: Principal, _ raw: String, _ query: OrderQuery) -> [OrderSummary] {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let matched = text.isEmpty ? all : all.filter { row in
            if row.domain.ascii.contains(text) || row.domainUnicode.contains(text) { return true }
            if text.allSatisfy(\.isASCIIDigit), !text.hasPrefix("0"), String(row.id.rawValue).hasPrefix(text) { return true }
            guard case .customer = principal else {
                let username = row.customerUsername
                let searched = text.contains("@") ? username : String(username.prefix { $0 != "@" })
                return searched.contains(text)
            }
            return false
        }
        return matched.filter { query.product == nil || $0.product == query.product }.sorted { a, b in
            let key: (OrderSummary) -> String = switch query.sort {
            case .id: { String(format: "%020lld", $0.id.rawValue) }
            case .domain: { $0.domain.ascii + " " + String(format: "%020lld", $0.id.rawValue) }
            case .expiry: { String(format: "%015.0f", $0.expiresAt.timeIntervalSince1970) + String(format: "%020lld", $0.id.rawValue) }
            }
            return query.descending ? key(a) > key(b) : key(a) < key(b)
        }
    }

    @Test(arguments: 0..<tunings.count)
    func everyPlanAgreesWithTestingEachOrder(tuning index: Int) throws {
        let tuning = Self.tunings[index]
        for principal in Self.principals {
            let all = try Self.everything(principal)
            #expect(!all.isEmpty)
            for text in Self.texts {
                for sort in OrderQuery.Sort.allCases {
                    for descending in [false, true] {
                        let offset = text.count % 2 == 0 ? 0 : 35
                        let query = OrderQuery(text: text, sort: sort, descending: descending, limit: 30, offset: offset)
                        let page = try Self.world.database.searchOrders(as: principal, query, tuning: tuning)
                        let expected = Self.expected(all, principal, text, query)
                        let cap = max(tuning.countCap, offset + 30)
                        let what = "\(principal) \"\(text)\" by \(sort)\(descending ? " desc" : "") with \(tuning)"
                        #expect(page.rows.map(\.id) == expected.dropFirst(offset).prefix(30).map(\.id), "\(what)")
                        #expect(page.total == min(expected.count, cap), "\(what)")
                        #expect(page.totalIsCapped == (expected.count > cap), "\(what)")
                    }
                }
            }
        }
    }

    @Test func filtersApplyInEveryPlan() throws {
        for tuning in Self.tunings {
            let all = try Self.everything(.operator)
            for text in ["", "k", "ka", "kav", "10"] {
                let query = OrderQuery(text: text, product: .webHosting, sort: .domain, limit: 30)
                let page = try Self.world.database.searchOrders(as: .operator, query, tuning: tuning)
                let expected = Self.expected(all, .operator, text, query)
                #expect(page.rows.map(\.id) == expected.prefix(30).map(\.id), "\"\(text)\" with \(tuning)")
                #expect(page.total == min(expected.count, tuning.countCap))
            }
        }
    }

    @Test func theStandardTuningCountsAFewMatchesExactlyAndCapsMany() throws {
        let few = try Self.world.database.searchOrders(as: .operator, OrderQuery(text: "kav"))
        #expect(!few.totalIsCapped && few.total > 0 && few.total < 100)
        let customer = try Self.world.database.searchOrders(as: Self.principals[2], OrderQuery())
        let hers = try Self.everything(Self.principals[2]).count
        #expect(!customer.totalIsCapped && customer.total == hers)
    }
}
