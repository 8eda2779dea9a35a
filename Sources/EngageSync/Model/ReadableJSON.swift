import Foundation

/// The JSON engage-sync writes for people and scripts alike (`summary.json`, `state.json`,
/// `--json` outputs): pretty-printed, keys sorted, slashes as they are, so it reads and diffs well.
public enum ReadableJSON {
    /// A new encoder with that formatting (encoders are not shared: they are classes).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
