import Foundation
import Testing
@testable import NNCore
@testable import NNTUI

@Suite struct ReliabilityTests {
    /// SIGINT/SIGTERM finish the mini-batch, write the log and the checkpoint, exit 130/143.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
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
    /// dashboard does; the resident memory stays flat (growth under 8 MB between
    /// epoch 200 and epoch 2,000: the history itself is a few hundred kB).
    @Test func soakTwoThousandEpochsMemoryStaysFlat() throws {
        var preset = try Preset.load("spiral-tanh")
        preset.training.epochs = 2000
        let data = try DataLoader.load(preset.data, output: preset.network.output)
        let session = try TrainingSession(preset: preset, data: data)
        session.send(.changeSpeed(by: -10))  // full speed
        var state = AppState(snapshot: session.snapshot, width: 120, height: 40)
        for command in update(&state, .key(.char("v"))) { session.send(command) }
        session.start()
        var rssAt200: Int?
        let deadline = Date().addingTimeInterval(240)
        var frames = 0
        while Date() < deadline {
            state.snapshot = session.snapshot
            _ = render(state)
            frames += 1
            let epoch = state.snapshot.runs.first?.epoch ?? 0
            if epoch >= 200 && rssAt200 == nil { rssAt200 = Self.residentBytes() }
            if epoch >= 2000 { break }
            usleep(10_000)
        }
        session.stop()
        let final = state.snapshot.runs.first!
        #expect(final.epoch == 2000)
        #expect(final.state == .finished)
        #expect(final.history.count == 2000)
        let growth = Self.residentBytes() - (rssAt200 ?? 0)
        print("soak: \(frames) frames, resident growth from epoch 200 to 2000: \(growth / 1024) kB")
        #expect(growth < 8 << 20, "resident memory grew by \(growth) bytes")
    }

    static func residentBytes() -> Int {
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "0 0"
        return (Int(statm.split(separator: " ")[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func divergenceShowsInTheDashboard() throws {
        let t = try Tmux(["--set", "optimizer.name=sgd", "--set", "optimizer.lr=1000"])
        let s = t.wait { $0.contains("diverged") && $0.contains("Lower the learning rate") }
        #expect(s.contains("✖ diverged"))
        #expect(s.contains("Lower the learning rate"))
        #expect(!s.contains("NaN"))
        t.send("q")
        #expect(t.wait { $0.contains("EXIT=0") }.contains("EXIT=0"))
    }

    @Test func dashboardNeedsATerminal() throws {
        let r = try Binary.run([])
        #expect(r.status == 2)
        #expect(r.stderr.contains("the dashboard needs a terminal"))
    }
}
