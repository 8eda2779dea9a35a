/// Where the parts of a mapping were written, so that later checks (R31) can point at a line.
///
/// Positions are not part of a mapping's meaning: two source maps always compare equal, so
/// `SyncMapping`'s `==` still compares only what the mapping says.
public struct MappingSourceMap: Sendable, Equatable {
    /// Keyed by `object|field`, both lowercased; see `key(object:field:)`.
    var places: [String: SourceLocation] = [:]

    public init() {}

    /// Where a field of an object is written (its `field:` value), if known.
    public func location(object: String, field: String) -> SourceLocation? {
        places[Self.key(object: object, field: field)]
    }

    /// Where an object's mapping starts, if known.
    public func location(object: String) -> SourceLocation? {
        places[Self.key(object: object, field: "")]
    }

    mutating func set(_ location: SourceLocation, object: String, field: String = "") {
        let key = Self.key(object: object, field: field)
        if places[key] == nil { places[key] = location }
    }

    static func key(object: String, field: String) -> String {
        object.lowercased() + "|" + field.lowercased()
    }

    public static func == (a: MappingSourceMap, b: MappingSourceMap) -> Bool { true }
}
