import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// A lesson on screen: its panel above the status strip (the steps, ticked as the
/// dashboard sees them met; one line in a short terminal), and its page, an overlay
/// with the point, the equation and the steps before it starts, and what was seen, the
/// question and its answer once it is done.
enum LessonView {
    /// Rows the panel takes: none without a lesson or hidden by `g`; below 30 rows the
    /// current step's text wrapped (as many rows as the lesson's longest step needs, up
    /// to `shortMost`, so the layout stays put from step to step; one once done); else a
    /// box with a line a step and the current step's whole text.
    static func rows(_ state: AppState) -> Int {
        guard let run = state.lesson, run.panelShown else { return 0 }
        guard state.height >= 30 else {
            if run.finished { return 1 }
            let most = min(shortMost, max(1, (state.height - 6) / 4))
            let needed = run.lesson.steps.indices.map { shortLines(run, step: $0, width: state.width).count }
            return min(needed.max() ?? 1, most)
        }
        return min(run.lesson.steps.count + 5, state.height / 4)
    }

    /// The most rows a step takes below 30 rows (the longest built-in step needs 5 at 80 columns).
    static let shortMost = 5
    static let panelKeys = "k page · j skip · g hide"

    /// Step `step` for a short terminal: "▶ step 2/3: …" wrapped at spaces to `width`,
    /// with the panel's keys at the right of its last line (or on a line of their own).
    static func shortLines(_ run: LessonRun, step: Int, width: Int) -> [String] {
        let text =
            "▶ step \(step + 1)/\(run.lesson.steps.count): "
            + run.lesson.steps[step].instruction.replacingOccurrences(of: "\n", with: " ")
        var lines = Format.wrap(text, max(width, 8))
        let keys = "  " + panelKeys, last = lines.last ?? ""
        if TerminalText.width(last) + TerminalText.width(keys) <= width {
            lines[lines.count - 1] = Format.pad(last, width - TerminalText.width(keys)) + keys
        } else {
            lines.append(Format.pad(panelKeys, width, right: true))
        }
        return lines
    }

    /// `4/12 Never start from W = 0`, or the file's title for a teacher's lesson.
    static func heading(_ run: LessonRun) -> String {
        (run.number.map { "lesson \($0)/\(BuiltinLessons.ids.count) · " } ?? "lesson · ") + run.lesson.title
    }

    /// A step's mark: met, skipped, being worked on, to come.
    static func mark(_ run: LessonRun, _ i: Int) -> String {
        run.skipped.contains(i) ? "↷" : i < run.step ? "☑" : i == run.step ? "▶" : "☐"
    }

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let run = state.lesson, r.height > 0 else { return }
        let keys = panelKeys
        if r.height == 1 && run.finished {
            // done: the line says how to the end page, whole, in place of the keys
            let text = Format.fitting(
                [
                    "✓ \(heading(run)): done · ↵: what you saw and a question" + next(run),
                    "✓ \(heading(run)): done · ↵: what you saw and a question",
                    "✓ lesson done · ↵: what you saw and a question · k page", "✓ done · ↵: what you saw",
                ], r.width)
            canvas.put(r.x, r.y, Format.pad(text, r.width), .selected, maxWidth: r.width)
            return
        }
        if state.height < 30 && !run.finished {
            // the current step, wrapped; cut with … where the terminal is too short for it
            var lines = shortLines(run, step: run.step, width: r.width)
            if lines.count > r.height {
                lines = Array(lines.prefix(r.height))
                let last = TerminalText.prefix(lines[r.height - 1], cells: r.width - 9)
                lines[r.height - 1] = Format.pad(last + " … k page", r.width)
            }
            for k in 0..<r.height {
                canvas.put(
                    r.x, r.y + k, Format.pad(k < lines.count ? lines[k] : "", r.width), .selected, maxWidth: r.width)
            }
            return
        }
        let inner = Panel.draw(canvas, r, title: heading(run) + "   " + keys)
        var y = inner.y
        for (i, step) in run.lesson.steps.enumerated() where y < inner.maxY {
            let current = i == run.step
            let text = "\(mark(run, i)) \(i + 1) " + step.instruction.replacingOccurrences(of: "\n", with: " ")
            // the step being worked on wraps over the rows the others leave
            let room = inner.maxY - y - (run.lesson.steps.count - 1 - i)
            let lines = current ? Array(Format.wrap(text, inner.width).prefix(max(room, 1))) : [text]
            for line in lines where y < inner.maxY {
                canvas.put(
                    inner.x, y, line, current ? Style(bold: true) : (i < run.step ? .dim : .plain),
                    maxWidth: inner.width)
                y += 1
            }
        }
        if run.finished, y < inner.maxY {
            canvas.put(
                inner.x, y, "✓ done · ↵ (or k): what you saw, and a question to think about" + next(run),
                Style(fg: .green, bold: true), maxWidth: inner.width)
        }
    }

    /// ` · next: nntui learn 5` after a built-in lesson that has one after it.
    static func next(_ run: LessonRun) -> String {
        guard let n = run.number, n < BuiltinLessons.ids.count else { return "" }
        return " · next: nntui learn \(n + 1)"
    }

    /// The page's lines for `width` columns, each with its style: its two parts one
    /// after the other.
    static func pageLines(_ run: LessonRun, width: Int, yours: [String] = []) -> [(String, Style)] {
        let (first, second) = pageParts(run, width: width, yours: yours)
        return first + [("", .plain)] + second
    }

    /// The page's two parts for `width` columns: once the lesson is done, the end
    /// (what was seen, the learner's runs, the question and its answer) and the lesson
    /// again; before, the lesson's goal, point and equation, and its steps.
    static func pageParts(_ run: LessonRun, width: Int, yours: [String] = []) -> (
        [(String, Style)], [(String, Style)]
    ) {
        var out: [(String, Style)] = [], first: [(String, Style)] = []
        func add(_ text: String, _ style: Style = .plain) {
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                out += Format.wrap(String(paragraph), width).map { ($0, style) }
            }
        }
        let l = run.lesson
        // the end first: what was seen, the question and its answer; then the lesson again
        if run.finished {
            add(
                run.skipped.isEmpty
                    ? "What you saw"
                    : "What there was to see (\(run.skipped.count) step\(run.skipped.count == 1 ? "" : "s") skipped)",
                .bold)
            // the learner's own runs first, so the page never contradicts the screen
            if !yours.isEmpty {
                for line in yours { add("· " + line, Style(fg: .cyan)) }
                out.append(("", .plain))
            }
            add(l.saw)
            out.append(("", .plain))
            add("To think about: " + l.question, .bold)
            if run.answerShown { add(l.answer, Style(fg: .green)) } else { add("(y shows the answer)", .dim) }
            (first, out) = (out, [])
        }
        add(l.goal, .dim)
        out.append(("", .plain))
        add(l.point)
        out.append(("", .plain))
        for line in Format.wrapAtGaps(l.equation, width) { out.append((line, Style(fg: .cyan, bold: true))) }
        if !run.finished { (first, out) = (out, []) } else { out.append(("", .plain)) }
        for (i, step) in l.steps.enumerated() {
            add("\(mark(run, i)) \(i + 1). " + step.instruction, i == run.step ? Style(bold: true) : .plain)
        }
        return (first, out)
    }

    /// The learner's own runs in words, for the end page: each run (over seeds, each
    /// variant) with the epoch it reached 90% and where it ended.
    static func yourRuns(_ state: AppState) -> [String] {
        let runs = state.snapshot.runs
        guard !runs.isEmpty else { return [] }
        if state.grouped, let summaries = CompareView.summaries(state) {
            return summaries.map { s in
                let reached =
                    s.reachedAt.map {
                        "reached 90% in \(s.reached) of \(s.seeds) seeds, at epoch "
                            + "\(SeededComparison.rangeText($0, SeededComparison.epochText))"
                    } ?? "did not reach 90% in any of its \(s.seeds) seeds"
                return "your \(s.label) runs \(reached)"
            }
        }
        let named = runs.count > 1
        return runs.prefix(8).map { r in
            let last = r.history.last
            let name = named ? "your \(r.label) run" : "your run"
            guard r.isClassification else {
                return "\(name) ended at epoch \(r.epoch) with training loss \(Format.value(last?.trainLoss))"
            }
            let accuracy = Format.percent(last?.validationAccuracy ?? last?.trainAccuracy)
            let reached = r.epochReaching(SeededComparison.threshold).map { "reached 90% at epoch \($0)" }
            return "\(name) \(reached ?? "did not reach 90%") and ended at \(accuracy) (epoch \(r.epoch), seed "
                + "\(r.preset.training.seed))"
        }
    }

    /// The width at which the page sets its two parts side by side.
    static let twoColumns = 160

    /// The page over the dashboard, as large as the terminal allows: one column of at
    /// most 100 cells, or from `twoColumns` up its two parts side by side, each a
    /// column of up to 90. Scrolled by ↑↓ (`LessonRun.pageScroll`); its last line says
    /// which keys close it, and `…` marks lines below.
    static func drawPage(_ state: AppState, _ canvas: Canvas) {
        guard let run = state.lesson else { return }
        let yours = run.finished ? yourRuns(state) : []
        let sideBySide = state.width >= twoColumns
        let column = sideBySide ? min((state.width - 4 - 2 - 3) / 2, 90) : min(state.width - 4, 100) - 2
        let columns: [[(String, Style)]]
        if sideBySide {
            let (first, second) = pageParts(run, width: column, yours: yours)
            columns = [first, second]
        } else {
            columns = [pageLines(run, width: column, yours: yours)]
        }
        let longest = columns.map(\.count).max() ?? 0
        // as tall as its text and its keys' line, at most the screen
        let width = sideBySide ? 2 * column + 3 + 2 : column + 2, height = min(state.height - 2, longest + 3)
        let r = Rect(x: (state.width - width) / 2, y: 1, width: width, height: height)
        canvas.fill(r)
        let inner = Panel.draw(canvas, r, title: heading(run))
        let room = inner.height - 1, first = min(run.pageScroll, max(longest - room, 0))
        for (c, lines) in columns.enumerated() {
            let x = inner.x + c * (column + 3)
            for (k, (text, style)) in lines.dropFirst(first).prefix(room).enumerated() {
                canvas.put(x, inner.y + k, text, style, maxWidth: column)
            }
        }
        if longest - first > room { canvas.put(inner.maxX - 1, inner.y + room - 1, "…", .dim) }
        let scroll = longest > room ? " · ↑↓ scroll" : ""
        let keys =
            (run.finished
                ? (run.answerShown ? "↵ back to the dashboard" : "y the answer · ↵ back to the dashboard")
                : (run.step == 0 ? "↵ begin" : "↵ back to the lesson")) + scroll + " · q quit"
        canvas.put(inner.x, inner.maxY - 1, keys, .dim, maxWidth: inner.width)
    }
}
