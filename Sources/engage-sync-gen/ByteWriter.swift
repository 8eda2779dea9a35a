import Foundation

/// A file written through a reused byte buffer, flushed in 1 MB blocks, so that a scenario of a
/// million profiles streams out in constant memory.
final class ByteWriter {
    private let handle: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    let path: String

    init(path: String) throws {
        guard let handle = fopen(path, "wb") else { throw GeneratorError("cannot create \(path)") }
        self.handle = handle
        self.path = path
        buffer.reserveCapacity(1 << 20 + 4096)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        buffer.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, handle) }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        guard fclose(handle) == 0 else { throw GeneratorError("cannot write \(path)") }
    }
}

/// A fault of the generator's command line or files.
struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
