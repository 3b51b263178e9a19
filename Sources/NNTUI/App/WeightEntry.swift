/// The weight typed after `W` in the network view: a finite number within ±1e6.
enum WeightEntry {
    /// The largest weight the keyboard sets.
    static let largest: Float = 1e6

    enum Problem: Error, Equatable { case notANumber, tooLarge }

    /// The typed text as a weight, or why it is none.
    static func value(_ typed: String) -> Result<Float, Problem> {
        guard let v = Float(typed), !v.isNaN else { return .failure(.notANumber) }
        guard v.isFinite, abs(v) <= largest else { return .failure(.tooLarge) }
        return .success(v)
    }

    /// What the entry line says after the typed text: the keys, or, once something
    /// is typed that enter would not set, why.
    static func hint(_ typed: String) -> String {
        guard !typed.isEmpty, case .failure(let problem) = value(typed) else { return "↵ set · esc cancel" }
        switch problem {
        case .notANumber: return "not a number yet · esc cancel"
        case .tooLarge: return "beyond ±1e6 · esc cancel"
        }
    }
}
