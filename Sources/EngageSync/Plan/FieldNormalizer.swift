/// Normalises a text to the form the sync compares and writes for a field type (R3, R9).
enum FieldNormalizer {
    /// The normalised text, or nil when the text is not of the type (the caller decides whether
    /// that is a record error or a value kept as it is).
    static func normalize(_ text: String, as type: FieldType) -> String? {
        switch type {
        case .text: return text
        case .id: return SalesforceId.normalized(text)
        case .datetime: return Instant.normalized(text)
        case .boolean:
            switch text.lowercased() {
            case "true": return "true"
            case "false": return "false"
            default: return nil
            }
        }
    }

    /// The normalised text, or the text itself when it does not parse (snapshot values).
    static func lenient(_ text: String, as type: FieldType) -> String {
        normalize(text, as: type) ?? text
    }

    /// Appends what `lenient` gives for the text in `bytes`, without building a `String`.
    static func appendLenient(_ bytes: UnsafeRawBufferPointer, as type: FieldType, to out: inout [UInt8]) {
        switch type {
        case .text: out.append(contentsOf: bytes)
        case .id: SalesforceId.appendNormalized(bytes, to: &out)
        case .datetime: Instant.appendNormalized(bytes, to: &out)
        case .boolean:
            if equalsIgnoringASCIICase(bytes, "true") {
                out.append(contentsOf: "true".utf8)
            } else if equalsIgnoringASCIICase(bytes, "false") {
                out.append(contentsOf: "false".utf8)
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }

    /// Whether `bytes` spell the lowercase ASCII `word` in any case (`TRUE`, `True`).
    private static func equalsIgnoringASCIICase(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<bytes.count {
            let b = bytes[i]
            if (b >= 65 && b <= 90 ? b + 32 : b) != w[i] { return false }
        }
        return true
    }
}
