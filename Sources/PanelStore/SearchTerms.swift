import PanelModel

/// The text of an order search and what it matches: any substring of the domain (ASCII or
/// Unicode form), for resellers and operators any substring of the customer's username (the
/// part before "@" unless the text has one, so "com" does not match every customer at
/// example.com), and when it is all digits the order IDs that start with it.
struct SearchTerms {
    /// Trimmed and lower-cased, as names and usernames are stored.
    let text: String
    let matchesUsernames: Bool
    /// The text as a number when order IDs can start with it (digits, no leading zero).
    let idPrefix: Int64?

    init?(_ raw: String, matchesUsernames: Bool) {
        // Composed, as IDNA stores the Unicode form: "ü" is one character for the index too.
        text = raw.trimmingCharacters(in: .whitespaces).lowercased().precomposedStringWithCanonicalMapping
        guard !text.isEmpty else { return nil }
        // The part before "@" is ASCII (`EmailAddress`): other text cannot be in it.
        self.matchesUsernames = matchesUsernames && (text.contains("@") || text.unicodeScalars.allSatisfy(\.isASCII))
        idPrefix = text.allSatisfy(\.isASCIIDigit) && !text.hasPrefix("0") ? Int64(text) : nil
    }

    /// Length as the trigram index counts it: code points.
    var unicodeLength: Int { text.unicodeScalars.count }

    /// What the list says it matched, when that is more than a domain substring.
    var matchNote: String? {
        let substring = matchesUsernames ? "domains or usernames containing \"\(text)\"" : nil
        guard let idPrefix else { return substring }
        return "order IDs starting with \(idPrefix), or \(substring ?? "domains containing \"\(text)\"")"
    }

    /// The IDs that start with the prefix, as ranges up to `maxID`: "10" is 10, 100-109,
    /// 1000-1099, … (each a range scan of the primary key).
    func idRanges(upTo maxID: Int64) -> [ClosedRange<Int64>] {
        guard let idPrefix else { return [] }
        var ranges: [ClosedRange<Int64>] = []
        var low = idPrefix, width: Int64 = 1
        while low <= maxID {
            let high = low.addingReportingOverflow(width - 1)
            ranges.append(low...(high.overflow ? Int64.max : high.partialValue))
            let next = low.multipliedReportingOverflow(by: 10), wider = width.multipliedReportingOverflow(by: 10)
            guard !next.overflow, !wider.overflow else { break }
            low = next.partialValue
            width = wider.partialValue
        }
        return ranges
    }

    // MARK: Conditions on one order

    /// The order's ID (`column`) starts with the prefix.
    static func idCondition(_ ranges: [ClosedRange<Int64>], column: String = "o.id") -> (sql: String, arguments: SQLArguments)? {
        guard !ranges.isEmpty else { return nil }
        let sql = ranges.map { _ in "\(column) BETWEEN ? AND ?" }.joined(separator: " OR ")
        return ("(\(sql))", SQLArguments(ranges.flatMap { [$0.lowerBound, $0.upperBound] }))
    }

    /// The text is in the order's domain, in either form. The Unicode form differs from the
    /// ASCII one only for an IDN, whose ASCII form has "xn--" (`DomainName.unicode`, which the
    /// stored form is), so only an IDN's is read: a walk of `orders_domain` that tests no other
    /// column then reads index entries only, not the table's rows.
    var domainCondition: (sql: String, arguments: SQLArguments) {
        ("(instr(o.domain, ?) > 0 OR (instr(o.domain, 'xn--') > 0 AND instr(o.domain_unicode, ?) > 0))", [text, text])
    }

    /// The text is in the username of the customer `customer` (an alias), or, without one,
    /// of the order's customer, looked up only when the other conditions failed.
    func usernameCondition(customer: String? = nil) -> (sql: String, arguments: SQLArguments)? {
        guard matchesUsernames else { return nil }
        let alias = customer ?? "uc"
        let searched = text.contains("@") ? "\(alias).username" : "substr(\(alias).username, 1, instr(\(alias).username, '@') - 1)"
        let test = "instr(\(searched), ?) > 0"
        guard customer == nil else { return (test, [text]) }
        return ("EXISTS (SELECT 1 FROM customers uc WHERE uc.id = o.customer_id AND \(test))", [text])
    }

    /// The whole match on one order, cheapest test first (SQLite stops at the first true one).
    /// `username` replaces the username test when given.
    func rowCondition(_ ranges: [ClosedRange<Int64>], customer: String? = nil,
                      username: (sql: String, arguments: SQLArguments)? = nil) -> (sql: String, arguments: SQLArguments) {
        let parts = [Self.idCondition(ranges), domainCondition, username ?? usernameCondition(customer: customer)].compactMap { $0 }
        return ("(" + parts.map(\.sql).joined(separator: " OR ") + ")", parts.reduce(into: SQLArguments()) { $0 += $1.arguments })
    }

    // MARK: Index lookups

    /// The FTS5 query over `order_search` for the domain part, and whether each order it finds
    /// must still be checked (`domainCondition`); nil when the text is too short for the
    /// trigram index.
    var domainIndexQuery: (query: String, recheck: Bool)? {
        // The trigram index counts code points.
        let length = text.unicodeScalars.count
        if length >= 3 { return (Self.phrase(text), false) }
        guard length == 2 else { return nil }
        // Every domain is at least three characters long, so a pair sits in a trigram with one
        // more character. An ASCII domain's alphabet is small; an IDN's Unicode form in Latin
        // script adds the Latin letters with diacritics. (In an IDN's Unicode form an ASCII pair
        // whose neighbours are not ASCII is also in its ASCII form, as punycode keeps a label's
        // ASCII letters in order; only a pair beside a label's dot fenced by such letters on
        // both sides would be missed.)
        if text.unicodeScalars.allSatisfy(\.isASCII) {
            return (Self.neighbours(text, alphabet: Self.domainAlphabet).joined(separator: " OR "), false)
        }
        if text.unicodeScalars.allSatisfy({ $0.isASCII || Self.latinLetters.unicodeScalars.contains($0) }) {
            return (Self.neighbours(text, alphabet: Self.domainAlphabet + Self.latinLetters).joined(separator: " OR "), false)
        }
        // Another script: only an IDN can hold it, and every IDN has "xn-" in its ASCII form.
        return ("{domain} : \"xn-\"", true)
    }

    /// The FTS5 query over `customer_search` for the username part, or nil.
    var usernameIndexQuery: String? {
        guard matchesUsernames else { return nil }
        let column = text.contains("@") ? "username" : "local_part"
        if text.unicodeScalars.count >= 3 { return "{\(column)} : \(Self.phrase(text))" }
        guard text.unicodeScalars.count == 2, text.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        // A local part of exactly these two characters has no trigram of its own: "ab@" finds it.
        let whole = column == "local_part" ? " OR {username} : \(Self.phrase(text + "@"))" : ""
        return "{\(column)} : (" + Self.neighbours(text, alphabet: Self.usernameAlphabet).joined(separator: " OR ") + ")" + whole
    }

    static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Every trigram made of the pair and one more character before or after it.
    static func neighbours(_ pair: String, alphabet: String) -> [String] {
        alphabet.flatMap { character in [phrase("\(character)\(pair)"), phrase("\(pair)\(character)")] }
    }

    /// The characters of a stored (lower-case ASCII) domain name.
    static let domainAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789-."
    /// Lower-case Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A).
    static let latinLetters = String(String.UnicodeScalarView((0xDF...0x17F).compactMap(Unicode.Scalar.init)
        .filter { $0.properties.isLowercase && $0.value != 0xF7 }))
    /// The characters of a stored username (lower-cased; what `EmailAddress` accepts).
    static let usernameAlphabet = domainAlphabet + "!#$%&'*+/=?^_`{|}~@"
}
