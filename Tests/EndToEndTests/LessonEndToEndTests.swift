import Foundation
import NNEngine
import NNFiles
import NNSession
import TestSupport
import Testing

extension EndToEnd {
    /// Every built-in lesson done in the real dashboard by the keys its steps name, and
    /// only those: each step is ticked by the dashboard, the end page shows what was
    /// seen and, on `y`, the answer, and progress records the lesson as completed.
    @Suite struct LessonEndToEndTests {
        /// The tmux name of a key as lesson files write it.
        static func tmuxKey(_ key: String) -> (name: String, literal: Bool) {
            switch key {
            case "space": ("Space", false)
            case "enter": ("Enter", false)
            case "tab": ("Tab", false)
            case "backtab": ("BTab", false)
            case "esc": ("Escape", false)
            case "up", "down", "left", "right": (key.prefix(1).uppercased() + key.dropFirst(), false)
            case "backspace": ("BSpace", false)
            default: (key, true)
            }
        }

        @Test(arguments: Array(1...BuiltinLessons.ids.count))
        func everyLessonCanBeDoneByItsKeys(number: Int) throws {
            let lesson = try Lesson.load("\(number)")
            let state = Binary.temporaryFolder()
            let t = try Tmux(["learn", "\(number)"], width: 120, height: 40, setup: "export XDG_STATE_HOME='\(state)'")
            t.show("↵ begin", timeout: 60)
            t.send("Enter")
            let started = Date()
            var seconds: [Double] = []
            for (i, step) in lesson.steps.enumerated() {
                let stepStart = Date()
                for key in step.keys {
                    let k = Self.tmuxKey(key)
                    if k.literal { t.send(literal: k.name) } else { t.send(k.name) }
                }
                let last = i == lesson.steps.count - 1
                let s = t.wait(timeout: 150) { last ? $0.contains("✓ done") : $0.contains("▶ \(i + 2) ") }
                #expect(
                    last ? s.contains("✓ done") && !s.contains("What you saw") : s.contains("▶ \(i + 2) "),
                    "lesson \(number), step \(i + 1) never ticked, or its end covered the screen unasked:\n\(s)")
                seconds.append(Date().timeIntervalSince(stepStart))
            }
            // the end page when the learner asks for it
            t.send("Enter")
            t.show("What you saw")
            t.send("y")
            let answerStart = String(lesson.answer.prefix(20))
            let end = t.wait(timeout: 10) { $0.contains(answerStart) }
            #expect(end.contains(answerStart), "the answer never showed:\n\(end)")
            t.send("Enter")
            t.send("q")
            t.show("EXIT=0")
            let progress = try String(contentsOfFile: state + "/nntui/progress.json", encoding: .utf8)
            #expect(progress.contains(lesson.id), "\(progress)")
            print(
                "lesson \(number) (\(lesson.id)): steps took "
                    + seconds.map { String(format: "%.1f s", $0) }.joined(separator: ", ")
                    + String(format: "; %.1f s in all", Date().timeIntervalSince(started)))
        }
    }
}

extension EndToEnd {
    /// `nntui learn` from the command line: the list with ✓ for completed lessons,
    /// hostile lesson files refused before the dashboard opens, a broken progress file
    /// set aside with a warning.
    @Suite struct LearnCommandTests {
        /// `learn --check`: every built-in lesson's claims trained over their seeds, each
        /// holding in at least its bound of seeds; a teacher's false claim exits 1.
        @Test func everyLessonsClaimsHoldOverTheirSeeds() throws {
            let r = try Binary.run(["learn", "--check"], timeout: 600)
            #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
            let claims = try Lesson.builtIn().flatMap(\.claims)
            #expect(claims.count >= 15 && r.stdout.contains("all \(claims.count) claims hold"), "\(r.stdout)")
            for c in claims { #expect(r.stdout.contains("✓ \(c.text): holds in "), "\(c.text)") }
            print(r.stdout)
            let dir = Binary.temporaryFolder()
            let lesson = try String(
                contentsOfFile: Binary.packageRoot + "/Sources/NNFiles/Lessons/06-matched-cost.yaml", encoding: .utf8
            ).replacingOccurrences(of: "before: [bce, mse]", with: "before: [mse, bce]")
            try lesson.write(toFile: dir + "/wrong.yaml", atomically: true, encoding: .utf8)
            let wrong = try Binary.run(["learn", "--check", "wrong.yaml"], in: dir)
            #expect(
                wrong.status == 1 && wrong.stdout.contains("✗ binary cross-entropy reaches 90% validation accuracy"))
            #expect(wrong.stdout.contains("1 of 2 claims miss their bound"), "\(wrong.stdout)")
        }

        @Test func theListMarksCompletedLessons() throws {
            let dir = Binary.temporaryFolder()
            try FileManager.default.createDirectory(atPath: dir + "/state/nntui", withIntermediateDirectories: true)
            try #"{"completed": ["04-zero-weights"]}"#.write(
                toFile: dir + "/state/nntui/progress.json", atomically: true, encoding: .utf8)
            let r = try Binary.shell("XDG_STATE_HOME=\(dir)/state '\(Binary.path)' learn", in: dir)
            #expect(
                r.status == 0 && r.stdout.contains("  4 ✓ Never start from W = 0  (4 min)")
                    && r.stdout.contains("  1   A network is N0/N1/.../NL"), "\(r.stdout)")
            #expect(r.stdout.contains("1 of \(BuiltinLessons.ids.count) completed."))
            // an unreadable progress file: a warning, set aside, the list still printed
            try "{{{".write(toFile: dir + "/state/nntui/progress.json", atomically: true, encoding: .utf8)
            let broken = try Binary.shell("XDG_STATE_HOME=\(dir)/state '\(Binary.path)' learn", in: dir)
            #expect(
                broken.status == 0 && broken.stderr.contains("could not be read as lesson progress")
                    && broken.stdout.contains("0 of "), "\(broken.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir + "/state/nntui/progress.json.unreadable"))
        }

        @Test func hostileLessonFilesAreRefused() throws {
            let dir = Binary.temporaryFolder()
            let good = BuiltinLessons.yaml["06-matched-cost"]!
            let cases: [(String, String, String)] = [
                (
                    "typo.yaml", good.replacingOccurrences(of: "until: {comparing: 2}", with: "untill: {comparing: 2}"),
                    "typo.yaml:19: steps[1]: untill is not a step key (do, keys, until)."
                ),
                (
                    "preset.yaml",
                    good.replacingOccurrences(of: "preset: xor-sigmoid", with: "preset: ../../etc/passwd"),
                    "preset.yaml:12: setup.preset: expected a built-in preset"
                ),
                (
                    "keys.yaml",
                    good.replacingOccurrences(of: "keys: \"c enter\"", with: "keys: \"c enter; rm -rf /\""),
                    "keys.yaml:18: steps[1].keys: 'enter;': a key is one printable character"
                ),
                ("binary.yaml", "\u{1}\u{2}\u{3}", "binary.yaml"),
                ("list.yaml", "- just\n- a list\n", "list.yaml:1: a lesson is a mapping of keys"),
            ]
            for (name, text, message) in cases {
                try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
                try Binary.expectRefused(["learn", name], in: dir, saying: message, timeout: 30)
            }
            try Binary.expectRefused(
                ["learn", "99"], in: dir,
                saying: "there is no lesson 99: the lessons are 1 to \(BuiltinLessons.ids.count)", timeout: 30)
            try Binary.expectRefused(
                ["learn", "nowhere.yaml"], in: dir, saying: "nowhere.yaml: no such lesson file", timeout: 30)
            try Binary.expectRefused(
                ["learn", "."], in: dir, saying: ".: is a folder, not a lesson file.", timeout: 30)
            // a FIFO is refused before it is read (it would never end)
            _ = try Binary.shell("mkfifo pipe.yaml", in: dir)
            try Binary.expectRefused(
                ["learn", "pipe.yaml"], in: dir, saying: "pipe.yaml: is a FIFO, not a regular lesson file", timeout: 30)
        }
    }
}
