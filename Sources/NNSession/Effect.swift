import Foundation
import NNEngine
import NNFiles

/// Work the session asks for and does not do on the engine's queue: a file written,
/// the learning-rate range test, the gradient check. Each is performed elsewhere with
/// a `Cancellation` of its own and sends its result back as an intent; the runner
/// (`TrainingSession`, or a test) cancels every kind the same way (`cancel`).
public enum Effect: Sendable {
    case write(FileWrite)
    case findLearningRate(LearningRateJob)
    case checkGradients(GradientCheckJob)
    /// Cancels the work of this kind under way (its result, if it still comes, is dropped).
    case cancel(Kind)

    public enum Kind: Sendable, Hashable {
        case file, learningRateTest, gradientCheck
    }

    /// The kind of work, for the runner to queue and cancel it by.
    public var kind: Kind {
        switch self {
        case .write: .file
        case .findLearningRate: .learningRateTest
        case .checkGradients: .gradientCheck
        case .cancel(let k): k
        }
    }

    /// Does the work, polling `cancellation` where it can stop; the intent that reports
    /// the result to the session (nil for `cancel`, or when cancelled before it began).
    public func perform(_ cancellation: Cancellation) -> Intent? {
        guard !cancellation.isCancelled else { return nil }
        switch self {
        case .write(let w): return w.perform()
        case .findLearningRate(let job): return job.perform(cancellation)
        case .checkGradients(let job): return job.perform()
        case .cancel: return nil
        }
    }
}

/// A flag the runner sets to stop one piece of work; the work polls it.
public final class Cancellation: Sendable {
    private let flag = Interrupt()
    public init() {}
    public func cancel() { flag.note(SIGINT) }
    public var isCancelled: Bool { flag.isRequested }
    /// For work that takes an `Interrupt` (the learning-rate finder polls one).
    var interrupt: Interrupt { flag }
}

/// The learning-rate range test of a run: a copy of its weights taken on the engine's
/// queue, so the run trains on while the test runs. `id` tells its result from a
/// stale one.
public struct LearningRateJob: @unchecked Sendable {
    // the weights are this job's own copy; the data are read-only once loaded (runs
    // of a comparison read them from two threads at once in the same way)
    let id: Int
    let run: Int
    let preset: Preset
    let data: LoadedData
    let weights: Network

    func perform(_ cancellation: Cancellation) -> Intent {
        do {
            let result = try LearningRateFinder().run(
                preset, data: data, weights: weights, interrupt: cancellation.interrupt)
            return .learningRateTested(id: id, .success(LearningRateTest(run: run, result: result)))
        } catch let error as NNError {
            return .learningRateTested(id: id, .failure(error))
        } catch {
            return .learningRateTested(id: id, .failure(.runtime("\(error)")))
        }
    }
}

/// Backprop against central finite differences on a copy of a run's weights (8
/// samples, 30 entries of each `W[l]` and `b[l]`), as `nntui gradcheck` does.
public struct GradientCheckJob: @unchecked Sendable {
    // a copy of the weights and read-only data, as `LearningRateJob`
    let run: Int
    let epoch: Int
    let network: Network
    let data: Dataset

    func perform() -> Intent {
        let count = min(8, data.count)
        let results = GradientCheck.run(
            network: network, data: data, indices: Array(data.indices.prefix(count)), perLayer: 30)
        let worst = results.map { max($0.worstWeightError, $0.worstBiasError) }.max() ?? 0
        return .gradientsChecked(
            GradientCheckResult(
                run: run, epoch: epoch, worstError: worst,
                checked: results.map(\.checked).reduce(0, +)))
    }
}
