#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming pull tokenizer over the UTF-8 bytes of a JSON (or JSON Lines) file.
///
/// The file is read in 1 MiB chunks; memory holds one chunk plus the text of the current
/// string or number when it crosses a chunk boundary or holds escapes. Every token carries its
/// line and column (`mark`). The scanner checks well-formedness as it goes: syntax, UTF-8,
/// escapes (no lone surrogates), control characters, nesting depth, duplicate keys in one
/// object and text after the document. Errors are `InputError`s of the scanner's `kind`.
final class JSONScanner {
    static let chunkSize = 1 << 20
    static let defaultMaxDepth = 64

    let path: String
    let kind: InputKind
    /// Deepest nesting accepted (at most 64).
    let maxDepth: Int
    /// JSON Lines: top-level values follow one per line, and no value may span lines.
    let linesMode: Bool

    // Input buffer: bytes `buf[pos..<end]` are unread; `base` is the file offset of `buf[0]`.
    let fd: Int32
    let capacity: Int
    let buf: UnsafeMutablePointer<UInt8>
    var pos = 0
    var end = 0
    var base = 0
    var eof = false

    // Line tracking: `lineStart` is the file offset where the line starts, `lineCont` counts the
    // UTF-8 continuation bytes seen on it (columns count Unicode scalars, not bytes).
    var line = 1
    var lineStart = 0
    var lineCont = 0

    // Structure.
    enum State: UInt8 { case value, firstValueOrEnd, keyOrEnd, key, afterValue, done }
    var state: State = .value
    private(set) var depth = 0
    /// Bit `d - 1` is set when the container at depth `d` is an object.
    var objectBits: UInt64 = 0
    // Keys of the open objects held as `String`s, for duplicate checks: small objects compare
    // keys one by one, objects with many keys get a hash index (no quadratic work on hostile input).
    var keyStack: [String] = []
    var keyMarks: [JSONMark] = []
    var keyBase = [Int](repeating: 0, count: 65)
    var keyIndex = [[String: Int]?](repeating: nil, count: 65)
    static let linearKeyLimit = 16
    /// Keys made `String`s once per file; an object whose keys all have an id checks duplicates
    /// with one bit per id (`keySeenBits`, 16 words per depth) instead of comparing `String`s,
    /// and holds no `String`s in `keyStack`.
    var keyTable = JSONKeyTable()
    var keySeenBits = [UInt64](repeating: 0, count: 65 * JSONScanner.keyWords)
    /// Where each key with an id was seen in the object at each depth (valid where its bit is set).
    var keyIdMarks = [JSONMark](repeating: JSONMark(line: 0, column: 0, offset: 0), count: 65 * JSONKeyTable.limit)
    static let keyWords = JSONKeyTable.limit / 64
    /// Whether the object at each depth holds a key without an id (then `String`s are compared).
    var keysByString = [Bool](repeating: false, count: 65)
    /// The id of the last key of the object at each depth (nil: none yet, or it had no id).
    var previousKeyId = [Int?](repeating: nil, count: 65)
    var commaMark = JSONMark(line: 0, column: 0, offset: 0)
    /// JSON Lines: the line where the last top-level value ended (no other value may start there).
    var lastValueLine = 0
    var valuesRead = 0

    // The current token.
    private(set) var mark = JSONMark(line: 1, column: 1, offset: 0)
    /// The key of a `.key` token.
    private(set) var key = ""
    /// `ExportContentHash.key(key)`, from the key table when the key has an id.
    private(set) var keyContentHash: UInt64 = 0
    var tokStart = 0
    var tokLen = 0
    var tokInScratch = false
    var scratch: [UInt8] = []
    var skipping = false

    /// Opens `path` for reading from its start (a UTF-8 BOM is skipped).
    init(path: String, kind: InputKind, linesMode: Bool = false, maxDepth: Int = JSONScanner.defaultMaxDepth)
        throws
    {
        self.path = path
        self.kind = kind
        self.linesMode = linesMode
        self.maxDepth = min(maxDepth, 64)
        self.fd = try Self.openFile(path, kind)
        self.capacity = Self.chunkSize
        self.buf = .allocate(capacity: Self.chunkSize + 16)
        do {
            if try fill(3), buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF {
                pos = 3
                lineStart = 3
            }
        } catch {
            close(fd)
            buf.deallocate()
            throw error
        }
    }

    /// Where a begin token was found, to come back to it with `init(path:kind:resumingAt:)`.
    struct Checkpoint: Sendable {
        var offset: Int
        var line: Int
        var lineStart: Int
        var lineCont: Int
        var depth: Int
        var objectBits: UInt64
    }

    /// The place just before the `[` or `{` that `next()` returned last, expecting a value.
    func checkpointBeforeToken() -> Checkpoint {
        let outer = depth - 1
        let mask: UInt64 = outer == 0 ? 0 : (UInt64.max >> UInt64(64 - outer))
        return Checkpoint(
            offset: mark.offset, line: line, lineStart: lineStart, lineCont: lineCont, depth: outer,
            objectBits: objectBits & mask)
    }

    /// Opens `path` again and continues at `checkpoint` (keys read before it are not known).
    init(path: String, kind: InputKind, resumingAt checkpoint: Checkpoint,
         maxDepth: Int = JSONScanner.defaultMaxDepth) throws {
        self.path = path
        self.kind = kind
        self.linesMode = false
        self.maxDepth = min(maxDepth, 64)
        self.fd = try Self.openFile(path, kind)
        self.capacity = Self.chunkSize
        self.buf = .allocate(capacity: Self.chunkSize + 16)
        if lseek(fd, off_t(checkpoint.offset), SEEK_SET) < 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            buf.deallocate()
            throw InputError(kind, SourceLocation(path: path), "cannot seek in the \(kind.rawValue) file: \(reason)")
        }
        base = checkpoint.offset
        line = checkpoint.line
        lineStart = checkpoint.lineStart
        lineCont = checkpoint.lineCont
        depth = checkpoint.depth
        objectBits = checkpoint.objectBits
        valuesRead = 1
        state = .value
    }

    deinit {
        close(fd)
        buf.deallocate()
    }

    private static func openFile(_ path: String, _ kind: InputKind) throws -> Int32 {
        let noun = "\(kind.rawValue) file"
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let reason = String(cString: strerror(errno))
            throw InputError(kind, SourceLocation(path: path), "cannot open the \(noun): \(reason)")
        }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputError(kind, SourceLocation(path: path), "the \(noun) path is a folder, not a file")
        }
        return fd
    }

    // MARK: - Buffer

    /// Moves the unread bytes to the front and reads until at least `n` are unread or the file
    /// ends. Returns whether `n` bytes are available. Invalidates token ranges in the buffer.
    @discardableResult
    func fill(_ n: Int) throws -> Bool {
        let rest = end - pos
        if rest >= n { return true }
        if pos > 0 {
            if rest > 0 { memmove(buf, buf + pos, rest) }
            base += pos
            pos = 0
            end = rest
        }
        while end < n && !eof {
            let got = read(fd, buf + end, capacity - end)
            if got < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw InputError(kind, SourceLocation(path: path), "cannot read the \(kind.rawValue) file: \(reason)")
            }
            if got == 0 { eof = true } else { end += got }
        }
        return end >= n
    }

    /// The mark of buffer index `i` on the current line.
    @inline(__always)
    func markAt(_ i: Int) -> JSONMark {
        JSONMark(line: line, column: base + i - lineStart - lineCont + 1, offset: base + i)
    }

    func error(_ message: String, at m: JSONMark, snippet: String? = nil) -> InputError {
        InputError(kind, m.location(path), message, snippet: snippet)
    }

    // MARK: - Tokens

    /// Whether the container at the current depth is an object.
    @inline(__always)
    var inObject: Bool { depth > 0 && (objectBits >> UInt64(depth - 1)) & 1 == 1 }

    /// The next token. After the last top-level value (JSON Lines: after the last line) it
    /// returns `.end`, again on every call.
    func next() throws -> JSONToken {
        while true {
            try skipWhitespace()
            if pos >= end { return try atEndOfFile() }
            let b = buf[pos]
            mark = markAt(pos)
            switch state {
            case .value, .firstValueOrEnd:
                if b == 0x5D, depth > 0, !inObject {  // ]
                    if state == .firstValueOrEnd {
                        pos += 1
                        return closeContainer(.endArray)
                    }
                    throw error("trailing comma before ']'", at: commaMark)
                }
                if depth == 0 {
                    if linesMode, valuesRead > 0, line == lastValueLine {
                        throw error("more than one JSON value on line \(line)", at: mark)
                    }
                }
                return try scanValue(b)
            case .keyOrEnd, .key:
                if b == 0x22 {
                    try scanKey()
                    return .key
                }
                if b == 0x7D {  // }
                    if state == .keyOrEnd {
                        pos += 1
                        return closeContainer(.endObject)
                    }
                    throw error("trailing comma before '}'", at: commaMark)
                }
                throw error("expected a key (a string in double quotes), found \(try describe(at: pos))", at: mark)
            case .afterValue:
                if b == 0x2C {  // ,
                    commaMark = mark
                    pos += 1
                    state = inObject ? .key : .value
                    continue
                }
                if inObject {
                    if b == 0x7D {
                        pos += 1
                        return closeContainer(.endObject)
                    }
                    throw error("expected ',' or '}' after a value, found \(try describe(at: pos))", at: mark)
                }
                if b == 0x5D {
                    pos += 1
                    return closeContainer(.endArray)
                }
                throw error("expected ',' or ']' after a value, found \(try describe(at: pos))", at: mark)
            case .done:
                throw error("unexpected \(try describe(at: pos)) after the end of the JSON document", at: mark)
            }
        }
    }

    /// Skips the value `next()` would return next (a whole object or array with everything in
    /// it), checking it as strictly as `next()` does without keeping its strings.
    func skipValue() throws {
        let outer = depth
        skipping = true
        defer { skipping = false }
        let token = try next()
        guard token == .beginObject || token == .beginArray else { return }
        while depth > outer { _ = try next() }
    }

    /// Skips the rest of the object or array whose begin token `next()` just returned.
    func skipContainer() throws {
        let inner = depth
        skipping = true
        defer { skipping = false }
        while depth >= inner { _ = try next() }
    }

    /// The first byte of the next token without reading it; an empty or whitespace-only file
    /// throws. Only for sniffing the format before the first token.
    func peekByte() throws -> UInt8 {
        try skipWhitespace()
        if pos >= end { _ = try atEndOfFile() }
        return buf[pos]
    }

    /// The text of the last string or number token.
    func text() -> String {
        if tokInScratch {
            return scratch.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        }
        return String(decoding: UnsafeBufferPointer(start: buf + tokStart, count: tokLen), as: UTF8.self)
    }

    /// Whether the last string token was `""`.
    var textIsEmpty: Bool { tokInScratch ? scratch.isEmpty : tokLen == 0 }

    @inline(__always)
    private func skipWhitespace() throws {
        if pos < end, buf[pos] > 0x20 { return }
        while true {
            let p = buf
            var i = pos
            let e = end
            while i < e {
                let b = p[i]
                if b == 0x20 || b == 0x09 || b == 0x0D {
                    i += 1
                } else if b == 0x0A {
                    if linesMode && depth > 0 {
                        pos = i
                        throw error("line \(line) ends inside a JSON value", at: markAt(i))
                    }
                    line += 1
                    lineStart = base + i + 1
                    lineCont = 0
                    i += 1
                } else {
                    pos = i
                    return
                }
            }
            pos = i
            if eof { return }
            if try !fill(1) { return }
        }
    }

    private func atEndOfFile() throws -> JSONToken {
        let here = markAt(pos)
        if depth > 0 {
            let expected: String
            switch state {
            case .keyOrEnd: expected = "a key or '}'"
            case .key: expected = "a key"
            case .afterValue: expected = inObject ? "',' or '}'" : "',' or ']'"
            default: expected = "a value"
            }
            throw error("unexpected end of file, expected \(expected)", at: here)
        }
        if valuesRead == 0 {
            let noun = "\(kind.rawValue) file"
            if base + end == 0 {
                throw InputError(kind, SourceLocation(path: path), "the \(noun) is empty (0 bytes)")
            }
            throw InputError(kind, SourceLocation(path: path), "the \(noun) holds only whitespace")
        }
        mark = here
        state = .done
        return .end
    }

    private func checkDuplicate(_ key: String, id: Int?, _ keyMark: JSONMark) throws {
        let base = keyBase[depth]
        if !keysByString[depth] {
            if let id {
                let word = depth * Self.keyWords + id >> 6
                let bit: UInt64 = 1 << UInt64(id & 63)
                if keySeenBits[word] & bit != 0 {
                    let m = keyIdMarks[depth * JSONKeyTable.limit + id]
                    throw error("duplicate key '\(key)' (first at \(m.line):\(m.column))", at: keyMark)
                }
                keySeenBits[word] |= bit
                keyIdMarks[depth * JSONKeyTable.limit + id] = keyMark
                return
            }
            // The object's first key without an id: from here on its keys are compared as
            // `String`s, starting with those it held so far (by id; their order does not matter).
            keysByString[depth] = true
            let words = depth * Self.keyWords
            for w in 0..<Self.keyWords {
                var bits = keySeenBits[words + w]
                while bits != 0 {
                    let seen = w * 64 + bits.trailingZeroBitCount
                    keyStack.append(keyTable.keys[seen])
                    keyMarks.append(keyIdMarks[depth * JSONKeyTable.limit + seen])
                    bits &= bits - 1
                }
            }
            if keyStack.count - base > Self.linearKeyLimit {
                var index = [String: Int](minimumCapacity: 64)
                for k in base..<keyStack.count { index[keyStack[k]] = k }
                keyIndex[depth] = index
            }
        }
        let count = keyStack.count
        var first: Int?
        if let index = keyIndex[depth] {
            first = index[key]
        } else {
            var k = base
            while k < count {
                if keyStack[k] == key {
                    first = k
                    break
                }
                k += 1
            }
        }
        if let first {
            let m = keyMarks[first]
            throw error("duplicate key '\(key)' (first at \(m.line):\(m.column))", at: keyMark)
        }
        keyStack.append(key)
        keyMarks.append(keyMark)
        if keyIndex[depth] != nil {
            keyIndex[depth]![key] = count
        } else if count + 1 - base > Self.linearKeyLimit {
            var index = [String: Int](minimumCapacity: 64)
            for k in base...count { index[keyStack[k]] = k }
            keyIndex[depth] = index
        }
    }

    @inline(__always)
    private func closeContainer(_ token: JSONToken) -> JSONToken {
        if token == .endObject {
            let base = keyBase[depth]
            // One by one: `removeLast(_:)` goes through the general range replacement.
            while keyStack.count > base {
                keyStack.removeLast()
                keyMarks.removeLast()
            }
        }
        depth -= 1
        afterValue()
        return token
    }

    @inline(__always)
    private func afterValue() {
        if depth > 0 {
            state = .afterValue
            return
        }
        valuesRead += 1
        if linesMode {
            lastValueLine = line
            state = .value
        } else {
            state = .done
        }
    }

    private func scanValue(_ b: UInt8) throws -> JSONToken {
        switch b {
        case 0x7B, 0x5B:  // { [
            if depth >= maxDepth {
                throw error("nesting deeper than \(maxDepth) levels", at: mark)
            }
            pos += 1
            depth += 1
            if b == 0x7B {
                objectBits |= 1 << UInt64(depth - 1)
                keyBase[depth] = keyStack.count
                if keyIndex[depth] != nil { keyIndex[depth] = nil }
                keysByString[depth] = false
                previousKeyId[depth] = nil
                let words = depth * Self.keyWords
                for w in words..<words + Self.keyWords { keySeenBits[w] = 0 }
                state = .keyOrEnd
                return .beginObject
            }
            objectBits &= ~(1 << UInt64(depth - 1))
            state = .firstValueOrEnd
            return .beginArray
        case 0x22:
            try scanString(keep: !skipping)
            afterValue()
            return .string
        case 0x2D, 0x30...0x39:
            try scanNumber()
            afterValue()
            return .number
        case 0x74, 0x66, 0x6E:  // t f n
            let token = try scanLiteral(b)
            afterValue()
            return token
        default:
            throw error("unexpected \(try describe(at: pos)), expected a value", at: mark)
        }
    }

    private func scanKey() throws {
        let keyMark = mark
        try scanString(keep: true)
        let id =
            tokInScratch
            ? scratch.withUnsafeBufferPointer { keyTable.id(of: $0, after: previousKeyId[depth]) }
            : keyTable.id(of: UnsafeBufferPointer(start: buf + tokStart, count: tokLen), after: previousKeyId[depth])
        previousKeyId[depth] = id
        if let id {
            key = keyTable.keys[id]
            keyContentHash = keyTable.contentHashes[id]
        } else {
            key = text()
            keyContentHash = ExportContentHash.key(key)
        }
        try checkDuplicate(key, id: id, keyMark)
        try skipWhitespace()
        guard pos < end else {
            throw error("unexpected end of file, expected ':' after the key '\(key)'", at: markAt(pos))
        }
        guard buf[pos] == 0x3A else {
            throw error("expected ':' after the key '\(key)', found \(try describe(at: pos))", at: markAt(pos))
        }
        pos += 1
        state = .value
        mark = keyMark
    }

    private func scanLiteral(_ b: UInt8) throws -> JSONToken {
        try fill(5)
        let (word, token): (StaticString, JSONToken) =
            b == 0x74 ? ("true", .trueValue) : b == 0x66 ? ("false", .falseValue) : ("null", .null)
        let n = word.utf8CodeUnitCount
        var ok = end - pos >= n
        if ok {
            let w = word.utf8Start
            for k in 0..<n where buf[pos + k] != w[k] {
                ok = false
                break
            }
        }
        guard ok else {
            throw error("invalid literal, expected '\(word)'", at: mark)
        }
        pos += n
        return token
    }

    private func scanNumber() throws {
        var inScratch = false
        var i = pos
        var segStart = pos
        while true {
            let p = buf
            let e = end
            while i < e {
                let c = p[i]
                if (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x65 || c == 0x45 {
                    i += 1
                } else {
                    break
                }
            }
            if i < e || eof { break }
            if !inScratch {
                scratch.removeAll(keepingCapacity: true)
                inScratch = true
            }
            scratch.append(contentsOf: UnsafeBufferPointer(start: p + segStart, count: i - segStart))
            pos = i
            try fill(1)
            i = pos
            segStart = pos
        }
        if inScratch {
            scratch.append(contentsOf: UnsafeBufferPointer(start: buf + segStart, count: i - segStart))
        } else {
            tokStart = segStart
            tokLen = i - segStart
        }
        tokInScratch = inScratch
        pos = i
        let valid =
            inScratch
            ? scratch.withUnsafeBufferPointer { Self.isValidNumber($0) }
            : Self.isValidNumber(UnsafeBufferPointer(start: buf + tokStart, count: tokLen))
        if !valid {
            throw error("invalid number '\(text())'", at: mark)
        }
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isValidNumber(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = s.count
        @inline(__always) func digit(_ k: Int) -> Bool { k < n && s[k] >= 0x30 && s[k] <= 0x39 }
        if i < n, s[i] == 0x2D { i += 1 }
        guard digit(i) else { return false }
        if s[i] == 0x30 {
            i += 1
        } else {
            while digit(i) { i += 1 }
        }
        if i < n, s[i] == 0x2E {
            i += 1
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        if i < n, s[i] == 0x65 || s[i] == 0x45 {
            i += 1
            if i < n, s[i] == 0x2B || s[i] == 0x2D { i += 1 }
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        return i == n
    }

    /// How a message shows the character at buffer index `i`: `'x'` or `U+0000`.
    func describe(at i: Int) throws -> String {
        let b = buf[i]
        if b < 0x20 || b == 0x7F { return "U+" + hex(UInt32(b), 4) }
        if b < 0x80 { return "'\(Character(Unicode.Scalar(b)))'" }
        pos = i
        try fill(4)
        let len = try utf8Length(at: pos)
        let s = String(decoding: UnsafeBufferPointer(start: buf + pos, count: len), as: UTF8.self)
        return "'\(s)'"
    }

    func hex(_ v: UInt32, _ width: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
