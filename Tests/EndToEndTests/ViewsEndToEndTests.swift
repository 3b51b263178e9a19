import Foundation
import TestSupport
import Testing

extension EndToEnd {
    /// Each view reached with `v` in the real dashboard, and compare mode with `c`.
    @Suite struct ViewsEndToEndTests {
        func next(_ t: Tmux, until title: String) -> String {
            t.send("v")
            return t.wait { $0.contains("─ \(title)") }
        }

        /// From the first view (the network, on the plane) through every view and back.
        @Test func spiralViews() throws {
            let t = try Tmux.dashboard([])
            var s = t.wait { $0.contains("N1=16") && $0.contains("unit 1 of layer 1") }
            #expect(
                s.contains("─ network ") && s.contains("N0=2") && s.contains("tanh") && s.contains("softmax"), "\(s)")
            s = next(t, until: "learning rate")
            s = t.wait { $0.contains("━ planned") }
            #expect(s.contains("━ planned") && s.contains("schedule constant"))
            s = next(t, until: "equations")
            s = t.wait { $0.contains("Z[1] = b[1]") }
            #expect(s.contains("Z[1] = b[1] + W[1] A[0]      16x32 = 16x1 + 16x2 · 2x32"))
            #expect(s.contains("δ[2] = tanh'(Z[2]) ⊙ (W[3]ᵀ δ[3])"))
            s = next(t, until: "training curves")
            s = t.show("accuracy")
            s = next(t, until: "decision boundary")
            s = t.show("filled: train  hollow: validation")
            #expect(s.contains("●"))
            s = next(t, until: "confusion matrix")
            s = t.wait { $0.contains("on the validation split") }
            #expect(s.contains("rows: true class · columns: predicted"))
            #expect(s.contains("acc"))
            s = next(t, until: "gradients and weights")
            s = t.wait { $0.contains("layer 3") }
            #expect(s.contains("layer 1") && s.contains("layer 2") && s.contains("‖dC/dW[1]‖ / ‖dC/dW[3]‖"))
            s = next(t, until: "network")
            #expect(s.contains("─ network "))
            t.quit()
        }

        @Test func lawrenceGilesFitWithPolynomialDegree() throws {
            let t = try Tmux.dashboard(["--preset", "lawrence-giles"])
            var s = next(t, until: "fit")
            s = t.wait { $0.contains("━ polynomial, degree 15") && $0.contains("━ network") }
            #expect(s.contains("vs points") && s.contains("vs true curve"), "\(s)")
            #expect(s.contains("● 20 training points"), "\(s)")
            t.send("D")
            s = t.show("polynomial, degree 16")
            t.send("d", "d")
            s = t.show("polynomial, degree 14")
            t.quit()
        }

        /// The homework's sweep in the dashboard: the preset's compare list races three
        /// widths, and the fit panel overlays their curves on the points.
        @Test func lawrenceGilesSweepOverlaysEveryWidth() throws {
            let t = try Tmux.dashboard(["--preset", "lawrence-giles"])
            t.send("c")
            _ = t.show("preset's list")
            t.send("Enter")
            let s = t.wait(timeout: 30) {
                $0.contains("fit of every run") && $0.contains("━ 1/100/1") && $0.contains("vs true curve")
            }
            for text in ["━ 1/5/1", "━ 1/20/1", "━ 1/100/1", "━ polynomial, degree 15", "● 20 training points"] {
                #expect(s.contains(text), "missing \(text):\n\(s)")
            }
            t.quit()
        }

        /// W = 0: the gradients view shows every hidden layer's spread as 0 and says why.
        @Test func zeroInitialWeightsShowIdenticalUnits() throws {
            let t = try Tmux.dashboard(["--preset", "xor-sigmoid", "--set", "network.init=zeros"])
            t.view("gradients and weights")
            func layer1(_ s: String) -> String {
                s.split(separator: "\n").first { $0.contains("layer 1") }.map(String.init) ?? ""
            }
            // the spread column of layer 1 reads exactly 0 once the view's numbers arrive
            let s = t.wait { $0.contains("W = 0: all units of a layer") && layer1($0).contains("%   0 ") }
            #expect(layer1(s).contains("%   0 "), "\(layer1(s))")
            #expect(s.contains("spread"))
            t.quit()
        }

        @Test(
            .enabled(
                if: FileManager.default.fileExists(
                    atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"),
                "dataset-fashion-mnist is not installed (make test installs it)"))
        func fashionConfusionMatrixAndImages() throws {
            let t = try Tmux.dashboard(["--preset", "fashion-mnist"])
            _ = next(t, until: "confusion matrix")
            let s = t.wait(timeout: 30) { $0.contains("on the test split") && ($0.contains("✓") || $0.contains("✗")) }
            for name in ["T-shirt", "Trouser", "Pullover", "Sneaker"] { #expect(s.contains(name), "no \(name)") }
            #expect(s.contains("✓") || s.contains("✗"))
            t.quit()
        }

        @Test func vanishingSigmoidGradientView() throws {
            let t = try Tmux.dashboard(["--preset", "vanishing-sigmoid"])
            t.view("gradients and weights")
            let s = t.wait { $0.contains("layer 7") }
            #expect(s.contains("layer 1") && s.contains("layer 7") && s.contains("sigmoid hidden units"))
            t.quit()
        }

        @Test func compareModeRacesTheSixOptimizers() throws {
            let t = try Tmux.dashboard([])
            t.send("c")
            var s = t.wait { $0.contains("compare: choose the runs") && $0.contains("[ ] adamw") }
            #expect(s.contains("[x] sgd") && s.contains("[x] adam ") && s.contains("[ ] adamw"))
            t.send("Enter")
            s = t.wait { $0.contains("runs (same initial weights") && $0.contains("━ rmsprop") }
            for name in ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"] {
                #expect(s.contains("━ \(name)"), "legend lacks \(name)")
            }
            let rows = s.split(separator: "\n").filter { line in
                ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"].contains { line.contains("│━ \($0) ") }
            }
            #expect(rows.count == 6, "\(s)")
            let before = rows.compactMap {
                Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first ?? "")
            }
            s = t.wait { screen in
                let r = screen.split(separator: "\n").filter { $0.contains("│━ adam ") }
                return r.first.map { Int($0.split(separator: " ").dropFirst(3).first ?? "") ?? 0 } ?? 0
                    > (before.last ?? 0) + 2
            }
            #expect(s.contains("running"))
            t.send("m")
            s = t.show("loss per run (shared axes)")
            t.send("c")
            s = t.show("settings")
            // a learning-rate sweep: tab to the second setting, start
            t.send("c")
            t.wait { $0.contains("compare: choose the runs") }
            t.send("Tab")
            // the whole row drawn (a capture may land between two of its writes)
            s = t.wait { $0.contains("[x] 0.0003") && $0.contains("[x] 0.03") }
            #expect(s.contains("[x] 0.003") && s.contains("[x] 0.03"))
            t.send("Enter")
            s = t.wait { $0.contains("━ lr=0.0003") && $0.contains("━ lr=0.03") }
            #expect(s.contains("━ lr=0.0003") && s.contains("━ lr=0.009"))
            t.quit()
        }
    }
}

extension EndToEnd {
    /// Your own CSV in the dashboard: two feature columns open on the decision
    /// boundary, one on the fit; a measured target is not taken for class labels.
    @Suite struct OwnCSVEndToEndTests {
        @Test func aCSVOpensOnItsBoundaryOrItsFit() throws {
            let dir = Binary.temporaryFolder()
            var two = "x1,x2,label\n", one = "x,y\n"
            for i in 0..<200 {
                let x = Double(i % 20) / 10 - 1, y = Double(i / 20) / 5 - 1
                two += "\(x),\(y),\(x * x + y * y < 0.5 ? "in" : "out")\n"
                one += "\(Double(i) / 200),\(sin(Double(i) / 30))\n"
            }
            try two.write(toFile: dir + "/two.csv", atomically: true, encoding: .utf8)
            try one.write(toFile: dir + "/one.csv", atomically: true, encoding: .utf8)
            do {
                let t = try Tmux(["--set", "data.source=csv", "--set", "data.path=\(dir)/two.csv"])
                t.show("─ decision boundary", timeout: 30)
                let s = t.show("● in")
                #expect(s.contains("▲ out"), "\(s)")
                t.quit()
            }
            let t = try Tmux([
                "--set", "data.source=csv", "--set", "data.path=\(dir)/one.csv", "--set", "network.output=identity",
            ])
            t.show("─ fit", timeout: 30)
            t.show("160 training points")
            t.quit()
            try Binary.expectRefused(
                ["--set", "data.source=csv", "--set", "data.path=one.csv"], in: dir,
                saying: "one.csv:3: target 'y' is 0.0333")
        }
    }
}
