import Foundation
import NNDrawing
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

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
            let updated =
                String(text[..<start.upperBound]) + "\n" + KeyMap.markdownTable + "\n"
                + String(text[stop.lowerBound...])
            try updated.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            written == KeyMap.markdownTable,
            "the guide's key table differs from the key map: NNTUI_WRITE_GUIDE=1 swift test --filter KeyMapTests"
        )
    }

    @Test func noKeyActsTwiceInOneScope() {
        for scope in KeyScope.allCases {
            let keys = KeyMap.bindings.filter { $0.scope == scope }.flatMap(\.keys)
            #expect(keys.count == Set(keys.map { "\($0)" }).count, "\(scope) binds a key twice")
        }
    }

    /// Help shows every binding; the footer's keys are the map's, help and quit last.
    @Test func helpAndFooterComeFromTheMap() {
        for b in KeyMap.bindings {
            #expect(HelpOverlay.lines.contains(" " + NNDrawing.Format.pad(b.shown, 8) + b.help))
        }
        let single = KeyMap.footer(comparison: false, finished: false).map(\.text)
        #expect(
            single.first == "space pause" && single.suffix(2) == ["? help", "q quit"] && !single.contains("e extend"))
        #expect(KeyMap.footer(comparison: false, finished: true).map(\.text).contains("e extend"))
        #expect(KeyMap.footer(comparison: true, finished: false).map(\.text).contains("c leave"))
        #expect(KeyMap.commandLineHelp.contains("space pause / resume"))
    }

    /// The engine reports outcomes as values; the dashboard words them with its own keys.
    @Test func outcomesAreWordedWithTheMapsKeys() {
        #expect(
            OutcomeText.text(.fixedInComparison(.setting(.layers))) == "leave the comparison (c) to change the layers")
        #expect(
            OutcomeText.text(.fixed(.data, .drawnSet)) == "a drawn set: edit it in the boundary view (click, 0-9, x, C)"
        )
        #expect(
            OutcomeText.text(.weightEdited(layer: 2, unit: 1, from: 3, before: 0.5, after: 2))
                == "W[2][1, 3] 0.5 → 2: training goes on from the edited weights (r starts again from the seed)")
        #expect(
            OutcomeText.text(.speed(limit: 1)) == "speed: at most 1 epoch a second"
                && OutcomeText.text(.speed(limit: 0)) == "speed: full")
        var s = ViewFixtures.state([ViewFixtures.run()], width: 80, height: 24)
        s.snapshot.outcome = .failed(.input("batch size 9999 is larger than the 480 training samples"))
        #expect(render(s).row(23).contains("batch size 9999 is larger"))
    }

    /// Every action a message names a key for is bound, and a pair of keys carries its argument.
    @Test func actionsCarryTheirArguments() {
        #expect(KeyMap.action(.char("R"), in: .everywhere) == .reset(newSeed: true))
        #expect(KeyMap.action(.char("r"), in: .everywhere) == .reset(newSeed: false))
        #expect(KeyMap.action(.char("<"), in: .everywhere) == .speed(by: 1))
        #expect(KeyMap.action(.char("7"), in: .boundary) == .pickDrawClass(7))
        #expect(KeyMap.action(.char("]"), in: .network) == .selectLayer(by: 1, arrow: false))
        #expect(KeyMap.action(.left, in: .network) == .selectLayer(by: -1, arrow: true))
        #expect(KeyMap.action(.char("q"), in: .finder) == .closeFinder(quit: true))
        #expect(KeyMap.action(.char("Q"), in: .watch) == .quit)
        #expect(KeyMap.key(for: .leaveComparison) == "c" && KeyMap.key(for: .pickerTick) == "space")
        #expect(
            KeyMap.divergedFooter(resumingFrom: "epoch 3").map(\.text)
                == ["-: lower the rate", "space/n: resume from epoch 3", "r: restart", "? help", "q quit"])
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
