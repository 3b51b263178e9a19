import Foundation
import Testing

/// Runs the `nntui` binary of the build that runs the tests, and captures its output.
public enum Binary {
    /// The package's folder (presets, benchmarks).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().path
    /// `nntui` beside the test bundle that is running: the same build folder and
    /// configuration (`--scratch-path`, `-c release`), never a stale binary elsewhere.
    public static let path: String = {
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = running.deletingLastPathComponent()
        // a test bundle may be a folder (…/nntuiPackageTests.xctest/…); climb to the build folder
        while folder.path != "/" && folder.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("nntui").path
    }()

    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `nntui args` in `directory` and waits (at most `timeout` seconds).
    public static func run(_ args: [String], in directory: String? = nil, timeout: Double = 120) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(path: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let dir = temporaryFolder()
        _ = FileManager.default.createFile(atPath: dir + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: dir + "/err", contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        try out.close(); try err.close()
        let o = FileManager.default.contents(atPath: dir + "/out") ?? Data()
        let e = FileManager.default.contents(atPath: dir + "/err") ?? Data()
        return Result(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    /// Runs `script` with `/bin/sh -c` in `directory`, `$NNTUI` naming the binary:
    /// for what a shell does to a process (closed or full streams, pipes, limits).
    public static func shell(_ script: String, in directory: String, timeout: Double = 120) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(path: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        p.environment = ProcessInfo.processInfo.environment.merging(["NNTUI": path]) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // read both pipes as the script runs, so a chatty script cannot block on a full pipe
        nonisolated(unsafe) var o = Data(), e = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { o = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { e = err.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        group.wait()
        return Result(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    /// The binary is not where the running build puts it.
    /// Runs `nntui args` and expects what bad input gets: exit 2 and one line on
    /// stderr that contains `message`, no crash report.
    public static func expectRefused(
        _ args: [String], in directory: String? = nil, saying message: String,
        timeout: Double = 120, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let r = try run(args, in: directory, timeout: timeout)
        #expect(r.status == 2, "\(args): status \(r.status) \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains("Fatal error"), "\(args): \(r.stderr)", sourceLocation: sourceLocation)
    }

    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "no nntui binary at \(path): build the package before running the tests" }
    }

    public static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "nntui-cli-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// The project's Python (`.venv`, created by `make test` with the CPU build of torch).
public enum Python {
    public static let bin = Binary.packageRoot + "/.venv/bin"

    /// `make test` sets `NNTUI_REQUIRE_PYTHON=1` after creating the venv: then the
    /// tests that need it always run, and fail if it is missing.
    public static let required = ProcessInfo.processInfo.environment["NNTUI_REQUIRE_PYTHON"] == "1"

    /// The venv's python is there.
    public static let available = FileManager.default.isExecutableFile(atPath: bin + "/python")

    /// The trait of a test that runs the venv's Python: under plain `swift test`
    /// without a venv it is skipped and says why; under `make test` it runs.
    public static let needed = ConditionTrait.enabled(
        if: required || available,
        "needs .venv (torch, safetensors): 'make test' creates it; plain 'swift test' skips this without it")

    /// The venv is missing: the test fails with the way to make it.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "no \(Python.bin)/python: run 'make test' (or 'make venv'), which creates it with torch"
        }
    }

    /// Runs `tool args` from the venv's bin (`python`, `torchrun`) in `directory`.
    public static func run(_ tool: String, _ args: [String], in directory: String, timeout: Double = 300) throws
        -> Binary.Result
    {
        guard FileManager.default.isExecutableFile(atPath: bin + "/" + tool) else { throw Missing() }
        let quoted = ([bin + "/" + tool] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        return try Binary.shell(quoted, in: directory, timeout: timeout)
    }
}
