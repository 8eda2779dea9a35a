import Foundation
import Testing
@testable import EngageSync

/// Edited mappings: what loads, what is refused, and where the errors point.
@Suite struct MappingLoaderTests {
    let shipped = DefaultMappings.mappingYAML

    /// The shipped text with `old` replaced by `new` (which must occur once).
    func edited(_ old: String, _ new: String) -> String {
        precondition(shipped.components(separatedBy: old).count == 2, "'\(old)' must occur once")
        return shipped.replacingOccurrences(of: old, with: new)
    }

    /// 1-based line of the first line of `text` containing `needle`.
    func lineOf(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }! + 1
    }

    func failure(_ text: String, path: String = "m.yaml") -> InputError? {
        do {
            _ = try MappingLoader.load(text: text, path: path)
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test func anotherDeletedLabelLoads() throws {
        let text = edited("    Name: Deleted User", "    Name: 削除済みユーザ")
        let mapping = try MappingLoader.load(text: text, path: "ja.yaml")
        #expect(mapping.deletion.set["Name"] == .literal("削除済みユーザ"))
        #expect(mapping.deletion.set["Connection_Status_Update_Datetime_vod__c"] == .runTime)
        #expect(mapping.profile == (try DefaultMappings.mapping()).profile)
        try validate(mapping: mapping, against: try DefaultMappings.manifest())
    }

    @Test func r31_fieldTheManifestDoesNotGrantIsRejectedAtItsLine() throws {
        let text = edited("    - field: Title_vod__c\n      from: title\n",
                          "    - field: Title_vod__c\n      from: title\n    - field: Specialty_vod__c\n      from: specialty\n")
        let mapping = try MappingLoader.load(text: text, path: "custom.yaml")
        let line = lineOf( "field: Specialty_vod__c", in: text)
        let expected = InputError(
            .mapping, SourceLocation(path: "custom.yaml", line: line, column: 14),
            "field 'Specialty_vod__c' of Engage_Profile_vod__c is written by the mapping but the manifest grants no Edit on it")
        #expect(throws: expected) { try validate(mapping: mapping, against: try DefaultMappings.manifest()) }
        #expect(throws: expected) { try mapping.validate(against: try DefaultMappings.manifest()) }
    }

    @Test func r31_manifestWithoutAnEditFieldRejectsTheShippedMapping() throws {
        let manifest = try ManifestLoader.load(
            text: DefaultMappings.manifestYAML.replacingOccurrences(of: "      - From_User_vod__c\n", with: ""),
            path: "p.yaml")
        let mapping = try DefaultMappings.mapping()
        let line = lineOf( "field: From_User_vod__c", in: shipped)
        #expect(throws: InputError(
            .mapping, SourceLocation(path: DefaultMappings.mappingPath, line: line, column: 14),
            "field 'From_User_vod__c' of Engage_Connection_vod__c is written by the mapping but the manifest grants no Edit on it")) {
            try validate(mapping: mapping, against: manifest)
        }
        // A relationship column is checked through its lookup field.
        let noLookup = try ManifestLoader.load(
            text: DefaultMappings.manifestYAML.replacingOccurrences(of: "      - To_Engage_Profile_vod__c\n", with: ""),
            path: "p.yaml")
        #expect(throws: InputError(
            .mapping,
            SourceLocation(path: DefaultMappings.mappingPath,
                           line: lineOf( "field: To_Engage_Profile_vod__r.VExternal_ID_vod__c", in: shipped),
                           column: 14),
            "field 'To_Engage_Profile_vod__c' of Engage_Connection_vod__c is written by the mapping but the manifest grants no Edit on it")) {
            try validate(mapping: mapping, against: noLookup)
        }
        // The external id counts; RecordTypeId needs no field-level security.
        let noKey = try ManifestLoader.load(
            text: DefaultMappings.manifestYAML.replacingOccurrences(
                of: "      - Title_vod__c\n      - VExternal_ID_vod__c\n", with: "      - Title_vod__c\n"),
            path: "p.yaml")
        #expect(throws: InputError(
            .mapping, SourceLocation(path: DefaultMappings.mappingPath, line: lineOf( "field: VExternal_ID_vod__c", in: shipped),
                                     column: 12),
            "field 'VExternal_ID_vod__c' of Engage_Profile_vod__c is written by the mapping but the manifest grants no Edit on it")) {
            try validate(mapping: mapping, against: noKey)
        }
    }

    @Test func yamlSurprisesStayStringsInTheMapping() throws {
        let text = edited("    - field: Degree_vod__c\n      from: degree\n", """
                - field: Degree_vod__c
                  from: degree
                  map:
                    NO: on
                    yes: 0012
                    1e3: 0x1F
                  default: NO

            """)
        let rule = try #require(try MappingLoader.load(text: text, path: "m.yaml").profile.rule(for: "degree_vod__c"))
        #expect(rule.valueMap == ["NO": "on", "yes": "0012", "1e3": "0x1F"])
        #expect(rule.defaultValue == "NO")
    }

    @Test func unknownKeyIsRefusedWithItsPosition() {
        let text = edited("      max_length: 80\n", "      max_lenght: 80\n")
        let line = lineOf( "max_lenght", in: text)
        #expect(failure(text)?.headline == "m.yaml:\(line):7: error: unknown key 'max_lenght' in a field; "
            + "did you mean 'max_length'? (allowed: field, from, map, default, type, max_length, too_long, when, lookup)")
        let top = edited("version: 1\n", "version: 1\nprofiles: {}\n")
        #expect(failure(top)?.headline.hasPrefix("m.yaml:\(lineOf( "profiles:", in: top)):1: error: "
            + "unknown key 'profiles' in the mapping; did you mean 'profile'?") == true)
    }

    @Test func duplicateKeyInTheMappingNamesBothLines() {
        let text = edited("      from: first_name\n", "      from: first_name\n      from: last_name\n")
        let first = lineOf( "from: first_name", in: text)
        #expect(failure(text)?.headline
            == "m.yaml:\(first + 1):7: error: duplicate key 'from' (first at \(first):7)")
    }

    @Test func badValuesAreRefusedWithPositions() {
        let type = edited("      type: boolean\n", "      type: bool\n")
        #expect(failure(type)?.message
            == "type of field 'Active_vod__c' must be text, id, datetime or boolean, found 'bool'")
        let length = edited("      max_length: 80\n", "      max_length: 8O\n")
        #expect(failure(length)?.headline == "m.yaml:\(lineOf( "max_length: 8O", in: length)):19: error: "
            + "max_length of field 'Name' must be a positive whole number, found '8O'")
        let twice = edited("    - field: Title_vod__c\n", "    - field: Degree_vod__c\n")
        #expect(failure(twice)?.message.hasPrefix("field 'Degree_vod__c' is mapped twice in 'profile' (first at ") == true)
        let scope = edited("      from: title\n", "      from: connection.title\n")
        #expect(failure(scope)?.message == "'connection.title': connection.* paths can be used only in 'connection'")
        let path = edited("      from: title\n", "      from: accounts[org_id].x\n")
        #expect(failure(path)?.message == "path 'accounts[org_id].x' needs a filter of the form [key = value]")
        let scrub = edited("    Name: Deleted User\n", "    Nmae: Deleted User\n")
        #expect(failure(scrub)?.message == "field 'Nmae' in deleted.set is not a mapped field of Engage_Profile_vod__c")
        let version = edited("version: 1\n", "version: 2\n")
        #expect(failure(version)?.message == "unsupported mapping version '2' (this engage-sync reads version 1)")
        #expect(failure(edited("version: 1\n", ""))?.message == "missing key 'version' in the mapping (write version: 1)")
    }

    @Test func connectionRuleCanBeOverriddenOrLeftOut() throws {
        let start = shipped.range(of: "connections:\n  list:")!.lowerBound
        let end = shipped.range(of: "  profile_relationship: To_Engage_Profile_vod__r\n")!.upperBound
        var text = shipped
        text.replaceSubrange(start..<end, with: "connections:\n  connected: LINKED\n")
        let mapping = try MappingLoader.load(text: text, path: "m.yaml")
        var expected = ConnectionRule()
        expected.connected = "LINKED"
        #expect(mapping.connections == expected)
        text.replaceSubrange(text.range(of: "connections:\n  connected: LINKED\n")!, with: "")
        #expect(try MappingLoader.load(text: text, path: "m.yaml").connections == ConnectionRule())
    }

    @Test func r31_recordTypesAndObjectAccessAreCheckedToo() throws {
        let mapping = try DefaultMappings.mapping()
        let noStaff = try ManifestLoader.load(
            text: DefaultMappings.manifestYAML.replacingOccurrences(of: "      - Engage_Staff_Profile_vod\n", with: ""),
            path: "p.yaml")
        #expect(throws: InputError(
            .mapping, SourceLocation(path: DefaultMappings.mappingPath, line: lineOf("    from: type", in: shipped),
                                     column: 5),
            "record type 'Engage_Staff_Profile_vod' of Engage_Profile_vod__c is used by the mapping but the manifest does not list it")) {
            try validate(mapping: mapping, against: noStaff)
        }
        let readOnly = try ManifestLoader.load(
            text: DefaultMappings.manifestYAML.replacingOccurrences(
                of: "  - object: Engage_Connection_vod__c\n    access: CRU\n",
                with: "  - object: Engage_Connection_vod__c\n    access: R\n"),
            path: "p.yaml")
        #expect(throws: InputError(
            .mapping, SourceLocation(path: DefaultMappings.mappingPath,
                                     line: lineOf("object: Engage_Connection_vod__c", in: shipped), column: 11),
            "object 'Engage_Connection_vod__c' is upserted by the mapping but the manifest grants no Create (C) on it")) {
            try validate(mapping: mapping, against: readOnly)
        }
    }
}
