/// Strings: a fast path for runs of plain ASCII, then UTF-8 validation and escapes.
extension JSONScanner {
    /// Scans the string whose `"` is at `pos`. With `keep`, its text is left in the buffer
    /// (`tokStart`, `tokLen`) when it has no escape and fits the chunk, else in `scratch`.
    func scanString(keep: Bool) throws {
        let open = mark
        var inScratch = false
        var i = pos + 1
        var segStart = i
        if scratch.capacity > 1 << 24 { scratch = [] }

        /// Moves the plain text scanned so far to `scratch` before the buffer moves.
        @inline(__always) func flush(_ upTo: Int) {
            if !inScratch {
                scratch.removeAll(keepingCapacity: true)
                inScratch = true
            }
            if keep, upTo > segStart {
                scratch.append(contentsOf: UnsafeBufferPointer(start: buf + segStart, count: upTo - segStart))
            }
        }

        while true {
            let p = buf
            let e = end
            // The hot loop: plain ASCII that needs nothing, eight bytes at a time while none of
            // them is a quote, a backslash, a control character or non-ASCII, then byte by byte.
            while i + 8 <= e, !Self.mayEndPlainText(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) {
                i += 8
            }
            while i < e {
                let b = p[i]
                if b == 0x22 || b == 0x5C || b &- 0x20 >= 0x60 { break }
                i += 1
            }
            if i >= e {
                if eof { throw error("unterminated string", at: open) }
                flush(i)
                pos = i
                try fill(1)
                i = pos
                segStart = i
                if pos >= end { throw error("unterminated string", at: open) }
                continue
            }
            let b = p[i]
            if b == 0x22 {
                if inScratch {
                    flush(i)
                } else {
                    tokStart = segStart
                    tokLen = i - segStart
                }
                tokInScratch = inScratch
                pos = i + 1
                return
            }
            if b == 0x5C {
                flush(i)
                if e - i < 12, !eof {
                    pos = i
                    try fill(12)
                    i = pos
                }
                i = try scanEscape(at: i, keep: keep, open: open)
                segStart = i
                continue
            }
            if b < 0x20 {
                throw error("control character U+\(hex(UInt32(b), 4)) in a string (it must be escaped)",
                            at: markAt(i))
            }
            // Non-ASCII: validate one UTF-8 sequence.
            if e - i < 4, !eof {
                flush(i)
                pos = i
                try fill(4)
                i = pos
                segStart = i
            }
            let len = try utf8Length(at: i)
            lineCont += len - 1
            i += len
        }
    }

    /// Whether one of the eight bytes of `word` is a quote, a backslash, below 0x20 or above
    /// 0x7F (false alarms are allowed, the byte loop decides; a true one is never missed).
    @inline(__always)
    static func mayEndPlainText(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let quote = hasZeroByte(word ^ (0x22 &* ones))
        let backslash = hasZeroByte(word ^ (0x5C &* ones))
        let control = (word &- 0x20 &* ones) & ~word & highs
        return (quote | backslash | control | (word & highs)) != 0
    }

    /// The length of the valid UTF-8 sequence at buffer index `i`, or an invalid-UTF-8 error.
    func utf8Length(at i: Int) throws -> Int {
        let len = UTF8Validation.sequenceLength(buf, at: i, end: end)
        if len == 0 {
            throw error("invalid UTF-8 byte 0x\(hex(UInt32(buf[i]), 2))", at: markAt(i))
        }
        return len
    }

    /// Decodes the escape whose `\` is at buffer index `i` (at least 12 bytes are available
    /// unless the file ends), appends it to `scratch` and returns the index after it.
    private func scanEscape(at i: Int, keep: Bool, open: JSONMark) throws -> Int {
        let p = buf
        let avail = end - i
        guard avail >= 2 else { throw error("unterminated string", at: open) }
        let c = p[i + 1]
        var out: UInt8
        switch c {
        case 0x22, 0x5C, 0x2F: out = c
        case 0x62: out = 0x08
        case 0x66: out = 0x0C
        case 0x6E: out = 0x0A
        case 0x72: out = 0x0D
        case 0x74: out = 0x09
        case 0x75:
            guard let u = hex4(at: i + 2) else {
                let shown = String(decoding: UnsafeBufferPointer(start: p + i, count: min(avail, 6)), as: UTF8.self)
                throw error("invalid escape '\(shown)'", at: markAt(i))
            }
            var scalar = u
            var length = 6
            if u >= 0xD800 && u <= 0xDFFF {
                let written = String(decoding: UnsafeBufferPointer(start: p + i, count: 6), as: UTF8.self)
                guard u <= 0xDBFF, avail >= 12, p[i + 6] == 0x5C, p[i + 7] == 0x75, let low = hex4(at: i + 8),
                      low >= 0xDC00, low <= 0xDFFF
                else {
                    throw error("lone surrogate escape '\(written)'", at: markAt(i))
                }
                scalar = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                length = 12
            }
            if keep { appendUTF8(scalar) }
            return i + length
        default:
            if c > 0x20 && c < 0x7F {
                throw error("invalid escape '\\\(Character(Unicode.Scalar(c)))'", at: markAt(i))
            }
            throw error("invalid escape: '\\' followed by \(try describe(at: i + 1))", at: markAt(i))
        }
        if keep { scratch.append(out) }
        return i + 2
    }

    private func hex4(at i: Int) -> UInt32? {
        guard end - i >= 4 else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = buf[i + k]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    private func appendUTF8(_ v: UInt32) {
        switch v {
        case 0..<0x80:
            scratch.append(UInt8(v))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | v >> 6))
            scratch.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | v >> 12))
            scratch.append(UInt8(0x80 | (v >> 6) & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | v >> 18))
            scratch.append(UInt8(0x80 | (v >> 12) & 0x3F))
            scratch.append(UInt8(0x80 | (v >> 6) & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
