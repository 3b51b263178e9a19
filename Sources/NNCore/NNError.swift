/// An error with one clear sentence for the user. `input` errors (a bad preset,
/// file or value) exit with code 2; `runtime` errors (a failure while running) with 1.
public enum NNError: Error, CustomStringConvertible, Equatable {
    case input(String)
    case runtime(String)

    public var description: String {
        switch self {
        case .input(let m), .runtime(let m): m
        }
    }
    public var exitCode: Int32 {
        switch self {
        case .input: 2
        case .runtime: 1
        }
    }
}
