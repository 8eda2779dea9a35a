import Foundation

/// A point in time with millisecond precision, read from RFC 3339 or Salesforce datetimes and
/// always written in UTC as `YYYY-MM-DDTHH:MM:SS.sssZ`.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    public init(_ date: Date) {
        self.millisecondsSince1970 = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

    /// Why a text is not a datetime.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case noOffset
        case malformed
        public var description: String {
            switch self {
            case .noOffset: return "datetime has no offset (Z or ±HH:MM)"
            case .malformed: return "is not a datetime (YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM))"
            }
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM|±HHMM)`; fractions beyond milliseconds are cut.
    public init(parsing text: String) throws(Problem) {
        var text = text
        let result: Result<Int64, Problem> = text.withUTF8 { b in
            do throws(Problem) { return .success(try Self.parse(b)) } catch { return .failure(error) }
        }
        self.millisecondsSince1970 = try result.get()
    }

    /// Milliseconds since 1970 of the UTF-8 bytes of a datetime.
    private static func parse(_ b: UnsafeBufferPointer<UInt8>) throws(Problem) -> Int64 {
        @inline(__always) func digits(_ at: Int, _ n: Int) -> Int? { Self.digits(b, at, n) }
        guard b.count >= 19, let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
              let day = digits(8, 2), b[10] == 84 || b[10] == 116, let hour = digits(11, 2), b[13] == 58,
              let minute = digits(14, 2), b[16] == 58, let second = digits(17, 2)
        else { throw .malformed }
        var i = 19
        var millis = 0
        if i < b.count, b[i] == 46 {
            i += 1
            var n = 0
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if n < 3 { millis = millis * 10 + Int(b[i] - 48); n += 1 }
                i += 1
            }
            guard i > start else { throw .malformed }
            while n < 3 { millis *= 10; n += 1 }
        }
        guard i < b.count else { throw .noOffset }
        var offsetMinutes = 0
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 43 ? 1 : -1
            i += 1
            guard let oh = digits(i, 2) else { throw .malformed }
            i += 2
            if i < b.count, b[i] == 58 { i += 1 }
            guard let om = digits(i, 2) else { throw .malformed }
            i += 2
            guard oh < 24, om < 60 else { throw .malformed }
            offsetMinutes = sign * (oh * 60 + om)
        } else {
            throw .malformed
        }
        guard i == b.count else { throw .malformed }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month, year), hour < 24, minute < 60,
              second < 61
        else { throw .malformed }
        let days = Self.daysFromCivil(year, month, day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
            - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }

    /// The number written by the `n` digits at `at`, nil when one is not a digit.
    @inline(__always)
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ n: Int) -> Int? {
        guard at + n <= b.count else { return nil }
        var v = 0
        for i in at..<(at + n) {
            let d = Int(b[i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            v = v &* 10 &+ d
        }
        return v
    }

    /// The instant in the UTF-8 `bytes`, or nil when they are not a datetime with an offset.
    static func parsing(bytes: UnsafeRawBufferPointer) -> Instant? {
        (try? parse(bytes.assumingMemoryBound(to: UInt8.self))).map(Instant.init(millisecondsSince1970:))
    }

    /// The instant, or nil when `text` is not a datetime with an offset.
    public static func normalized(_ text: String) -> String? {
        (try? Instant(parsing: text))?.description
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ`.
    public var description: String {
        let text = String(unsafeUninitializedCapacity: 24) { writeCommonForm(into: $0) ? 24 : 0 }
        if !text.isEmpty { return text }
        let (y, m, d, rem, ms) = fields
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(Int(rem / 3600), 2)):\(pad(Int(rem % 3600 / 60), 2)):"
            + "\(pad(Int(rem % 60), 2)).\(pad(Int(ms), 3))Z"
    }

    /// Appends `description`'s bytes.
    func appendDescription(to out: inout [UInt8]) {
        let count = out.count
        out.append(contentsOf: repeatElement(0, count: 24))
        let written = out.withUnsafeMutableBufferPointer { all in
            writeCommonForm(into: UnsafeMutableBufferPointer(rebasing: all[count..<count + 24]))
        }
        if !written {
            out.removeLast(24)
            out.append(contentsOf: description.utf8)
        }
    }

    /// Appends the normal form of the datetime in `bytes`, or the bytes as they are when they
    /// are no datetime (what `normalized(_:) ?? text` gives, without a `String`).
    static func appendNormalized(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        do {
            try Instant(millisecondsSince1970: parse(bytes.assumingMemoryBound(to: UInt8.self))).appendDescription(to: &out)
        } catch {
            out.append(contentsOf: bytes)
        }
    }

    /// Year, month, day, seconds of the day, milliseconds (UTC).
    private var fields: (Int, Int, Int, Int64, Int64) {
        var ms = millisecondsSince1970 % 1000
        var secs = millisecondsSince1970 / 1000
        if ms < 0 { ms += 1000; secs -= 1 }
        var days = secs / 86_400
        var rem = secs % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = Self.civilFromDays(Int(days))
        return (y, m, d, rem, ms)
    }

    /// Writes the 24 bytes of `description` for years 0…9999 (byte by byte, no intermediate
    /// strings); false for other years.
    private func writeCommonForm(into out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        let (y, m, d, rem, ms) = fields
        guard y >= 0 && y <= 9999 else { return false }
        func put(_ v: Int, _ n: Int, at i: Int) {
            var v = v
            for k in stride(from: i + n - 1, through: i, by: -1) {
                out[k] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(y, 4, at: 0); out[4] = 45; put(m, 2, at: 5); out[7] = 45; put(d, 2, at: 8); out[10] = 84
        put(Int(rem / 3600), 2, at: 11); out[13] = 58; put(Int(rem % 3600 / 60), 2, at: 14); out[16] = 58
        put(Int(rem % 60), 2, at: 17); out[19] = 46; put(Int(ms), 3, at: 20); out[23] = 90
        return true
    }

    /// A compact form for run ids: `YYYYMMDDTHHMMSSZ`.
    public var compact: String {
        let s = description
        let digits = s.prefix(19).filter { $0 != "-" && $0 != ":" }
        return digits + "Z"
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.millisecondsSince1970 < b.millisecondsSince1970 }

    public func adding(minutes: Int) -> Instant {
        Instant(millisecondsSince1970: millisecondsSince1970 + Int64(minutes) * 60_000)
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    private static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
