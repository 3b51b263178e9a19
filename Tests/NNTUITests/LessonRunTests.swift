import NNDrawing
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

/// Each step condition against snapshots, and the lesson's own keys and screens.
@Suite struct LessonRunTests {
    static func state(_ runs: [RunSnapshot] = [ViewFixtures.run()]) -> AppState {
        var s = ViewFixtures.state(runs)
        s.lesson = LessonRun(try! Lesson.load("4"), number: 4)
        return s
    }
    static func holds(_ c: LessonCondition, _ s: AppState) -> Bool { LessonRun.holds(c, s) }

    @Test func viewsEpochsStepsAndSettings() {
        var s = Self.state()
        s.view = .gradients
        #expect(Self.holds(.view(.gradients), s) && !Self.holds(.view(.network), s))
        s.mode = .lessonPage
        #expect(!Self.holds(.view(.gradients), s), "a view under the lesson's page is not shown")
        s.mode = .normal
        #expect(Self.holds(.epoch(5), s) && !Self.holds(.epoch(6), s))  // the fixture has 5 epochs
        #expect(Self.holds(.step(75), s) && !Self.holds(.step(76), s))
        #expect(Self.holds(.setting(key: "network.activation", value: "tanh"), s))
        #expect(!Self.holds(.setting(key: "network.activation", value: "relu"), s))
        #expect(Self.holds(.layers([2, 16, 16, 3]), s) && !Self.holds(.layers([2, 16, 3]), s))
        #expect(!Self.holds(.diverged, s))
        s.snapshot.runs[0].state = .diverged
        #expect(Self.holds(.diverged, s))
    }

    @Test func accuracyLossAndGradientRatio() {
        var s = Self.state()
        // the fixture's last epoch: loss 0.2, train accuracy 0.9, validation 0.89
        #expect(Self.holds(.accuracy(0.89), s) && !Self.holds(.accuracy(0.9), s), "validation accuracy comes first")
        #expect(Self.holds(.lossBelow(0.25), s) && !Self.holds(.lossBelow(0.2), s))
        #expect(!Self.holds(.gradientRatio(0, atLeast: true), s), "no layer statistics: no ratio")
        var run = ViewFixtures.run()
        run.history = EpochHistory([
            ViewFixtures.record(
                1, loss: 1, acc: 0.5,
                layers: [
                    LayerStatistics(deltaNorm: 1, gradientNorm: 0.001, weightNorm: 1),
                    LayerStatistics(deltaNorm: 1, gradientNorm: 0.1, weightNorm: 1),
                ])
        ])
        s.snapshot.runs = [run]
        #expect(
            Self.holds(.gradientRatio(0.1, atLeast: false), s) && !Self.holds(.gradientRatio(0.1, atLeast: true), s))
    }

    /// The spread of a layer's units, as the gradients view asks for it.
    @Test func identicalUnits() {
        var s = Self.state()
        s.snapshot.layerUnits = [
            LayerUnits(deadShare: 0, spread: 1e-9, size: 1), LayerUnits(deadShare: 0, spread: 0.3, size: 1),
        ]
        #expect(!Self.holds(.identicalUnits(layer: 1, true), s), "only while the gradients view describes the run")
        s.view = .gradients
        #expect(Self.holds(.identicalUnits(layer: 1, true), s) && !Self.holds(.identicalUnits(layer: 1, false), s))
        #expect(Self.holds(.identicalUnits(layer: 2, false), s) && !Self.holds(.identicalUnits(layer: 3, false), s))
    }

    @Test func comparisonsFinderAndGradientCheck() {
        var a = ViewFixtures.run(), b = ViewFixtures.run(label: "b")
        var s = Self.state([a, b])
        #expect(Self.holds(.comparing(2), s) && !Self.holds(.comparing(3), s) && !Self.holds(.comparisonFinished, s))
        a.state = .finished; b.state = .finished
        s.snapshot.runs = [a, b]
        #expect(Self.holds(.comparisonFinished, s))
        s = Self.state()
        s.snapshot.learningRateTest = LearningRateTest(
            run: 0, result: LearningRateFinder.Result(points: [], steepest: 0.01, minimumOverTen: 0.01, descended: true)
        )
        #expect(!Self.holds(.finderSuggests, s), "the finder is not open")
        s.mode = .finder(run: 0)
        #expect(Self.holds(.finderSuggests, s))
        s.snapshot.gradientCheck = GradientCheckResult(run: 0, epoch: 5, worstError: 1e-6, checked: 100)
        #expect(Self.holds(.gradientCheckPassed, s))
        s.snapshot.gradientCheck = GradientCheckResult(run: 0, epoch: 4, worstError: 1e-6, checked: 100)
        #expect(!Self.holds(.gradientCheckPassed, s), "a check of earlier weights")
        s.snapshot.gradientCheck = GradientCheckResult(run: 0, epoch: 5, worstError: 0.5, checked: 100)
        #expect(!Self.holds(.gradientCheckPassed, s))
    }

    /// Steps tick in order as their conditions hold; `j` skips; the end opens the page.
    @Test func stepsTickSkipAndEnd() {
        var s = Self.state()
        s.mode = .lessonPage
        _ = update(&s, .key(.enter))
        #expect(s.mode == .normal && s.lesson?.step == 0)
        _ = update(&s, .key(.char("j")))
        #expect(s.lesson?.step == 1 && s.lesson?.skipped == [0])
        _ = update(&s, .key(.char("g")))
        #expect(s.lesson?.panelShown == false && s.layout.lesson.height == 0)
        _ = update(&s, .key(.char("g")))
        #expect(s.layout.lesson.height > 1, "at 120x40 the panel is a box")
        _ = update(&s, .key(.char("j")))
        _ = update(&s, .key(.char("j")))
        #expect(s.lesson?.finished == true && s.lesson?.completed == false && s.mode == .lessonPage)
        #expect(render(s).text.contains("What there was to see (3 steps skipped)"))
        _ = update(&s, .key(.char("y")))
        #expect(render(s).text.contains("No. Any start in which all units"))
    }

    /// The last step ticking by its condition leaves the result on screen: the panel says
    /// the lesson is done, and ↵ opens the end page.
    @Test func theEndPageWaitsForTheLearner() {
        var s = Self.state()
        s.mode = .normal
        var run = s.lesson!
        run.step = run.lesson.steps.count - 1
        run.lesson.steps[run.step].until = [.epoch(1)]
        s.lesson = run
        _ = update(&s, .key(.char("x")))
        #expect(s.lesson?.finished == true && s.mode == .normal, "\(s.mode)")
        #expect(render(s).text.contains("✓ done · ↵ (or k): what you saw"))
        _ = update(&s, .key(.enter))
        #expect(s.mode == .lessonPage && render(s).text.contains("What you saw"))
        // the learner's own run comes first: where it ended, and whether it reached 90%
        let mine = LessonView.yourRuns(s)
        #expect(mine.count == 1 && mine[0].hasPrefix("your run ") && mine[0].contains("ended at 89.0% (epoch 5"))
        #expect(render(s).text.contains("· your run "), "\(render(s).text)")
    }

    /// From 160 columns the page sets its parts side by side: the point beside the
    /// steps on one row; narrower, the steps come under the point. It is as tall as its text.
    @Test func theWidePageHasTwoColumns() {
        var s = Self.state()
        s.width = 200; s.height = 60
        s.mode = .lessonPage
        let wide = render(s)
        let goal = String(s.lesson!.lesson.goal.prefix(24))
        let row = (0..<60).map { wide.row($0) }.first { $0.contains(goal) }
        #expect(row?.contains("▶ 1. Press space") == true, "\(wide.text)")
        let keys = (0..<60).first { wide.row($0).contains("↵ begin · q quit") }
        #expect(keys.map { $0 < 30 } == true, "the page ends under its text:\n\(wide.text)")
        s.width = 120; s.height = 40
        let narrow = render(s)
        let narrowRow = (0..<40).map { narrow.row($0) }.first { $0.contains(goal) }
        #expect(narrowRow?.contains("▶ 1.") == false)
    }

    /// Below 30 rows the panel is the current step, wrapped whole onto the rows the
    /// lesson's longest step needs: every step of every built-in lesson is read to its
    /// last word at 80x24, and the panel is one line once the lesson is done.
    @Test func thePanelWrapsTheWholeStepAt80x24() throws {
        for lesson in try Lesson.builtIn() {
            var s = Self.state()
            s.width = 80; s.height = 24
            s.lesson = LessonRun(lesson, number: BuiltinLessons.ids.firstIndex(of: lesson.id).map { $0 + 1 })
            let rows = s.layout.lesson.height
            #expect((2...4).contains(rows) && s.layout.view.maxY == s.layout.lesson.y, "\(lesson.id): \(rows) rows")
            for (i, step) in lesson.steps.enumerated() {
                s.lesson?.step = i
                let screen = render(s)
                let panel = (0..<rows).map { screen.row(s.layout.lesson.y + $0) }.joined(separator: " ")
                let words = step.instruction.split(whereSeparator: \.isWhitespace)
                #expect(panel.hasPrefix("▶ step \(i + 1)/\(lesson.steps.count): "), "\(panel)")
                // the step's words in order, none cut, and the panel's keys after them
                #expect(
                    panel.split(whereSeparator: \.isWhitespace).dropFirst(3).prefix(words.count).elementsEqual(words),
                    "\(lesson.id) step \(i + 1) is cut at 80x24:\n\(panel)")
                #expect(panel.contains("k page · j skip · g hide"))
            }
            s.lesson?.step = lesson.steps.count
            #expect(s.layout.lesson.height == 1)
            #expect(render(s).row(s.layout.lesson.y).contains("done · ↵"))
        }
    }

    @Test func gKeyAndGradientCheckKeyAreInTheKeyMap() {
        var s = Self.state()
        #expect(update(&s, .key(.char("G"))) == [.checkGradients(run: 0)])
        #expect(KeyMap.helpLines.contains { $0.contains("skip this step") })
    }
}

/// Drawing your own set in the boundary view: a click or the keyboard's cursor adds a
/// point of the chosen class where it is, `x` removes the nearest, `C` clears; each
/// edit sends the whole set, so a burst of them all counts.
@Suite struct DrawingTests {
    static func state() -> AppState {
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.view = .boundary
        s.snapshot.boundary = BoundaryGrid(
            columns: 4, rows: 4, xRange: (-1, 1), yRange: (-1, 1), predicted: Array(repeating: 0, count: 16),
            confidence: Array(repeating: 0.9, count: 16), pointPredictions: [0, 0])
        return s
    }
    static func points(_ intents: [Intent]) -> [DrawnPoint]? {
        guard case .setDrawnPoints(let p)? = intents.last else { return nil }
        return p
    }

    @Test func clicksAndKeysDrawTheSet() throws {
        var s = Self.state()
        let plane = try #require(BoundaryView.plane(s))
        // the first edit starts from the set's own two points
        var sent = update(&s, .mouse(x: plane.x, y: plane.y, .click))
        var p = try #require(Self.points(sent))
        #expect(p.count == 3 && p[0] == DrawnPoint(x1: -0.5, x2: 0.5, target: 0))
        #expect(p[2].x1 < -0.95 && p[2].x2 > 0.9 && p[2].target == 0, "the top-left cell: \(p[2])")
        // C clears: nothing to train until a point comes; 1 picks the class
        #expect(Self.points(update(&s, .key(.char("C")))) == nil && s.drawnPoints == [])
        _ = update(&s, .key(.char("1")))
        sent = update(&s, .mouse(x: plane.maxX - 1, y: plane.maxY - 1, .click))
        p = try #require(Self.points(sent))
        #expect(p.count == 1 && p[0].target == 1 && p[0].x1 > 0.95 && p[0].x2 < -0.9)
        // the keyboard: * shows the cursor in the middle, arrows move it, space drops a point
        _ = update(&s, .key(.char("*")))
        #expect(s.drawCursor == BoundaryView.center(s))
        _ = update(&s, .key(.left))
        _ = update(&s, .key(.up))
        _ = update(&s, .key(.char("2")))
        let dropped = update(&s, .key(.char(" ")))
        p = try #require(Self.points(dropped))
        #expect(p.count == 2 && p[1].target == 2 && abs(p[1].x1) < 0.1 && abs(p[1].x2) < 0.2)
        #expect(!dropped.contains(.togglePause), "space drops a point while the cursor is shown, not pause")
        // x removes the point nearest the cursor
        p = try #require(Self.points(update(&s, .key(.char("x")))))
        #expect(p.count == 1 && p[0].target == 1)
        _ = update(&s, .key(.escape))
        #expect(s.drawCursor == nil && update(&s, .key(.char(" "))) == [.togglePause])
    }

    /// `C` empties the plane: the header says so, a running run stops, the training
    /// keys say why they wait, and the first point drawn becomes the set.
    @Test func anEmptyPlaneWaitsForItsFirstPoint() throws {
        var s = Self.state()
        s.snapshot.paused = false
        s.snapshot.runs[0].state = .running
        #expect(update(&s, .key(.char("C"))) == [.togglePause], "the run stops training on points that are gone")
        #expect(s.planeCleared && render(s).row(0).contains("drawn: no points yet"), "\(render(s).row(0))")
        #expect(render(s).text.contains("waits for the first point"))
        for key in [" ", "n", "b", "G", "f"] {
            #expect(update(&s, .key(.char(Character(key)))) == [], "\(key) trains on nothing")
            #expect(s.note?.hasPrefix("the plane is empty: draw a point first") == true && s.mode == .normal)
        }
        let plane = try #require(BoundaryView.plane(s))
        let p = try #require(Self.points(update(&s, .mouse(x: plane.x, y: plane.y, .click))))
        #expect(p.count == 1 && !s.planeCleared)
        #expect(update(&s, .key(.char(" "))) == [.togglePause])
    }

    /// Keys typed as the view opens, before its first grid arrives, all land: the
    /// plane's ranges come with the data.
    @Test func pointsDroppedBeforeTheFirstGridCount() throws {
        var s = Self.state()
        s.snapshot.boundary = nil
        s.snapshot.data?.planeExtent = ((-2, 2), (-1, 1))
        s.drawnPoints = []
        _ = update(&s, .key(.char("*")))
        var last: [Intent] = []
        for key in [Key.char(" "), .right, .char(" "), .right, .char(" ")] { last = update(&s, .key(key)) }
        let p = try #require(Self.points(last))
        #expect(p.count == 3 && abs(p[0].x1) < 0.1 && abs(p[0].x2) < 0.1 && p[2].x1 > p[1].x1, "\(p)")
    }

    /// Twenty quick clicks: the last intent holds all twenty points (none lost).
    @Test func aBurstOfClicksAllCount() throws {
        var s = Self.state()
        s.drawnPoints = []
        let plane = try #require(BoundaryView.plane(s))
        var last: [Intent] = []
        for k in 0..<20 {
            last = update(&s, .mouse(x: plane.x + k % plane.width, y: plane.y + k % plane.height, .click))
        }
        #expect(Self.points(last)?.count == 20)
    }

    /// A click on a full set, or the first edit of a set larger than a drawn set may
    /// be, sends the set for the session to refuse (it says why) and keeps nothing.
    @Test func aSetPastTheLimitIsNotKept() throws {
        var s = Self.state()
        let full = Array(repeating: DrawnPoint(x1: 0, x2: 0, target: 0), count: DrawnPoint.most)
        s.drawnPoints = full
        let plane = try #require(BoundaryView.plane(s))
        #expect(Self.points(update(&s, .mouse(x: plane.x, y: plane.y, .click)))?.count == DrawnPoint.most + 1)
        #expect(s.drawnPoints == full)
        #expect(
            OutcomeText.text(.drawnSetRefused(DrawnPoint.check(full + full)!))
                == "the drawn set is unchanged: it would hold 20000 points; a drawn set holds at most 10000 (x "
                + "removes the nearest point, C clears the plane)"
        )
    }
}

/// The network view's weight edit by keys: `( )` pick the connection, `W` types a
/// value, enter sets it (a value that is not a number stays to be corrected).
@Suite struct WeightEditKeysTests {
    @Test func parenthesesPickAndWTypesTheWeight() {
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.view = .network
        s.networkLayer = 2
        s.networkUnit = 3
        _ = update(&s, .key(.char(")")))
        _ = update(&s, .key(.char(")")))
        _ = update(&s, .key(.char("(")))
        #expect(s.networkSource == 1)
        _ = update(&s, .key(.char("W")))
        for c in "-0.5e" { _ = update(&s, .key(.char(c))) }
        #expect(update(&s, .key(.enter)) == [] && s.weightInput == "-0.5e", "not a number yet: still typing")
        _ = update(&s, .key(.backspace))
        #expect(update(&s, .key(.enter)) == [.setWeight(layer: 2, unit: 3, from: 1, value: -0.5)] && s.mode == .normal)
        _ = update(&s, .key(.char("W")))
        _ = update(&s, .key(.escape))
        #expect(s.mode == .normal)
        for _ in 0..<40 { _ = update(&s, .key(.char(")"))) }
        #expect(s.networkSource == 15, "at most the layer below's last unit")
    }

    /// A value enter will not set says why on the entry line (1000001 was silently kept).
    @Test func theEntrySaysWhyAValueIsNotSet() throws {
        #expect(WeightEntry.hint("") == "↵ set · esc cancel" && WeightEntry.hint("-0.5") == "↵ set · esc cancel")
        #expect(
            WeightEntry.hint("-0.5e") == "not a number yet · esc cancel"
                && WeightEntry.hint("nan") == "not a number yet · esc cancel"
        )
        #expect(
            WeightEntry.hint("1000001") == "beyond ±1e6 · esc cancel"
                && WeightEntry.hint("-1e300") == "beyond ±1e6 · esc cancel")
        #expect(WeightEntry.value("1e6") == .success(1e6) && WeightEntry.value("inf") == .failure(.tooLarge))
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.view = .network
        s.networkLayer = 2
        _ = update(&s, .key(.char("W")))
        for c in "1000001" { _ = update(&s, .key(.char(c))) }
        #expect(update(&s, .key(.enter)) == [] && s.weightInput == "1000001")
        s.snapshot.network = ViewComputations.networkPicture(
            try Experiment.trainer(try Preset.load("spiral-tanh")), columns: 6, rows: 4,
            layer: 2, unit: 0)
        for (width, height) in [(80, 24), (120, 40)] {
            s.width = width
            s.height = height
            let text = render(s).text
            #expect(text.contains("= 1000001▌") && text.contains("beyond ±1e6 · esc"), "\(width)x\(height): \(text)")
        }
    }
}
