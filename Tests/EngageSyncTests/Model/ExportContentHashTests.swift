import Foundation
import Testing
@testable import EngageSync

/// R15 compares duplicate entries by `contentHash`; the readers work it out while reading, and
/// it must be the hash of the content however the entry came to be.
@Suite struct ExportContentHashTests {
    private static let profiles = [
        #"{"id": "p1", "n": 12.5, "ok": true, "gone": null, "accounts": [{"org_id": "o", "n": 7}], "#
            + #""connections": [{"user_id": "u1", "state": "CONNECTED"}, {"user_id": "u2"}]}"#,
        // p1's content in another key order
        #"{"connections": [{"state": "CONNECTED", "user_id": "u1"}, {"user_id": "u2"}], "ok": true, "#
            + #""accounts": [{"n": 7, "org_id": "o"}], "n": 12.5, "id": "p1"}"#,
        // the connections in another order: list order counts
        #"{"id": "p1", "n": 12.5, "ok": true, "accounts": [{"org_id": "o", "n": 7}], "#
            + #""connections": [{"user_id": "u2"}, {"user_id": "u1", "state": "CONNECTED"}]}"#,
        // a number where p1 has text
        #"{"id": "p1", "n": "12.5", "ok": true, "accounts": [{"org_id": "o", "n": 7}], "#
            + #""connections": [{"user_id": "u1", "state": "CONNECTED"}, {"user_id": "u2"}]}"#,
    ]

    /// The hash worked out from the content alone (a copy built by hand).
    private func recomputed(_ entry: ExportEntry) -> Int {
        ExportEntry(values: entry.values, lists: entry.lists, location: entry.location).contentHash
    }

    @Test func jsonReaderHashIsTheContentsHash() throws {
        let path = Fixture.write(#"{"format": "engage-connect-export", "version": 1, "#
            + #""exported_at": "2026-11-30T10:00:00Z", "kind": "full", "profiles": ["#
            + Self.profiles.joined(separator: ",\n") + "]}")
        let entries = try Fixture.entries(try JSONExportReader(path: path))
        try check(entries)
    }

    @Test func jsonLinesReaderHashIsTheContentsHash() throws {
        let path = Fixture.write(#"{"format": "engage-connect-export", "version": 1, "#
            + #""exported_at": "2026-11-30T10:00:00Z", "kind": "full"}"# + "\n"
            + Self.profiles.joined(separator: "\n") + "\n", name: "input.jsonl")
        let entries = try Fixture.entries(try openExport(path: path))
        try check(entries)
    }

    private func check(_ entries: [ExportEntry]) throws {
        try #require(entries.count == 4)
        for entry in entries { #expect(entry.contentHash == recomputed(entry)) }
        #expect(entries[0] == entries[1] && entries[0].contentHash == entries[1].contentHash)
        #expect(entries[0] != entries[2] && entries[0].contentHash != entries[2].contentHash)
        #expect(entries[0] != entries[3] && entries[0].contentHash != entries[3].contentHash)
    }

    @Test func xmlReaderHashIsTheContentsHash() throws {
        let profile = { (order: [String]) in
            "<profile>" + order.joined() + "</profile>"
        }
        let parts = ["<id>p1</id>", "<title>A &amp; B</title>",
                     "<connections><connection><user_id>u1</user_id><state>CONNECTED</state></connection>"
                         + "<connection><user_id>u2</user_id></connection></connections>"]
        let path = Fixture.write(#"<engage_export format="engage-connect-export" version="1" "#
            + #"exported_at="2026-11-30T10:00:00Z" kind="full">"#
            + profile(parts) + profile(parts.reversed()) + profile(["<id>p1</id>", "<title>A &amp; C</title>"])
            + "</engage_export>", name: "input.xml")
        let entries = try Fixture.entries(try XMLExportReader(path: path))
        try #require(entries.count == 3)
        for entry in entries { #expect(entry.contentHash == recomputed(entry)) }
        #expect(entries[0].contentHash == entries[1].contentHash)
        #expect(entries[0].contentHash != entries[2].contentHash)
    }

    @Test func changingAnEntryChangesItsHash() throws {
        let path = Fixture.write(#"{"format": "engage-connect-export", "version": 1, "#
            + #""exported_at": "2026-11-30T10:00:00Z", "kind": "full", "profiles": ["# + Self.profiles[0] + "]}")
        var entry = try #require(try JSONExportReader(path: path).next())
        let read = entry.contentHash
        entry.values["title"] = .text("Dr.")
        #expect(entry.contentHash != read && entry.contentHash == recomputed(entry))
        entry.values["title"] = nil
        #expect(entry.contentHash == read)
        entry.lists["connections"]![1].values["state"] = .text("CONNECTED")
        #expect(entry.contentHash != read && entry.contentHash == recomputed(entry))
    }
}
