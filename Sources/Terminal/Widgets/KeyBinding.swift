/// Identifies what a key does, independent of which key does it ("table.down", "app.quit").
public struct ActionID: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

/// One row of a screen's key table (lazygit style): the same list drives dispatch, the footer
/// hints and the `?` help overlay, so they can never disagree.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    /// Short text for the footer ("Quit").
    public var label: String
    /// Longer text for the help overlay ("Quit CertPanel").
    public var description: String
    public var action: ActionID
    /// Whether the footer lists it (the help overlay always does).
    public var showInFooter: Bool
    /// How the keys are written; default: the keys' names joined by "/".
    public var keyText: String

    public init(_ keys: [Key], label: String, description: String? = nil, action: ActionID,
                showInFooter: Bool = true, keyText: String? = nil) {
        self.keys = keys
        self.label = label
        self.description = description ?? label
        self.action = action
        self.showInFooter = showInFooter
        self.keyText = keyText ?? keys.map(\.description).joined(separator: "/")
    }

    public init(_ key: Key, label: String, description: String? = nil, action: ActionID,
                showInFooter: Bool = true, keyText: String? = nil) {
        self.init([key], label: label, description: description, action: action,
                  showInFooter: showInFooter, keyText: keyText)
    }
}

/// An ordered key table. The first binding that lists a key wins.
public struct KeyMap: Hashable, Sendable {
    public var bindings: [KeyBinding]

    public init(_ bindings: [KeyBinding]) { self.bindings = bindings }

    public func action(for key: Key) -> ActionID? {
        bindings.first(where: { $0.keys.contains(key) })?.action
    }

    public func binding(for action: ActionID) -> KeyBinding? {
        bindings.first(where: { $0.action == action })
    }

    /// This map followed by `other`'s bindings, minus the keys this map already uses (a
    /// binding left with no keys is dropped). Used for footer and help: what a key does here.
    public func merged(with other: KeyMap) -> KeyMap {
        let used = Set(bindings.flatMap(\.keys))
        var extra: [KeyBinding] = []
        for var b in other.bindings {
            let free = b.keys.filter { !used.contains($0) }
            if free.isEmpty { continue }
            if free.count < b.keys.count {
                let defaultText = b.keys.map(\.description).joined(separator: "/")
                b.keys = free
                if b.keyText == defaultText { b.keyText = free.map(\.description).joined(separator: "/") }
            }
            extra.append(b)
        }
        return KeyMap(bindings + extra)
    }

    /// Bindings that still work while a text input captures printable keys.
    public func withoutPrintableKeys() -> KeyMap {
        KeyMap(bindings.compactMap { b in
            var b = b
            let kept = b.keys.filter { if case .char = $0 { return false }; return true }
            if kept.isEmpty { return nil }
            if kept.count < b.keys.count && b.keyText == b.keys.map(\.description).joined(separator: "/") {
                b.keyText = kept.map(\.description).joined(separator: "/")
            }
            b.keys = kept
            return b
        })
    }
}
