import Foundation
import Testing
@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI
import NNDrawing

/// The key map is the one list of keys: the guide, help and the footer agree with it,
/// and no key acts twice in one scope.
@Suite struct KeyMapTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let begin = "<!-- key map: generated from KeyMap.markdownTable; a test checks this table against it -->"
    static let end = "<!-- end of key map -->"

    /// docs/guide.md's table is the key map's. `NNTUI_WRITE_GUIDE=1 swift test --filter
    /// KeyMapTests` writes it there after a change to the map.
    @Test func theGuideListsTheKeyMap() throws {
        let path = Self.packageRoot + "/docs/guide.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin)), stop = try #require(text.range(of: Self.end))
        let written = text[start.upperBound..<stop.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        if written != KeyMap.markdownTable && ProcessInfo.processInfo.environment["NNTUI_WRITE_GUIDE"] == "1" {
            let updated = String(text[..<start.upperBound]) + "\n" + KeyMap.markdownTable + "\n" + String(text[stop.lowerBound...])
            try updated.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(written == KeyMap.markdownTable, "docs/guide.md's key table differs from the key map: run NNTUI_WRITE_GUIDE=1 swift test --filter KeyMapTests")
    }

    @Test func noKeyActsTwiceInOneScope() {
        for scope in KeyScope.allCases {
            let keys = KeyMap.bindings.filter { $0.scope == scope }.flatMap(\.keys)
            #expect(keys.count == Set(keys.map { "\($0)" }).count, "\(scope) binds a key twice")
        }
    }

    /// Help shows every binding; the footer's keys are the map's, help and quit last.
    @Test func helpAndFooterComeFromTheMap() {
        for b in KeyMap.bindings { #expect(HelpOverlay.lines.contains(" " + NNDrawing.Format.pad(b.shown, 8) + b.help)) }
        let single = KeyMap.footer(comparison: false, finished: false).map(\.text)
        #expect(single.first == "space pause" && single.suffix(2) == ["? help", "q quit"] && !single.contains("e extend"))
        #expect(KeyMap.footer(comparison: false, finished: true).map(\.text).contains("e extend"))
        #expect(KeyMap.footer(comparison: true, finished: false).map(\.text).contains("c leave"))
        #expect(KeyMap.commandLineHelp.contains("space pause / resume"))
    }

    /// The engine reports a refusal as a value; the dashboard words it with its own key.
    @Test func noticesAreWordedWithTheMapsKeys() {
        #expect(FooterView.text(.fixedInComparison("layers")) == "leave the comparison (c) to change the layers")
        var s = ViewFixtures.state([ViewFixtures.run()], width: 80, height: 24)
        s.snapshot.notice = .failed(.input("batch size 9999 is larger than the 480 training samples"))
        #expect(render(s).row(23).contains("batch size 9999 is larger"))
    }
}

/// Rows that only show a dash take no focus.
@Suite struct DashRowTests {
    @Test func theArrowsPassOverDashRows() throws {
        var s = ViewFixtures.state([ViewFixtures.run(preset: try Preset.load("fashion-mnist"), sizes: [784, 100, 10])])
        s.snapshot.data?.source = .fashionMNIST
        s.view = .curves
        #expect(SettingsView.isDash(s, .setting(.noise)) && SettingsView.isDash(s, .setting(.samples)))
        #expect(s.focus == .setting(.data))
        _ = update(&s, .key(.down))
        #expect(s.focus == .setting(.validation), "\(s.focus)")
        _ = update(&s, .key(.up))
        #expect(s.focus == .setting(.data))
    }
}
