import Testing
@testable import EngageSync

/// Manifest errors point at their line like mapping errors.
@Suite struct ManifestLoaderTests {
    func failure(_ text: String) -> InputError? {
        do {
            _ = try ManifestLoader.load(text: text, path: "p.yaml")
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test func badManifestsAreRefusedWithPositions() {
        #expect(failure("version: 1\nobjects:\n  - object: A\n    access: CRX\n")?.headline
            == "p.yaml:4:13: error: access of 'A' must be letters of C, R, U, D, found 'X'")
        #expect(failure("version: 1\nobjects:\n  - object: A\n    edits: [x]\n")?.headline
            == "p.yaml:4:5: error: unknown key 'edits' in an object; did you mean 'edit'? "
            + "(allowed: object, access, record_types, edit, read)")
        #expect(failure("version: 1\nobjects:\n  - object: A\n  - object: a\n")?.headline
            == "p.yaml:4:13: error: object 'a' is listed twice (first at 3:13)")
        #expect(failure("version: 1\nobjects:\n  - object: A\n    read:\n      - Id\n      - ID\n")?.headline
            == "p.yaml:6:9: error: 'ID' is listed twice in read of 'A'")
        #expect(failure("version: 1\nobjects:\n  - object: A\n    read: [Id]\n    read: [Name]\n")?.headline
            == "p.yaml:5:5: error: duplicate key 'read' (first at 4:5)")
        #expect(failure("objects: []\n")?.kind == .manifest)
    }

    @Test func accessLettersInAnyOrder() throws {
        let manifest = try ManifestLoader.load(text: "version: 1\nobjects:\n  - object: A\n    access: UDRC\n",
                                               path: "p.yaml")
        #expect(manifest.objects == [ObjectRequirement(object: "A", access: Set(ObjectAccess.allCases))])
    }
}
