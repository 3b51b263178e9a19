import Foundation
import Testing

/// Drives the real binary in a tmux pane: `new-session -d -x W -y H`, `send-keys`,
/// `capture-pane -p`. Each instance has its own tmux server socket, so tests never
/// share a terminal.
public final class Tmux {
    public let directory: String
    /// The server's socket, in the test's own folder (removed when the server ends).
    public var socket: String { directory + "/.tmux-socket" }

    /// Starts `nntui args` in a shell inside a new pane of `width x height`; the
    /// shell prints `EXIT=<status>` when it ends and stays usable. `setup` runs in
    /// the shell first (e.g. `trap '' HUP`).
    public init(
        _ args: [String], width: Int = 120, height: Int = 40, directory: String? = nil, term: String = "xterm-256color",
        setup: String = ""
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: Binary.path) else { throw Binary.Missing(path: Binary.path) }
        self.directory = directory ?? Binary.temporaryFolder()
        let command = ([Binary.path] + args).map { "'\($0)'" }.joined(separator: " ")
        try tmux([
            "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", "-c", self.directory,
            // swift test sets NO_COLOR=1; the dashboard honours it, so a pane starts without it
            "env -u NO_COLOR TERM=\(term) bash --norc --noprofile",
        ])
        try tmux(["set-option", "-g", "window-size", "manual"])
        send(literal: "\(setup.isEmpty ? "" : setup + "; ")\(command); echo EXIT=$?")
        send("Enter")
    }

    /// Ends this instance's tmux server, and with it the pane and nntui.
    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// The dashboard with `args`, once it shows its settings and has trained an epoch.
    public static func dashboard(_ args: [String] = [], width: Int = 120, height: Int = 40) throws -> Tmux {
        let t = try Tmux(args, width: width, height: height)
        let s = t.wait(timeout: 30) { $0.contains("settings") && (Tmux.epoch($0) ?? 0) > 0 }
        #expect(s.contains("settings"), "no dashboard:\n\(s)")
        return t
    }

    /// Waits for `text` on the screen and records an issue if it never shows; returns the screen.
    @discardableResult
    public func show(_ text: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) -> String
    {
        let s = wait(timeout: timeout) { $0.contains(text) }
        #expect(s.contains(text), "never showed \(text):\n\(s)", sourceLocation: sourceLocation)
        return s
    }

    /// Quits with `q` and checks the exit status 0 and the shell prompt after it.
    public func quit() {
        send("q")
        show("EXIT=0")
    }

    /// Runs one tmux command on this instance's server with posix_spawn and waitpid:
    /// Foundation's Process waits for pipes that the daemon `new-session` forks keeps open.
    @discardableResult
    public func tmux(_ args: [String]) throws -> String {
        let outPath = directory + "/.tmux-out-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux", "-S", socket] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        // a test runs on a worker thread that blocks signals; the pane's programs must
        // not inherit that mask (curses would never see SIGWINCH)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
    }

    /// Sends tmux key names (`Space`, `Enter`, `C-c`, `q`, ...).
    public func send(_ keys: String...) { _ = try? tmux(["send-keys", "-t", "main", "--"] + keys) }
    public func send(literal text: String) { _ = try? tmux(["send-keys", "-t", "main", "-l", "--", text]) }

    public var screen: String { (try? tmux(["capture-pane", "-p", "-t", "main"])) ?? "" }

    public func resize(width: Int, height: Int) {
        _ = try? tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `condition` holds (or `timeout` seconds pass); returns the last screen.
    @discardableResult
    public func wait(timeout: Double = 20, _ condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var s = screen
        while !condition(s) && Date() < deadline {
            usleep(100_000)
            s = screen
        }
        return s
    }

    /// Polls `value` on the screen until it has not changed for `seconds` (or
    /// `timeout` seconds pass); returns it. Waits on the screen settling, not for a
    /// fixed time: a paused run's epoch, a value after a key's last effect.
    public func steady<T: Equatable>(for seconds: Double, timeout: Double = 20, _ value: (String) -> T) -> T {
        let deadline = Date().addingTimeInterval(timeout)
        var current = value(screen), since = Date()
        while Date().timeIntervalSince(since) < seconds && Date() < deadline {
            usleep(100_000)
            let next = value(screen)
            if next != current { current = next; since = Date() }
        }
        return current
    }

    /// Presses `v` until the view titled `title` is shown (the first view depends on
    /// the data: the network on the plane, the curves otherwise); returns the screen.
    @discardableResult
    public func view(_ title: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        var s = screen
        for _ in 0..<10 where !s.contains("─ \(title) ") {
            send("v")
            s = wait(timeout: 3) { $0.contains("─ \(title) ") }
        }
        #expect(s.contains("─ \(title) "), "never showed the view \(title):\n\(s)", sourceLocation: sourceLocation)
        return s
    }

    /// The number after the first `epoch ` on the screen.
    public static func epoch(_ screen: String) -> Int? { number(after: "epoch ", in: screen) }
    /// The mini-batch counter `batch k/n` of the status strip.
    public static func batch(_ screen: String) -> Int? { number(after: "batch ", in: screen, skipLetters: true) }

    public static func number(after prefix: String, in s: String, skipLetters: Bool = false) -> Int? {
        var search = s[...]
        while let r = search.range(of: prefix) {
            let digits = search[r.upperBound...].prefix { $0.isNumber }
            if let n = Int(digits) { return n }
            search = search[r.upperBound...]
        }
        return nil
    }
}
