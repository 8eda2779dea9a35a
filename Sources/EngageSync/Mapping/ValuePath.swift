import Foundation

/// Where a mapped value comes from in a profile entry.
///
/// Forms: `first_name` (a scalar of the profile), `connection.user_id` (a key of the connection
/// being mapped, for the connection object), `accounts[org_id = $org].account_id` (the one item of
/// a list whose key equals a literal or `$org`, this org's id compared as ids).
public struct ValuePath: Sendable, Equatable, CustomStringConvertible {
    public enum Filter: Sendable, Equatable {
        /// The item's key equals this org's id (15 or 18 characters alike).
        case thisOrg(key: String)
        case equals(key: String, value: String)
    }

    public enum Scope: Sendable, Equatable {
        case profile
        case connection
        case list(name: String, filter: Filter)
    }

    public var scope: Scope
    public var key: String {
        didSet { keyTag = ExportContentHash.key(key) }
    }
    /// The tag an entry's fields keep for `key` (`ExportFields`), worked out once per path
    /// instead of per lookup.
    private(set) var keyTag: UInt64

    public init(scope: Scope, key: String) {
        self.scope = scope
        self.key = key
        self.keyTag = ExportContentHash.key(key)
    }

    /// Parses the text form; throws a message when it is not a path.
    public init(parsing text: String) throws(MappingSyntaxError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        func isName(_ s: Substring) -> Bool {
            !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }
        if let open = t.firstIndex(of: "[") {
            guard let close = t.firstIndex(of: "]"), close > open else {
                throw MappingSyntaxError("path '\(text)' has '[' without ']'")
            }
            let list = t[..<open]
            let inside = t[t.index(after: open)..<close]
            let rest = t[t.index(after: close)...]
            guard isName(list), rest.hasPrefix("."), isName(rest.dropFirst()) else {
                throw MappingSyntaxError("path '\(text)' is not of the form list[key = value].key")
            }
            let parts = inside.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, isName(Substring(parts[0])), !parts[1].isEmpty else {
                throw MappingSyntaxError("path '\(text)' needs a filter of the form [key = value]")
            }
            let filter: Filter = parts[1] == "$org"
                ? .thisOrg(key: parts[0]) : .equals(key: parts[0], value: parts[1])
            self.init(scope: .list(name: String(list), filter: filter), key: String(rest.dropFirst()))
            return
        }
        if t.hasPrefix("connection.") {
            let key = t.dropFirst("connection.".count)
            guard isName(key) else { throw MappingSyntaxError("path '\(text)' names no key") }
            self.init(scope: .connection, key: String(key))
            return
        }
        guard isName(Substring(t)) else {
            throw MappingSyntaxError("'\(text)' is not a path (a key such as first_name, "
                + "connection.user_id or accounts[org_id = $org].account_id)")
        }
        self.init(scope: .profile, key: t)
    }

    public var description: String {
        switch scope {
        case .profile: return key
        case .connection: return "connection.\(key)"
        case .list(let name, .thisOrg(let k)): return "\(name)[\(k) = $org].\(key)"
        case .list(let name, .equals(let k, let v)): return "\(name)[\(k) = \(v)].\(key)"
        }
    }
}

/// A mapping text that does not parse; the YAML loader adds the file position.
public struct MappingSyntaxError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

