/// A run-level fault (R24): the run ends as Failure, writes no update rows and counts against
/// no record (R25).
public struct RunFault: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// A report to leave in the run folder (e.g. the permission check), by file name.
    public var attachments: [String: String]

    public init(_ message: String, attachments: [String: String] = [:]) {
        self.message = message
        self.attachments = attachments
    }

    public var description: String { message }
}

/// A run that was refused before reading any input (R26): exit 75, nothing written.
public struct RunRefused: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
