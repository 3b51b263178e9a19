import Foundation
import NNEngine
import NNFiles
import NNSession
import TestSupport
import Testing

/// Shaping the network and finding its rate: `nntui lr-find`, the
/// dashboard's `f`, sizes typed on the layers row, input features.
extension EndToEnd {
    @Suite struct ShapeAndRateEndToEndTests {
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
            #expect(
                table.stdout.contains("suggested: optimizer.lr=") && table.stdout.contains("steepest descent at lr"),
                "\(table.stdout)")
        }

        /// The validation accuracy of each epoch of `nntui train ARGS --json`.
        static func validationAccuracies(_ args: [String]) throws -> [Double] {
            let r = try Binary.run(["train"] + args + ["--json"])
            #expect(r.status == 0, "\(r.stderr)")
            return try r.stdout.split(separator: "\n").filter { !$0.contains("\"final\"") }.map {
                let object = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
                return try #require(object["val_acc"] as? Double)
            }
        }

        /// The suggested rate of `nntui lr-find ARGS --json` (nil when there is none).
        static func suggestedRate(_ args: [String]) throws -> Double? {
            let r = try Binary.run(["lr-find"] + args + ["--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            #expect(object.keys.contains("suggested_lr"))
            return object["suggested_lr"] as? Double
        }

        /// The criterion: plain SGD at the suggested rate reaches 0.84 on
        /// Fashion-MNIST 784/100/10 in 3 epochs (a tenth of the suggestion does not).
        @Test func suggestionTrainsFashionMNISTWithSGD() throws {
            let fm = ["--preset", "fashion-mnist", "--set", "optimizer.name=sgd"]
            let lr = try #require(try Self.suggestedRate(fm))
            let accuracy = try Self.validationAccuracies(fm + ["--set", "optimizer.lr=\(lr)", "--epochs", "3"])
            #expect(accuracy.count == 3 && accuracy.last! >= 0.84, "lr \(lr): \(accuracy)")
            let slower = try Self.validationAccuracies(fm + ["--set", "optimizer.lr=\(lr / 10)", "--epochs", "3"])
            #expect(slower.last! < 0.84, "lr \(lr / 10): \(slower)")
        }

        /// The criterion: on spiral with adam the suggested rate reaches the
        /// preset's own final accuracy within the preset's epochs.
        @Test func suggestionReachesTheSpiralPresetsAccuracy() throws {
            let own = try Self.validationAccuracies(["--preset", "spiral-tanh"])
            let lr = try #require(try Self.suggestedRate(["--preset", "spiral-tanh"]))
            let suggested = try Self.validationAccuracies(["--preset", "spiral-tanh", "--set", "optimizer.lr=\(lr)"])
            #expect(own.count == 300 && suggested.count == 300)
            #expect(suggested.max()! >= own.last!, "lr \(lr) reaches \(suggested.max()!), the preset \(own.last!)")
        }

        /// Trained weights: the loss only rises with the rate, so nothing is suggested
        /// (the headless table says why; the dashboard's enter applies nothing).
        @Test func trainedWeightsGetNoSuggestion() throws {
            let dir = Binary.temporaryFolder()
            let save = try Binary.run(["train", "--preset", "circle-relu", "--save", dir + "/w.safetensors"])
            #expect(save.status == 0, "\(save.stderr)")
            #expect(try Self.suggestedRate(["--preset", "circle-relu"]) != nil)
            #expect(try Self.suggestedRate(["--preset", "circle-relu", "--load", dir + "/w.safetensors"]) == nil)
            let table = try Binary.run(["lr-find", "--preset", "circle-relu", "--load", dir + "/w.safetensors"])
            #expect(
                table.status == 0
                    && table.stdout.contains("no suggestion: the loss did not fall below its starting level"),
                "\(table.stdout)")
            #expect(!table.stdout.contains("suggested: optimizer.lr="))
        }

        /// `f` shows the test over the view; enter puts its suggestion in the settings.
        /// On trained weights there is none: enter applies nothing and it says why.
        @Test func finderKeyAppliesTheSuggestion() throws {
            let dir = Binary.temporaryFolder()
            #expect(
                try Binary.run(["train", "--preset", "circle-relu", "--save", dir + "/w.safetensors", "--quiet"]).status
                    == 0)
            let trained = try Tmux.dashboard(
                ["--preset", "circle-relu", "--load", dir + "/w.safetensors"], width: 80, height: 24)
            trained.send("Space", "f")
            // the finder's title, as it reads at 80 columns ("lr finder   ↵ apply · esc close")
            let finder = "finder   ↵ apply · esc close"
            var s = trained.wait { $0.contains(finder) && $0.contains("no suggestion") }
            #expect(s.contains("no suggestion: the loss did not fall"), "\(s)")
            trained.send("Enter")
            #expect(trained.screen.contains(finder) && !trained.screen.contains("learning rate set to"))
            trained.send("Escape")
            _ = trained.wait { !$0.contains(finder) }
            trained.quit()
            let t = try Tmux.dashboard(["--set", "training.epochs=100000"], width: 80, height: 24)
            t.send("Space", "r", "f")  // paused, back to the initial weights, the test from them
            s = t.wait { $0.contains(finder) && $0.contains("suggested lr") }
            let line = s.split(separator: "\n").first { $0.contains("suggested lr") } ?? ""
            let value =
                line.components(separatedBy: "suggested lr ").last?.split(separator: " ").first.map(String.init) ?? ""
            #expect(Double(value) != nil, "\(s)")
            t.send("Enter")
            s = t.wait { $0.contains("learning rate set to") }
            #expect(s.contains("learning rate set to \(value)"), "\(s)")
            #expect(!s.contains(finder))
            t.quit()
        }

        /// `2/8/8/3` typed on the layers row restarts the run with those sizes.
        @Test func layersAreTypedOnTheLayersRow() throws {
            let t = try Tmux.dashboard(width: 80, height: 24)
            for _ in 0..<5 { t.send("Down") }  // past noise, samples, validation and features to the layers row
            t.send(literal: "2/8/8/3")
            var s = t.show("2/8/8/3▌")
            t.send("Enter")
            s = t.wait { $0.contains("layers 2/8/8/3: the run restarted from the same seed") }
            #expect(s.contains("2/8/8/3 · 123"), "\(s)")
            t.send(literal: "5/4/3")
            t.send("Enter")
            s = t.wait { $0.contains("the first size is 5 but spiral has 2 features") }
            #expect(s.contains("2/8/8/3 · 123"), "\(s)")
            t.quit()
        }

        /// The features row in a real terminal, keys sent as typed: → → enter turns x1^2 on.
        @Test func featuresRowTogglesAnInput() throws {
            let t = try Tmux.dashboard(["--preset", "circle-relu"], width: 80, height: 24)
            t.send("Down", "Down", "Down", "Down", "Right", "Right", "Enter")
            let s = t.wait { $0.contains("inputs x1, x2, x1^2: the run restarted") }
            #expect(s.contains("◂ x1^2 ▸ ☑ on") && s.contains("3/16/16/1"), "\(s)")
            t.quit()
        }

        /// The circle with x1^2, x2^2 and no hidden layer: a linear model solves it.
        @Test func squaredFeaturesSolveTheCircle() throws {
            let r = try Binary.run([
                "train", "--preset", "circle-relu", "--set", "data.features=x1^2,x2^2",
                "--set", "network.layers=auto,auto", "--epochs", "80", "--json",
            ])
            let last = try #require(r.stdout.split(separator: "\n").last { $0.contains("\"final\"") })
            let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
            #expect((object["val_acc"] as? Double ?? 0) >= 0.98, "\(last)")
            let t = try Tmux.dashboard(
                ["--preset", "circle-relu", "--set", "data.features=x1^2,x2^2", "--set", "network.layers=auto,auto"],
                width: 100, height: 30)
            let s = t.show("circle x1^2,x2^2")
            #expect(s.contains("2/1"), "\(s)")
            t.quit()
        }

        /// The network view: tiles per unit, the selected unit's weights, reshaping by key.
        @Test func networkViewShowsAndReshapesTheNetwork() throws {
            let t = try Tmux.dashboard(width: 120, height: 40)
            #expect(t.screen.contains("─ network "), "the first view on the plane")
            var s = t.wait { $0.contains("N1=16") && $0.contains("unit 1 of layer 1") }
            // 16 units, the tiles of those that fit, the rest counted
            #expect(
                s.contains("N0=2") && s.contains("N3=3") && s.contains(/\+[1-9][0-9]? more/)
                    && s.contains("largest incoming weights"), "\(s)")
            t.send("]", "Down")  // a bracket gives the arrows to the units
            s = t.wait { $0.contains("unit 2 of layer 2") }
            #expect(s.contains("unit 2 of layer 2") && s.contains("tab: settings"), "\(s)")
            t.send("u")
            s = t.wait { $0.contains("layers 2/16/17/3: the run restarted from the same seed") }
            #expect(s.contains("N2=17"), "\(s)")
            t.send("x")
            s = t.wait { $0.contains("layers 2/16/3:") }
            t.quit()
        }

        /// Shape keys typed in one burst all count: `]` then `uuuu` adds four units,
        /// `xU` deletes a layer and takes a unit from the next, ten `i` make six layers.
        @Test func aBurstOfShapeKeysAllCounts() throws {
            let t = try Tmux.dashboard(width: 120, height: 40)
            t.send("]", "u", "u", "u", "u")
            var s = t.wait { $0.contains("N2=20") }
            #expect(s.contains("N2=20"), "\(s)")
            t.send("[", "x", "U")
            s = t.wait { $0.contains("layers 2/19/3:") }
            #expect(s.contains("layers 2/19/3:"), "\(s)")
            t.send("i", "i", "i", "i", "i", "i", "i", "i", "i", "i")
            s = t.wait { $0.contains("2/19×6/3") }
            #expect(s.contains("2/19×6/3"), "six hidden layers of 19 on the layers row: \(s)")
            t.quit()
        }

        /// Fashion-MNIST: wide layers show a subset and the count of the rest; tiles are histograms.
        @Test(
            .enabled(
                if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"),
                "needs dataset-fashion-mnist (make test installs it)"))
        func networkViewOnFashionMNIST() throws {
            let t = try Tmux(["--preset", "fashion-mnist"], width: 120, height: 40)
            _ = t.wait(timeout: 60) { $0.contains("settings") }
            #expect(t.screen.contains("─ training curves "), "the first view off the plane")
            t.view("network")
            let s = t.wait(timeout: 30) { $0.contains("N1=100") && $0.contains("more") }
            #expect(s.contains("N0=784") && s.contains("N2=10") && s.contains(/\+9[0-9] more/), "\(s)")
            // a first-layer unit's incoming weights, as the 28x28 image they weigh
            #expect(s.contains("28x28"), "\(s)")
            t.quit()
        }

        /// The mouse in a real terminal (xterm's reports, as tmux passes them): a click
        /// focuses a settings row, the wheel changes it.
        @Test func mouseClicksAndWheel() throws {
            let t = try Tmux.dashboard(width: 120, height: 40)
            // SGR reports (xterm-256color's kmous): ESC [ < button ; column ; row M, 1-based
            func report(_ button: Int, _ x: Int, _ y: Int) -> String { "\u{1B}[<\(button);\(x + 1);\(y + 1)M" }
            // wheel down over the activation row (screen row 8): the previous activation
            t.send(literal: report(65, 10, 8))
            let s = t.wait { $0.contains("activation    sigmoid") }
            #expect(s.contains("activation    sigmoid"), "\(s)")
            t.quit()
        }
    }
}

extension EndToEnd {
    /// Your own points, drawn in the real dashboard: clicks (xterm's mouse reports) and
    /// the keyboard's cursor, saved with `p`, reloaded identical, trained and exported.
    @Suite struct DrawnSetEndToEndTests {
        /// The default dashboard at 120x40 on the boundary view, its plane cleared by `C`.
        static func emptyPlane() throws -> Tmux {
            let t = try Tmux.dashboard(width: 120, height: 40)
            for _ in 0..<4 { t.send("v") }
            t.show("filled: train")
            t.send("C")
            t.show("an empty plane")
            return t
        }

        @Test func drawSaveReloadTrainExport() throws {
            let t = try Self.emptyPlane()
            /// A click as a hand makes one: the press, its point on screen, then the release.
            func click(_ x: Int, _ y: Int, making count: Int) {
                t.send(literal: "\u{1B}[<0;\(x + 1);\(y + 1)M")
                t.show("drawn set: \(count) point")
                t.send(literal: "\u{1B}[<0;\(x + 1);\(y + 1)m")
            }
            // class 0 up left, class 1 down right: six clicks, then two points by the keyboard
            for k in 0..<3 { click(45 + 3 * k, 5 + k, making: k + 1) }
            t.send("1")
            for k in 0..<3 { click(100 + 3 * k, 28 + k, making: k + 4) }
            t.send("*")
            t.send("Right", "Right", "Down", "Space", "Up", "Up", "Up", "Enter")
            t.show("drawn set: 8 points")
            t.send("x")
            t.show("drawn set: 7 points")
            t.send("Escape")
            t.send("p")
            t.show("saved preset to ./spiral-tanh-saved.yaml")
            t.quit()
            let yaml = try String(contentsOfFile: t.directory + "/spiral-tanh-saved.yaml", encoding: .utf8)
            let saved = try Preset.parse(yaml: yaml, file: "saved")
            #expect(saved.data.source == .drawn && saved.data.points.count == 7, "\(yaml)")
            #expect(
                saved.data.points.filter { $0.target == 0 }.count == 3
                    && saved.data.points.filter { $0.target == 1 }.count == 4)
            // reloaded, the same points; trained headless; exported with them
            let r = try Binary.run(
                ["train", "--preset", "spiral-tanh-saved.yaml", "--epochs", "20", "--quiet", "--log", "drawn.csv"],
                in: t.directory)
            #expect(r.status == 0, "\(r.stderr)")
            let e = try Binary.run(
                ["export", "--preset", "spiral-tanh-saved.yaml", "--out", "exported"], in: t.directory)
            #expect(e.status == 0, "\(e.stderr)")
            let exported = try Preset.parse(
                yaml: try String(contentsOfFile: t.directory + "/exported/preset.yaml", encoding: .utf8), file: "e")
            #expect(exported.data.points == saved.data.points)
        }

        /// Clicks that arrive together, as a quick hand or a script sends them: 300
        /// presses in bursts of 50 (each press with its release, each burst one write)
        /// add exactly 300 points, and 10 in one write add 10 more.
        @Test func clicksInBurstsAllCount() throws {
            let t = try Self.emptyPlane()
            func burst(_ cells: [(Int, Int)]) -> String {
                cells.map { "\u{1B}[<0;\($0.0 + 1);\($0.1 + 1)M\u{1B}[<0;\($0.0 + 1);\($0.1 + 1)m" }.joined()
            }
            let cells = (0..<300).map { k in (45 + k % 60, 5 + k / 60 * 4 + k % 3) }
            for b in 0..<6 { t.send(literal: burst(Array(cells[(50 * b)..<(50 * b + 50)]))) }
            t.show("drawn set: 300 points", timeout: 60)
            t.send(literal: burst((0..<10).map { (50 + 4 * $0, 27) }))
            t.show("drawn set: 310 points", timeout: 30)
            // seeded bursts of 1 to 40 reports mixing presses with what adds nothing
            // (releases alone, motion, the right button): exactly one point per press
            var state: UInt64 = 11, presses = 0
            func next(_ n: Int) -> Int {
                state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) % n
            }
            for _ in 0..<12 {
                var text = ""
                for _ in 0..<(1 + next(40)) {
                    let x = 46 + next(58), y = 6 + next(22)
                    switch next(4) {
                    case 0, 1: text += "\u{1B}[<0;\(x);\(y)M\u{1B}[<0;\(x);\(y)m"; presses += 1
                    case 2: text += "\u{1B}[<\([32, 35][next(2)]);\(x);\(y)M"
                    default: text += "\u{1B}[<2;\(x);\(y)M\u{1B}[<2;\(x);\(y)m"
                    }
                }
                t.send(literal: text)
            }
            t.show("drawn set: \(310 + presses) points", timeout: 60)
            t.quit()
        }
    }
}
