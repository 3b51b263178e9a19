import Testing
@testable import NNDrawing

/// Colours on terminals of every depth, and when to colour at all.
@Suite struct ColorTests {
    @Test func everyDepthGetsItsOwnNumbers() {
        let blue = Color.cube(1, 2, 5, fallback: .blue)
        #expect(blue.rgb255! == (95, 135, 255))
        #expect(blue.direct == Int32(95 << 16 | 135 << 8 | 255))
        #expect(Color.red.direct == 1 && Color.default.direct == -1, "the standard colours stay the terminal's own")
        #expect(blue.nearest16 == 12 && Color.cube(5, 5, 5, fallback: .white).nearest16 == 15 && Color.cube(0, 0, 0, fallback: .black).nearest16 == 0)
        #expect(Color.green.nearest16 == 2 && Color.default.nearest16 == -1)
    }

    @Test func noColorAndTheOption() {
        #expect(ColorMode.auto.colors(tty: true, environment: [:]))
        #expect(!ColorMode.auto.colors(tty: true, environment: ["NO_COLOR": "1"]))
        #expect(ColorMode.auto.colors(tty: true, environment: ["NO_COLOR": ""]), "an empty NO_COLOR is unset (no-color.org)")
        #expect(!ColorMode.auto.colors(tty: false, environment: [:]))
        #expect(ColorMode.always.colors(tty: false, environment: ["NO_COLOR": "1"]) && !ColorMode.never.colors(tty: true, environment: [:]))
    }
}
