/// The shares of a scenario: how much of the CRM snapshot is new, changed or unchanged.
struct ScenarioShape {
    var profiles: Int
    var seed: UInt64
    /// Profiles not in the CRM snapshot yet (created when eligible).
    var newShare = 0.05
    /// Profiles in the CRM whose values differ (updated).
    var changedShare = 0.10
    /// Profiles the incremental export touches.
    var touchedShare = 0.01

    /// Users of this org in the User snapshot.
    var users: Int { max(50, profiles / 500) }
    /// Every 97th user is inactive (R5).
    func isUserActive(_ n: Int) -> Bool { n % 97 != 13 }
}

/// One connection of a profile as the export lists it, and what the CRM holds for it.
struct ScenarioConnection {
    enum CRMState { case none, equal, inactive, active }
    var user: String
    var org: String
    var connected: Bool
    var updatedAt: ScenarioTime
    /// Whether the user is a user of this org (only those become CRM records, R4).
    var thisOrg: Bool
    var userActive: Bool
    var crm: CRMState
}

/// One profile of a scenario, decided by the seed and its index alone.
struct ScenarioProfile {
    enum Status: String { case active = "ACTIVE", deleted = "DELETED", merged = "MERGED" }

    var index: Int
    var id: String
    var isStaff: Bool
    var status: Status
    var mergedInto: String?
    var firstName: String?
    var lastName: String?
    var displayName: String?
    var degree: String?
    var title: String
    var photoURL: String?
    var signupAt: ScenarioTime
    var offsetMinutes: Int
    var updatedAt: ScenarioTime
    /// (org id, account id as the export gives it).
    var accounts: [(org: String, account: String)]
    /// The account the CRM should point at after R10/R12 (nil: unknown or none).
    var resolvedAccount: String?
    /// The merge (losing → winning) this profile's account needs, written to the merge history.
    var merge: (losing: String, winning: String)?
    var connections: [ScenarioConnection]
    var inCRM: Bool
    var changed: Bool
    /// A deleted or merged profile the CRM already holds scrubbed.
    var scrubbed: Bool
    /// An active CRM connection to this user that the export no longer lists (deactivated, R4).
    var vanishedUser: String?
    var touched: Bool

    static let firstNames = ["Clinton", "Priya", "Tomás", "Marilyn", "José", "Zoë", "Łukasz", "Søren", "François",
                             "Ольга", "Δημήτρης", "Hana", "Wei", "Aoife", "Björn", "Chloé", "Dmitri", "Ingrid",
                             "Kenji", "Nguyễn Thị", "Renée", "Siobhán", "Yusuf", "Ana María", "Grzegorz"]
    static let lastNames = ["Ackerman", "Raman", "Oliveira Santos", "Martin", "Müller", "García Márquez", "Østergaard",
                            "佐藤", "王", "Иванова", "Παπαδόπουλος", "O'Brien", "Nakamura", "Kowalczyk", "Dubois",
                            "Schmidt-Rottluff", "Lindqvist", "Nguyễn", "Fitzgerald", "Haddad", "Sørensen", "Novák"]
    static let degrees = ["MD", "DO", "MD, PhD", "PA-C", "NP", "RN", "MBBS", "Dr. med."]
    static let titles = ["Cardiologist", "Pediatric Oncologist", "Internal Medicine", "Physician Assistant",
                         "Obstetrics & Gynecology", "Director, \"Heart Failure\" Clinic", "Neurologist <Stroke Unit>",
                         "Endocrinologist", "Rheumatologist", "Hausarzt / Allgemeinmedizin", "循環器内科医"]
    static let longPrefix = "Prof. Dr. med. habil. Maximilian-Alexander Friedrich-Wilhelm von und zu Hohenberg-Schwarzenstein "

    init(_ i: Int, shape: ScenarioShape) {
        var r = ScenarioRandom(seed: shape.seed, index: i)
        index = i
        id = "ep-" + String(String(UInt32(truncatingIfNeeded: UInt64(i) &* 2_654_435_761) | 0, radix: 16)
            .leftPadded(8))
        isStaff = r.chance(0.15)
        let roll = r.below(1000)
        status = roll < 20 ? .deleted : roll < 30 ? .merged : .active
        mergedInto = status == .merged ? "ep-" + String(String(UInt32(truncatingIfNeeded: UInt64((i + 1) % shape.profiles)
            &* 2_654_435_761), radix: 16).leftPadded(8)) : nil
        firstName = r.chance(0.01) ? nil : r.pick(Self.firstNames)
        lastName = r.pick(Self.lastNames)
        let nameRoll = r.below(100)
        if nameRoll < 3 {
            displayName = Self.longPrefix + (lastName ?? "")  // longer than 80 characters: Name is cut
        } else if nameRoll < 60 {
            displayName = (isStaff ? "" : "Dr. ") + [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        } else if nameRoll < 70 {
            displayName = ""  // an empty string is null: Name falls back to first and last name
        } else {
            displayName = nil
        }
        degree = r.chance(0.9) ? r.pick(Self.degrees) : nil
        title = r.pick(Self.titles)
        photoURL = r.chance(0.5) ? "https://engage.bench.example/photos/\(id).jpg" : nil
        signupAt = ScenarioTime.exportedAt.adding(seconds: -Int64(86_400 + r.below(700 * 86_400)))
            .adding(seconds: 0).withMillis(r.chance(0.2) ? Int64(r.below(1000)) : 0)
        offsetMinutes = r.pick([0, 0, 0, 60, 120, -300, 330])
        updatedAt = ScenarioTime.exportedAt.adding(seconds: -Int64(60 + r.below(30 * 86_400)))

        accounts = []
        resolvedAccount = nil
        merge = nil
        let ineligible = status == .active && r.chance(0.01)
        let accountOwner = isStaff ? max(0, i - 1) : i
        if !ineligible && r.chance(0.92) {
            let accountRoll = r.below(100)
            if accountRoll < 3 {
                let losing = ScenarioIds.losingAccount(accountOwner)
                accounts.append((ScenarioIds.orgId, losing))
                resolvedAccount = ScenarioIds.account(accountOwner)
                merge = (losing, ScenarioIds.account(accountOwner))
            } else if accountRoll < 4 {
                accounts.append((ScenarioIds.orgId, ScenarioIds.unknownAccount(i)))
            } else {
                let account = ScenarioIds.account(accountOwner)
                // Some exports give the 15-character form (R9).
                accounts.append((ScenarioIds.orgId, r.chance(0.2) ? String(account.prefix(15)) : account))
                resolvedAccount = account
            }
        }
        if r.chance(0.2) {
            accounts.append((r.pick(ScenarioIds.otherOrgs), ScenarioIds.otherOrgAccount(i)))
        }

        inCRM = status == .active ? !r.chance(shape.newShare) : r.chance(0.8)
        changed = inCRM && status == .active && r.chance(shape.changedShare / (1 - shape.newShare))
        scrubbed = inCRM && status != .active && r.chance(0.5)
        touched = r.chance(shape.touchedShare)

        connections = []
        let users = shape.users
        let first = r.below(users)
        func thisOrg(_ n: Int, connected: Bool, r: inout ScenarioRandom) -> ScenarioConnection {
            let user = ScenarioIds.user(n)
            let crmRoll = r.below(100)
            let crm: ScenarioConnection.CRMState = crmRoll < 90 ? .equal : crmRoll < 93 ? (connected ? .inactive : .active) : .none
            return ScenarioConnection(
                user: r.chance(0.2) ? String(user.prefix(15)) : user, org: ScenarioIds.orgId, connected: connected,
                updatedAt: ScenarioTime.exportedAt.adding(seconds: -Int64(3600 + r.below(400 * 86_400))),
                thisOrg: true, userActive: shape.isUserActive(n), crm: crm)
        }
        func otherOrg(r: inout ScenarioRandom) -> ScenarioConnection {
            ScenarioConnection(user: ScenarioIds.otherOrgUser(r.below(users)), org: r.pick(ScenarioIds.otherOrgs),
                               connected: r.chance(0.9),
                               updatedAt: ScenarioTime.exportedAt.adding(seconds: -Int64(3600 + r.below(400 * 86_400))),
                               thisOrg: false, userActive: true, crm: .none)
        }
        if ineligible {
            connections.append(otherOrg(r: &r))
        } else {
            connections.append(thisOrg(first, connected: r.chance(0.9), r: &r))
            if r.chance(0.8) {
                if r.chance(0.4) {
                    connections.append(otherOrg(r: &r))
                } else {
                    connections.append(thisOrg((first + 1 + r.below(users - 1)) % users, connected: true, r: &r))
                }
            }
            if r.chance(0.2) { connections.append(otherOrg(r: &r)) }
        }
        vanishedUser = nil
        if inCRM && status == .active && !ineligible && r.chance(0.02) {
            // A user none of the profile's connections names, and active.
            var n = (first + users / 2) % users
            while !shape.isUserActive(n) || connections.contains(where: { $0.user.hasPrefix(ScenarioIds.user(n).prefix(15)) }) {
                n = (n + 1) % users
            }
            vanishedUser = ScenarioIds.user(n)
        }
        if touched {
            updatedAt = ScenarioTime.exportedAt.adding(seconds: 3600 + Int64(r.below(3600)))
        }
    }

    /// The title the export gives (the incremental export changes it for touched profiles).
    func exportTitle(incremental: Bool) -> String { incremental && touched ? title + " (updated)" : title }

    /// `Name` as the mapping computes it: display name, else first and last name, cut to 80 characters.
    var mappedName: String? {
        let base = (displayName?.isEmpty == false) ? displayName! : [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        return base.isEmpty ? nil : String(base.prefix(80))
    }

    var isEligible: Bool {
        let connected = connections.filter(\.connected)
        if connected.contains(where: \.thisOrg) { return true }
        return !connected.isEmpty && accounts.contains { $0.org == ScenarioIds.orgId }
    }

    /// The status change time: signup, for an active profile.
    var statusChangedAt: ScenarioTime { signupAt }
}

extension ScenarioTime {
    func withMillis(_ millis: Int64) -> ScenarioTime { ScenarioTime(milliseconds - milliseconds % 1000 + millis) }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
