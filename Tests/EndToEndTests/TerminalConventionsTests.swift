import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// The conventions of the terminals nntui meets: locales without UTF-8.
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
    }
}
