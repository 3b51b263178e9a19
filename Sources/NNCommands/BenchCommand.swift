import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `nntui bench`: the single-thread sgemm peak measured first, then training epochs
/// of the preset timed; reports the median epoch time, samples/s and GFLOP/s.
public struct BenchCommand {
    public let preset: Preset
    /// Timed epochs, after one warm-up epoch.
    public let epochs: Int
    public let json: Bool

    /// Every field, so that a runner is never built with one forgotten.
    public init(preset: Preset, epochs: Int, json: Bool) {
        self.preset = preset; self.epochs = epochs; self.json = json
    }

    /// FLOPs of one training sample: forward `2 N_w`, `dC/dW` `2 N_w`, and
    /// `W^T delta` `2 N_w` minus the first layer's (no delta for the input).
    public static func flopsPerSample(_ sizes: [Int]) -> Double {
        let products = zip(sizes, sizes.dropFirst()).map { Double($0.0 * $0.1) }
        return products.reduce(0) { $0 + 6 * $1 } - 2 * (products.first ?? 0)
    }

    /// sgemm GFLOP/s on 1024^3 (best of 5), on the BLAS threads the process set up
    /// (one, in `nntui`).
    public static func peakGFLOPS() -> Double {
        let n = 1024
        let a = Matrix(rows: n, cols: n), b = Matrix(rows: n, cols: n), c = Matrix(rows: n, cols: n)
        for i in 0..<a.count { a.data[i] = Float(i % 7) * 0.1; b.data[i] = Float(i % 5) * 0.1 }
        var best = Double.infinity
        for _ in 0..<5 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            GEMM.raw(m: n, n: n, k: n, a: a.data, b: b.data, c: c.data)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return 2 * Double(n * n * n) / best / 1e9
    }

    /// An epoch's time: milliseconds under a tenth of a second, else seconds.
    static func seconds(_ t: Double) -> String {
        t < 0.1 ? String(format: "%.3f ms", t * 1000) : String(format: "%.4f s", t)
    }

    public func run() throws -> Int32 {
        let peak = Self.peakGFLOPS()
        let trainer = try Experiment.trainer(preset)
        trainer.epochs = Int.max
        var times: [Double] = []
        _ = trainer.trainEpoch()  // warm-up: buffers sized, pages touched
        for _ in 0..<max(epochs, 1) {
            let before = trainer.seconds
            trainer.trainEpoch()
            times.append(trainer.seconds - before)
        }
        if let why = trainer.divergence { throw NNError.runtime("training diverged during the benchmark: \(why)") }
        times.sort()
        let median = times[times.count / 2]
        let samples = Double(trainer.data.train.count)
        let gflops = Self.flopsPerSample(trainer.network.sizes) * samples / median / 1e9
        let layers = trainer.network.sizes.map(String.init).joined(separator: "/")
        let batch = trainer.batch.resolved(count: trainer.data.train.count)
        if json {
            struct Report: Encodable {
                var epoch_seconds, samples_per_second, gflops, peak_gflops: Number
                var batch: Int
                var layers, optimizer: String
            }
            print(
                JSONLine.encode(
                    Report(
                        epoch_seconds: Number(median), samples_per_second: Number(samples / median),
                        gflops: Number(gflops),
                        peak_gflops: Number(peak), batch: batch, layers: layers,
                        optimizer: trainer.optimizer.kind.rawValue)))
        } else {
            print(
                """
                \(preset.name): \(layers), batch \(batch), \(trainer.optimizer.kind.rawValue), \
                \(Format.grouped(Int(samples))) samples
                epoch time   \(Self.seconds(median)) (median of \(times.count))
                samples/s    \(Format.grouped(Int(samples / median)))
                GFLOP/s      \(String(format: "%.1f", gflops)) (\(String(format: "%.0f", 100 * gflops / peak))% of the \
                single-thread sgemm peak, \(String(format: "%.1f", peak)) GFLOP/s)
                """)
        }
        return 0
    }
}
