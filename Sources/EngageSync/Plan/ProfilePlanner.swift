/// Applies the sync rules (R1–R15) to one profile entry of the export: which records to
/// create, update, deactivate, reactivate or scrub, which are unchanged and which fail.
public struct ProfilePlanner: Sendable {
    public let context: PlanContext
    /// Worked out once from the mapping: the connection fields the rules touch, the photo fields.
    private let activeIndex: Int?
    private let inactivationIndex: Int?
    private let photoFields: [String]
    /// Parts of the context the rules read per record, held here so that reading them copies
    /// nothing (a computed `context.mapping` copied the whole mapping on every use).
    private let mapping: SyncMapping
    private let snapshot: CRMSnapshot
    private let rule: ConnectionRule
    private let evaluator: FieldEvaluator
    private let userPath: ValuePath
    private let statePath: ValuePath
    private let updatedAtPath: ValuePath
    private let orgPath: ValuePath
    /// Per `SyncObject`: the record type Id when the mapping names one fixed record type
    /// (looked up once, not per record); nil when it depends on the entry.
    private let fixedRecordTypeIds: [Result<String, RecordProblem>?]

    public init(context: PlanContext) {
        self.context = context
        mapping = context.mapping
        snapshot = context.snapshot
        rule = context.mapping.connections
        evaluator = FieldEvaluator(context: context)
        userPath = ValuePath(scope: .connection, key: rule.userKey)
        statePath = ValuePath(scope: .connection, key: rule.stateKey)
        updatedAtPath = ValuePath(scope: .connection, key: rule.updatedAtKey)
        orgPath = ValuePath(scope: .connection, key: rule.orgKey)
        let evaluator = evaluator
        let noEntry = ValueResolver(entry: ExportEntry(location: SourceLocation(path: "")), connection: nil,
                                    orgId: context.orgId)
        fixedRecordTypeIds = [context.mapping.profile, context.mapping.connection].map { object in
            guard case .fixed = object.recordType else { return nil }
            do throws(RecordProblem) { return .success(try evaluator.recordTypeId(of: object, from: noEntry)) } catch {
                return .failure(error)
            }
        }
        let fields = context.mapping.connection.fields.map { $0.field.lowercased() }
        activeIndex = fields.firstIndex(of: context.mapping.connections.activeField.lowercased())
        inactivationIndex = fields.firstIndex(of: context.mapping.connections.inactivationField.lowercased())
        photoFields = context.mapping.profile.fields.filter { rule in
            rule.sources.contains { if case .path(let p) = $0 { return p.key == "photo_url" } else { return false } }
        }.map(\.field)
    }

    /// The outcome of one entry. Never throws: a broken entry is a record error (SPEC §8).
    public func plan(_ entry: ExportEntry) -> EntryOutcome {
        var out = EntryOutcome()
        var key: String?  // the placeholder is only built for an error without an id
        var action: RecordAction = .create
        do throws(RecordProblem) {
            let id = try ExportKeys.requiredText("id", in: entry)
            key = id
            let updatedAt = try ExportKeys.requiredText("updated_at", in: entry)
            do { _ = try Instant(parsing: updatedAt) } catch {
                throw RecordProblem("INVALID_DATETIME", "updated_at '\(updatedAt)' \(error)")
            }
            let status = try ExportKeys.requiredText("status", in: entry)
            let resolver = ValueResolver(entry: entry, connection: nil, orgId: context.orgId)
            guard let externalId = try resolver.text(of: mapping.profile.externalId) else {
                throw RecordProblem("MISSING_REQUIRED_KEY", "no external id: \(mapping.profile.externalId) is empty")
            }
            key = externalId
            if !snapshot.duplicateProfileKeys.isEmpty && snapshot.duplicateProfileKeys.contains(externalId) {
                throw RecordProblem("DUPLICATE_CRM_RECORD",
                                    "two \(mapping.profile.object) records in the CRM have external id \(externalId) (R15)")
            }
            let crmRecord = snapshot.profiles.recordNumber(of: externalId)  // looked up once per entry
            let crm = crmRecord.map { snapshot.profiles.record(at: $0) }
            action = crm == nil ? .create : .update
            if mapping.deletion.statuses.contains(status) {
                action = .delete
                scrub(externalId, crm: crm, record: crmRecord, into: &out)
                return out
            }
            try planActive(entry, externalId: externalId, crm: crm, record: crmRecord, resolver: resolver, into: &out)
        } catch {
            out = EntryOutcome()
            out.errors.append(RecordError(object: .profile, externalId: key ?? Self.placeholderKey(entry), action: action,
                                          problem: error))
        }
        return out
    }

    static func placeholderKey(_ entry: ExportEntry) -> String {
        "(no id, entry at \(entry.location))"
    }

    // MARK: - Active profiles (R1–R5, R9–R15)

    private func planActive(_ entry: ExportEntry, externalId: String, crm: CRMRecord?, record: Int?, resolver: ValueResolver,
                            into out: inout EntryOutcome) throws(RecordProblem) {
        var warnings: [RecordWarning] = []
        let warn = { (code: String, message: String) in
            warnings.append(RecordWarning(object: .profile, externalId: externalId, code: code, message: message))
        }
        var values: [String?] = []
        let fields = mapping.profile.fields
        values.reserveCapacity(fields.count)
        for i in fields.indices {  // fields[i] is borrowed, not copied
            values.append(try evaluator.value(of: fields[i], from: resolver, warn: warn))
        }
        let recordTypeId = try recordTypeId(.profile, from: resolver)
        if crm == nil && !isEligible(entry, resolver: resolver) {
            out.skipped += 1  // R1: only eligible profiles are created.
            return
        }
        out.warnings += warnings
        if let row = row(.profile, mapping.profile, externalId: externalId, recordTypeId: recordTypeId,
                         values: values, crm: crm, action: crm == nil ? .create : .update) {
            noteManualEdit(row, crm: crm, into: &out)
            notePhotoOverwrite(row, into: &out)
            out.rows.append(row)
        } else {
            out.unchanged += 1
        }
        planConnections(entry, profileKey: externalId, profileRecord: record, into: &out)
    }

    /// R1: connected to a user of this org, or linked to an account of this org and connected to
    /// any user of the company.
    private func isEligible(_ entry: ExportEntry, resolver: ValueResolver) -> Bool {
        let items = entry.lists[rule.list] ?? []
        let connected = items.filter { value($0, statePath)?.literal == rule.connected }
        if connected.contains(where: { isThisOrg(value($0, orgPath)) }) { return true }
        guard !connected.isEmpty else { return false }
        return hasAccountOfThisOrg(entry, resolver: resolver)
    }

    private func hasAccountOfThisOrg(_ entry: ExportEntry, resolver: ValueResolver) -> Bool {
        for rule in mapping.profile.fields where rule.lookup == .account {
            for case .path(let path) in rule.sources {
                guard case .list(let name, .thisOrg(let key)) = path.scope else { continue }
                if (entry.lists[name] ?? []).contains(where: { isThisOrg($0[key]) }) { return true }
            }
        }
        return false
    }

    private func isThisOrg(_ value: ExportScalar?) -> Bool {
        guard let value else { return false }
        return ValueResolver.sameId(value.literal, context.orgId)
    }

    // MARK: - Connections (R4, R5)

    private func planConnections(_ entry: ExportEntry, profileKey: String, profileRecord: Int?,
                                 into out: inout EntryOutcome) {
        let fields = mapping.connection.fields
        var seen: [String] = []  // a profile has a few connections: no hashing
        for item in latestConnections(entry, profileKey: profileKey, into: &out) {
            let resolver = ValueResolver(entry: entry, connection: item, orgId: context.orgId)
            var key: String?  // until the external id is known, errors name profile and user as given
            var action: RecordAction = .create
            do throws(RecordProblem) {
                guard let userRaw = try resolver.text(at: userPath) else {
                    throw RecordProblem("MISSING_REQUIRED_KEY", "connection has no '\(rule.userKey)'")
                }
                let user: String
                do { user = try SalesforceId(parsing: userRaw).value } catch {
                    throw RecordProblem("INVALID_ID", "connection user id '\(userRaw)' \(error)")
                }
                guard let connectionKey = try resolver.text(of: mapping.connection.externalId) else {
                    throw RecordProblem("MISSING_REQUIRED_KEY", "no external id for the connection")
                }
                key = connectionKey
                seen.append(connectionKey)
                let state = try resolver.text(at: statePath)
                guard state == rule.connected || state == rule.disconnected else {
                    throw RecordProblem("UNKNOWN_VALUE", "connection \(rule.stateKey) '\(state ?? "")' is neither "
                        + "\(rule.connected) nor \(rule.disconnected)")
                }
                if let updated = try resolver.text(at: updatedAtPath) {
                    do { _ = try Instant(parsing: updated) } catch {
                        throw RecordProblem("INVALID_DATETIME", "connection \(rule.updatedAtKey) '\(updated)' \(error)")
                    }
                }
                if !snapshot.duplicateConnectionKeys.isEmpty && snapshot.duplicateConnectionKeys.contains(connectionKey) {
                    throw RecordProblem("DUPLICATE_CRM_RECORD", "two \(mapping.connection.object) records in the "
                        + "CRM have external id \(connectionKey) (R15)")
                }
                let crm = snapshot.connections[connectionKey]
                let connected = state == rule.connected
                if connected {
                    switch snapshot.users[user] {
                    case nil:
                        throw RecordProblem("USER_NOT_FOUND", "user \(user) is not in the User snapshot (R5)")
                    case false?:
                        throw RecordProblem("USER_INACTIVE", "user \(user) is inactive in the CRM (R5)")
                    default: break
                    }
                } else if crm == nil {
                    out.skipped += 1  // R4: nothing to deactivate.
                    continue
                }
                action = crm == nil ? .create : .update
                var values: [String?] = []
                values.reserveCapacity(fields.count)
                for i in fields.indices {  // fields[i] is borrowed, not copied
                    values.append(try evaluator.value(of: fields[i], from: resolver) { _, _ in })
                }
                if !connected, let i = inactivationIndex, values[i] == nil {
                    values[i] = context.runTime.description  // R4: no updated_at → the run's time.
                }
                let recordTypeId = try recordTypeId(.connection, from: resolver)
                if let row = row(.connection, mapping.connection, externalId: connectionKey, recordTypeId: recordTypeId,
                                 values: values, crm: crm, action: connectionAction(values: values, crm: crm)) {
                    noteManualEdit(row, crm: crm, into: &out)
                    out.rows.append(row)
                } else {
                    out.unchanged += 1
                }
            } catch {
                out.errors.append(RecordError(object: .connection,
                                              externalId: key ?? "\(profileKey):\(item[rule.userKey]?.literal ?? "")",
                                              action: action, problem: error))
            }
        }
        deactivateVanished(profileKey: profileKey, profileRecord: profileRecord, keeping: seen, into: &out)
    }

    /// The profile's connections to users of this org, one per user: the latest `updated_at`
    /// wins; equal times with different content are a record error (R15).
    private func latestConnections(_ entry: ExportEntry, profileKey: String,
                                   into out: inout EntryOutcome) -> [ExportItem] {
        // A profile has a few connections: plain arrays, searched in order, beat hashing.
        var chosen: [(userKey: String, item: ExportItem)] = []
        var conflicts: [String] = []
        for item in entry.lists[rule.list] ?? [] where isThisOrg(value(item, orgPath)) {
            let user = value(item, userPath)?.literal ?? ""
            let userKey = SalesforceId.normalized(user) ?? user
            guard let k = chosen.firstIndex(where: { $0.userKey == userKey }) else {
                chosen.append((userKey, item))
                continue
            }
            let previous = chosen[k].item
            let a = instant(value(previous, updatedAtPath)), b = instant(value(item, updatedAtPath))
            if a == b {
                if previous != item && !conflicts.contains(userKey) { conflicts.append(userKey) }
            } else if (b ?? Instant(millisecondsSince1970: .min)) > (a ?? Instant(millisecondsSince1970: .min)) {
                chosen[k].item = item
            }
        }
        for userKey in conflicts.sorted() {
            out.errors.append(RecordError(object: .connection, externalId: "\(profileKey):\(userKey)", action: nil,
                                          problem: RecordProblem("DUPLICATE_EXTERNAL_ID", "the profile lists this "
                                            + "connection twice with the same \(rule.updatedAtKey) and different content (R15)")))
        }
        return chosen.compactMap { conflicts.contains($0.userKey) ? nil : $0.item }
    }

    private func recordTypeId(_ object: SyncObject, from resolver: ValueResolver) throws(RecordProblem) -> String {
        if let fixed = fixedRecordTypeIds[object.rawValue] { return try fixed.get() }
        return try evaluator.recordTypeId(of: object == .profile ? mapping.profile : mapping.connection, from: resolver)
    }

    /// An item's value at a connection path, looked up by the path's precomputed key tag.
    private func value(_ item: ExportItem, _ path: ValuePath) -> ExportScalar? {
        item.values.value(forKey: path.key, tag: path.keyTag)
    }

    private func instant(_ scalar: ExportScalar?) -> Instant? {
        scalar.flatMap { try? Instant(parsing: $0.literal) }
    }

    private func connectionAction(values: [String?], crm: CRMRecord?) -> RecordAction {
        guard let crm, let i = activeIndex else { return .create }
        let wasActive = crm.value(i, equals: "true")
        let isActive = values[i] == "true"
        if wasActive && !isActive { return .deactivate }
        if !wasActive && isActive { return .reactivate }
        return .update
    }

    /// R4: an active CRM connection missing from the profile's current list is deactivated with the run's time.
    private func deactivateVanished(profileKey: String, profileRecord: Int?, keeping seen: [String],
                                    into out: inout EntryOutcome) {
        for key in snapshot.connectionKeys(ofProfile: profileKey, record: profileRecord) where !seen.contains(key) {
            deactivate(key, into: &out)
        }
    }

    /// Deactivates an active CRM connection with the run's time; an inactive one is left alone.
    private func deactivate(_ key: String, into out: inout EntryOutcome) {
        guard let crm = snapshot.connections[key], let active = activeIndex,
              crm.value(active, equals: "true") else { return }
        if !snapshot.duplicateConnectionKeys.isEmpty && snapshot.duplicateConnectionKeys.contains(key) {
            out.errors.append(RecordError(object: .connection, externalId: key, action: .deactivate,
                                          problem: RecordProblem("DUPLICATE_CRM_RECORD", "two \(mapping.connection.object) "
                                            + "records in the CRM have external id \(key) (R15)")))
            return
        }
        var values = crm.values
        values[active] = "false"
        if let i = inactivationIndex { values[i] = context.runTime.description }
        let recordTypeId = crm.recordTypeId
            ?? (try? evaluator.recordTypeId(of: mapping.connection,
                                           from: ValueResolver(entry: ExportEntry(location: crm.location),
                                                               connection: nil, orgId: context.orgId)))
        if let row = row(.connection, mapping.connection, externalId: key, recordTypeId: recordTypeId,
                         values: values, crm: crm, action: .deactivate) {
            noteManualEdit(row, crm: crm, into: &out)
            out.rows.append(row)
        }
    }



    // MARK: - Deleted and merged profiles (R6–R8)

    private func scrub(_ externalId: String, crm: CRMRecord?, record: Int?, into out: inout EntryOutcome) {
        guard let crm else {
            out.skipped += 1  // R8: nothing to scrub, nothing is created.
            return
        }
        let rule = mapping.deletion
        var values: [String?] = []
        var timeFields: Set<Int> = []
        for (i, field) in mapping.profile.fields.enumerated() {
            if let set = rule.set.first(where: { $0.key.lowercased() == field.field.lowercased() })?.value {
                switch set {
                case .literal(let text): values.append(text)
                case .runTime:
                    values.append(context.runTime.description)
                    timeFields.insert(i)
                }
            } else if rule.keep.contains(where: { $0.lowercased() == field.field.lowercased() }) {
                values.append(crm.value(i))
            } else {
                values.append(nil)
            }
        }
        // "Already scrubbed" ignores the fields the scrub stamps with the run's time (R6).
        let alreadyScrubbed = values.indices.allSatisfy { timeFields.contains($0) || crm.value($0, equals: values[$0]) }
        if alreadyScrubbed {
            out.unchanged += 1
        } else if let row = row(.profile, mapping.profile, externalId: externalId, recordTypeId: crm.recordTypeId,
                                values: values, crm: crm, action: .delete) {
            noteManualEdit(row, crm: crm, into: &out)
            out.rows.append(row)
        }
        // R6 wins over R4: every active connection is deactivated with the run's time.
        for key in snapshot.connectionKeys(ofProfile: externalId, record: record) {
            deactivate(key, into: &out)
        }
    }

    // MARK: - Rows

    /// The update row, or nil when the record equals the CRM (R3). A row holds every mapped
    /// field; a null is `#N/A` where the CRM holds a value.
    private func row(_ object: SyncObject, _ objectMapping: ObjectMapping, externalId: String, recordTypeId: String?,
                     values: [String?], crm: CRMRecord?, action: RecordAction) -> PlannedRow? {
        var changes: [FieldChange] = []
        if crm?.recordTypeId != recordTypeId, let recordTypeId {
            changes.append(FieldChange(field: "RecordTypeId", old: crm?.recordTypeId ?? "", new: recordTypeId))
        }
        let crmValues = crm?.compare(values)
        let fields = objectMapping.fields
        for i in fields.indices {
            if let crmValues {
                if crmValues[i].equal { continue }
            } else if values[i] == nil {
                continue
            }
            changes.append(FieldChange(field: fields[i].field, old: crm?.value(i) ?? "", new: values[i] ?? ""))
        }
        if crm != nil && changes.isEmpty { return nil }
        var cells = [externalId, recordTypeId ?? ""]
        cells.reserveCapacity(2 + values.count)
        for (i, value) in values.enumerated() {
            if let value {
                cells.append(value)
            } else {
                cells.append(crmValues?[i].present == true ? "#N/A" : "")
            }
        }
        return PlannedRow(object: object, externalId: externalId, action: action, crmId: crm?.id, cells: cells,
                          changes: changes)
    }

    /// R14: a record changed by someone else since the last successful sync is about to be overwritten.
    private func noteManualEdit(_ row: PlannedRow, crm: CRMRecord?, into out: inout EntryOutcome) {
        guard let crm, let since = context.lastSuccessfulSync, let editor = crm.lastModifiedById,
              let when = crm.lastModifiedDate, editor != context.integrationUser, when > since else { return }
        out.warnings.append(RecordWarning(object: row.object, externalId: row.externalId, code: "MANUAL_EDIT",
                                          message: "edited in the CRM by \(editor) at \(when) after the last sync; "
                                            + "the sync overwrites \(row.changes.map(\.field).joined(separator: ", ")) (R14)"))
    }

    /// R13: photos come only from the export; attachments of type Engage_Profile_Photo_vod are overwritten.
    private func notePhotoOverwrite(_ row: PlannedRow, into out: inout EntryOutcome) {
        guard row.changes.contains(where: { photoFields.contains($0.field) }) else { return }
        out.warnings.append(RecordWarning(object: .profile, externalId: row.externalId, code: "PHOTO_OVERWRITE",
                                          message: "profile photo set from photo_url; photo attachments with content "
                                            + "type Engage_Profile_Photo_vod are overwritten by the sync (R13)"))
    }
}
