import Testing
@testable import EngageSync

@Suite struct InstantTests {
    @Test func readsRFC3339AndSalesforceForms() throws {
        let forms = ["2026-11-29T15:04:05Z", "2026-11-29T15:04:05.000+0000", "2026-11-29T16:04:05+01:00",
                     "2026-11-29T17:04:05.000+0200", "2026-11-29T15:04:05.000Z"]
        for form in forms {
            #expect(try Instant(parsing: form).description == "2026-11-29T15:04:05.000Z", "\(form)")
        }
        #expect(try Instant(parsing: "2026-11-29T16:04:05.250+01:00").description == "2026-11-29T15:04:05.250Z")
    }

    @Test func datetimeWithoutOffsetIsRejected() {
        #expect(throws: Instant.Problem.noOffset) { try Instant(parsing: "2026-11-29T15:04:05") }
        #expect(throws: Instant.Problem.malformed) { try Instant(parsing: "2026-02-30T15:04:05Z") }
        #expect(throws: Instant.Problem.malformed) { try Instant(parsing: "yesterday") }
    }
}
