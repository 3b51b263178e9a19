import Foundation
import Testing
import TestSupport

/// `nntui lr-find` and the dashboard's `f` (issue 16).
extension EndToEnd {
    @Suite struct FinderEndToEndTests {
        @Test func lrFindPrintsPointsAndASuggestion() throws {
            let r = try Binary.run(["lr-find", "--preset", "circle-relu", "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let suggested = try #require(object["suggested_lr"] as? Double)
            let points = try #require(object["points"] as? [[String: Double]])
            #expect(suggested > 1e-7 && suggested < 10)
            #expect(points.count >= 50 && zip(points, points.dropFirst()).allSatisfy { $0["lr"]! < $1["lr"]! })
            #expect(abs(points[0]["lr"]! - 1e-7) < 1e-12)
            let table = try Binary.run(["lr-find", "--preset", "circle-relu"])
            #expect(table.stdout.contains("suggested: optimizer.lr=") && table.stdout.contains("steepest descent at lr"), "\(table.stdout)")
        }

        /// `f` shows the test over the view; enter puts its suggestion in the settings.
        @Test func finderKeyAppliesTheSuggestion() throws {
            let t = try Tmux.dashboard(["--set", "training.epochs=100000"], width: 80, height: 24)
            t.send("f")
            var s = t.wait { $0.contains("learning-rate finder") && $0.contains("suggested lr") }
            let line = s.split(separator: "\n").first { $0.contains("suggested lr") } ?? ""
            let value = line.components(separatedBy: "suggested lr ").last?.split(separator: " ").first.map(String.init) ?? ""
            #expect(Double(value) != nil, "\(s)")
            t.send("Enter")
            s = t.wait { $0.contains("learning rate set to") }
            #expect(s.contains("learning rate set to \(value)"), "\(s)")
            #expect(!s.contains("learning-rate finder"))
            t.quit()
        }
    }
}
