import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

/// Under a locale with no UTF-8 (none to switch to) the dashboard draws in ASCII:
/// every glyph a view draws has a stand-in, so no view turns into question marks.
@Suite struct AsciiGlyphsTests {
    @Test func everyGlyphTheViewsDrawHasAStandIn() throws {
        let t = try Experiment.trainer(try Preset.load("spiral-tanh"))
        _ = t.trainEpoch()
        var unknown: Set<Character> = []
        for (width, height) in [(80, 24), (120, 40)] {
            for view in ViewKind.allCases {
                var s = ViewFixtures.state([ViewFixtures.run()])
                s.width = width
                s.height = height
                s.view = view
                s.snapshot.network = ViewComputations.networkPicture(t, columns: 6, rows: 4, layer: 1, unit: 0)
                for scalar in render(s).text.unicodeScalars where AsciiGlyphs.map(scalar) == "?" && scalar != "?" {
                    unknown.insert(Character(scalar))
                }
                s.mode = .help(scroll: 0)
                for scalar in render(s).text.unicodeScalars where AsciiGlyphs.map(scalar) == "?" && scalar != "?" {
                    unknown.insert(Character(scalar))
                }
            }
        }
        #expect(unknown.isEmpty, "no ASCII stand-in for \(unknown.sorted())")
    }

    @Test func standInsAreASCII() {
        for v in UInt32(0x80)...0x2FFF {
            guard let c = Unicode.Scalar(v) else { continue }
            #expect(AsciiGlyphs.map(c).value < 0x80)
        }
        #expect(AsciiGlyphs.map("┌") == "+" && AsciiGlyphs.map("─") == "-" && AsciiGlyphs.map("│") == "|")
        #expect(AsciiGlyphs.map("\u{2800}") == " " && AsciiGlyphs.map("\u{28FF}") == "#" && AsciiGlyphs.map("▶") == ">")
    }
}
