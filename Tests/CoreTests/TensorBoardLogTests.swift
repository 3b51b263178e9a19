import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// The framing and encoding of TensorBoard's event files, against published values.
@Suite struct TensorBoardLogTests {
    @Test func framingAndEncoding() {
        // CRC-32C's check value (RFC 3720): "123456789" → 0xE3069283
        #expect(TensorBoardLog.crc32c(Array("123456789".utf8)) == 0xE306_9283)
        #expect(TensorBoardLog.varint(300) == [0xAC, 0x02] && TensorBoardLog.varint(0) == [0])
        let record = TensorBoardLog.record([1, 2, 3])
        #expect(
            record.count == 8 + 4 + 3 + 4 && Array(record[0..<8]) == [3, 0, 0, 0, 0, 0, 0, 0]
                && Array(record[12..<15]) == [1, 2, 3])
        // Summary.Value { tag: "a", simple_value: 1.0 }: 0a 01 61 15 00 00 80 3f
        #expect(TensorBoardLog.scalar("a", 1) == [0x0A, 0x01, 0x61, 0x15, 0x00, 0x00, 0x80, 0x3F])
    }

    /// A run's name is never a path: its folder keeps letters, digits, `.`, `-`, `_`.
    @Test func theRunFolderIsTheNameMadeSafe() {
        #expect(
            TensorBoardLog(folder: "tb", run: "../a/b c", settings: "").path.hasPrefix(
                "tb/.._a_b_c/events.out.tfevents."))
        #expect(TensorBoardLog(folder: "tb", run: "..", settings: "").path.hasPrefix("tb/run/"))
    }
}
