import Testing
@testable import EngageSync

/// The in-place UTF-8 check of snapshot cells (SPEC §8: invalid UTF-8 is an input error) agrees
/// with the standard library's validation on well-formed and ill-formed sequences alike.
@Suite struct UTF8ValidationTests {
    static let samples: [[UInt8]] = [
        [], Array("plain ASCII".utf8), Array("Chloé Kowalczyk".utf8), Array("山田 太郎".utf8), Array("🩺 MD".utf8),
        [0xC3], [0xC3, 0x28], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF0, 0x9F, 0xA9], [0xFF], [0x80], Array("ok".utf8) + [0xE2, 0x82], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
        [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xC2, 0x80],
    ]

    @Test(arguments: samples) func agreesWithTheStandardLibrary(_ bytes: [UInt8]) {
        let expected = String(validating: bytes, as: UTF8.self) != nil
        #expect(bytes.withUnsafeBufferPointer(UTF8Validation.isValid) == expected)
    }

    @Test func agreesOnEveryTwoByteSequence() {
        for a in 0...255 {
            for b in 0...255 {
                let bytes: [UInt8] = [UInt8(a), UInt8(b)]
                let expected = String(validating: bytes, as: UTF8.self) != nil
                #expect(bytes.withUnsafeBufferPointer(UTF8Validation.isValid) == expected)
            }
        }
    }
}
