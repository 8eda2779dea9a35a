import Foundation

/// Runs `produce` on a thread of its own, up to `depth` results ahead of the caller of `next()`,
/// so that producing the next result and using this one run side by side on the two cores.
/// Results, and the error that ended them, arrive in the order they were produced; memory holds
/// at most `depth` results however many there are.
final class ReadAhead<Element>: @unchecked Sendable {
    private let produce: () throws -> Element?
    private let depth: Int
    private let lock = NSCondition()
    private var ready: [Element] = []
    private var ended = false
    private var failure: (any Error)?
    private var stopped = false

    /// Starts producing at once; `produce` returns nil at the end.
    init(depth: Int, _ produce: @escaping () throws -> Element?) {
        self.produce = produce
        self.depth = max(depth, 1)
        let thread = Thread { [self] in run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func run() {
        while true {
            let result: Element?
            do {
                result = try produce()
            } catch {
                finish(error)
                return
            }
            guard let result else { break }
            lock.lock()
            while ready.count >= depth && !stopped { lock.wait() }
            if stopped {
                lock.unlock()
                return
            }
            ready.append(result)
            lock.broadcast()
            lock.unlock()
        }
        finish(nil)
    }

    private func finish(_ error: (any Error)?) {
        lock.lock()
        ended = true
        failure = error
        lock.broadcast()
        lock.unlock()
    }

    /// The next result, nil at the end (or once stopped); throws the error that ended the
    /// results, after the results produced before it.
    func next() throws -> Element? {
        lock.lock()
        while ready.isEmpty && !ended && !stopped { lock.wait() }
        if ready.isEmpty {
            let failure = stopped ? nil : failure
            lock.unlock()
            if let failure { throw failure }
            return nil
        }
        let result = ready.removeFirst()
        lock.broadcast()
        lock.unlock()
        return result
    }

    /// Lets the producing thread end early (the caller stops before the end).
    func stop() {
        lock.lock()
        stopped = true
        lock.broadcast()
        lock.unlock()
    }

    deinit { stop() }
}
