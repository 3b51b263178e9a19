import Foundation
import NNEngine

public enum DataLoader {
    /// A store's sample shape for messages: `28x28` for images, else `784 features`.
    static func describe(_ s: SampleStore) -> String {
        s.imageShape.map { "\($0.rows)x\($0.cols)" } ?? "\(s.featureCount) features"
    }

    public static let fashionClassNames = [
        "T-shirt", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Boot",
    ]

    /// The settings that decide a file source's samples: the same key, the same
    /// samples, whatever the split's seed, share or scaling. Sets nntui makes (whose
    /// seed makes the samples) are their whole settings.
    public static func samplesKey(_ d: Preset.DataSettings) -> Preset.DataSettings {
        guard d.source.isRead else { return d }
        var k = d
        k.seed = 0; k.validation = 0; k.scale = .none; k.degree = 0
        return k
    }

    /// Loads the data a preset names; `interrupt` is polled while files are read.
    /// `samplesOf`, data loaded before with the same `samplesKey`, lends its samples
    /// (shared, not read or copied again); only the split and scaling are new.
    public static func load(
        _ d: Preset.DataSettings, output: OutputLayer, interrupt: Interrupt? = nil,
        samplesOf shared: LoadedData? = nil
    ) throws -> LoadedData {
        try check(d)
        var store: SampleStore
        var testStore: SampleStore? = nil
        var exact: (x: [Double], y: [Double])? = nil
        if let shared, d.source.isRead {
            store = shared.store.sharingSamples()
            testStore = shared.test?.store.sharingSamples()
        } else {
            switch d.source {
            case .lawrenceGiles:
                exact = LawrenceGiles.points(seed: d.seed)
                store = LawrenceGiles.store(exact!)
            case .fashionMNIST, .mnist, .idx:
                (store, testStore) = try images(d, interrupt: interrupt)
            case .csv:
                guard let path = d.path else {
                    throw NNError.input("data.path: the csv source needs a file (--set data.path=FILE.csv).")
                }
                store = try CSVReader.load(
                    path: path, target: d.target, classification: output != .identity, interrupt: interrupt)
            case .spiral, .circle, .xor, .gauss, .moons, .sine, .regressionPlane, .multiGauss:
                store = Synthetic.make(d.source, samples: d.samples, noise: d.noise, seed: d.seed)
            case .drawn:
                store = try DrawnPoint.store(d.points, classification: output != .identity)
            }
        }
        var planePoints: [Float]? = nil
        if d.features != InputFeature.plain {
            planePoints = (0..<store.count).flatMap { [store.raw($0, 0), store.raw($0, 1)] }
            store = InputFeature.expand(store, d.features)
        }
        // seeded train/validation split
        var rng = RandomSource(seed: d.seed &+ 0x5EED)
        let permutation = rng.permutation(store.count)
        let held = Int((Double(store.count) * d.validation).rounded())
        let validationIndices = Array(permutation.prefix(held)).sorted()
        let trainIndices = Array(permutation.dropFirst(held)).sorted()
        guard !trainIndices.isEmpty else {
            throw NNError.input("data.validation: \(d.validation) leaves no training samples out of \(store.count).")
        }
        let train = Dataset(store: store, indices: trainIndices)
        d.scale.fit(on: train)
        if let testStore { testStore.setScaling(scale: store.scale, shift: store.shift) }
        return LoadedData(
            source: d.source, train: train,
            validation: Dataset(store: store, indices: validationIndices),
            test: testStore.map { Dataset(store: $0) },
            truth: TrueCurve.of(d.source), exactPoints: exact,
            features: planePoints == nil ? InputFeature.plain : d.features, planePoints: planePoints)
    }

    /// The IDX images of a folder (Fashion-MNIST's by default): the training split and,
    /// where the folder has one, the t10k test split of the same shape.
    static func images(_ d: Preset.DataSettings, interrupt: Interrupt?) throws -> (SampleStore, SampleStore?) {
        let folder = d.path ?? (d.source == .fashionMNIST ? DataFolders.fashionMNIST : "")
        guard !folder.isEmpty else {
            throw NNError.input(
                "data.path: the \(d.source) source needs a folder of IDX files (--set data.path=FOLDER).")
        }
        var isDir: ObjCBool = false
        if d.source == .fashionMNIST && !FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
            throw NNError.input(
                "\(folder): no such folder; Fashion-MNIST comes from Debian's package (apt-get install "
                    + "dataset-fashion-mnist), or set NNTUI_DATA to a folder holding fashion-mnist/."
            )
        }
        let names = d.source == .fashionMNIST ? fashionClassNames : nil
        let store = try IDXFolder.load(folder: folder, split: .train, classNames: names, interrupt: interrupt)!
        let testStore = try IDXFolder.load(
            folder: folder, split: .test, classNames: store.classNames, interrupt: interrupt)
        if let testStore,
            testStore.featureCount != store.featureCount || testStore.imageShape?.rows != store.imageShape?.rows
        {
            throw NNError.input(
                "\(folder): the t10k images are \(describe(testStore)) but the training images are "
                    + "\(describe(store)); both splits must have one shape."
            )
        }
        return (store, testStore)
    }

    /// Input features apply to the built-in 2-D sets only (checked before anything is read).
    static func check(_ d: Preset.DataSettings) throws {
        guard d.features == InputFeature.plain || DataSource.onPlane.contains(d.source) else {
            throw NNError.input(
                "data.features: input features apply to the built-in 2-D sets "
                    + "(\(DataSource.onPlane.map(\.rawValue).joined(separator: ", "))), not \(d.source)."
            )
        }
    }
}
