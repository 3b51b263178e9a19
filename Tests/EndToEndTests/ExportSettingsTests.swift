import Foundation
import TestSupport
import Testing

/// The exported program trusts nothing in its settings.json: every field of every
/// type, replaced by a value of another type, out of its range, or removed, is
/// refused with one sentence naming the field and exit code 2, as nntui refuses
/// the setting it came from.
extension EndToEnd {
    @Suite struct ExportSettingsTests {
        /// Reads each settings file through train.py's own `read_settings`, in one
        /// Python process (torch is imported once): one JSON line per file, its exit
        /// code (0 when accepted) and what it wrote to stderr.
        static let harness = """
            import contextlib, importlib.util, io, json, sys
            spec = importlib.util.spec_from_file_location("train", sys.argv[1])
            train = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(train)
            for path in sys.argv[2:]:
                err, code = io.StringIO(), 0
                try:
                    with contextlib.redirect_stderr(err):
                        train.read_settings(path)
                except SystemExit as e:
                    code = e.code
                print(json.dumps({"path": path, "code": code, "stderr": err.getvalue()}))
            """

        /// JSON's `true` (Foundation on Linux writes a Swift Bool as 1): replaced in the text.
        static let yes = "__json_true__"

        /// Values that no field of the original's type accepts.
        static func wrong(_ key: String, _ value: Any) -> [Any] {
            switch value {
            case let b as NSNumber where key == "classification": _ = b; return [1, "true", NSNull()]
            case let n as NSNumber where key == "batch": _ = n; return ["32", yes, 0, -1, 1.5]
            case is NSNumber: return ["1", yes, NSNull(), -1, 1e308, [1]]
            case is String where key == "run": return [7, NSNull(), ["x"]]
            case is String: return [7, NSNull(), "no-such-name", ["x"]]
            case is [Any]: return [[Any](), [0, 3], ["a", 2], 5]
            default: return ["x"]
            }
        }

        /// Each leaf of a JSON object as a dotted key and its value.
        static func leaves(_ object: [String: Any], _ prefix: String = "") -> [(String, Any)] {
            object.keys.sorted().flatMap { k -> [(String, Any)] in
                let key = prefix.isEmpty ? k : "\(prefix).\(k)"
                if let inner = object[k] as? [String: Any] { return leaves(inner, key) }
                return [(key, object[k]!)]
            }
        }

        static func replacing(_ object: [String: Any], _ key: [String], with value: Any?) -> [String: Any] {
            var o = object
            if key.count == 1 {
                o[key[0]] = value
            } else {
                o[key[0]] = replacing(o[key[0]] as! [String: Any], Array(key.dropFirst()), with: value)
            }
            return o
        }

        @Test(Python.needed) func everyFieldIsChecked() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.run(
                ["export", "--out", "run", "--preset", "xor-sigmoid", "--set", "training.batch=16"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let settings = try #require(
                JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/run/settings.json")))
                    as? [String: Any])
            try Self.harness.write(toFile: dir + "/harness.py", atomically: true, encoding: .utf8)
            var cases: [(file: String, key: String)] = []
            func write(_ object: [String: Any], key: String) throws {
                let file = dir + "/case-\(cases.count).json"
                let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
                try text.replacingOccurrences(of: "\"\(Self.yes)\"", with: "true").write(
                    toFile: file, atomically: true, encoding: .utf8)
                cases.append((file, key))
            }
            let fifo = dir + "/images.fifo"
            mkfifo(fifo, 0o644)
            for (key, value) in Self.leaves(settings) {
                let path = key.split(separator: ".").map(String.init)
                for bad in Self.wrong(key, value) { try write(Self.replacing(settings, path, with: bad), key: key) }
                if key != "batch" { try write(Self.replacing(settings, path, with: nil), key: key) }
            }
            // IDX data whose images are a FIFO (it was read forever), or missing
            try write(
                Self.replacing(settings, ["data"], with: ["kind": "idx", "images": fifo, "labels": fifo]),
                key: "data.images")
            try write(Self.replacing(settings, ["data"], with: ["kind": "idx"]), key: "data.images")
            let out = try Python.run(
                "python", [dir + "/harness.py", dir + "/run/train.py", dir + "/run/settings.json"] + cases.map(\.file),
                in: dir)
            #expect(out.status == 0, "\(out.stderr)")
            let lines = out.stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            #expect(lines.count == cases.count + 1)
            #expect(lines.first?["code"] as? Int == 0, "the exported settings themselves: \(lines.first ?? [:])")
            for (line, c) in zip(lines.dropFirst(), cases) {
                let stderr = line["stderr"] as? String ?? ""
                #expect(
                    line["code"] as? Int == 2 && stderr.hasPrefix("train.py: ")
                        && stderr.filter { $0 == "\n" }.count == 1
                        && stderr.contains(c.key), "\(c.key) in \(c.file): \(line)")
            }
            print(
                "exported settings.json: \(cases.count) hostile variants of \(Self.leaves(settings).count) fields, "
                    + "each refused"
            )
        }

        /// A whole run: a regularization rate that trained to NaN and exited 0 is
        /// refused before training.
        @Test(Python.needed) func hostileSettingsStopTheProgram() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.run(["export", "--out", "run", "--preset", "xor-sigmoid"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let file = dir + "/run/settings.json"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let rate = try #require(text.range(of: #""rate" : [0-9.e+-]+"#, options: .regularExpression))
            try text.replacingCharacters(in: rate, with: #""rate" : 1e308"#).write(
                toFile: file, atomically: true, encoding: .utf8)
            let run = try Python.run("python", ["run/train.py", "--epochs", "2"], in: dir, timeout: 120)
            #expect(
                run.status == 2 && run.stderr.hasPrefix("train.py: ")
                    && run.stderr.contains("regularization.rate is out of range"),
                "\(run.status) \(run.stderr)")
        }
    }
}
