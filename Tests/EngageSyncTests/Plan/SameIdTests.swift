import Testing
@testable import EngageSync

/// R9: an id given in its 15- or 18-character form names the same record; the check that tells
/// different ids apart by their first 15 characters agrees with comparing the normal forms.
@Suite struct SameIdTests {
    static let org18 = "00D5j00000AbCdEEAV"
    static let org15 = "00D5j00000AbCdE"

    @Test func r9_theFifteenAndEighteenCharacterFormsAreTheSameId() {
        #expect(ValueResolver.sameId(Self.org18, Self.org18))
        #expect(ValueResolver.sameId(Self.org15, Self.org18))
        #expect(ValueResolver.sameId(Self.org18, Self.org15))
        #expect(ValueResolver.sameId("00D5j00000AbCdEeav", Self.org18))  // suffix in lower case
    }

    @Test func r9_idsThatDifferAreNotTheSame() {
        #expect(!ValueResolver.sameId("00D5j00000AbCdF", Self.org18))
        #expect(!ValueResolver.sameId("00D5j00000abcde", Self.org15))  // ids are case-sensitive
        #expect(!ValueResolver.sameId("00D5j00000AbCdEXYZ", Self.org18))  // wrong suffix
        #expect(!ValueResolver.sameId("00D5j00000AbCd", Self.org18))
        #expect(!ValueResolver.sameId("", Self.org18))
    }

    @Test func agreesWithComparingNormalForms() {
        let ids = [Self.org15, Self.org18, "00D5j00000AbCdEeav", "00D5j00000AbCdF", "00D5j00000AbCdFAAV", "x", "",
                   "00D5j00000AbCdE!", "005000000000001", "005000000000001AAA"]
        for a in ids {
            for b in ids {
                let normal = a == b || (SalesforceId.normalized(a).map { $0 == SalesforceId.normalized(b) } ?? false)
                #expect(ValueResolver.sameId(a, b) == normal, "\(a) vs \(b)")
            }
        }
    }
}
