import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

@Suite struct BLASKernelTests {
    static let avx512: Set<String> = ["sse3", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]

    @Test func picksTheCPUsKernelOnlyWhenOpenBLASFellBackToAGenericOne() {
        #expect(BLASKernel.preferred(cpuFlags: Self.avx512, current: "Prescott", environment: [:]) == "SkylakeX")
        #expect(BLASKernel.preferred(cpuFlags: ["avx2", "fma"], current: "Prescott", environment: [:]) == "Haswell")
        #expect(BLASKernel.preferred(cpuFlags: ["sse3"], current: "Prescott", environment: [:]) == nil)
        // OpenBLAS recognised the CPU
        #expect(BLASKernel.preferred(cpuFlags: Self.avx512, current: "SkylakeX", environment: [:]) == nil)
        // the user's choice is kept, and the re-exec happens once
        #expect(
            BLASKernel.preferred(
                cpuFlags: Self.avx512, current: "Prescott", environment: ["OPENBLAS_CORETYPE": "Haswell"]) == nil)
        #expect(
            BLASKernel.preferred(
                cpuFlags: Self.avx512, current: "Prescott", environment: [BLASKernel.guardVariable: "1"]) == nil)
    }
}
