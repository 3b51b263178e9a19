import Foundation
import NNCore

/// `nntui export --out DIR`: the run as a PyTorch project a PyTorch user can keep:
/// `train.py` (see `PyTorchScript`), `init.safetensors` (the weights nntui starts
/// from), `data.safetensors` (the scaled splits, or an IDX set's split indices and
/// scaling) and `preset.yaml` (so nntui opens the same run and takes the weights back).
public struct ExportCommand {
    public var preset: Preset
    public var out: String
    /// Start from these weights instead of the seeded ones.
    public var load: String?
    public var interrupt = Interrupt()

    public init(preset: Preset, out: String) { self.preset = preset; self.out = out }

    static let files = ["train.py", "init.safetensors", "data.safetensors", "preset.yaml"]

    public func run() throws -> Int32 {
        try prepareFolder()
        try OutputFiles.check(Self.files.map { ("--out", (out as NSString).appendingPathComponent($0)) })
        var p = preset
        // the exported preset names its data by absolute path: it is read from DIR
        if let path = p.data.path { p.data.path = URL(fileURLWithPath: path).standardizedFileURL.path }
        let trainer = try Experiment.trainer(p, interrupt: interrupt)
        if let load { try trainer.load(checkpoint: load) }
        let data = trainer.data
        let (tensors, dataSetting) = try Self.dataTensors(p, data)
        func path(_ name: String) -> String { (out as NSString).appendingPathComponent(name) }
        try SafeTensors.write(tensors, metadata: ["producer": "nntui export", "run": p.name], to: path("data.safetensors"))
        try Checkpoint.save(trainer.network, preset: p, to: path("init.safetensors"))
        try AtomicFile.write(try p.yaml(), to: path("preset.yaml"))
        try AtomicFile.write(try PyTorchScript.text(p, sizes: trainer.network.sizes, classification: data.isClassification,
                                                    data: dataSetting), to: path("train.py"))
        chmod(path("train.py"), 0o755)
        print("""
        wrote \(out)/: train.py, init.safetensors, data.safetensors (\(data.train.count) training, \(data.validation.count) validation samples), preset.yaml
          python \(path("train.py")) --log torch.csv             # one CPU or GPU
          torchrun --nproc_per_node=2 \(path("train.py"))        # DistributedDataParallel
          nntui train --preset \(path("preset.yaml")) --load \(path("final.safetensors"))   # the weights back in nntui
        """)
        return 0
    }

    /// Creates `out` when its parent exists; refuses a file in its place.
    func prepareFolder() throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDir) {
            guard isDir.boolValue else { throw NNError.input("--out \(out): is a file, not a folder.") }
            return
        }
        let parent = (out as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: parent.isEmpty ? "." : parent, isDirectory: &isDir), isDir.boolValue else {
            throw NNError.input("--out \(out): the folder \(parent) does not exist.")
        }
        guard mkdir(out, 0o755) == 0 else { throw NNError.input("--out \(out): cannot create the folder: \(String(cString: strerror(errno))).") }
    }

    /// The tensors of data.safetensors and train.py's `DATA` setting. Sets nntui
    /// makes or reads from CSV go as scaled tensors (`train_x` `[M, N0]`, `train_y`
    /// labels `[M]` int64 or targets `[M, k]`, `val_x`, `val_y`); IDX sets as the
    /// indices of each split in the IDX training file and the scaling (`scale`,
    /// `shift`, `x = raw * scale + shift`), the files named by path.
    static func dataTensors(_ p: Preset, _ data: LoadedData) throws -> ([SafeTensors.Tensor], String) {
        let store = data.store, n = store.featureCount
        if [.fashionMNIST, .mnist, .idx].contains(data.source) {
            let folder = p.data.path ?? DataLoader.fashionDefaultPath
            let images = try IDXFolder.path(folder, "train-images-idx3-ubyte"), labels = try IDXFolder.path(folder, "train-labels-idx1-ubyte")
            let tensors: [SafeTensors.Tensor] = [
                .int64("train_index", data.train.indices, shape: [data.train.count]),
                .int64("val_index", data.validation.indices, shape: [data.validation.count]),
                .float("scale", store.scale, shape: [n]), .float("shift", store.shift, shape: [n]),
            ]
            return (tensors, "dict(kind=\"idx\", images=\(PyTorchScript.string(images)), labels=\(PyTorchScript.string(labels)))")
        }
        var tensors: [SafeTensors.Tensor] = []
        for (name, split) in [("train", data.train), ("val", data.validation)] {
            let x = Matrix(rows: n, cols: 0, capacity: max(split.count, 1))
            let t = Matrix(rows: store.targetWidth, cols: 0, capacity: max(split.count, 1))
            store.gather(split.indices, into: x, targets: t)
            // column-major n x m is row-major [m, n]: one sample a row
            tensors.append(.float("\(name)_x", Array(UnsafeBufferPointer(start: x.data, count: n * split.count)), shape: [split.count, n]))
            if store.isClassification {
                tensors.append(.int64("\(name)_y", split.indices.map { store.label($0) }, shape: [split.count]))
            } else {
                let k = store.targetWidth
                tensors.append(.float("\(name)_y", split.indices.flatMap { i in (0..<k).map { store.value(i, $0) } }, shape: [split.count, k]))
            }
        }
        return (tensors, "dict(kind=\"tensors\")")
    }
}
