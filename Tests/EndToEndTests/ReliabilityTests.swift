import Foundation
import TestSupport
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

extension EndToEnd {
    @Suite struct ReliabilityTests {
        /// SIGINT/SIGTERM/SIGHUP finish the mini-batch, write the log and the checkpoint, exit 130/143/129.
        @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143)), (SIGHUP, Int32(129))])
        func signalsInTrainWriteEverythingAndExit(signal: Int32, status: Int32) throws {
            let dir = Binary.temporaryFolder()
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = ["train", "--epochs", "1000000", "--quiet", "--log", "l.csv", "--save", "s.safetensors"]
            p.currentDirectoryURL = URL(fileURLWithPath: dir)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // wait until training has written its first log
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: dir + "/l.csv") && Date() < deadline { usleep(50_000) }
            usleep(500_000)
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            #expect(p.terminationStatus == status)
            let rows = try String(contentsOfFile: dir + "/l.csv", encoding: .utf8).split(separator: "\n")
            #expect(rows.first == "run,epoch,step,lr,train_loss,train_acc,val_loss,val_acc,seconds")
            #expect(rows.count > 2)
            let net = Network(sizes: [2, 16, 16, 3], hidden: .tanh, output: .softmax)
            try Checkpoint.load(path: dir + "/s.safetensors", into: net)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["l.csv", "s.safetensors"])
        }

        /// 2,000 epochs in the session with the UI model updating and rendering as the
        /// dashboard does: every epoch is recorded and the run finishes cleanly.
        @Test func soakTwoThousandEpochsInTheSession() throws {
            var preset = try Preset.load("spiral-tanh")
            preset.training.epochs = 2000
            let data = try DataLoader.load(preset.data, output: preset.network.output)
            let session = try TrainingSession(preset: preset, data: data)
            session.send([.changeSpeed(by: -10)])  // full speed
            var state = AppState(snapshot: session.snapshot, width: 120, height: 40)
            state.view = .boundary
            session.send([viewRequest(state)])
            session.start()
            let deadline = Date().addingTimeInterval(240)
            while Date() < deadline && (state.snapshot.runs.first?.epoch ?? 0) < 2000 {
                session.send(update(&state, .snapshot(session.snapshot)))
                _ = render(state)
                usleep(10_000)
            }
            session.stop()
            let final = state.snapshot.runs.first!
            #expect(final.epoch == 2000)
            #expect(final.state == .finished)
            #expect(final.history.count == 2000)
            #expect(state.snapshot.boundary != nil)
        }

        /// The real dashboard over 2,000 epochs: its resident memory, read from /proc,
        /// stays flat between epoch 200 and the end (growth under 8 MB; the history of
        /// 2,000 epochs is a few hundred kB).
        @Test func soakDashboardMemoryStaysFlat() throws {
            let t = try Tmux(["--set", "training.epochs=2000", "--set", "data.samples=3000"])
            var s = t.wait { (Tmux.epoch($0) ?? 0) >= 1 }
            t.send(">")
            t.send(">")
            t.send(">")
            s = t.wait { (Tmux.epoch($0) ?? 0) >= 200 }
            let pid = try #require(Self.dashboardPid(t))
            let early = Self.residentKB(pid)
            s = t.wait(timeout: 120) { $0.contains("finished") }
            #expect(Tmux.epoch(s) == 2000, "\(s)")
            let late = Self.residentKB(pid)
            print("soak: dashboard resident memory \(early) kB at epoch 200, \(late) kB at epoch 2000")
            #expect(early > 0 && late - early < 8 * 1024, "grew from \(early) kB to \(late) kB")
            t.quit()
        }

        /// The nntui process in the pane (the shell's child).
        static func dashboardPid(_ t: Tmux) -> Int32? {
            guard
                let shell = Int32(
                    ((try? t.tmux(["list-panes", "-F", "#{pane_pid}"])) ?? "").trimmingCharacters(
                        in: .whitespacesAndNewlines)),
                let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
            else { return nil }
            return children.split(separator: " ").first.flatMap { Int32($0) }
        }

        static func residentKB(_ pid: Int32) -> Int {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }

        /// Diverge, lower the rate as the banner says, resume: the loss is finite again.
        @Test func divergeLowerTheRateAndResume() throws {
            let t = try Tmux(["--set", "optimizer.name=sgd", "--set", "optimizer.lr=1000"])
            var s = t.wait { $0.contains("✖ diverged") && $0.contains("Lower the learning rate") }
            #expect(s.contains("The run diverged: the loss became"), "\(s)")
            #expect(s.contains("space/n: resume from the start"), "\(s)")
            #expect(!s.contains("NaN"))
            t.send(literal: String(repeating: "-", count: 14))  // 1000 / 2^14 = 0.061
            s = t.show("learning rate 0.06104")
            t.send("Space")
            s = t.wait(timeout: 30) { !$0.contains("diverged") && (Tmux.epoch($0) ?? 0) >= 3 }
            #expect(!s.contains("diverged") && s.contains("● running"), "\(s)")
            // the status strip's loss sparkline (the last such line: the side chart's title reads " loss" too)
            let strip = s.split(separator: "\n").last { $0.hasPrefix(" loss ") }.map(String.init) ?? ""
            let loss = strip.split(separator: " ").compactMap { Double($0) }.first
            #expect(loss.map { $0.isFinite && $0 < 1.2 } == true, "\(strip)")
            t.quit()
        }

        @Test func dashboardNeedsATerminal() throws {
            let r = try Binary.run([])
            #expect(r.status == 2)
            #expect(r.stderr.contains("the dashboard needs a terminal"))
        }
    }
}
