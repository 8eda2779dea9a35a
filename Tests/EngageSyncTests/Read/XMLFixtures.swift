import Foundation

/// Temporary files for XML reader tests, removed when the test process ends is not needed:
/// each lives under a fresh folder in the system temp directory.
enum XMLFixtures {
    static let conformance = "/work/shared/conformance/cases"
    static let permissions = "/work/shared/corpus/permissions"

    /// Writes `data` to a new temporary file named `name` and returns its path.
    static func write(_ data: Data, name: String = "fixture.xml") throws -> String {
        let dir = TestScratch.root
            .appendingPathComponent("engage-sync-xml-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    static func write(_ text: String, name: String = "fixture.xml") throws -> String {
        try write(Data(text.utf8), name: name)
    }

    /// The format document's XML example.
    static let formatDocExample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <engage_export format="engage-connect-export" version="1"
                       exported_at="2026-11-30T09:00:00Z" kind="incremental"
                       since="2026-11-29T09:00:00Z" company_id="verteo-biopharma">
          <profile>
            <id>ep-7c1f0e52</id>
            <type>HCP</type>
            <status>ACTIVE</status>
            <first_name>Clinton</first_name>
            <last_name>Ackerman</last_name>
            <display_name>Dr. Clinton Ackerman</display_name>
            <degree>MD</degree>
            <updated_at>2026-11-29T17:40:12Z</updated_at>
            <accounts>
              <account><org_id>00D5j00000AbCdE</org_id><account_id>0015j00000QxYzA</account_id></account>
            </accounts>
            <connections>
              <connection><user_id>0055j00000Sj0NaAAJ</user_id><org_id>00D5j00000AbCdE</org_id>
                <state>CONNECTED</state><updated_at>2026-11-29T17:40:12Z</updated_at></connection>
            </connections>
          </profile>
        </engage_export>

        """
}
