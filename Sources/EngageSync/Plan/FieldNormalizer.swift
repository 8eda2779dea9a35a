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
}
