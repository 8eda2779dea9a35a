import Testing
@testable import EngageSync

@Suite struct SalesforceIdTests {
    @Test func r9_fifteenCharacterIdGetsChecksumSuffix() throws {
        #expect(try SalesforceId(parsing: "0055j00000Sj0Na").value == "0055j00000Sj0NaAAJ")
        #expect(try SalesforceId(parsing: "0015j00000QxYzA").value == "0015j00000QxYzAAAV")
    }

    @Test func r9_eighteenCharacterIdKeepsItself() throws {
        #expect(try SalesforceId(parsing: "0055j00000Sj0NaAAJ").value == "0055j00000Sj0NaAAJ")
        #expect(try SalesforceId(parsing: "0055j00000Sj0Naaaj").value == "0055j00000Sj0NaAAJ")
    }

    @Test func r9_malformedIdsAreRejected() {
        #expect(throws: SalesforceId.Problem.length(14)) { try SalesforceId(parsing: "0015j00000Lnd1") }
        #expect(throws: SalesforceId.Problem.character("-")) { try SalesforceId(parsing: "0015j00000-nd1Q") }
        #expect(throws: SalesforceId.Problem.checksum(expected: "AAJ")) {
            try SalesforceId(parsing: "0055j00000Sj0NaBBB")
        }
    }
}
