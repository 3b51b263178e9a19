import Testing

@testable import NNDrawing

/// Colours on terminals of every depth, and when to colour at all.
@Suite struct ColorTests {
    @Test func everyDepthGetsItsOwnNumbers() {
        let blue = Color.cube(1, 2, 5, fallback: .blue)
        #expect(blue.rgb255! == (95, 135, 255))
        #expect(blue.direct == Int32(95 << 16 | 135 << 8 | 255))
        #expect(Color.red.direct == 1 && Color.default.direct == -1, "the standard colours stay the terminal's own")
        #expect(
            blue.nearest16 == 12 && Color.cube(5, 5, 5, fallback: .white).nearest16 == 15
                && Color.cube(0, 0, 0, fallback: .black).nearest16 == 0)
        #expect(Color.green.nearest16 == 2 && Color.default.nearest16 == -1)
    }

    @Test func noColorAndTheOption() {
        #expect(ColorMode.auto.colors(tty: true, environment: [:]))
        #expect(!ColorMode.auto.colors(tty: true, environment: ["NO_COLOR": "1"]))
        #expect(
            ColorMode.auto.colors(tty: true, environment: ["NO_COLOR": ""]), "an empty NO_COLOR is unset (no-color.org)"
        )
        #expect(!ColorMode.auto.colors(tty: false, environment: [:]))
        #expect(
            ColorMode.always.colors(tty: false, environment: ["NO_COLOR": "1"])
                && !ColorMode.never.colors(tty: true, environment: [:]))
    }

    /// On a light background every colour as text keeps 4.5:1 against white; one that
    /// already does is itself; the theme comes from --theme or COLORFGBG.
    @Test func textOnWhiteKeepsItsContrast() {
        for i in 0...255 {
            let c = Color(paletteIndex: i)!
            let shown = c.onWhite
            #expect(Color.contrast(shown.rgb255!, (255, 255, 255)) >= 4.5, "\(i) → \(shown.index)")
            if Color.contrast(c.rgb255!, (255, 255, 255)) >= 4.5 { #expect(shown == c) }
        }
        #expect(Color.contrast((0, 0, 0), (255, 255, 255)) == 21)
        #expect(Theme.light.isLight(environment: [:]) && !Theme.dark.isLight(environment: ["COLORFGBG": "0;15"]))
        #expect(
            Theme.auto.isLight(environment: ["COLORFGBG": "0;15"])
                && Theme.auto.isLight(environment: ["COLORFGBG": "0;default;7"]))
        #expect(!Theme.auto.isLight(environment: ["COLORFGBG": "15;0"]) && !Theme.auto.isLight(environment: [:]))
    }
}
