import Foundation
import Testing

/// R15 across the export, through the binary: one row per key in the update files; the latest
/// `updated_at` wins with a warning; equal times with different content are a record error;
/// identical duplicates are one row and no error.
@Suite struct DuplicateEntriesTests {
    typealias Profile = StateScenario.Profile

    @Test func r15_latestEntryWinsEqualTimesWithOtherContentFailAndIdenticalOnesAreOneRow() throws {
        let s = try StateScenario("r15")
        defer { s.cleanUp() }
        let export = try s.export("dupes.json", exportedAt: hour(0, minutes: -10), profiles: [
            Profile(id: "ep-a", updatedAt: hour(-5), lastName: "Old"),
            Profile(id: "ep-b", updatedAt: hour(-5), lastName: "One"),
            Profile(id: "ep-c", updatedAt: hour(-5)),
            Profile(id: "ep-a", updatedAt: hour(-4), lastName: "New"),   // newer: wins
            Profile(id: "ep-b", updatedAt: hour(-5), lastName: "Other"), // same time, other content
            Profile(id: "ep-c", updatedAt: hour(-5)),                    // identical
            Profile(id: "ep-a", updatedAt: hour(-6), lastName: "Older"), // older than the winner
        ])
        let result = try s.sync(export, now: hour(0))
        #expect(result.exitCode == 1, "\(result.stdout)")
        let rows = try s.rows("Engage_Profile_vod__c.upsert.csv")
        let lastName = try #require(rows[0].firstIndex(of: "Last_Name_vod__c"))
        #expect(rows.dropFirst().map { $0[0] } == ["ep-c", "ep-a"], "one row per key, ep-b failed")
        #expect(rows.dropFirst().first { $0[0] == "ep-a" }?[lastName] == "New")
        let connections = try s.rows("Engage_Connection_vod__c.upsert.csv").dropFirst().map { $0[0] }
        #expect(connections.sorted() == ["ep-a:\(StateScenario.activeUser)", "ep-c:\(StateScenario.activeUser)"])
        let errors = try s.rows("error.csv").dropFirst()
        #expect(errors.map { [$0[0], $0[1], $0[3]] } == [["Engage_Profile_vod__c", "ep-b", "DUPLICATE_EXTERNAL_ID"]])
        let warnings = try s.rows("warnings.csv").dropFirst().filter { $0[2] == "DUPLICATE_EXTERNAL_ID" }
        #expect(warnings.count == 2)
        #expect(try s.summary()["warnings"] as? Int == s.rows("warnings.csv").count - 1, "the count is the rows")
        #expect(warnings.allSatisfy { $0[1] == "ep-a" && $0[3].contains(" of dupes.json ") && $0[3].hasSuffix("(R15)") },
                "\(warnings)")
    }
}
