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

/// `--theme dark|light|auto`: the terminal's background. `auto` reads `COLORFGBG`
/// (`fg;bg`, which rxvt, Konsole and others set): a background of 7 or 15 is light;
/// without it, dark.
public enum Theme: String, CaseIterable, Sendable {
    case auto, dark, light

    /// Whether the background is light.
    public func isLight(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch self {
        case .light: return true
        case .dark: return false
        case .auto:
            guard let bg = environment["COLORFGBG"]?.split(separator: ";").last.flatMap({ Int($0) }) else {
                return false
            }
            return bg == 7 || bg == 15
        }
    }
}

/// How the dashboard draws: in colour or not, on a dark or a light background.
public struct Appearance: Sendable {
    public var color: ColorMode
    public var theme: Theme
    public init(color: ColorMode = .auto, theme: Theme = .auto) { self.color = color; self.theme = theme }

    /// `canvas` as the commands print it: with colour sequences for the background
    /// where colour is on for this output (`tty`: it is a terminal), else plain text.
    public func text(of canvas: Canvas, tty: Bool) -> String {
        color.colors(tty: tty) ? canvas.ansiText(light: theme.isLight()) : canvas.text
    }
}
