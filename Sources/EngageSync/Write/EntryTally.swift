/// What one export entry added to a run's totals (its counts, its rows in the two update files,
/// its warnings), kept for as long as a later duplicate may still replace the entry (R15) and
/// its share must be taken off again. Eleven small numbers in one word: 5 bits each, or, for
/// the rare entry with a number above 31, the index of a full copy kept aside.
struct EntryTally {
    /// What the eleven numbers are.
    struct Values: Equatable {
        var counts = RecordCounts()
        var profileRows = 0
        var connectionRows = 0
        var warnings = 0

        init() {}

        init(counts: RecordCounts, profileRows: Int, connectionRows: Int, warnings: Int) {
            self.counts = counts
            self.profileRows = profileRows
            self.connectionRows = connectionRows
            self.warnings = warnings
        }

        /// Adds (`sign` 1) or takes off (`sign` -1) `b`.
        mutating func add(_ b: Values, sign: Int = 1) {
            counts.create += sign * b.counts.create; counts.update += sign * b.counts.update
            counts.deactivate += sign * b.counts.deactivate; counts.reactivate += sign * b.counts.reactivate
            counts.delete += sign * b.counts.delete; counts.unchanged += sign * b.counts.unchanged
            counts.skipped += sign * b.counts.skipped; counts.failed += sign * b.counts.failed
            profileRows += sign * b.profileRows; connectionRows += sign * b.connectionRows
            warnings += sign * b.warnings
        }

        /// The eleven numbers in a fixed order, through `body`.
        fileprivate func forEach(_ body: (Int) -> Void) {
            body(counts.create); body(counts.update); body(counts.deactivate); body(counts.reactivate)
            body(counts.delete); body(counts.unchanged); body(counts.skipped); body(counts.failed)
            body(profileRows); body(connectionRows); body(warnings)
        }

        /// The numbers in `forEach`'s order, each from `next`.
        fileprivate init(_ next: () -> Int) {
            counts.create = next(); counts.update = next(); counts.deactivate = next(); counts.reactivate = next()
            counts.delete = next(); counts.unchanged = next(); counts.skipped = next(); counts.failed = next()
            profileRows = next(); connectionRows = next(); warnings = next()
        }
    }

    private static let fieldBits: UInt64 = 5
    private static let fieldMask: UInt64 = (1 << 5) - 1
    /// Set when `word` is an index into the values kept aside.
    private static let asideFlag: UInt64 = 1 << 63
    private let word: UInt64

    /// Packs `values`; values above 31 are appended to `aside`, which must be kept with the tally.
    init(_ values: Values, aside: inout [Values]) {
        var packed: UInt64 = 0
        var shift: UInt64 = 0
        var fits = true
        values.forEach { n in
            if n < 0 || UInt64(n) > Self.fieldMask { fits = false; return }
            packed |= UInt64(n) << shift
            shift += Self.fieldBits
        }
        if fits {
            word = packed
        } else {
            word = Self.asideFlag | UInt64(aside.count)
            aside.append(values)
        }
    }

    /// The numbers packed by `init`, with the same `aside`.
    func values(aside: [Values]) -> Values {
        if word & Self.asideFlag != 0 { return aside[Int(word & ~Self.asideFlag)] }
        var rest = word
        return Values {
            defer { rest >>= Self.fieldBits }
            return Int(rest & Self.fieldMask)
        }
    }
}
