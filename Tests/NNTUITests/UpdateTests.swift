import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

/// `update` for every key in every mode: what it does to the UI state and which
/// intents it yields. Pure, so each case is one call.
@Suite struct UpdateTests {
    static func single() -> AppState { ViewFixtures.state([ViewFixtures.run()]) }
    static func compare() -> AppState {
        var s = ViewFixtures.state([
            ViewFixtures.run(label: "sgd"), ViewFixtures.run(label: "adam"), ViewFixtures.run(label: "rmsprop"),
        ])
        s.snapshot.compareMode = true
        return s
    }

    /// Keys that only yield an intent, the same in both modes.
    @Test(arguments: [
        (Key.char(" "), Intent.togglePause), (.char("n"), .stepEpoch), (.char("b"), .stepBatch),
        (.char("r"), .reset(newSeed: false)), (.char("R"), .reset(newSeed: true)), (.char("e"), .extend),
        (.char("p"), .savePreset), (.char("<"), .changeSpeed(by: 1)), (.char(">"), .changeSpeed(by: -1)),
        (.char("d"), .changePolynomialDegree(by: -1)), (.char("D"), .changePolynomialDegree(by: 1)),
    ])
    func commonKeysYieldTheirIntent(key: Key, intent: Intent) {
        for var s in [Self.single(), Self.compare()] {
            #expect(update(&s, .key(key)) == [intent])
            #expect(!s.quit && !s.showHelp)
        }
    }

    /// Single run: the keys that change settings say which setting and which way, never a value.
    @Test(arguments: [
        (Key.char("a"), Intent.step(.activation, by: 1, run: 0)), (.char("o"), .step(.optimizer, by: 1, run: 0)),
        (.char("s"), .step(.schedule, by: 1, run: 0)), (.char("+"), .step(.learningRate, by: 1, run: 0)),
        (.char("="), .step(.learningRate, by: 1, run: 0)), (.char("-"), .step(.learningRate, by: -1, run: 0)),
        (.char("_"), .step(.learningRate, by: -1, run: 0)), (.char("w"), .saveCheckpoint(run: 0)),
    ])
    func singleRunSettingKeys(key: Key, intent: Intent) {
        var s = Self.single()
        #expect(update(&s, .key(key)) == [intent])
    }

    @Test func settingsPanelMovesAndChangesTheFocusedRow() {
        var s = Self.single()
        #expect(s.focus == .setting(.data))
        #expect(update(&s, .key(.up)).isEmpty)
        #expect(s.focus == .speed)
        #expect(update(&s, .key(.left)) == [.changeSpeed(by: 1)])
        #expect(update(&s, .key(.right)) == [.changeSpeed(by: -1)])
        _ = update(&s, .key(.tab))
        #expect(s.focus == .setting(.data))
        // every setting row: ← and → step it back and forth, enter forward (or adds a
        // layer); the features row toggles each input instead (featuresRowTogglesEachInput)
        for setting in Setting.allCases {
            s.focus = .setting(setting)
            guard setting != .features else { _ = update(&s, .key(.down)); continue }
            #expect(update(&s, .key(.left)) == [.step(setting, by: -1, run: 0)])
            #expect(update(&s, .key(.right)) == [.step(setting, by: 1, run: 0)])
            #expect(
                update(&s, .key(.enter)) == (setting == .layers ? [.addHiddenLayer] : [.step(setting, by: 1, run: 0)]))
            _ = update(&s, .key(.down))
        }
        #expect(s.focus == .speed)
        _ = update(&s, .key(.backTab))
        #expect(s.focus == .setting(.seed))
    }

    /// The reported bug: `+` then `o` typed quickly. Each key yields its own relative
    /// intent, so whatever the snapshot in between says, both changes are sent.
    @Test func quickKeysEachYieldTheirOwnChangeEvenWithAStaleSnapshotBetween() {
        var s = Self.single()
        let stale = s.snapshot
        var sent = update(&s, .key(.char("+")))
        sent += update(&s, .snapshot(stale))
        sent += update(&s, .key(.char("o")))
        #expect(sent == [.step(.learningRate, by: 1, run: 0), .step(.optimizer, by: 1, run: 0)])
        // → → on the layers row: two steps, not one step sent twice from the same sizes
        s.focus = .setting(.layers)
        sent = update(&s, .key(.right))
        sent += update(&s, .snapshot(stale))
        sent += update(&s, .key(.right))
        #expect(sent == [.step(.layers, by: 1, run: 0), .step(.layers, by: 1, run: 0)])
    }

    @Test func compareModeKeys() {
        var s = Self.compare()
        #expect(update(&s, .key(.down)).isEmpty && s.selectedRun == 1)
        #expect(update(&s, .key(.tab)).isEmpty && s.selectedRun == 2)
        #expect(update(&s, .key(.down)).isEmpty && s.selectedRun == 0)
        #expect(update(&s, .key(.up)).isEmpty && s.selectedRun == 2)
        #expect(update(&s, .key(.backTab)).isEmpty && s.selectedRun == 1)
        #expect(update(&s, .key(.char("+"))) == [.step(.learningRate, by: 1, run: 1)])
        #expect(update(&s, .key(.char("-"))) == [.step(.learningRate, by: -1, run: 1)])
        #expect(update(&s, .key(.char("w"))) == [.saveCheckpoint(run: 1)])
        _ = update(&s, .key(.char("h")))
        #expect(s.hiddenRuns == [1])
        _ = update(&s, .key(.char("h")))
        #expect(s.hiddenRuns.isEmpty)
        _ = update(&s, .key(.char("m")))
        #expect(s.smallMultiples)
        _ = update(&s, .key(.char("t")))
        #expect(s.compareValidation)
        // settings keys do nothing in compare mode
        #expect(update(&s, .key(.char("o"))).isEmpty && update(&s, .key(.left)).isEmpty)
        #expect(update(&s, .key(.enter)) == [.promote(1)])
        #expect(s.selectedRun == 0)
        var t = Self.compare()
        t.selectedRun = 2
        t.hiddenRuns = [0]
        #expect(update(&t, .key(.char("c"))) == [.leaveCompare])
        #expect(t.selectedRun == 0 && t.hiddenRuns.isEmpty)
        var u = Self.compare()
        #expect(update(&u, .key(.escape)) == [.leaveCompare])
    }

    @Test func helpSwallowsKeysUntilClosed() {
        var s = Self.single()
        #expect(update(&s, .key(.char("?"))).isEmpty && s.showHelp)
        #expect(update(&s, .key(.char("o"))).isEmpty && update(&s, .key(.char(" "))).isEmpty)
        #expect(s.showHelp && !s.quit)
        #expect(update(&s, .key(.char("q"))).isEmpty)
        #expect(!s.showHelp && !s.quit)
        _ = update(&s, .key(.char("?")))
        _ = update(&s, .key(.escape))
        #expect(!s.showHelp)
        #expect(update(&s, .key(.char("q"))).isEmpty && s.quit)
    }

    @Test func comparePickerOpensCancelsAndStarts() {
        var s = Self.single()
        #expect(update(&s, .key(.char("c"))).isEmpty && s.picker != nil)
        #expect(update(&s, .key(.escape)).isEmpty && s.picker == nil)
        _ = update(&s, .key(.char("c")))
        #expect(update(&s, .key(.char("q"))).isEmpty && s.picker == nil && !s.quit)
        _ = update(&s, .key(.char("c")))
        #expect(update(&s, .key(.char(" "))).isEmpty)  // untick sgd
        #expect(update(&s, .key(.char(" "))).isEmpty)  // tick it again
        #expect(
            update(&s, .key(.enter)) == [
                .compare(.optimizers([.sgd, .momentum, .nesterov, .adagrad, .rmsprop, .adam]))
            ])
        #expect(s.picker == nil)
    }

    /// The first view: the network for a single run on a 2-D set (Playground's
    /// picture), the curves for other data; a comparison opens on its race.
    @Test func firstViewIsTheNetworkOnThePlane() {
        var s = Self.single()
        #expect(s.view == .network)
        var curve = ViewFixtures.data(classes: [], features: 1)
        curve.points = []
        #expect(ViewFixtures.state([ViewFixtures.run()], data: curve).view == .curves)
        #expect(Self.compare().view == .curves)
        var entering = s.snapshot
        entering.compareMode = true
        #expect(update(&s, .snapshot(entering)) == [.showView(.none, run: 0)] && s.view == .curves)
        // inside the comparison, other views stay where the user put them
        s.view = .boundary
        #expect(update(&s, .snapshot(entering)) == [] && s.view == .boundary)
        // leaving it (c, or ↵ promoting a run) gives back the view the race covered
        s.view = .curves
        var leaving = entering
        leaving.compareMode = false
        #expect(update(&s, .snapshot(leaving)).count == 1 && s.view == .network)
        _ = update(&s, .snapshot(entering))
        s.view = .curves
        _ = update(&s, .snapshot(leaving))
        #expect(s.view == .network, "every time")
    }

    /// In the network view the arrows move in the settings panel as in every view,
    /// until `[ ] { }` (or a click on a unit) gives them to the units; tab or esc gives
    /// them back. With the panel hidden (`H`) they select units.
    @Test func arrowsSelectUnitsAfterABracketUntilTab() {
        var s = Self.single()
        #expect(update(&s, .key(.down)) == [] && s.focus == .setting(.noise) && s.networkUnit == 0)
        #expect(update(&s, .key(.char("}"))) == [.showView(.network(columns: 24, rows: 12, layer: 1, unit: 1), run: 0)])
        #expect(update(&s, .key(.down)) == [.showView(.network(columns: 24, rows: 12, layer: 1, unit: 2), run: 0)])
        #expect(update(&s, .key(.right)) == [.showView(.network(columns: 24, rows: 12, layer: 2, unit: 0), run: 0)])
        #expect(s.focus == .setting(.noise))
        // tab: the arrows are the settings' again (and tab moves on as ever)
        _ = update(&s, .key(.tab))
        #expect(s.focus == .setting(.samples) && !s.arrowsSelectUnits)
        #expect(update(&s, .key(.down)) == [] && s.focus == .setting(.validation) && s.networkUnit == 0)
        // esc after a bracket gives them back without moving
        _ = update(&s, .key(.char("]")))
        #expect(update(&s, .key(.escape)) == [] && s.focus == .setting(.validation) && !s.arrowsSelectUnits)
        // the panel hidden: the arrows select
        _ = update(&s, .key(.char("H")))
        #expect(update(&s, .key(.down)) == [.showView(.network(columns: 24, rows: 12, layer: 3, unit: 1), run: 0)])
        #expect(update(&s, .key(.left)) == [.showView(.network(columns: 24, rows: 12, layer: 2, unit: 0), run: 0)])
        #expect(s.focus == .setting(.validation))
    }

    @Test func viewKeyCyclesTheViewsThatFitAndAsksForTheirData() {
        var s = Self.single()
        s.view = .curves
        #expect(s.availableViews == [.curves, .boundary, .confusion, .gradients, .network, .learningRate, .equations])
        let boundary = update(&s, .key(.char("v")))
        #expect(s.view == .boundary)
        // the grid fills the view panel: 120 - 40 - 2 columns, 2 x (36 - 2 - 1) half-block rows
        #expect(boundary == [.showView(.boundary(columns: 78, rows: 66), run: 0)])
        #expect(update(&s, .key(.char("v"))) == [.showView(.confusion, run: 0)])
        #expect(update(&s, .key(.char("v"))) == [.showView(.gradients, run: 0)])
        #expect(update(&s, .key(.char("v"))) == [.showView(.network(columns: 24, rows: 12, layer: 1, unit: 0), run: 0)])
        for _ in 0..<2 { _ = update(&s, .key(.char("v"))) }
        #expect(s.view == .equations)
        #expect(update(&s, .key(.char("v"))) == [.showView(.none, run: 0)])
        #expect(s.view == .curves)
        #expect(update(&s, .key(.char("l"))).isEmpty && s.logScale)
    }

    /// `P` saves what is on screen as a figure of the same data.
    @Test func capitalPSavesTheViewAsAFigure() {
        var s = Self.single()
        s.view = .curves
        guard case .saveFigure(let svg, let name)? = update(&s, .key(.char("P"))).first else {
            Issue.record("no figure")
            return
        }
        #expect(name == "spiral-tanh-training-curves")
        #expect(
            svg.hasPrefix("<svg") && svg.contains(">loss (cross-entropy)</text>") && svg.contains(">validation</text>"))
        s.view = .equations
        guard case .saveFigure(let page, let n2)? = update(&s, .key(.char("P"))).first else {
            Issue.record("no page"); return
        }
        #expect(n2 == "spiral-tanh-equations" && page.contains("Z[1] = b[1] + W[1] A[0]"))
        // pressed before the view's data arrives: saved with the snapshot that brings it
        s.view = .fit
        #expect(update(&s, .key(.char("P"))).isEmpty && s.figureWanted)
        var next = s.snapshot
        next.data = ViewFixtures.data(classes: [], features: 1)
        next.fit = FitCurves(
            x: [0, 1], points: ([0, 1], [0, 1]), truth: nil,
            polynomial: FittedCurve(label: "p", y: [0, 1], pointsRMSE: 0, truthRMSE: nil), degree: 1, networks: [])
        guard case .saveFigure(let fit, _)? = update(&s, .snapshot(next)).first else {
            Issue.record("not saved later"); return
        }
        #expect(fit.contains(">polynomial, degree 1</text>") && !s.figureWanted)
        var c = Self.compare()
        guard case .saveFigure(let race, _)? = update(&c, .key(.char("P"))).first else {
            Issue.record("no race"); return
        }
        #expect(race.contains(">sgd training</text>") && race.contains(">rmsprop training</text>"))
    }

    @Test func resizeAsksForAGridOfTheNewSize() {
        var s = Self.single()
        s.view = .boundary
        #expect(update(&s, .resize(width: 80, height: 24)) == [.showView(.boundary(columns: 42, rows: 34), run: 0)])
        #expect(s.width == 80 && s.height == 24)
    }

    /// A snapshot whose data no longer fits the view (the data changed under it)
    /// brings back the curves and tells the session the view changed.
    @Test func snapshotEventReplacesTheSnapshotAndFallsBackToAViewThatFits() {
        var s = Self.single()
        s.view = .boundary
        var next = s.snapshot
        next.sequence += 1
        next.data = ViewFixtures.data(classes: [], features: 1)
        #expect(update(&s, .snapshot(next)) == [.showView(.none, run: 0)])
        #expect(s.view == .curves && s.snapshot.sequence == next.sequence)
        // one that fits changes nothing but the snapshot
        next.sequence += 1
        #expect(update(&s, .snapshot(next)).isEmpty)
        #expect(s.snapshot.sequence == next.sequence)
    }

    /// The layers row takes typed sizes: digits and `/`, backspace, enter applies, esc cancels.
    @Test func layersRowTakesTypedSizes() {
        var s = Self.single()
        s.focus = .setting(.layers)
        for c in "2/8/9" { #expect(update(&s, .key(.char(c))) == []) }
        #expect(update(&s, .key(.backspace)) == [] && s.layersInput == "2/8/")
        for c in "8/3" { _ = update(&s, .key(.char(c))) }
        #expect(update(&s, .key(.enter)) == [.setLayers("2/8/8/3")] && s.layersInput == nil)
        _ = update(&s, .key(.char("4")))
        #expect(update(&s, .key(.escape)) == [] && s.layersInput == nil)
        // on another row digits are not sizes; enter on the layers row still adds a layer
        #expect(update(&s, .key(.enter)) == [.addHiddenLayer])
        s.focus = .setting(.optimizer)
        _ = update(&s, .key(.char("2")))
        #expect(s.layersInput == nil)
    }

    /// The features row: ←/→ point at an input (a checkbox each), enter toggles it, the
    /// wheel points too; other rows still step with ←/→.
    @Test func featuresRowTogglesEachInput() {
        var s = Self.single()
        s.focus = .setting(.features)
        #expect(update(&s, .key(.right)) == [] && update(&s, .key(.right)) == [] && s.featureCursor == 2)
        #expect(update(&s, .key(.enter)) == [.toggleFeature(.x1Squared)])
        #expect(
            update(&s, .key(.left)) == [] && update(&s, .key(.left)) == [] && update(&s, .key(.left)) == []
                && s.featureCursor == 6)
        #expect(update(&s, .key(.enter)) == [.toggleFeature(.sinX2)])
        s.focus = .setting(.noise)
        #expect(update(&s, .key(.right)) == [.step(.noise, by: 1, run: 0)])
    }

    /// `f` opens the finder on the run; enter applies the test's suggestion once it is there.
    @Test func finderKeyAndEnter() {
        var s = Self.single()
        #expect(update(&s, .key(.char("f"))) == [.findLearningRate(run: 0)] && s.finderRun == 0)
        #expect(update(&s, .key(.enter)) == [])  // no result yet
        let points = (0..<20).map { LearningRateFinder.Point(lr: Float($0 + 1) * 0.01, loss: 1, smoothed: 1) }
        s.snapshot.learningRateTest = LearningRateTest(run: 0, result: LearningRateFinder.suggest(points))
        #expect(update(&s, .key(.enter)) == [.setLearningRate(s.snapshot.learningRateTest!.result.suggested!, run: 0)])
        #expect(s.finderRun == nil)
        // no descent (the lowest loss at rates under 1e-4, where the weights barely move):
        // enter applies nothing, the overlay stays
        #expect(update(&s, .key(.char("f"))) == [.findLearningRate(run: 0)])
        let flat = (0..<20).map { LearningRateFinder.Point(lr: Float($0 + 1) * 1e-6, loss: 1, smoothed: 1) }
        s.snapshot.learningRateTest = LearningRateTest(run: 0, result: LearningRateFinder.suggest(flat))
        #expect(update(&s, .key(.enter)) == [] && s.finderRun == 0)
        // i tests from the run's initial weights
        #expect(update(&s, .key(.char("i"))) == [.findLearningRate(run: 0, fromStart: true)] && s.finderRun == 0)
        // esc closes the finder and stops its test; q does too, and quits
        #expect(update(&s, .key(.escape)) == [.cancelLearningRateTest] && s.finderRun == nil && !s.quit)
        _ = update(&s, .key(.char("f")))
        #expect(update(&s, .key(.char("q"))) == [.cancelLearningRateTest] && s.finderRun == nil && s.quit)
    }

    /// The network view: `[ ]` `{ }` select, `u U i x` reshape relative to the run's sizes.
    @Test func networkViewKeys() {
        var s = Self.single()
        s.view = .network
        let sizes = s.run!.sizes
        #expect(sizes == [2, 16, 16, 3])
        _ = update(&s, .key(.char("]")))
        _ = update(&s, .key(.char("}")))
        #expect(s.networkLayer == 2 && s.networkUnit == 1)
        #expect(s.focus == .setting(.data))
        #expect(update(&s, .key(.char("u"))) == [.reshape(.addUnit(layer: 2))])
        #expect(update(&s, .key(.char("U"))) == [.reshape(.removeUnit(layer: 2))])
        #expect(update(&s, .key(.char("i"))) == [.reshape(.insertLayer(at: 2))])
        #expect(update(&s, .key(.char("x"))) == [.reshape(.deleteLayer(at: 2))])
        #expect(Reshape.addUnit(layer: 2).applied(to: sizes) == [2, 16, 17, 3])
        #expect(Reshape.removeUnit(layer: 2).applied(to: sizes) == [2, 16, 15, 3])
        #expect(Reshape.insertLayer(at: 2).applied(to: sizes) == [2, 16, 16, 16, 3])
        #expect(Reshape.deleteLayer(at: 2).applied(to: sizes) == [2, 16, 3])
        #expect(
            Reshape.addUnit(layer: 3).applied(to: sizes) == nil
                && Reshape.removeUnit(layer: 1).applied(to: [2, 1, 3]) == nil)
        _ = update(&s, .key(.char("]")))
        _ = update(&s, .key(.char("]")))
        #expect(s.networkLayer == 3)
        #expect(update(&s, .key(.char("u"))) == [])  // the output layer's size comes from the data
    }

    /// The mouse: a click focuses a settings row, the wheel changes it; a click selects
    /// a run of the comparison's table; clicks elsewhere do nothing.
    @Test func mouseSelectsAndWheelChanges() {
        var s = Self.single()
        let rows = s.layout.settings.inset(1)
        func y(_ setting: Setting) -> Int { rows.y + SettingRow.all.firstIndex(of: .setting(setting))! }
        #expect(update(&s, .mouse(x: rows.x + 2, y: y(.activation), .click)) == [] && s.focus == .setting(.activation))
        #expect(update(&s, .mouse(x: rows.x + 2, y: y(.optimizer), .wheelUp)) == [.step(.optimizer, by: 1, run: 0)])
        #expect(s.focus == .setting(.optimizer))
        #expect(
            update(&s, .mouse(x: rows.x + 2, y: y(.learningRate), .wheelDown)) == [.step(.learningRate, by: -1, run: 0)]
        )
        #expect(update(&s, .mouse(x: s.width - 2, y: s.height - 1, .click)) == [] && s.focus == .setting(.learningRate))
        var c = Self.compare()
        let body = CompareView.body(c)
        let table = body.splitTop(body.height - CompareView.tableHeight(c, body)).1.inset(1)
        _ = update(&c, .mouse(x: table.x + 3, y: table.y + 3, .click))
        #expect(c.selectedRun == 2)
    }
}
