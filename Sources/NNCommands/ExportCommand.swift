import Foundation
import NNEngine
import NNFiles
import NNSession

/// `nntui export --out DIR`: the run as a PyTorch project a PyTorch user can keep:
/// `train.py` and `settings.json` (see `PyTorchScript`), `init.safetensors` (the weights nntui starts
/// from), `data.safetensors` (the scaled splits, or an IDX set's split indices and
/// scaling) and `preset.yaml` (so nntui opens the same run and takes the weights back).
public struct ExportCommand {
    public let preset: Preset
    public let out: String
    /// Start from these weights instead of the seeded ones.
    public let load: String?
    public let interrupt: Interrupt
    /// A comparison to export as a Ray sweep (`sweep.py`): its variants, each over these seeds.
    public let sweep: (variation: Variation, seeds: [UInt64])?

    /// Every field, so that a runner is never built with one forgotten.
    public init(
        preset: Preset, out: String, load: String?, sweep: (variation: Variation, seeds: [UInt64])? = nil,
        interrupt: Interrupt
    ) {
        self.preset = preset; self.out = out; self.load = load; self.sweep = sweep; self.interrupt = interrupt
    }

    static let files = ["train.py", "settings.json", "init.safetensors", "data.safetensors", "preset.yaml"]

    public func run() throws -> Int32 {
        // check, then work, then write: the folder is made only when the run is ready
        let creates = try checkFolder()
        if let sweep { return try exportSweep(sweep.variation, seeds: sweep.seeds, creates: creates) }
        try Self.checkExportable(preset, load: load)
        let run = try prepare(Self.absolutePaths(preset), trainer: nil)
        if creates { try makeFolder() }
        do {
            try Self.write(run, in: out)
        } catch {
            // a folder this export made holds all of the run or none of it
            if creates { Self.remove(run: out, folder: true) }
            throw error
        }
        let data = run.trainer.data
        func path(_ name: String) -> String { PathText.join(out, name) }
        print(
            """
            wrote \(out)/: train.py, settings.json, init.safetensors, data.safetensors \
            (\(data.train.count) training, \(data.validation.count) validation samples), preset.yaml
              python \(path("train.py")) --log torch.csv             # one CPU or GPU
              torchrun --nproc_per_node=2 \(path("train.py"))        # DistributedDataParallel
              nntui train --preset \(path("preset.yaml")) --load \(path("final.safetensors"))   # back in nntui
            """)
        return 0
    }

    /// Refuses what the two programs cannot train alike: L1 from zero weights.
    static func checkExportable(_ p: Preset, load: String?) throws {
        if load == nil, p.network.initializer == .zeros, p.training.regularization.kind == .l1,
            p.training.regularization.isActive
        {
            throw NNError.input(
                "L1 regularization from zero weights cannot be exported: every weight starts at |w|'s kink, where "
                    + "the two programs' rounding decides each step's sign and their runs part; start from random "
                    + "weights (network.init) or use l2."
            )
        }
    }

    /// The exported preset names its data by absolute path: it is read from DIR.
    static func absolutePaths(_ p: Preset) -> Preset {
        var p = p
        if let path = p.data.path { p.data.path = URL(fileURLWithPath: path).standardizedFileURL.path }
        return p
    }

    /// One run ready to write: its trainer (weights and data) and its files' contents.
    struct Prepared {
        let preset: Preset
        let trainer: Trainer
        let tensors: [SafeTensors.Tensor]
        let settings: String
        let yaml: String
    }

    /// Everything `p`'s files hold, computed before anything is written; `trainer`: the
    /// run already built (a sweep's trial), else built here (from `--load` where given).
    func prepare(_ p: Preset, trainer: Trainer?) throws -> Prepared {
        let trainer = try trainer ?? Experiment.trainer(p, interrupt: interrupt)
        if let load, let note = try trainer.load(checkpoint: load) { Console.say(note) }
        let (tensors, dataSetting) = try Self.dataTensors(p, trainer.data)
        let settings = try PyTorchScript.settingsJSON(
            p, sizes: trainer.network.sizes, classification: trainer.data.isClassification, data: dataSetting)
        return Prepared(preset: p, trainer: trainer, tensors: tensors, settings: settings, yaml: try p.yaml())
    }

    /// Writes a prepared run's five files in `folder`.
    static func write(_ r: Prepared, in folder: String) throws {
        func path(_ name: String) -> String { PathText.join(folder, name) }
        try OutputFiles.check(files.map { ("--out", path($0)) })
        try SafeTensors.write(
            r.tensors, metadata: ["producer": "nntui export", "run": r.preset.name], to: path("data.safetensors"))
        try Checkpoint.save(r.trainer.network, preset: r.preset, to: path("init.safetensors"))
        try AtomicFile.write(r.yaml, to: path("preset.yaml"))
        try AtomicFile.write(r.settings, to: path("settings.json"))
        try AtomicFile.write(PyTorchScript.program, to: path("train.py"))
        chmod(path("train.py"), 0o755)
    }

    /// Removes a run's files from `folder`, and the folder itself when this export made it.
    static func remove(run folder: String, folder made: Bool) {
        for name in files { unlink(PathText.join(folder, name)) }
        if made { rmdir(folder) }
    }

    /// Checks `out` before any work: an existing folder (true: nothing to create), or
    /// a name whose parent folder exists (false: it is created when the run is ready).
    /// Refuses a file, a broken link or a link loop in its place, and a parent that
    /// is missing or not a folder, each with its own reason.
    func checkFolder() throws -> Bool {
        guard !out.isEmpty else { throw NNError.input("--out: the folder name is empty.") }
        var st = stat()
        if stat(out, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else { throw NNError.input("--out \(out): is a file, not a folder.") }
            guard access(out, W_OK) == 0 else {
                throw NNError.input("--out \(out): cannot write in the folder: \(String(cString: strerror(errno))).")
            }
            return false
        }
        let reason = errno
        if reason == ELOOP { throw NNError.input("--out \(out): too many levels of symbolic links (a link loop).") }
        if reason == ENOTDIR {
            throw NNError.input("--out \(out): \(PathText.folder(of: out)) is a file, not a folder.")
        }
        if lstat(out, &st) == 0 {
            throw NNError.input("--out \(out): is a symbolic link to nothing; remove it or name another folder.")
        }
        guard reason == ENOENT else { throw NNError.input("--out \(out): \(String(cString: strerror(reason))).") }
        let parent = PathText.folder(of: out.hasSuffix("/") ? String(out.dropLast()) : out)
        guard stat(parent, &st) == 0 else {
            throw NNError.input(
                errno == ENOTDIR
                    ? "--out \(out): a part of \(parent) is a file, not a folder."
                    : "--out \(out): the folder \(parent) does not exist.")
        }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            throw NNError.input("--out \(out): \(parent) is a file, not a folder.")
        }
        guard access(parent, W_OK) == 0 else {
            throw NNError.input(
                "--out \(out): cannot create a folder in \(parent): \(String(cString: strerror(errno))).")
        }
        return true
    }

    /// Creates `out`; another export that made it a moment ago is fine.
    func makeFolder() throws { _ = try Self.makeFolder(out) }

    /// Creates `folder`: true if it made it, false if a folder was there already (another
    /// export that made it a moment ago is fine).
    static func makeFolder(_ folder: String) throws -> Bool {
        if mkdir(folder, 0o755) == 0 { return true }
        let reason = errno
        var st = stat()
        if reason == EEXIST && stat(folder, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR { return false }
        throw NNError.input("--out \(folder): cannot create the folder: \(String(cString: strerror(reason))).")
    }

    /// The tensors of data.safetensors and settings.json's `data`. Sets nntui
    /// makes or reads from CSV go as scaled tensors (`train_x` `[M, N0]`, `train_y`
    /// labels `[M]` int64 or targets `[M, k]`, `val_x`, `val_y`); IDX sets as the
    /// indices of each split in the IDX training file and the scaling (`scale`,
    /// `shift`, `x = raw * scale + shift`), the files named by path.
    static func dataTensors(_ p: Preset, _ data: LoadedData) throws -> (
        [SafeTensors.Tensor], PyTorchScript.Settings.Data
    ) {
        let store = data.store, n = store.featureCount
        if data.source.isIDX {
            let folder = p.data.path ?? DataFolders.fashionMNIST
            let images = try IDXFolder.path(folder, "train-images-idx3-ubyte"),
                labels = try IDXFolder.path(folder, "train-labels-idx1-ubyte")
            let tensors: [SafeTensors.Tensor] = [
                .int64("train_index", data.train.indices, shape: [data.train.count]),
                .int64("val_index", data.validation.indices, shape: [data.validation.count]),
                .float("scale", store.scale, shape: [n]), .float("shift", store.shift, shape: [n]),
            ]
            return (tensors, .init(kind: "idx", images: images, labels: labels))
        }
        var tensors: [SafeTensors.Tensor] = []
        for (name, split) in [("train", data.train), ("val", data.validation)] {
            let x = Matrix(rows: n, cols: 0, capacity: max(split.count, 1))
            let t = Matrix(rows: store.targetWidth, cols: 0, capacity: max(split.count, 1))
            store.gather(split.indices, into: x, targets: t)
            // column-major n x m is row-major [m, n]: one sample a row
            tensors.append(
                .float(
                    "\(name)_x", Array(UnsafeBufferPointer(start: x.data, count: n * split.count)),
                    shape: [split.count, n]))
            if store.isClassification {
                tensors.append(.int64("\(name)_y", split.indices.map { store.label($0) }, shape: [split.count]))
            } else {
                let k = store.targetWidth
                tensors.append(
                    .float(
                        "\(name)_y", split.indices.flatMap { i in (0..<k).map { store.value(i, $0) } },
                        shape: [split.count, k]))
            }
        }
        return (tensors, .init(kind: "tensors"))
    }
}
