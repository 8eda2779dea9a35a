/// Which kind of input an error is about; decides the exit code and the wording of the run log.
public enum InputKind: String, Sendable {
    case export
    case snapshot
    case mapping
    case manifest
    case config
    case grants
    case loadResults = "load results"
    case state

    /// Configuration inputs end a run with exit 64 and touch no state (SPEC §8).
    public var isConfiguration: Bool {
        switch self {
        case .mapping, .manifest, .config: return true
        default: return false
        }
    }
}

/// An input that cannot be used, with the place it was found, printed compiler-style:
/// `path:line:column: error: message`, then an optional snippet line.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: InputKind
    public var location: SourceLocation
    public var message: String
    /// The offending text or source line, when it helps the reader find the problem.
    public var snippet: String?

    public init(_ kind: InputKind, _ location: SourceLocation, _ message: String, snippet: String? = nil) {
        self.kind = kind
        self.location = location
        self.message = message
        self.snippet = snippet
    }

    /// The first line: `path:line:column: error: message`.
    public var headline: String { "\(location): error: \(message)" }

    public var description: String {
        guard let snippet, !snippet.isEmpty else { return headline }
        return headline + "\n    " + snippet
    }
}
