import Foundation
import NNDrawing
import TestSupport
import Testing

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
            }.filter {
                $0.contains("38;") || $0.contains("48;")
                    || $0.split(separator: ";").contains {
                        Int($0).map {
                            (30...37).contains($0) || (40...47).contains($0) || (90...97).contains($0)
                                || (100...107).contains($0)
                        } ?? false
                    }
            }
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
            #expect(
                channels.allSatisfy { [0, 95, 135, 175, 215, 255].contains($0) } && channels.contains { $0 >= 95 },
                "\(rgb)")
            t.quit()
        }

        /// A 16-colour terminal gets the 16 ANSI colours (it was treated as 8);
        /// NO_COLOR and --color never give none at all.
        @Test func sixteenColoursAndNoColour() throws {
            let t = try Tmux([], width: 120, height: 40, term: "xterm-16color")
            _ = t.wait { $0.contains("settings") && (Tmux.epoch($0) ?? 0) > 0 }
            let sixteen = Self.colours(t)
            #expect(
                !sixteen.isEmpty && !sixteen.contains { $0.contains("38;5;") || $0.contains("38;2;") }, "\(sixteen)")
            #expect(
                sixteen.contains {
                    $0.split(separator: ";").contains {
                        Int($0).map { (90...97).contains($0) || (100...107).contains($0) } ?? false
                    }
                },
                "no bright colour: \(sixteen)")
            t.quit()
            for (args, setup) in [([String](), "export NO_COLOR=1"), (["--color", "never"], "")] {
                let n = try Tmux(args, width: 120, height: 40, setup: setup)
                let s = n.wait { $0.contains("settings") && (Tmux.epoch($0) ?? 0) > 0 }
                #expect(s.contains("settings") && Self.colours(n).isEmpty, "\(args) \(setup): \(Self.colours(n))")
                n.quit()
            }
        }

        /// The 256-colour foregrounds of the visible characters drawn on the terminal's
        /// own background, read from `capture-pane -e` by following each SGR sequence.
        static func foregroundsOnDefault(_ t: Tmux) -> [Int] {
            let text = (try? t.tmux(["capture-pane", "-e", "-p", "-t", "main"])) ?? ""
            var fg: Int?, bgSet = false, found: [Int] = []
            var scalars = text.unicodeScalars[...]
            while let c = scalars.first {
                scalars = scalars.dropFirst()
                if c == "\u{1B}", scalars.first == "[" {
                    let body = String(String.UnicodeScalarView(scalars.dropFirst().prefix { $0 != "m" }))
                    scalars = scalars.dropFirst(body.unicodeScalars.count + 2)
                    var codes = body.split(separator: ";").map { Int($0) ?? -1 }[...]
                    if codes.isEmpty { fg = nil; bgSet = false }
                    while let k = codes.popFirst() {
                        switch k {
                        case 0: fg = nil; bgSet = false
                        case 39: fg = nil
                        case 49: bgSet = false
                        case 38 where codes.first == 5: codes.removeFirst(); fg = codes.popFirst()
                        case 48: bgSet = true; codes.removeAll()
                        case 40...47, 100...107: bgSet = true
                        case 30...37: fg = k - 30
                        case 90...97: fg = k - 82
                        default: break
                        }
                    }
                } else if c.value > 32, let f = fg, !bgSet {
                    found.append(f)
                }
            }
            return found
        }

        /// `--theme light` (and COLORFGBG=0;15): no text on the background is a
        /// colour that loses WCAG's 4.5:1 against white (colour 231 and the pastels
        /// were 1.0 to 1.5:1).
        @Test(arguments: [(["--theme", "light"], ""), ([], "export COLORFGBG='0;15'")])
        func aLightThemeKeepsTextReadable(args: [String], setup: String) throws {
            let t = try Tmux(args, width: 120, height: 40, setup: setup)
            _ = t.wait { $0.contains("settings") && (Tmux.epoch($0) ?? 0) > 1 }
            for view in ["training curves", "network"] {
                t.view(view)
                usleep(300_000)
                let colours = Self.foregroundsOnDefault(t)
                #expect(!colours.isEmpty, "no coloured text in \(view)")
                let pale = Set(
                    colours.filter {
                        Color(paletteIndex: $0).map { Color.contrast($0.rgb255!, (255, 255, 255)) < 4.5 } ?? false
                    })
                #expect(pale.isEmpty, "\(view): colours \(pale.sorted()) are too pale for a light background")
            }
            t.quit()
        }

        /// Under screen's and tmux's terminfo the mouse was asked for in X10's form,
        /// which cannot say a column past 223: SGR reports are asked for everywhere.
        @Test(arguments: ["screen-256color", "tmux-256color"])
        func clicksPastColumn223Count(term: String) throws {
            let t = try Tmux([], width: 250, height: 40, term: term)
            _ = t.wait { $0.contains("settings") && (Tmux.epoch($0) ?? 0) > 0 }
            // the pane's program asked for press/release reports (1000) in SGR's form (1006)
            let modes = try t.tmux(["display-message", "-p", "-t", "main", "#{mouse_standard_flag} #{mouse_sgr_flag}"])
            #expect(modes == "1 1\n", "\(modes)")
            t.view("decision boundary")
            t.send("C")
            t.show("an empty plane")
            t.send(literal: "\u{1B}[<0;231;20M\u{1B}[<0;231;20m")
            t.show("drawn set: 1 point")
            t.quit()
            // and the terminal is given back without mouse reporting
            #expect(
                try t.tmux(["display-message", "-p", "-t", "main", "#{mouse_standard_flag} #{mouse_sgr_flag}"])
                    == "0 0\n")
        }
    }
}
