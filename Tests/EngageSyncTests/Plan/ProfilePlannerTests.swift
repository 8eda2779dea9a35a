import Testing
@testable import EngageSync

/// The sync rules R1–R15 on plain records (no files).
@Suite struct ProfilePlannerTests {
    typealias F = PlannerFixture

    @Test func r1_connectedToAUserOfThisOrgIsCreated() {
        let out = F().plan(F.ackerman())
        #expect(out.actions == ["ep-7c1f0e52 create", "ep-7c1f0e52:\(F.sarah) create"])
    }

    @Test func r1_accountOfThisOrgAndAConnectionInAnotherOrgIsCreatedWithoutConnectionRecord() {
        let entry = F.ackerman { $0.lists["connections"] = [F.connection("0055j00000DnWhtAAF", "CONNECTED",
                                                                         org: "00D5j00000XyZabAAB")] }
        #expect(F().plan(entry).actions == ["ep-7c1f0e52 create"])
    }

    @Test func r1_notEligibleAndNotInTheCRMIsSkipped() {
        let entry = F.ackerman { $0.lists["connections"] = [F.connection(F.sarah, "DISCONNECTED")] }
        let out = F().plan(entry)
        #expect(out.rows.isEmpty)
        #expect(out.skipped == 1)
    }

    @Test func r1_aProfileAlreadyInTheCRMIsKeptUpToDateEvenIfNotEligible() {
        var f = F()
        let entry = F.ackerman()
        f.snapshot.profiles["ep-7c1f0e52"] = f.crmProfile(for: entry)
        let changed = F.ackerman {
            $0.values["title"] = .text("Chief of Cardiology")
            $0.lists["connections"] = []
        }
        #expect(f.plan(changed).actions == ["ep-7c1f0e52 update"])
    }

    @Test func r2_createdRowHoldsEveryMappedValue() throws {
        let row = try #require(F().plan(F.ackerman()).row("ep-7c1f0e52"))
        #expect(row.cells == ["ep-7c1f0e52", F.hcpType, "Dr. Clinton Ackerman", "Clinton", "Ackerman",
                              "Dr. Clinton Ackerman", "MD", "Cardiologist", "", "2025-04-02T08:15:00.000Z", F.account,
                              "Active_vod", "2025-04-02T08:15:00.000Z"])
    }

    @Test func r3_equalAfterNormalisationIsUnchanged() {
        var f = F()
        let entry = F.ackerman()
        var crm = f.crmProfile(for: entry)
        crm.values[8] = "0015j00000QxYzAAAV"
        f.snapshot.profiles["ep-7c1f0e52"] = crm
        f.addConnection(F.sarah, active: true)
        let out = f.plan(entry)
        #expect(out.rows.isEmpty)
        #expect(out.unchanged == 2)
    }

    @Test func r2_changedFieldIsUpdatedAndNullIsClearedWithNA() throws {
        var f = F()
        f.snapshot.profiles["ep-7c1f0e52"] = f.crmProfile(for: F.ackerman())
        let entry = F.ackerman { $0.values["degree"] = nil }
        let row = try #require(f.plan(entry).row("ep-7c1f0e52"))
        #expect(row.action == .update)
        #expect(row.cells[6] == "#N/A")
        #expect(row.changes.map(\.field) == ["Degree_vod__c"])
    }

    @Test func r4_disconnectedConnectionIsDeactivatedWithItsUpdatedAt() throws {
        var f = F()
        f.snapshot.profiles["ep-7c1f0e52"] = f.crmProfile(for: F.ackerman())
        f.addConnection(F.sarah, active: true)
        let entry = F.ackerman {
            $0.lists["connections"] = [F.connection(F.sarah, "DISCONNECTED", updatedAt: "2026-11-29T16:00:00+01:00")]
        }
        let row = try #require(f.plan(entry).row("ep-7c1f0e52:\(F.sarah)"))
        #expect(row.action == .deactivate)
        #expect(Array(row.cells.suffix(2)) == ["false", "2026-11-29T15:00:00.000Z"])
    }

    @Test func r4_vanishedConnectionIsDeactivatedWithTheRunsTime() throws {
        var f = F()
        f.snapshot.profiles["ep-7c1f0e52"] = f.crmProfile(for: F.ackerman())
        f.addConnection(F.sarah, active: true)
        f.addConnection(F.tom, active: true)
        let row = try #require(f.plan(F.ackerman()).row("ep-7c1f0e52:\(F.tom)"))
        #expect(row.action == .deactivate)
        #expect(Array(row.cells.suffix(2)) == ["false", F.now.description])
    }

    @Test func r4_reconnectionReactivatesTheSameRecordAndClearsTheInactivationTime() throws {
        var f = F()
        f.snapshot.profiles["ep-7c1f0e52"] = f.crmProfile(for: F.ackerman())
        f.addConnection(F.sarah, active: false, inactivation: "2026-11-29T16:00:00.000Z")
        let row = try #require(f.plan(F.ackerman()).row("ep-7c1f0e52:\(F.sarah)"))
        #expect(row.action == .reactivate)
        #expect(Array(row.cells.suffix(2)) == ["true", "#N/A"])
    }

    @Test func r4_disconnectedWithoutCRMRecordIsSkipped() {
        let entry = F.ackerman {
            $0.lists["connections"]! += [F.connection("0055j00000AlAdmAAF", "DISCONNECTED")]
        }
        let out = F().plan(entry)
        #expect(out.actions == ["ep-7c1f0e52 create", "ep-7c1f0e52:\(F.sarah) create"])
        #expect(out.skipped == 1)
    }

    @Test func r5_connectionToAnInactiveOrUnknownUserIsARecordErrorForThatConnectionOnly() {
        let entry = F.ackerman {
            $0.lists["connections"]! += [F.connection(F.tom, "CONNECTED"), F.connection("0055j00000ZzZzzAAF", "CONNECTED")]
        }
        let out = F().plan(entry)
        #expect(out.actions == ["ep-7c1f0e52 create", "ep-7c1f0e52:\(F.sarah) create"])
        #expect(out.errorCodes == ["ep-7c1f0e52:\(F.tom) USER_INACTIVE",
                                   "ep-7c1f0e52:0055j00000ZzZzzAAF USER_NOT_FOUND"])
    }

    @Test func r6_deletedProfileIsScrubbedAndItsActiveConnectionsDeactivated() throws {
        var f = F()
        f.snapshot.profiles["ep-7c1f0e52"] = f.crmProfile(for: F.ackerman())
        f.addConnection(F.sarah, active: true)
        let out = f.plan(F.ackerman { $0.values["status"] = .text("DELETED") })
        let row = try #require(out.row("ep-7c1f0e52"))
        #expect(row.action == .delete)
        #expect(row.cells == ["ep-7c1f0e52", F.hcpType, "Deleted User", "#N/A", "#N/A", "#N/A", "#N/A", "#N/A", "",
                              "#N/A", "#N/A", "Deleted_vod", F.now.description])
        let connection = try #require(out.row("ep-7c1f0e52:\(F.sarah)"))
        #expect(connection.action == .deactivate)
        #expect(connection.cells.last == F.now.description)
    }

    @Test func r6_alreadyScrubbedProfileIsUnchanged() {
        var f = F()
        var crm = f.crmProfile(for: F.ackerman())
        crm.values = [String?](repeating: nil, count: crm.values.count)
        crm.values[0] = "Deleted User"
        crm.values[9] = "Deleted_vod"
        crm.values[10] = "2026-01-01T00:00:00.000Z"
        f.snapshot.profiles["ep-7c1f0e52"] = crm
        f.addConnection(F.sarah, active: false, inactivation: "2026-01-01T00:00:00.000Z")
        let out = f.plan(F.ackerman { $0.values["status"] = .text("DELETED") })
        #expect(out.rows.isEmpty)
        #expect(out.unchanged == 1)
    }

    @Test func r6_theDeletedLabelComesFromTheMapping() throws {
        var f = F()
        f.mapping.deletion.set["Name"] = .literal("削除済みユーザ")
        f.snapshot.profiles["ep-7c1f0e52"] = f.crmProfile(for: F.ackerman())
        let row = try #require(f.plan(F.ackerman { $0.values["status"] = .text("MERGED") }).row("ep-7c1f0e52"))
        #expect(row.cells[2] == "削除済みユーザ")
    }

    @Test func r7_r8_mergedProfileNotInTheCRMIsSkipped() {
        let out = F().plan(F.ackerman { $0.values["status"] = .text("MERGED") })
        #expect(out.rows.isEmpty)
        #expect(out.skipped == 1)
    }

    @Test func r9_fifteenCharacterIdsAreWrittenWithEighteen() throws {
        let row = try #require(F().plan(F.ackerman()).row("ep-7c1f0e52:\(F.sarah)"))
        #expect(row.cells[2] == F.sarah)
        let entry = F.ackerman { $0.lists["connections"] = [F.connection("0055j00000Sj0Na", "CONNECTED")] }
        #expect(F().plan(entry).actions.last == "ep-7c1f0e52:\(F.sarah) create")
    }

    @Test func r9_malformedAccountIdIsARecordError() {
        let entry = F.ackerman {
            $0.lists["accounts"] = [ExportItem(values: ["org_id": .text("00D5j00000AbCdE"),
                                                        "account_id": .text("0015j00000Lnd1")])]
        }
        let out = F().plan(entry)
        #expect(out.rows.isEmpty)
        #expect(out.errorCodes == ["ep-7c1f0e52 INVALID_ID"])
    }

    @Test func r10_unknownAccountIsNotLinkedAndWarned() throws {
        let entry = F.ackerman {
            $0.lists["accounts"] = [ExportItem(values: ["org_id": .text("00D5j00000AbCdE"),
                                                        "account_id": .text("0015j00000UnKnWAAV")])]
        }
        let out = F().plan(entry)
        #expect(try #require(out.row("ep-7c1f0e52")).cells[10] == "")
        #expect(out.warnings.map(\.code) == ["ACCOUNT_NOT_FOUND"])
    }

    @Test func r11_twoAccountsInThisOrgAreARecordError() {
        let entry = F.ackerman {
            $0.lists["accounts"]! += [ExportItem(values: ["org_id": .text("00D5j00000AbCdEEAV"),
                                                          "account_id": .text("0015j00000QxYzA")])]
        }
        #expect(F().plan(entry).errorCodes == ["ep-7c1f0e52 MULTIPLE_LIST_ITEMS"])
    }

    @Test func r12_mergedAccountsAreFollowedToTheWinnerAndACycleIsARecordError() throws {
        var f = F()
        f.snapshot.accounts = ["0015j00000PrRmWAAV"]
        f.snapshot.accountMerges = [F.account: "0015j00000PrRm2AAF", "0015j00000PrRm2AAF": "0015j00000PrRmWAAV"]
        #expect(try #require(f.plan(F.ackerman()).row("ep-7c1f0e52")).cells[10] == "0015j00000PrRmWAAV")
        f.snapshot.accountMerges["0015j00000PrRmWAAV"] = F.account
        #expect(f.plan(F.ackerman()).errorCodes == ["ep-7c1f0e52 ACCOUNT_MERGE_CYCLE"])
    }

    @Test func r13_photoChangesWarnThatPhotoAttachmentsAreOverwritten() {
        let out = F().plan(F.ackerman { $0.values["photo_url"] = .text("https://x.example/p.jpg") })
        #expect(out.warnings.map(\.code) == ["PHOTO_OVERWRITE"])
    }

    @Test func r14_recordEditedByAnotherUserAfterTheLastSyncIsReported() {
        var f = F()
        f.lastSuccessfulSync = try! Instant(parsing: "2026-11-29T00:00:00Z")
        var crm = f.crmProfile(for: F.ackerman())
        crm.lastModifiedById = F.sarah
        crm.lastModifiedDate = try! Instant(parsing: "2026-11-29T12:00:00Z")
        crm.values[5] = "Cardiology"
        f.snapshot.profiles["ep-7c1f0e52"] = crm
        f.addConnection(F.sarah, active: true)
        #expect(f.plan(F.ackerman()).warnings.map(\.code) == ["MANUAL_EDIT"])
    }

    @Test func r15_twoCRMRecordsWithOneKeyAreARecordError() {
        var f = F()
        f.snapshot.profiles["ep-7c1f0e52"] = f.crmProfile(for: F.ackerman())
        f.snapshot.duplicateProfileKeys = ["ep-7c1f0e52"]
        #expect(f.plan(F.ackerman()).errorCodes == ["ep-7c1f0e52 DUPLICATE_CRM_RECORD"])
    }

    @Test func spec8_recordErrorsNameTheProblem() {
        let missing = F().plan(F.ackerman { $0.values["updated_at"] = nil; $0.values["udpated_at"] = .text("x") })
        #expect(missing.errors.first?.problem.message == "required key 'updated_at' is missing (found 'udpated_at')")
        let offset = F().plan(F.ackerman { $0.values["signup_at"] = .text("2025-04-02T08:15:00") })
        #expect(offset.errorCodes == ["ep-7c1f0e52 INVALID_DATETIME"])
        let status = F().plan(F.ackerman { $0.values["status"] = .text("PAUSED") })
        #expect(status.errorCodes == ["ep-7c1f0e52 UNKNOWN_VALUE"])
        let number = F().plan(F.ackerman { $0.values["first_name"] = .number("12") })
        #expect(number.errors.first?.problem.message == "'first_name' holds a number 12, not text")
        let longName = F().plan(F.ackerman { $0.values["display_name"] = .text(String(repeating: "é", count: 90)) })
        #expect(longName.rows.first?.cells[2].count == 80)
    }
}
