import Foundation

/// Runs two pieces of work at once, one on a second thread, and returns both results (the
/// machine has two cores: the snapshot's profiles and the rest of it are read side by side).
/// Each piece owns its own values; nothing is shared while they run.
enum SideBySide {
    /// The first piece of work and its result, handed to the second thread.
    private final class Slot<T>: @unchecked Sendable {
        var work: (() throws -> T)?
        var result: Result<T, any Error>?
    }

    /// Runs `first` on a new thread and `second` on the calling thread; waits for both.
    static func run<A, B>(_ first: () throws -> A, _ second: () throws -> B) -> (Result<A, any Error>, Result<B, any Error>) {
        withoutActuallyEscaping(first) { first in
            let slot = Slot<A>()
            slot.work = first
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                slot.result = Result { try slot.work!() }
                slot.work = nil  // the closure must not outlive this call
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
            let b = Result { try second() }
            done.wait()
            return (slot.result!, b)
        }
    }
}
