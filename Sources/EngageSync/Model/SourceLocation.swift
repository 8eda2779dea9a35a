/// A place in an input file, printed compiler-style: `path:line:column` or `path:row N, column NAME`.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// 1-based line (text formats).
    public var line: Int?
    /// 1-based column in characters of the line (text formats).
    public var column: Int?
    /// 1-based CSV row, counting the header as row 1.
    public var row: Int?
    /// CSV column name or another field name that helps find the place.
    public var field: String?

    public init(path: String, line: Int? = nil, column: Int? = nil, row: Int? = nil, field: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.row = row
        self.field = field
    }

    public var description: String {
        if let row {
            var text = "\(path):row \(row)"
            if let field { text += ", column \(field)" }
            return text
        }
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}
