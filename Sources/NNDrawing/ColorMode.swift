import Foundation

/// `--color auto|always|never`: whether nntui draws in colour. `auto` colours a
/// terminal unless `NO_COLOR` is set to anything but the empty string (no-color.org);
/// `always` colours even then (as far as the terminal has colours); `never` draws
/// with attributes only (bold, reverse, dim).
public enum ColorMode: String, CaseIterable, Sendable {
    case auto, always, never

    /// Whether to colour output going to a terminal (`tty`) or elsewhere.
    public func colors(tty: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return tty && (environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}
