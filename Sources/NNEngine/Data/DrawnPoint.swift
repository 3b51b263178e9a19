/// A point of a set drawn by hand (`data.source: drawn`): where it is on the plane and
/// its class (a whole number from 0) or, for regression, its value.
public struct DrawnPoint: Equatable, Sendable {
    public var x1: Float
    public var x2: Float
    public var target: Float
    public init(x1: Float, x2: Float, target: Float) { self.x1 = x1; self.x2 = x2; self.target = target }

    /// The most points a drawn set holds.
    public static let most = 10_000

    /// The largest coordinate or value a drawn point may have: the engine's 32-bit
    /// sums of squares stay finite, and nntui and the exported program scale the
    /// same numbers the same way.
    public static let largest: Float = 1e9

    /// `data.points` as `--set` takes it and presets store it: `x1,x2,t` per point,
    /// points separated by `;` (a preset file writes a list of `[x1, x2, t]`).
    public static func parse(_ text: String) -> Result<[DrawnPoint], Problem> {
        let entries = text.split(separator: ";", omittingEmptySubsequences: true).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard entries.count <= most else {
            return .failure(.init("holds \(entries.count) points; a drawn set holds at most \(most)", tooMany: true))
        }
        var out: [DrawnPoint] = []
        out.reserveCapacity(entries.count)
        for (k, entry) in entries.enumerated() {
            let parts = entry.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 3, let a = parts[0], let b = parts[1], let t = parts[2] else {
                return .failure(.init("point \(k + 1) is '\(entry)', not three numbers x1, x2 and the class or value"))
            }
            out.append(DrawnPoint(x1: a, x2: b, target: t))
        }
        if let problem = check(out) { return .failure(problem) }
        return .success(out)
    }

    /// Why `points` cannot be a drawn set (more than `most`, a value that is not a
    /// finite number, a coordinate or value beyond ±`largest`), or nil.
    public static func check(_ points: [DrawnPoint]) -> Problem? {
        guard points.count <= most else {
            return Problem("would hold \(points.count) points; a drawn set holds at most \(most)", tooMany: true)
        }
        for (k, p) in points.enumerated() {
            guard p.x1.isFinite, p.x2.isFinite, p.target.isFinite else {
                return Problem("point \(k + 1) has a value that is not a finite number")
            }
            guard max(abs(p.x1), abs(p.x2), abs(p.target)) <= largest else {
                return Problem(
                    "point \(k + 1) (\(Preset.format(Double(p.x1))), \(Preset.format(Double(p.x2)))) lies beyond "
                        + "±1e9, the largest a drawn point may be"
                )
            }
        }
        return nil
    }

    /// The text form `parse` reads.
    public static func text(_ points: [DrawnPoint]) -> String {
        points.map {
            "\(Preset.format(Double($0.x1))),\(Preset.format(Double($0.x2))),\(Preset.format(Double($0.target)))"
        }.joined(separator: ";")
    }

    /// Why points cannot be a drawn set; `tooMany` when only their number is wrong.
    public struct Problem: Error, Equatable, Sendable {
        public var reason: String
        public var tooMany: Bool
        init(_ r: String, tooMany: Bool = false) { reason = r; self.tooMany = tooMany }
    }

    /// The store of a drawn set: its points as `x1, x2` and, under a classification
    /// output, classes `0 ... K-1` (K the largest class + 1, at least 2), else values.
    package static func store(_ points: [DrawnPoint], classification: Bool) throws -> SampleStore {
        guard !points.isEmpty else {
            throw NNError.input(
                "data.points: the drawn set is empty; draw points in the boundary view or give data.points.")
        }
        let features = points.flatMap { [$0.x1, $0.x2] }
        guard classification else {
            return SampleStore(
                features: .float(features), featureCount: 2, targets: .values(points.map(\.target), width: 1))
        }
        if let bad = points.firstIndex(where: { $0.target < 0 || $0.target != $0.target.rounded() || $0.target > 63 }) {
            throw NNError.input(
                "data.points: point \(bad + 1) has the class \(Preset.format(Double(points[bad].target))); classes "
                    + "are whole numbers from 0 to 63."
            )
        }
        let classes = max(Int(points.map(\.target).max() ?? 0) + 1, 2)
        return SampleStore(
            features: .float(features), featureCount: 2,
            targets: .classes(points.map { Int32($0.target) }, names: (0..<classes).map(String.init)))
    }
}
