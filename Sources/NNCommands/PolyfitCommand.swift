import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `nntui polyfit`: R's `lm(y ~ poly(x, degree))` on a 1-input, 1-output data set's
/// training points: each point's x, y, fitted value and residual, then the RMSE
/// against the points and against the true curve on its grid (where known).
public struct PolyfitCommand {
    public let preset: Preset
    public let degree: Int?
    public let json: Bool
    public let plot: String?

    /// Every field, so that a runner is never built with one forgotten.
    public init(preset: Preset, degree: Int?, json: Bool, plot: String?) {
        self.preset = preset; self.degree = degree; self.json = json; self.plot = plot
    }

    /// `degree` cannot be fitted in double precision; `best` is the highest that can.
    static func rankDeficient(_ degree: Int, points: Int, best: Int) -> NNError {
        NNError.input(
            "--degree \(degree): the polynomial basis over these \(points) points is numerically rank-deficient at "
                + "this degree (its terms leave the range of double precision); degree \(best) is the highest that "
                + "fits."
        )
    }

    public func run() throws -> Int32 {
        try OutputFiles.check([("--plot", plot)])
        let data = try DataLoader.load(preset.data, output: preset.network.output)
        guard data.isCurve else {
            throw NNError.input(
                "polyfit needs one input and one regression target, but \(preset.data.source) has "
                    + "\(data.featureCount) feature(s)\(data.isClassification ? " and class labels" : "")."
            )
        }
        let (x, y) = data.curvePoints
        let d = degree ?? preset.data.degree
        let fit = try Self.fit(x, y, degree: d)
        let fitted = x.map(fit.callAsFunction)
        let rmsePoints = PolynomialFit.rmse(fitted, y)
        let rmseTruth = data.truth.map { PolynomialFit.rmse($0.gridX.map(fit.callAsFunction), $0.gridY) }
        report(d, x, y, fitted: fitted, rmse: (rmsePoints, rmseTruth), truthPoints: data.truth?.gridX.count)
        if let plot {
            let xs = data.truth?.gridX ?? Plot.grid(x)
            let figure = Figure.fit(
                title: "\(preset.name): polynomial of degree \(d)", points: (x, y), x: xs,
                truth: data.truth.map { t in xs.map(t.value) },
                polynomial: xs.map(fit.callAsFunction), degree: d, networks: [])
            try AtomicFile.write(figure.svg(), to: plot)
        }
        return 0
    }

    /// The least-squares polynomial of degree `d` through the points, refused (one
    /// sentence naming the degree that fits) where the points cannot carry it: fewer
    /// distinct x values, a basis beyond double precision, too little memory.
    static func fit(_ x: [Double], _ y: [Double], degree d: Int) throws -> PolynomialFit {
        let distinct = PolynomialFit.distinctCount(x)
        guard d >= 0 && d < distinct else {
            throw NNError.input(
                "--degree \(d): the \(x.count) training points have \(distinct) distinct x values, so the degree "
                    + "must be 0 to \(distinct - 1)."
            )
        }
        // a degree whose basis leaves double precision is refused before any fit is built
        let reachable = PolynomialFit.highestRecurrenceDegree(x: x, upTo: d)
        if reachable < d {
            // the recurrence's own limit is the answer unless the solve fails below it too
            let best =
                PolynomialFit(x: x, y: y, degree: reachable).isRankDeficient
                ? PolynomialFit.highestWorkingDegree(x: x, below: reachable) : reachable
            throw Self.rankDeficient(d, points: x.count, best: best)
        }
        try Memory.check(
            PolynomialFit.bytes(points: x.count, degree: d),
            for: "a polynomial of degree \(d) through \(x.count) points")
        let fit = PolynomialFit(x: x, y: y, degree: d)
        guard !fit.isRankDeficient else {
            throw Self.rankDeficient(d, points: x.count, best: PolynomialFit.highestWorkingDegree(x: x, below: d))
        }
        return fit
    }

    /// Each point with its fitted value and residual, and the RMSEs: JSON or a table.
    private func report(
        _ d: Int, _ x: [Double], _ y: [Double], fitted: [Double], rmse: (points: Double, truth: Double?),
        truthPoints: Int?
    ) {
        let (rmsePoints, rmseTruth) = rmse
        if json {
            struct Point: Encodable { var x, y, fitted, residual: Number }
            struct Report: Encodable {
                var degree: Int; var points: [Point]; var rmse_points: Number; var rmse_truth: Number
            }
            let points = x.indices.map {
                Point(
                    x: Number(x[$0]), y: Number(y[$0]), fitted: Number(fitted[$0]), residual: Number(y[$0] - fitted[$0])
                )
            }
            print(
                JSONLine.encode(
                    Report(degree: d, points: points, rmse_points: Number(rmsePoints), rmse_truth: Number(rmseTruth))))
        } else {
            print(
                "lm(y ~ poly(x, \(d))) on \(preset.data.source) (seed \(preset.data.seed)): \(x.count) training points")
            print("  i           x            y       fitted      residual")
            for i in x.indices {
                print(
                    String(
                        format: "%3d  %10.6f  %11.7f  %11.7f  %12.5e", i + 1, x[i], y[i], fitted[i], y[i] - fitted[i]))
            }
            print("RMSE against the points      \(Format.value(rmsePoints, digits: 6))")
            if let rmseTruth, let n = truthPoints {
                print("RMSE against the true curve  \(Format.value(rmseTruth, digits: 6))  (\(n) grid points)")
            }
        }
    }
}
