// Instants in the state file are their `description` text (`YYYY-MM-DDTHH:MM:SS.sssZ`), so a
// person can read and, if need be, edit the file.

extension KeyedEncodingContainer {
    mutating func encodeInstant(_ value: Instant?, forKey key: Key) throws {
        try encode(value?.description, forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeInstant(forKey key: Key) throws -> Instant {
        let text = try decode(String.self, forKey: key)
        return try Self.instant(text, key: key, in: self)
    }

    func decodeInstantIfPresent(forKey key: Key) throws -> Instant? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        return try Self.instant(text, key: key, in: self)
    }

    private static func instant(_ text: String, key: Key, in container: Self) throws -> Instant {
        do {
            return try Instant(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "'\(text)' \(error.description)")
        }
    }
}
