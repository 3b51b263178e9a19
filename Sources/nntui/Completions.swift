import Foundation
import NNEngine
import NNFiles
import NNSession

/// What the shells' completion offers where a value is free text: run by
/// ArgumentParser's completion scripts (`nntui ---completion …`) as you type.
enum Completions {
    /// The built-in presets and the YAML files beside you (`./`, `./presets/`)
    /// that start with `prefix`.
    static func presets(_ prefix: String) -> [String] {
        let files = ["", "presets/"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { folder + $0 }
        }
        return (BuiltinPresets.names + files).filter { $0.hasPrefix(prefix) }
    }

    /// Preset keys as `key=`, and once a key is typed, the values a closed key takes.
    static func keys(_ prefix: String) -> [String] {
        if let eq = prefix.firstIndex(of: "=") {
            let key = String(prefix[..<eq])
            return (Preset.choices(for: key) ?? []).map { "\(key)=\($0)" }.filter { $0.hasPrefix(prefix) }
        }
        return Preset.keys.map { $0 + "=" }.filter { $0.hasPrefix(prefix) }
    }

    /// Optimizer names after the last comma of a list.
    static func optimizers(_ prefix: String) -> [String] {
        let done = prefix.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",")
        let head = done.isEmpty ? "" : done + ","
        return OptimizerKind.allCases.map { head + $0.rawValue }.filter { $0.hasPrefix(prefix) }
    }
}
