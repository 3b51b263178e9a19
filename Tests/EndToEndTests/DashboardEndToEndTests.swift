import Foundation
import TestSupport
import Testing

extension EndToEnd {
    /// The real binary in a real terminal (tmux), driven as a user would.
    @Suite struct DashboardEndToEndTests {
        /// The learning-rate finder on full-batch Fashion-MNIST takes a minute; `q`
        /// while it runs quits (the finder stops with the session) well before the
        /// finder would have finished.
        @Test(
            .enabled(
                if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"),
                "needs dataset-fashion-mnist (make test installs it)"))
        func quitStopsTheFinder() throws {
            let t = try Tmux.dashboard(["--preset", "fashion-mnist", "--set", "training.batch=full"])
            t.send("f")
            usleep(1_500_000)
            t.send("q")
            t.show("EXIT=0", timeout: 30)
        }

        @Test func showsSettingsChartsAndSparklinesAndAdvances() throws {
            let t = try Tmux.dashboard()
            #expect(t.screen.contains("─ network "), "the spiral opens on the network: \(t.screen)")
            let s = t.view("training curves")
            for text in [
                "settings", "optimizer", "adam", "learning rate", "schedule", "loss", "accuracy", "2/16/16/3",
                "samples/s",
            ] {
                #expect(s.contains(text), "missing \(text)")
            }
            #expect(s.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "no braille chart")
            #expect(s.unicodeScalars.contains { "▁▂▃▄▅▆▇█".unicodeScalars.contains($0) }, "no sparkline")
            let e0 = Tmux.epoch(s) ?? 0
            let later = t.wait { (Tmux.epoch($0) ?? 0) > e0 + 3 }
            #expect((Tmux.epoch(later) ?? 0) > e0 + 3)
            t.quit()
        }

        @Test func spacePausesAndResumesAndStepsWhilePaused() throws {
            let t = try Tmux.dashboard()
            t.send("Space")
            var s = t.show("paused")
            // paused: the epoch settles and stays (1.2 s without a change)
            let frozen = t.steady(for: 1.2) { Tmux.epoch($0) }
            #expect(frozen != nil && !t.screen.contains("● running"), "still running: \(t.screen)")
            // n: exactly one epoch
            t.send("n")
            s = t.wait { Tmux.epoch($0) != frozen }
            #expect(Tmux.epoch(s) == (frozen ?? 0) + 1)
            #expect(t.steady(for: 0.5) { Tmux.epoch($0) } == (frozen ?? 0) + 1, "more than one epoch after n")
            // b: exactly one mini-batch
            let b0 = Tmux.batch(t.screen) ?? -1
            t.send("b")
            s = t.wait { Tmux.batch($0) != b0 }
            #expect(Tmux.batch(s) == b0 + 1)
            #expect(Tmux.epoch(s) == (frozen ?? 0) + 1)
            // space resumes
            t.send("Space")
            s = t.wait { (Tmux.epoch($0) ?? 0) > (frozen ?? 0) + 2 }
            #expect((Tmux.epoch(s) ?? 0) > (frozen ?? 0) + 2)
            #expect(s.contains("running"))
            t.quit()
        }

        @Test func optimizerLearningRateAndReset() throws {
            let t = try Tmux.dashboard()
            t.send("o")
            var s = t.wait { $0.contains("adamw") }
            #expect(s.contains("optimizer     adamw"), "\(s)")
            let e = Tmux.epoch(s) ?? 0
            s = t.wait { (Tmux.epoch($0) ?? 0) > e + 2 }
            #expect((Tmux.epoch(s) ?? 0) > e + 2, "training stopped after o")
            #expect(s.contains("learning rate 0.003"))
            t.send("+")
            s = t.show("learning rate 0.006")
            t.send("Space")
            t.wait { $0.contains("paused") }
            t.send("r")
            s = t.wait { Tmux.epoch($0) == 0 }
            #expect(Tmux.epoch(s) == 0)
            t.quit()
        }

        /// Keys typed faster than a frame all count: `+` and `o` in one send-keys keep
        /// the doubled rate; `→ →` on the layers row doubles the widths twice.
        @Test func quickKeysAllCount() throws {
            let t = try Tmux.dashboard()
            t.send("+", "o")
            var s = t.show("optimizer     adamw")
            s = t.show("learning rate 0.006")
            #expect(s.contains("optimizer     adamw") && s.contains("learning rate 0.006"), "\(s)")
            t.send("-", "s", "a")
            s = t.show("activation    relu")
            #expect(s.contains("learning rate 0.003") && s.contains("schedule      step"), "\(s)")
            for _ in 0..<5 { t.send("Tab") }  // data, noise, samples, validation, features, layers
            t.send("Right", "Right")
            s = t.show("2/64/64/3")
            #expect(s.contains("2/64/64/3 · 4,547"), "\(s)")
            t.quit()
        }

        /// `--load`: the dashboard starts from trained weights (XOR solved at epoch 1).
        @Test func dashboardStartsFromACheckpoint() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.run(
                ["train", "--preset", "xor-sigmoid", "--quiet", "--save", "xor.safetensors"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let t = try Tmux(["--preset", "xor-sigmoid", "--load", "xor.safetensors"], directory: dir)
            let s = t.wait { (Tmux.epoch($0) ?? 0) >= 1 && $0.contains("val acc") }
            let strip = s.split(separator: "\n").first { $0.contains("val acc") }.map(String.init) ?? ""
            let accuracy = strip.split(separator: " ").last.flatMap { Double($0.dropLast()) } ?? 0
            #expect(accuracy >= 90, "\(strip)")
            t.quit()
            let bad = try Binary.run(["--preset", "spiral-tanh", "--load", "xor.safetensors"], in: dir)
            #expect(bad.status == 2 && bad.stderr.hasPrefix("nntui: xor.safetensors"), "\(bad.stderr)")
        }

        @Test func resizeKeepsAValidScreen() throws {
            let t = try Tmux.dashboard()
            t.view("training curves")
            t.resize(width: 80, height: 24)
            var s = t.wait { $0.split(separator: "\n").first.map { $0.count <= 80 } == true && $0.contains("settings") }
            #expect(s.contains("settings") && s.contains("epoch"), "\(s)")
            t.resize(width: 60, height: 20)
            s = t.wait { $0.contains("Enlarge the terminal") }
            #expect(s.contains("Enlarge the terminal to at least 80x24"))
            t.resize(width: 120, height: 40)
            s = t.wait { $0.contains("learning rate") }
            #expect(s.contains("settings") && s.contains("accuracy"))
            t.quit()
        }

        @Test func helpOverlayListsEveryKey() throws {
            let t = try Tmux.dashboard()
            t.send("?")
            let s = t.wait { $0.contains("─ keys") && $0.contains("compare runs") && $0.contains("↓ more") }
            for text in [
                "pause / resume", "one mini-batch", "reset", "learning rate", "learning-rate finder", "next view",
                "save a checkpoint", "save the settings", "quit",
            ] {
                #expect(s.contains(text), "help lacks \(text)")
            }
            t.send("?")
            t.quit()
        }

        @Test func controlCRestoresTheTerminal() throws {
            let t = try Tmux.dashboard()
            t.send("C-c")
            var s = t.wait { Tmux.number(after: "EXIT=", in: $0) != nil }
            #expect(s.contains("EXIT=130"), "\(s)")
            t.send(literal: "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo STTY")
            t.send("Enter")
            s = t.wait { $0.contains("icanon echo STTY") }
            #expect(s.contains("icanon echo STTY"), "\(s)")
        }

        @Test func savesCheckpointAndPreset() throws {
            let t = try Tmux.dashboard()
            t.send("Space")
            t.send("w")
            var s = t.wait { $0.contains("saved checkpoint to") }
            #expect(s.contains("saved checkpoint to ./spiral-tanh-epoch"))
            t.send("p")
            s = t.wait { $0.contains("saved preset to") }
            #expect(s.contains("saved preset to ./spiral-tanh-saved.yaml"))
            t.view("decision boundary")
            t.send("P")
            s = t.wait { $0.contains("saved the view as") }
            #expect(s.contains("saved the view as ./spiral-tanh-decision-boundary.svg"), "\(s)")
            let files = try FileManager.default.contentsOfDirectory(atPath: t.directory)
            #expect(files.contains("spiral-tanh-saved.yaml"))
            let svg = try String(contentsOfFile: t.directory + "/spiral-tanh-decision-boundary.svg", encoding: .utf8)
            #expect(
                svg.contains("<rect") && svg.contains(">class 0</text>") && svg.contains(">class 2 (validation)</text>")
            )
            #expect(files.contains { $0.hasSuffix(".safetensors") })
            t.quit()
            let r = try Binary.run(
                ["train", "--preset", "spiral-tanh-saved.yaml", "--epochs", "1", "--quiet"], in: t.directory)
            #expect(r.status == 0, "\(r.stderr)")
        }

        @Test func settingsPanelSpeedAndExtend() throws {
            let t = try Tmux.dashboard(["--preset", "xor-sigmoid", "--set", "training.epochs=5"])
            // tab down to the batch size and step it right: 16 -> 32, live
            // the schedule's decay and period rows (a dash for constant) are passed over
            for _ in 0..<14 { t.send("Tab") }
            t.send("Right")
            var s = t.wait { $0.contains("batch         32") }
            #expect(s.contains("batch         32"), "\(s)")
            // enter on the layers row adds a hidden layer (and resets the run)
            // warmup, schedule, rate, params, optimizer, init, output, activation, layers
            for _ in 0..<9 { t.send("BTab") }
            t.send("Enter")
            s = t.wait { $0.contains("2/8/8/8/1") }
            #expect(s.contains("2/8/8/8/1") && s.contains("the run was reset"))
            // > goes to full speed
            t.send(">")
            t.send(">")
            t.send(">")
            s = t.wait { $0.contains("full speed") }
            #expect(s.contains("speed         full speed"))
            s = t.wait { $0.contains("finished") }
            #expect(Tmux.epoch(s) == 5)
            t.send("e")
            s = t.show("epoch 10/10")
            t.quit()
        }

        @Test func monochromeTerminalStillWorks() throws {
            let t = try Tmux([], width: 100, height: 30, term: "vt100")
            let s = t.wait(timeout: 30) { $0.contains("settings") && (Tmux.epoch($0) ?? 0) > 0 }
            #expect(s.contains("settings") && s.contains("loss"))
            t.view("decision boundary")
            #expect(t.wait { $0.contains("filled: train") }.contains("░"))
            t.quit()
        }
    }
}
