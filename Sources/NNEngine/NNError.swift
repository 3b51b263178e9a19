/// An error with one clear sentence for the user. `input` errors (a bad preset,
/// file or value) exit with code 2; `runtime` errors (a failure while running) with
/// 1; `interrupted` (a signal while loading, before anything was written) with
/// 128 + the signal's number, as a shell expects.
public enum NNError: Error, CustomStringConvertible, Equatable {
    case input(String)
    case runtime(String)
    case interrupted(Int32, while: String)

    public var description: String {
        switch self {
        case .input(let m), .runtime(let m): m
        case .interrupted(_, let what): "interrupted while \(what); nothing was written."
        }
    }
    /// The same error met while a run is under way: every check was made before the
    /// work started, so what fails now (a folder deleted, a path replaced by a
    /// folder) is a failure at run time, exit 1, not bad input.
    public static func atRunTime(_ error: Error) -> NNError {
        switch error {
        case NNError.input(let m): .runtime(m)
        case let e as NNError: e
        default: .runtime("\(error)")
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .input: 2
        case .runtime: 1
        case .interrupted(let signal, _): 128 + signal
        }
    }
}
