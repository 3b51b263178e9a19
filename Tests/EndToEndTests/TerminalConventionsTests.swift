import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// The conventions of the terminals nntui meets: locales without UTF-8, colour
    /// depths, NO_COLOR.
    @Suite struct TerminalConventionsTests {
        /// Under `LANG=C` (most containers) and `LC_ALL=POSIX` every non-ASCII glyph
        /// came out blank (borders, tiles, charts); the dashboard now takes a UTF-8
        /// locale for characters and draws them.
        @Test(arguments: ["export LANG=C; unset LC_ALL LC_CTYPE", "export LC_ALL=POSIX"])
        func aLocaleWithoutUTF8StillDrawsEveryGlyph(setup: String) throws {
            let t = try Tmux([], width: 100, height: 30, setup: setup)
            let s = t.wait { $0.contains("settings") && (Tmux.epoch($0) ?? 0) > 0 }
            #expect(s.contains("┌─ settings") && s.contains("│data"), "\(s)")
            let drawn = s.split(separator: "\n").filter { $0.unicodeScalars.contains { $0.value >= 0x80 } }.count
            #expect(drawn >= 25, "\(drawn) lines with glyphs:\n\(s)")
            t.quit()
        }

        /// The colour sequences on screen (`capture-pane -e`), e.g. `38;2;95;135;215`.
        static func colours(_ t: Tmux) -> [String] {
            let text = (try? t.tmux(["capture-pane", "-e", "-p", "-t", "main"])) ?? ""
            return text.matches(of: /\x{1B}\[([0-9;:]*)m/).flatMap { m in
                // one sequence may set several things: keep the colour parts
                String(m.1).split(separator: ";").map(String.init).isEmpty ? [] : [String(m.1)]
            }.filter { $0.contains("38;") || $0.contains("48;") || $0.split(separator: ";").contains { Int($0).map { (30...37).contains($0) || (40...47).contains($0) || (90...97).contains($0) || (100...107).contains($0) } ?? false } }
        }

        /// A direct-colour terminal gets the palette's RGB values (it was sent palette
        /// indices as RGB: `38;2;0;0;231`, everything blue or black).
        @Test func directColourIsRGB() throws {
            let t = try Tmux([], width: 120, height: 40, term: "xterm-direct")
            _ = t.wait { $0.contains("settings") && (Tmux.epoch($0) ?? 0) > 0 }
            let rgb = Self.colours(t).filter { $0.contains("38;2;") || $0.contains("48;2;") }
            #expect(!rgb.isEmpty, "no RGB colour: \(Self.colours(t))")
            // a cube colour's channels are xterm's levels (0, 95, 135, 175, 215, 255), never an index
            let channels = rgb.flatMap { $0.split(separator: ";").suffix(3).compactMap { Int($0) } }
            #expect(channels.allSatisfy { [0, 95, 135, 175, 215, 255].contains($0) } && channels.contains { $0 >= 95 }, "\(rgb)")
            t.quit()
        }

        /// A 16-colour terminal gets the 16 ANSI colours (it was treated as 8);
        /// NO_COLOR and --color never give none at all.
        @Test func sixteenColoursAndNoColour() throws {
            let t = try Tmux([], width: 120, height: 40, term: "xterm-16color")
            _ = t.wait { $0.contains("settings") && (Tmux.epoch($0) ?? 0) > 0 }
            let sixteen = Self.colours(t)
            #expect(!sixteen.isEmpty && !sixteen.contains { $0.contains("38;5;") || $0.contains("38;2;") }, "\(sixteen)")
            #expect(sixteen.contains { $0.split(separator: ";").contains { Int($0).map { (90...97).contains($0) || (100...107).contains($0) } ?? false } },
                    "no bright colour: \(sixteen)")
            t.quit()
            for (args, setup) in [([String](), "export NO_COLOR=1"), (["--color", "never"], "")] {
                let n = try Tmux(args, width: 120, height: 40, setup: setup)
                let s = n.wait { $0.contains("settings") && (Tmux.epoch($0) ?? 0) > 0 }
                #expect(s.contains("settings") && Self.colours(n).isEmpty, "\(args) \(setup): \(Self.colours(n))")
                n.quit()
            }
        }
    }
}
