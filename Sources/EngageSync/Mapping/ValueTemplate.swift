/// A text built from literal parts and `{path}` placeholders, e.g. `{first_name} {last_name}`
/// or `{id}:{connection.user_id|id}`.
///
/// A placeholder whose value is missing is left out; runs of spaces are folded and the result
/// trimmed, so `{first_name} {last_name}` with no first name gives `Ackerman`. When every
/// placeholder is missing the template gives no value. `|id` writes the value as an 18-character
/// Salesforce id.
public struct ValueTemplate: Sendable, Equatable, CustomStringConvertible {
    public enum Part: Sendable, Equatable {
        case literal(String)
        case value(ValuePath, asId: Bool)
    }

    public var parts: [Part]
    public let text: String

    public init(parsing text: String) throws(MappingSyntaxError) {
        var parts: [Part] = []
        var literal = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "{" {
                guard let close = text[i...].firstIndex(of: "}") else {
                    throw MappingSyntaxError("template '\(text)' has '{' without '}'")
                }
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                var inner = String(text[text.index(after: i)..<close])
                var asId = false
                if inner.hasSuffix("|id") { asId = true; inner.removeLast(3) }
                do {
                    parts.append(.value(try ValuePath(parsing: inner), asId: asId))
                } catch {
                    throw MappingSyntaxError("template '\(text)': \(error.message)")
                }
                i = text.index(after: close)
            } else {
                literal.append(c)
                i = text.index(after: i)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        guard parts.contains(where: { if case .value = $0 { return true } else { return false } }) else {
            throw MappingSyntaxError("template '\(text)' has no {placeholder}")
        }
        self.parts = parts
        self.text = text
    }

    public var description: String { text }
}
