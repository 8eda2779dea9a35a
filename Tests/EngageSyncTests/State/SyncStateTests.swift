import Testing
@testable import EngageSync

@Suite struct SyncStateTests {
    @Test func r23_historyIsTrimmedToTen() {
        var state = SyncState()
        for i in 0..<13 { state.record(entry("r\(i)", start: at(i * 60), status: .failure), policy: SyncPolicy()) }
        #expect(state.history.count == 10)
        #expect(state.history.first?.runId == "r3")
        #expect(state.history.last?.runId == "r12")
        var small = SyncPolicy()
        small.historySize = 3
        state.record(entry("r13", start: at(13 * 60), status: .failure), policy: small)
        #expect(state.history.map(\.runId) == ["r11", "r12", "r13"])
    }

    @Test func r22_successMovesTheWatermarkFailureNever() {
        var state = SyncState()
        state.record(entry("r1", start: at(), status: .success, exportedAt: at(-10)), policy: SyncPolicy())
        #expect(state.watermark == at(-10))
        state.record(entry("r2", start: at(60), status: .failure, exportedAt: at(50)), policy: SyncPolicy())
        #expect(state.watermark == at(-10))
        state.record(entry("r3", start: at(120), status: .successWithErrors, exportedAt: at(110)), policy: SyncPolicy())
        #expect(state.watermark == at(110))
        #expect(state.lastSuccessfulRun?.runId == "r3")
    }

    @Test func r27_updateRunChangesTheNamedRun() {
        var state = SyncState()
        state.record(entry("r1", start: at(), status: .success), policy: SyncPolicy())
        #expect(state.updateRun("r1") { $0.status = .successWithErrors })
        #expect(state.run("r1")?.status == .successWithErrors)
        #expect(!state.updateRun("nope") { $0.status = .failure })
    }
}
