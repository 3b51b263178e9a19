import Foundation
import NNEngine
import NNFiles
import NNSession

/// `nntui export` of a comparison: every (variant, seed) as an exported run of its own
/// under `DIR/trials/`, `sweep.json` listing them, and `sweep.py`, which runs them as
/// trials on Ray Tune (this machine, or the cluster `RAY_ADDRESS` names) and gathers
/// their epochs into one CSV log with variant and seed columns.
extension ExportCommand {
    /// The most trials one sweep export writes (a folder each).
    static let mostTrials = 1000

    func exportSweep(_ variation: Variation, seeds: [UInt64], creates: Bool) throws -> Int32 {
        guard load == nil else {
            throw NNError.input(
                "--load: a sweep's trials start from their own seeds' weights; export one run to start from a "
                    + "checkpoint.")
        }
        let comparison = try SeededComparison(
            variants: try Comparison.specs(base: preset, variation: variation), seeds: seeds)
        // the exported presets name their data by absolute path, as one run's does
        let specs = comparison.runs.map {
            RunSpec(label: $0.label, setting: $0.setting, preset: Self.absolutePaths($0.preset))
        }
        guard specs.count <= Self.mostTrials else {
            throw NNError.input(
                "the sweep of \(comparison.variants.count) variants x \(seeds.count) seeds = \(specs.count) trials is "
                    + "more than the \(Self.mostTrials) one export writes; vary fewer values or use fewer seeds.")
        }
        // every trial checked and its network built before anything is written
        let base = Self.absolutePaths(preset)
        let data = try DataLoader.load(base.data, output: base.network.output, interrupt: interrupt)
        let trials = try specs.map { spec in
            var p = spec.preset
            p.name = spec.label
            try Self.checkExportable(p, load: nil)
            return p
        }
        let trainers = try Comparison.trainers(specs, base: base, data: data)
        let folders = trials.indices.map { String(format: "trials/%03d", $0 + 1) }
        let sweepJSON = try Self.sweepJSON(zip(folders, specs).map { ($0, $1) }, comparison: comparison)
        func path(_ name: String) -> String { PathText.join(out, name) }
        if creates {
            try makeFolder()
        } else {
            try OutputFiles.check([("--out", path("sweep.json")), ("--out", path("sweep.py"))])
        }
        var made: [String] = []
        do {
            if try Self.makeFolder(path("trials")) { made.append(path("trials")) }
            for (k, p) in trials.enumerated() {
                if interrupt.isRequested { throw NNError.input("interrupted while writing the trials.") }
                let folder = path(folders[k])
                if try Self.makeFolder(folder) { made.append(folder) }
                try Self.write(try prepare(p, trainer: trainers[k]), in: folder)
            }
            try AtomicFile.write(sweepJSON, to: path("sweep.json"))
            try AtomicFile.write(SweepScriptText.text, to: path("sweep.py"))
            chmod(path("sweep.py"), 0o755)
        } catch {
            // what this export made goes again: the trials' files and folders, the folder itself
            for folder in made.reversed() { Self.remove(run: folder, folder: true) }
            unlink(path("sweep.json"))
            if creates { rmdir(out) }
            throw error
        }
        print(
            """
            wrote \(out)/: \(specs.count) trials (\(comparison.variants.count) variants x \(seeds.count) seeds) \
            under trials/, sweep.json, sweep.py
              python \(path("sweep.py")) --log sweep.csv   # the trials on Ray (RAY_ADDRESS: a cluster)
              nntui watch sweep.csv                     # the trials live
              nntui compare --from sweep.csv            # each variant over its seeds, and the verdicts
            """)
        return 0
    }

    /// `sweep.json`: the trials, each its folder, variant and seed (data sweep.py reads).
    static func sweepJSON(_ trials: [(folder: String, spec: RunSpec)], comparison: SeededComparison) throws -> String {
        struct Trial: Encodable {
            var folder: String
            var variant: String
            var seed: UInt64
        }
        struct Sweep: Encodable {
            var trials: [Trial]
        }
        let n = comparison.seeds.count
        let sweep = Sweep(
            trials: trials.enumerated().map { k, t in
                Trial(folder: t.folder, variant: comparison.variants[k / n].label, seed: t.spec.preset.training.seed)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(sweep), as: UTF8.self) + "\n"
    }
}

/// `Resources/sweep.py`, the Ray Tune program a sweep export writes, compiled in by
/// SwiftPM: the same text for every sweep (its trials go to sweep.json).
enum SweepScriptText {
    static let text = String(decoding: PackageResources.sweep_py, as: UTF8.self)
}
