import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "nntui-test-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct IDXTests {
    @Test func headerParsing() throws {
        let bytes: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28]
        let (h, offset) = try IDX.parseHeader(bytes, name: "x")
        #expect(h.dimensions == [2, 28, 28])
        #expect(offset == 16)
        #expect(h.count == 1568)
    }

    @Test(arguments: [false, true])
    func roundTrip(gzip: Bool) throws {
        let dir = temporaryFolder()
        let images = (0..<(5 * 3 * 2)).map { UInt8($0 * 7 % 256) }
        let labels: [UInt8] = [0, 1, 2, 1, 0]
        try IDX.write(
            path: dir + "/train-images-idx3-ubyte" + (gzip ? ".gz" : ""), dimensions: [5, 3, 2], data: images,
            gzip: gzip)
        try IDX.write(
            path: dir + "/train-labels-idx1-ubyte" + (gzip ? ".gz" : ""), dimensions: [5], data: labels, gzip: gzip)
        let (h, data) = try IDX.read(path: dir + "/train-images-idx3-ubyte" + (gzip ? ".gz" : ""))
        #expect(h.dimensions == [5, 3, 2])
        #expect(data == images)
        let store = try #require(try IDXFolder.load(folder: dir, split: .train, classNames: nil))
        #expect(store.count == 5 && store.featureCount == 6)
        #expect(store.label(2) == 2)
        #expect(store.raw(1, 0) == Float(images[6]))
        #expect(store.imageShape?.rows == 3)
    }

    func expectInputError(_ contains: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected an error containing '\(contains)'")
        } catch let e as NNError {
            #expect(e.description.contains(contains), "\(e)")
            #expect(e.exitCode == 2)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func badFilesGiveOneClearError() throws {
        let dir = temporaryFolder()
        let path = dir + "/train-images-idx3-ubyte"
        try Data([1, 2, 3, 4, 5, 6, 7, 8]).write(to: URL(fileURLWithPath: path))
        expectInputError("bad magic") { _ = try IDX.read(path: path) }
        try Data([0, 0, 8, 1, 0, 0, 0, 100, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
        expectInputError("truncated") { _ = try IDX.read(path: path) }
        try Data([0, 0, 8]).write(to: URL(fileURLWithPath: path))
        expectInputError("too short") { _ = try IDX.read(path: path) }
        // a gzip file cut in half
        try IDX.write(path: dir + "/whole.gz", dimensions: [4000], data: (0..<4000).map { UInt8($0 % 251) }, gzip: true)
        let gz = try Data(contentsOf: URL(fileURLWithPath: dir + "/whole.gz"))
        try gz.prefix(gz.count / 2).write(to: URL(fileURLWithPath: dir + "/cut.gz"))
        expectInputError("cut.gz") { _ = try IDX.read(path: dir + "/cut.gz") }
        expectInputError("no such folder") {
            _ = try IDXFolder.load(folder: dir + "/nope", split: .train, classNames: nil)
        }
        expectInputError("no train-images") {
            _ = try IDXFolder.load(folder: temporaryFolder(), split: .train, classNames: nil)
        }
        // label count that does not match the image count
        let d2 = temporaryFolder()
        try IDX.write(
            path: d2 + "/train-images-idx3-ubyte", dimensions: [3, 2, 2], data: Array(repeating: 1, count: 12),
            gzip: false)
        try IDX.write(path: d2 + "/train-labels-idx1-ubyte", dimensions: [4], data: [0, 1, 0, 1], gzip: false)
        expectInputError("holds 4 labels but") { _ = try IDXFolder.load(folder: d2, split: .train, classNames: nil) }
    }
}

@Suite struct CSVTests {
    @Test func stringLabelColumn() throws {
        let text = "sepal,petal,species\n1.0,2.0,setosa\n3.5,1.0,virginica\n2,2,setosa\n"
        let s = try CSVReader.parse(text, name: "iris.csv", target: nil, classification: true)
        #expect(s.count == 3 && s.featureCount == 2)
        #expect(s.classNames == ["setosa", "virginica"])
        #expect(s.label(1) == 1 && s.label(2) == 0)
        #expect(s.raw(1, 0) == 3.5)
    }

    @Test func namedTargetAndRegression() throws {
        let s = try CSVReader.parse("y,a,b\n1.5,1,2\n2.5,3,4\n", name: "r.csv", target: "y", classification: false)
        #expect(s.featureCount == 2 && s.value(1) == 2.5 && s.raw(1, 1) == 4)
    }

    @Test func errorsNameTheFileAndProblem() {
        let cases: [(String, String)] = [
            ("", "empty"),
            ("a,b\n", "no data rows"),
            ("a,b\n1,2\n3\n", "r.csv:3: row has 1 fields"),
            ("a,b\nx,1\n", "non-numeric value 'x'"),
        ]
        for (text, want) in cases {
            do {
                _ = try CSVReader.parse(text, name: "r.csv", target: nil, classification: true)
                Issue.record("no error for \(text)")
            } catch {
                #expect("\(error)".contains(want), "\(error)")
            }
        }
        #expect(throws: NNError.self) {
            try CSVReader.parse("a,b\n1,x\n", name: "r.csv", target: nil, classification: false)
        }
        #expect(throws: NNError.self) {
            try CSVReader.parse("a,b\n1,2\n", name: "r.csv", target: "zz", classification: true)
        }
    }
}

@Suite struct SyntheticTests {
    @Test(arguments: [DataSource.spiral, .circle, .xor, .gauss, .moons, .sine])
    func deterministicWithStatedShapes(source: DataSource) throws {
        let a = Synthetic.make(source, samples: 120, noise: 0.1, seed: 5)
        let b = Synthetic.make(source, samples: 120, noise: 0.1, seed: 5)
        let c = Synthetic.make(source, samples: 120, noise: 0.1, seed: 6)
        #expect(a.count == 120)
        let xs = (0..<120).flatMap { i in (0..<a.featureCount).map { a.raw(i, $0) } }
        #expect(xs == (0..<120).flatMap { i in (0..<b.featureCount).map { b.raw(i, $0) } })
        #expect(xs != (0..<120).flatMap { i in (0..<c.featureCount).map { c.raw(i, $0) } })
        if source == .sine {
            #expect(a.featureCount == 1 && !a.isClassification)
        } else {
            #expect(a.featureCount == 2)
            #expect(a.classNames.count == (source == .spiral ? 3 : 2))
            let counts = Dictionary(grouping: 0..<120, by: { a.label($0) }).mapValues(\.count)
            #expect(counts.count == a.classNames.count)
        }
    }

    /// R: `set.seed(12345); runif(3)`.
    @Test func rRandomMatchesRsMersenneTwister() {
        var r = RRandom(seed: 12345)
        let u = (0..<3).map { _ in r.uniform() }
        #expect(u == [0.72090389626100659, 0.87577319308184087, 0.76098232832737267])
    }

    /// The course's `data.lawrence.giles(12345)`, printed by R to 17 digits.
    @Test func lawrenceGilesIsTheCoursesDataSet() {
        let p = LawrenceGiles.points(seed: 12345)
        #expect(p.x.count == 20 && p.y.count == 20)
        #expect(p.x[0] == 1.0 / 12 && p.x[1] == 1.0 / 6 && p.x[2] == 0.25 && p.x[19] == 1)
        #expect(abs(p.y[0] - -0.75557345565393541) < 1e-15)
        #expect(abs(p.y[1] - -0.31211340345907967) < 1e-15)
        #expect(abs(p.y[2] - 0.13049116416368628) < 1e-15)
        let grid = LawrenceGiles.grid()
        #expect(grid.x.count == 99 && grid.y.count == 99)
        #expect(grid.x.first == 0 && grid.x.last == 1 && grid.y.first == -1 && grid.y[49] == 1 && grid.y.last == -1)
        for (x, y) in zip(grid.x, grid.y) { #expect(abs(LawrenceGiles.truth(x) - y) < 1e-12) }
    }

    /// The lecture's residual table: R's `residuals(lm(y ~ poly(x, 15)))` on seed
    /// 12345, printed to 17 digits; every one matches to 6 significant digits.
    @Test func polynomialFitReproducesTheLecturesResiduals() {
        let r = [
            1.5395515589930312e-07, -3.3780653003956904e-06, 3.8103294659673578e-05, -3.1043124934981847e-04,
            2.3406457435138110e-03, -3.0992456610236755e-02, 8.2534677514819757e-02, -6.8044349786576155e-02,
            -6.4919459009873282e-02, 1.9254144793691272e-01, -1.3834601259903134e-01, -6.2430212609607391e-02,
            1.9524349328479088e-01, -1.5617743966427838e-01, 4.4038406143344477e-02, 2.0956022792866628e-02,
            -2.4997550672271173e-02, 1.0579524901965370e-02, -2.2522980553542635e-03, 2.0111275384978103e-04,
        ]
        let p = LawrenceGiles.points(seed: 12345)
        let fit = PolynomialFit(x: p.x, y: p.y, degree: 15)
        #expect(fit.degree == 15)
        for i in 0..<20 {
            let mine = p.y[i] - fit(p.x[i])
            #expect(abs(mine - r[i]) <= 1e-6 * abs(r[i]), "residual \(i + 1): \(mine) against R's \(r[i])")
        }
        #expect(abs(PolynomialFit.rmse(fit.callAsFunction, x: p.x, y: p.y) - 0.084369389871998698) < 1e-10)
    }

    @Test func polynomialFitDegrees() {
        let p = LawrenceGiles.points(seed: 12345)
        let f2 = PolynomialFit(x: p.x, y: p.y, degree: 2)
        #expect(PolynomialFit.rmse(f2.callAsFunction, x: p.x, y: p.y) > 0.3)
        // degree 19 interpolates the 20 points; asking for more lowers the degree
        let f25 = PolynomialFit(x: p.x, y: p.y, degree: 25)
        #expect(f25.degree == 19)
        #expect(PolynomialFit.rmse(f25.callAsFunction, x: p.x, y: p.y) < 1e-6)
        // an exact cubic is recovered between the points
        let xs = (0..<10).map(Double.init)
        let cubic = PolynomialFit(x: xs, y: xs.map { 2 - $0 + 0.5 * $0 * $0 * $0 }, degree: 3)
        #expect(abs(cubic(4.5) - (2 - 4.5 + 0.5 * 4.5 * 4.5 * 4.5)) < 1e-8)
    }

    @Test func scalingIsFittedOnTrainingOnly() throws {
        var d = Preset.DataSettings()
        d.source = .gauss; d.samples = 200; d.validation = 0.25; d.scale = .standardize
        let data = try DataLoader.load(d, output: .softmax)
        #expect(data.train.count == 150 && data.validation.count == 50)
        #expect(Set(data.train.indices).isDisjoint(with: data.validation.indices))
        let mean = data.train.indices.reduce(0.0) { $0 + Double(data.store.feature($1, 0)) } / 150
        #expect(abs(mean) < 1e-5)
        d.scale = .minmax
        let m = try DataLoader.load(d, output: .softmax)
        let v = m.train.indices.map { m.store.feature($0, 1) }
        #expect(abs(v.min()! - 0) < 1e-6 && abs(v.max()! - 1) < 1e-6)
    }
}

@Suite(.serialized) struct FashionMNISTTests {
    static let folder = DataFolders.fashionMNIST
    static var available: Bool { FileManager.default.fileExists(atPath: folder + "/train-images-idx3-ubyte.gz") }

    @Test(.enabled(if: FashionMNISTTests.available, "dataset-fashion-mnist is not installed (make test installs it)"))
    func sgdReachesEightyPercentInThreeEpochs() throws {
        var p = try Preset.load("fashion-mnist")
        p.optimizer.kind = .sgd
        p.optimizer.lr = 0.1
        let t = try Experiment.trainer(p)
        #expect(t.data.train.count + t.data.validation.count == 60_000)
        #expect(t.data.test?.count == 10_000)
        #expect(t.data.classNames.first == "T-shirt")
        for _ in 0..<3 { t.trainEpoch() }
        let test = t.evaluate(t.data.test!)
        #expect((test.accuracy ?? 0) > 0.80, "test accuracy \(test.accuracy ?? 0)")
    }
}
