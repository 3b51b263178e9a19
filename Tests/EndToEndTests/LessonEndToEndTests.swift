import Foundation
import Testing
import TestSupport
import NNCore

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
                let s = t.wait(timeout: 150) { last ? $0.contains("What you saw") : $0.contains("▶ \(i + 2) ") }
                #expect(last ? s.contains("What you saw") : s.contains("▶ \(i + 2) "), "lesson \(number), step \(i + 1) never ticked:\n\(s)")
                seconds.append(Date().timeIntervalSince(stepStart))
            }
            t.send("y")
            let answerStart = String(lesson.answer.prefix(20))
            let end = t.wait(timeout: 10) { $0.contains(answerStart) }
            #expect(end.contains(answerStart), "the answer never showed:\n\(end)")
            t.send("Enter")
            t.send("q")
            t.show("EXIT=0")
            let progress = try String(contentsOfFile: state + "/nntui/progress.json", encoding: .utf8)
            #expect(progress.contains(lesson.id), "\(progress)")
            print("lesson \(number) (\(lesson.id)): steps took " + seconds.map { String(format: "%.1f s", $0) }.joined(separator: ", ")
                  + String(format: "; %.1f s in all", Date().timeIntervalSince(started)))
        }
    }
}
