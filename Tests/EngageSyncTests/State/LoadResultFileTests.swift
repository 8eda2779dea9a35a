import Foundation
import Testing
@testable import EngageSync

/// The four loader shapes (R27), on hand-written files in the loaders' layout and on the real
/// Data Loader files of `shared/corpus/crm`.
@Suite struct LoadResultFileTests {
    let corpus = BinaryRunner.packageRoot.appendingPathComponent("../shared/corpus/crm").standardized

    func write(_ text: String, _ name: String = "results.csv") -> String {
        let path = (temporaryFolder() as NSString).appendingPathComponent(name)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func r27_bulkFailedResultsGiveTheErrorOfEachRow() throws {
        let path = write("""
        "sf__Id","sf__Error","VExternal_ID_vod__c","Name"
        "","REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --","ep-2",""
        "a0B5j000001AbCdEAF","FIELD_CUSTOM_VALIDATION_EXCEPTION:bad, really:--","ep-1","Dr. A"

        """)
        let file = try LoadResultFile.read(path: path)
        #expect(file.shape == .bulkFailed)
        #expect(file.originalColumns == ["VExternal_ID_vod__c", "Name"])
        #expect(file.rows == [
            .init(row: 2, externalId: "ep-2", error: "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --"),
            .init(row: 3, externalId: "ep-1", error: "FIELD_CUSTOM_VALIDATION_EXCEPTION:bad, really:--"),
        ])
    }

    @Test func r27_bulkSuccessfulResultsInAnyCase() throws {
        let path = write("SF__ID,SF__CREATED,vexternal_id_vod__c,Name\r\na0B5j000001AbCdEAF,true,ep-1,Dr. A\r\n")
        let file = try LoadResultFile.read(path: path)
        #expect(file.shape == .bulkSucceeded)
        #expect(file.externalIdColumn == "vexternal_id_vod__c")
        #expect(file.rows == [.init(row: 2, externalId: "ep-1", error: "")])
    }

    @Test func r27_dataLoaderErrorAndSuccessFiles() throws {
        let error = try LoadResultFile.read(path: write("""
        "VEXTERNAL_ID_VOD__C","NAME","ERROR"
        "ep-1:0055j00000Sj0NaAAJ","x","INVALID_CROSS_REFERENCE_KEY:invalid cross reference id"

        """))
        #expect(error.shape == .dataLoaderError)
        #expect(error.originalColumns == ["VEXTERNAL_ID_VOD__C", "NAME"])
        #expect(error.rows.map(\.error) == ["INVALID_CROSS_REFERENCE_KEY:invalid cross reference id"])
        let success = try LoadResultFile.read(path: write("""
        "ID","VEXTERNAL_ID_VOD__C","NAME","STATUS"
        "a0B5j000001AbCdEAF","ep-1","x","Item Created"

        """))
        #expect(success.shape == .dataLoaderSuccess)
        #expect(success.originalColumns == ["VEXTERNAL_ID_VOD__C", "NAME"])
        #expect(success.rows.map(\.externalId) == ["ep-1"])
    }

    /// The real Data Loader files, with their key column renamed to ours: every value quoted, a
    /// leading `ID` in the error file, 31 original columns.
    @Test func r27_realDataLoaderFilesRead() throws {
        for (name, shape) in [("01_dataloader_success0413060133.csv", LoadResultFile.Shape.dataLoaderSuccess),
                              ("02_dataloader_error0413060133.csv", .dataLoaderError)] {
            let original = try String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
            #expect(throws: InputError.self) { try LoadResultFile.read(path: corpus.appendingPathComponent(name).path) }
            // NAME has a value in every row; ORACLE_ID__C (empty in the error rows) stays as it is.
            let headerEnd = original.firstIndex(of: "\n")!
            let renamed = original[..<headerEnd].replacingOccurrences(of: "\"NAME\"", with: "\"VEXTERNAL_ID_VOD__C\"")
                + original[headerEnd...]
            let file = try LoadResultFile.read(path: write(renamed, name))
            #expect(file.shape == shape, "\(name)")
            #expect(!file.rows.isEmpty)
            #expect(file.originalColumns.count == 30, "\(name)")
            #expect(!file.originalColumns.contains("ID") && !file.originalColumns.contains("ERROR"), "\(name)")
            if shape == .dataLoaderError {
                #expect(file.rows.allSatisfy { !$0.error.isEmpty })
                #expect(file.rows[0].error.contains("Oracle_Id__c not specified"))
            }
        }
    }

    @Test func r27_theRealFilesWithoutOurKeyColumnNameIt() throws {
        let path = corpus.appendingPathComponent("02_dataloader_error0413060133.csv").path
        let error = try #require(throws: InputError.self) { try LoadResultFile.read(path: path) }
        #expect(error.description == "\(path):row 1: error: no VExternal_ID_vod__c column: the file must hold the "
            + "original columns of an engage-sync update file")
        // Its rows failed for want of a key: with that column as ours, row 2 has none.
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let keyed = write(original.replacingOccurrences(of: "\"ORACLE_ID__C\"", with: "\"VEXTERNAL_ID_VOD__C\""))
        let empty = try #require(throws: InputError.self) { try LoadResultFile.read(path: keyed) }
        #expect(empty.headline == "\(keyed):row 2, column VEXTERNAL_ID_VOD__C: error: the row has no external id")
    }

    @Test func r27_anUnknownHeaderOrAnEmptyKeyIsAnErrorNamingFileAndRow() throws {
        let unknown = write("VExternal_ID_vod__c,Name\nep-1,x\n")
        let error = try #require(throws: InputError.self) { try LoadResultFile.read(path: unknown) }
        #expect(error.headline.hasPrefix("\(unknown):row 1: error: not a load result file"))
        let empty = write("sf__Id,sf__Error,VExternal_ID_vod__c\n,boom,ep-1\n,boom,\n")
        let missing = try #require(throws: InputError.self) { try LoadResultFile.read(path: empty) }
        #expect(missing.headline == "\(empty):row 3, column VExternal_ID_vod__c: error: the row has no external id")
    }

    @Test func r27_theDigestIgnoresRowOrderButNotContent() throws {
        let a = try LoadResultFile.read(path: write("sf__Id,sf__Error,VExternal_ID_vod__c\n,e1,ep-1\n,e2,ep-2\n"))
        let b = try LoadResultFile.read(path: write("sf__Id,sf__Error,VExternal_ID_vod__c\r\n,e2,ep-2\r\n,e1,ep-1\r\n"))
        let c = try LoadResultFile.read(path: write("sf__Id,sf__Error,VExternal_ID_vod__c\n,e1,ep-1\n,e2,ep-3\n"))
        #expect(a.digest == b.digest)
        #expect(a.digest != c.digest)
    }
}
