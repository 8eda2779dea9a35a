/// The exit codes of SPEC §7.
enum ExitCode {
    static let success: Int32 = 0
    static let successWithErrors: Int32 = 1
    static let failure: Int32 = 2
    static let usage: Int32 = 64
    static let refused: Int32 = 75
}
