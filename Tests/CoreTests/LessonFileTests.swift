import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// Lesson files: the built-in ones are every file of Lessons/ and parse; a broken file is one
/// sentence naming the file, the line and the key; progress survives a broken file.
@Suite struct LessonFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Every file of Lessons/ is built in, in its file name's order, with its name as the id.
    @Test func everyLessonFileIsBuiltInInOrder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/Sources/NNFiles/Lessons")
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(BuiltinLessons.ids == files.map { String($0.dropLast(5)) })
    }

    /// Every lesson: 2 to 5 steps, each naming keys and what is checked, in the lecture's order.
    @Test func theLessonsAreComplete() throws {
        let lessons = try Lesson.builtIn()
        #expect(lessons.count >= 12)
        for l in lessons {
            #expect((2...5).contains(l.steps.count), "\(l.id)")
            #expect(l.steps.allSatisfy { !$0.until.isEmpty }, "\(l.id)")
            #expect(!l.equation.isEmpty && !l.question.isEmpty && !l.answer.isEmpty)
        }
        // the lecture's point of lesson 1, and lesson 4's start
        #expect(lessons[0].point.contains("79,510") && lessons[3].preset.network.initializer == .zeros)
        #expect(lessons[3].steps[1].keys == Array(repeating: "down", count: 8) + ["right"])
        #expect(lessons[3].steps[1].until.contains(.setting(key: "network.init", value: "xavier")))
    }

    static let good = """
        title: T
        goal: G
        minutes: 2
        point: P
        equation: E
        setup: {preset: xor-sigmoid, training: {epochs: 5}}
        steps:
          - do: press n
            keys: "n*3"
            until: {epoch: 3}
        saw: S
        question: Q
        answer: A
        """

    /// Claims: a bound on a measure, an order of two variants, each over its seeds.
    @Test func claimsParse() throws {
        let yaml = Self.good.replacingOccurrences(
            of: "setup: {preset: xor-sigmoid, training: {epochs: 5}}",
            with: "setup: {preset: xor-sigmoid, training: {epochs: 5}}\nclaims:\n"
                + "  - {claim: bce first, before: [bce, mse], holds-in: 10}\n"
                + "  - {claim: Xavier learns, set: {network: {init: xavier}}, measure: val-acc, at-least: 0.9, "
                + "seeds: 4}\n"
                + "  - {claim: bce slower, ratio: [bce, mse], measure: seconds-per-epoch, at-least: 1.5}\n"
        )
        let claims = try Lesson.parse(yaml: yaml, id: "mine", file: "mine.yaml").claims
        #expect(claims.count == 3)
        #expect(
            claims[2].test
                == .ratio(first: "bce", then: "mse", measure: .secondsPerEpoch, atLeast: 1.5, atMost: nil)
                && claims[2].variants == ["bce", "mse"])
        #expect(
            claims[0].test == .before(first: "bce", then: "mse") && claims[0].seeds == 12 && claims[0].holdsIn == 10)
        #expect(
            claims[1].test == .bound(variant: nil, measure: .validationAccuracy, atLeast: 0.9, atMost: nil)
                && claims[1].seeds == 4 && claims[1].holdsIn == 4 && claims[1].preset.network.initializer == .xavier)
    }

    /// A claim that cannot be checked is refused with the file, the line and the key.
    @Test(arguments: [
        ("{claim: x, measure: val-acc}", "claims[1]: a measure needs at-least:, at-most: or both"),
        ("{claim: x, measure: speed, at-most: 1}", "claims[1].measure: expected one of reached-at, val-acc"),
        ("{claim: x, before: [bce]}", "claims[1].before: expected two variants"),
        ("{claim: x, ratio: [bce, bce], measure: val-acc, at-most: 1}", "claims[1].ratio: expected two variants"),
        ("{claim: x, ratio: [bce, mse], measure: val-acc}", "claims[1]: a measure needs at-least:, at-most: or both"),
        ("{claim: x, measure: val-acc, at-least: 0.9, at-most: 0.5}", "at-least is above at-most"),
        ("{claim: x, measure: val-acc, at-most: 0.5, seeds: 0}", "claims[1].seeds: expected a whole number from 1"),
        ("{claim: x, measure: val-acc, at-most: 0.5, seeds: 4, holds-in: 5}", "claims[1].holds-in"),
        ("{claim: x, measure: val-acc, at-most: 0.5, wobble: 1}", "wobble is not a claim key"),
        ("{claim: x, variant: bce, measure: val-acc, at-most: 0.5, set: {compare: []}}", "names variants, but"),
    ])
    func aBrokenClaimIsOneSentence(change: (String, String)) {
        let yaml = Self.good + "\nclaims:\n  - \(change.0)\n"
        do {
            _ = try Lesson.parse(yaml: yaml, id: "mine", file: "mine.yaml")
            Issue.record("accepted \(change.0)")
        } catch let NNError.input(message) {
            #expect(message.hasPrefix("mine.yaml:") && message.contains(change.1), "\(message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func aTeachersLessonParses() throws {
        let l = try Lesson.parse(yaml: Self.good, id: "mine", file: "mine.yaml")
        #expect(l.preset.training.epochs == 5 && l.steps[0].keys == ["n", "n", "n"] && l.steps[0].until == [.epoch(3)])
        let wild = try Lesson.parse(
            yaml: Self.good.replacingOccurrences(of: "until: {epoch: 3}", with: "until: {diverged: true}"), id: "mine",
            file: "mine.yaml")
        #expect(wild.steps[0].until == [.diverged])
    }

    /// Each broken file: one sentence with the file, the line and the key.
    @Test(arguments: [
        ("minutes: 2", "minutes: lots", "mine.yaml:3: minutes: expected a whole number from 1 to 240."),
        ("title: T", "titel: T", "mine.yaml:1: titel: not a lesson key"),
        ("until: {epoch: 3}", "until: {epok: 3}", "mine.yaml:10: steps[1].until.epok: not a condition"),
        ("until: {epoch: 3}", "until: {setting: network.init=warm}", "mine.yaml:10: steps[1].until.setting"),
        ("until: {epoch: 3}", "until: {view: graph}", "mine.yaml:10: steps[1].until.view: expected a view"),
        ("keys: \"n*3\"", "keys: \"n*3 F13\"", "mine.yaml:9: steps[1].keys: 'F13': a key is one printable character"),
        ("keys: \"n*3\"", "keys: \"n*100000\"", "mine.yaml:9: steps[1].keys: 'n*100000': a repeat is *1 to *500"),
        (
            "setup: {preset: xor-sigmoid, training: {epochs: 5}}", "setup: {preset: nope}",
            "mine.yaml:6: setup.preset: expected a built-in preset"
        ),
        (
            "setup: {preset: xor-sigmoid, training: {epochs: 5}}",
            "setup: {preset: xor-sigmoid, training: {epochs: -5}}", "mine.yaml:6: training.epochs"
        ),
        ("answer: A", "answer: \"A\\u0007\"", "mine.yaml:13: answer: holds the control character U+0007."),
        ("title: T", "title: \"T\\nU\"", "mine.yaml:1: title: expected one line of text."),
        ("answer: A", "", "mine.yaml:1: answer: missing"),
        ("title: T", "title: &a T\nx: *a", "anchors and aliases"),
        // YAML syntax errors: the same file:line: form, and the quoting that usually mends them
        (
            "point: P", "point: δ[L]: y - t",
            "mine.yaml:4: YAML syntax error: mapping values are not allowed in this context (a value with ': '"
        ),
        ("goal: G", "goal: \"unclosed", "mine.yaml:9: YAML syntax error: did not find expected key (a value with"),
        // conditions that can never hold
        (
            "until: {epoch: 3}", "until: {loss-below: 0}",
            "mine.yaml:10: steps[1].until.loss-below: expected a number above 0"
        ),
        (
            "until: {epoch: 3}", "until: {view: fit}",
            "mine.yaml:10: steps[1].until.view: the fit view is not offered for xor with a sigmoid output"
        ),
        (
            "until: {epoch: 3}", "until: {view: confusion, setting: network.output=identity}",
            "mine.yaml:10: steps[1].until.view: the confusion view is not offered for xor with an identity output"
        ),
        (
            "setup: {preset: xor-sigmoid, training: {epochs: 5}}", "setup: {preset: xor-sigmoid, view: fit}",
            "mine.yaml:6: setup.view: the fit view is not offered"
        ),
        // set-ups whose data cannot be read, named with the file and line
        ("training: {epochs: 5}}", "data: {source: csv}}", "mine.yaml:6: setup.data: data.source csv needs data.path."),
        (
            "training: {epochs: 5}}", "data: {source: csv, path: /dev/zero}}",
            "mine.yaml:6: setup.data: data.path /dev/zero: is a device"
        ),
        (
            "training: {epochs: 5}}", "data: {source: drawn}}",
            "mine.yaml:6: setup.data: data.source drawn needs data.points"
        ),
    ])
    func aBrokenLessonIsOneSentence(change: (String, String, String)) {
        let yaml = Self.good.replacingOccurrences(of: change.0, with: change.1)
        #expect(throws: NNError.self) { try Lesson.parse(yaml: yaml, id: "mine", file: "mine.yaml") }
        do {
            _ = try Lesson.parse(yaml: yaml, id: "mine", file: "mine.yaml")
        } catch let NNError.input(message) {
            #expect(message.contains(change.2), "\(message)")
            #expect(!message.contains("\n"), "\(message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func aMissingOrHugeLessonFileIsRefused() throws {
        let dir = NSTemporaryDirectory() + "lesson-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(
            throws: NNError.input(
                "\(dir)/none.yaml: no such lesson file (give a lesson number, 1 to \(BuiltinLessons.ids.count), or a "
                    + "path to a .yaml file)."
            )
        ) {
            try Lesson.load(dir + "/none.yaml")
        }
        try String(repeating: "# x\n", count: 100_000).write(
            toFile: dir + "/big.yaml", atomically: true, encoding: .utf8)
        #expect(throws: NNError.input("\(dir)/big.yaml: a lesson file of 400 kB is too large (at most 262 kB).")) {
            try Lesson.load(dir + "/big.yaml")
        }
        try String(repeating: "#", count: Lesson.largestFile + 1).write(
            toFile: dir + "/big.yaml", atomically: true, encoding: .utf8)
        #expect(
            throws: NNError.input("\(dir)/big.yaml: a lesson file of 262145 bytes is too large (at most 262144 bytes).")
        ) {
            try Lesson.load(dir + "/big.yaml")
        }
        #expect(
            throws: NNError.input(
                "there is no lesson 99: the lessons are 1 to \(BuiltinLessons.ids.count) (nntui learn lists them).")
        ) {
            try Lesson.load("99")
        }
    }

    /// Progress is written whole and read back; an unreadable file is set aside with a warning.
    @Test func progressSurvivesABrokenFile() throws {
        let dir = NSTemporaryDirectory() + "progress-\(UUID().uuidString)/nntui"
        defer { try? FileManager.default.removeItem(atPath: PathText.folder(of: dir)) }
        var p = LessonProgress()
        p.completed = ["04-zero-weights"]
        try p.save(to: dir)
        #expect(LessonProgress.load(from: dir).0 == p && LessonProgress.load(from: dir).warning == nil)
        try "{not json".write(toFile: LessonProgress.file(in: dir), atomically: true, encoding: .utf8)
        let (broken, warning) = LessonProgress.load(from: dir)
        #expect(broken.completed.isEmpty && warning?.contains("set aside as") == true, "\(warning ?? "")")
        #expect(FileManager.default.fileExists(atPath: LessonProgress.file(in: dir) + ".unreadable"))
        #expect(LessonProgress.folder(["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/nntui")
        #expect(LessonProgress.folder(["HOME": "/h"]) == "/h/.local/state/nntui")
        // no absolute folder in the environment: the account's home, never the current folder
        for environment in [["HOME": "", "XDG_STATE_HOME": ""], ["HOME": "relative"], [:]] {
            #expect(LessonProgress.folder(environment)?.hasPrefix("/") ?? true, "\(environment)")
        }
    }

    /// A file far over the bound is set aside by its size, not read whole first.
    @Test func progressOverItsBoundIsNotRead() throws {
        let dir = NSTemporaryDirectory() + "progress-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = LessonProgress.file(in: dir)
        FileManager.default.createFile(atPath: path, contents: nil)
        let fd = open(path, O_WRONLY)
        ftruncate(fd, 1 << 40)  // a sparse terabyte: reading it whole would never end
        close(fd)
        let (p, warning) = LessonProgress.load(from: dir)
        #expect(p.completed.isEmpty && warning?.contains("set aside") == true)
        // a progress file kept behind a link (dotfiles) is read, not set aside
        var saved = LessonProgress()
        saved.completed = ["04-zero-weights"]
        try saved.save(to: dir + "/real")
        try FileManager.default.createSymbolicLink(
            atPath: path, withDestinationPath: LessonProgress.file(in: dir + "/real"))
        #expect(LessonProgress.load(from: dir) == (saved, nil))
    }

    /// Dashboards that finish lessons at the same moment: every completion is kept
    /// (8 writers, each recording its own lessons, 24 rounds).
    @Test func concurrentCompletionsAllCount() throws {
        for round in 0..<24 {
            let dir = NSTemporaryDirectory() + "progress-\(UUID().uuidString)/nntui"
            defer { try? FileManager.default.removeItem(atPath: PathText.folder(of: dir)) }
            var start = LessonProgress()
            start.completed = ["01-counting"]
            try start.save(to: dir)
            let ids = (0..<8).map { "w\($0)-r\(round)" }
            DispatchQueue.concurrentPerform(iterations: ids.count) { k in
                #expect(throws: Never.self) { try LessonProgress.record(ids[k], in: dir) }
            }
            let (after, warning) = LessonProgress.load(from: dir)
            #expect(
                warning == nil && after.completed == Set(ids + ["01-counting"]),
                "round \(round): \(after.completed.sorted())")
        }
    }

    /// A lesson file named like a built-in lesson is still its own lesson.
    @Test func aFileLessonIsNotABuiltInOne() throws {
        let dir = NSTemporaryDirectory() + "lesson-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let builtIn = try Lesson.load("4")
        try BuiltinLessons.yaml[builtIn.id]!.write(
            toFile: dir + "/\(builtIn.id).yaml", atomically: true, encoding: .utf8)
        let file = try Lesson.load(dir + "/\(builtIn.id).yaml")
        #expect(file.id != builtIn.id && file.id.hasSuffix("/\(builtIn.id).yaml"))
    }
}

/// A lesson names a view by a short name; each names exactly one view, and back.
@Suite struct ViewNameTests {
    @Test func everyViewHasItsOwnName() {
        #expect(
            ViewKind.allCases.map(\.name) == [
                "curves", "boundary", "fit", "confusion", "gradients", "network", "learning-rate", "equations",
            ])
        for v in ViewKind.allCases { #expect(ViewKind(name: v.name) == v) }
        #expect(ViewKind(name: "training curves") == nil)
    }
}
