/// Where each export entry's bytes lie in each of a run's output files, kept small: per entry
/// the number of bytes it added to each file, as variable-length integers (7 bits a byte), so
/// an entry costs about ten bytes. The rare entry a later duplicate replaces (R15) is cut out
/// of the files at the end of the run; its byte ranges are found by adding up the lengths once.
struct EntrySpans {
    /// Where the first entry starts in each file (after the header rows).
    private let starts: [UInt64]
    private var lengths: [UInt8] = []
    private(set) var count = 0

    init(starts: [UInt64]) { self.starts = starts }

    var fileCount: Int { starts.count }

    /// Adds the next entry: the bytes it added to each file, one number per file.
    mutating func append(_ sizes: some Sequence<UInt64>) {
        for var n in sizes {
            while n >= 0x80 {
                lengths.append(UInt8(truncatingIfNeeded: n) | 0x80)
                n >>= 7
            }
            lengths.append(UInt8(n))
        }
        count += 1
    }

    /// The byte ranges of the entries `seqs` in each file (per file, in entry order, empty ranges left out).
    func ranges(of seqs: Set<Int>) -> [[Range<UInt64>]] {
        var out = [[Range<UInt64>]](repeating: [], count: starts.count)
        guard !seqs.isEmpty else { return out }
        var offsets = starts
        var i = 0
        for seq in 0..<count {
            for file in 0..<starts.count {
                var n: UInt64 = 0
                var shift: UInt64 = 0
                while true {
                    let b = lengths[i]
                    i += 1
                    n |= UInt64(b & 0x7F) << shift
                    if b < 0x80 { break }
                    shift += 7
                }
                if n > 0 && seqs.contains(seq) { out[file].append(offsets[file]..<offsets[file] + n) }
                offsets[file] += n
            }
        }
        return out
    }
}
