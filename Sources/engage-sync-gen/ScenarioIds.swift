import EngageSync

/// Salesforce ids of a scenario: a 5-character prefix (key prefix and pod) and a base-62
/// counter make the 15-character id; `SalesforceId` adds the checksum suffix (R9).
enum ScenarioIds {
    private static let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// The 15-character id `prefix` + `number` in 10 base-62 digits.
    static func short(_ prefix: String, _ number: Int) -> String {
        var n = number
        var tail = [UInt8](repeating: digits[0], count: 10)
        var i = 9
        while n > 0 && i >= 0 {
            tail[i] = digits[n % 62]
            n /= 62
            i -= 1
        }
        return prefix + String(decoding: tail, as: UTF8.self)
    }

    /// The 18-character id `prefix` + `number`.
    static func long(_ prefix: String, _ number: Int) -> String {
        SalesforceId.normalized(short(prefix, number))!
    }

    static let orgId = "00D5j00000AbCdE"
    static let otherOrgs = ["00D5j00000OtHrA", "00D5j00000OtHrB"]
    static let integrationUser = "0055j00000EnGsYAAV"
    static let hcpRecordType = "0125j000000HcPqAAK"
    static let staffRecordType = "0125j000000StFqAAK"
    static let connectionRecordType = "0125j000000UtEpAAK"
    static let accountRecordType = "0125j000000PrFvAAK"

    static func user(_ n: Int) -> String { long("0055j", 1_000_000 + n) }
    static func otherOrgUser(_ n: Int) -> String { long("0055j", 9_000_000 + n) }
    static func account(_ n: Int) -> String { long("0015j", n) }
    /// An account merged away into `account(n)` (R12); the Account snapshot no longer holds it.
    static func losingAccount(_ n: Int) -> String { long("0015j", 500_000_000 + n) }
    /// An account id the Account snapshot does not know (R10).
    static func unknownAccount(_ n: Int) -> String { long("0015j", 900_000_000 + n) }
    static func otherOrgAccount(_ n: Int) -> String { long("0015j", 1_500_000_000 + n) }
    static func profileRecord(_ n: Int) -> String { long("a2N5j", n) }
    static func connectionRecord(_ n: Int) -> String { long("a2M5j", n) }
    static func mergeRecord(_ n: Int) -> String { long("a2O5j", n) }
}

/// A point in time of the scenario in whole milliseconds since 1970, printed in the export's
/// RFC 3339 forms and the CRM's normalised form.
struct ScenarioTime {
    var milliseconds: Int64

    init(_ milliseconds: Int64) { self.milliseconds = milliseconds }

    /// 2026-11-30T09:00:00Z
    static let exportedAt = ScenarioTime(1_796_029_200_000)

    func adding(seconds: Int64) -> ScenarioTime { ScenarioTime(milliseconds + seconds * 1000) }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC, the form update files hold).
    var utc: String { format(offsetMinutes: 0, fraction: true, zulu: true) }

    /// The Salesforce form `…T…:…:….000+0000`.
    var salesforce: String { format(offsetMinutes: 0, fraction: true, zulu: false, colon: false) }

    /// An RFC 3339 form with the given offset; fraction only when the milliseconds are not 0.
    func rfc3339(offsetMinutes: Int) -> String {
        format(offsetMinutes: offsetMinutes, fraction: milliseconds % 1000 != 0, zulu: offsetMinutes == 0)
    }

    private func format(offsetMinutes: Int, fraction: Bool, zulu: Bool, colon: Bool = true) -> String {
        let local = milliseconds + Int64(offsetMinutes) * 60_000
        let millis = Int(local % 1000)
        var seconds = local / 1000
        let days = Int(seconds / 86_400)
        seconds %= 86_400
        let (y, m, d) = Self.civil(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(y)-\(two(m))-\(two(d))T\(two(Int(seconds / 3600))):\(two(Int(seconds / 60 % 60))):\(two(Int(seconds % 60)))"
        if fraction { text += "." + String(String(millis + 1000).dropFirst()) }
        if zulu { return text + "Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let o = abs(offsetMinutes)
        return text + sign + two(o / 60) + (colon ? ":" : "") + two(o % 60)
    }

    /// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
    private static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
