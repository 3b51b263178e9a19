import Foundation
import NNEngine

/// JSON written by nntui, one object a line (`train --json`, `bench --json`,
/// `polyfit --json`, `lr-find --json`), through `Codable` types: a key can only be
/// misspelled once, and nothing is swallowed into `{}`.
public enum JSONLine {
    /// `value` as compact JSON with sorted keys, slashes unescaped.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            // every number goes through `Number`, so nothing here can be unencodable
            preconditionFailure("nntui's JSON types always encode: \(error)")
        }
    }
}

/// A number in nntui's JSON: `null` when absent or not finite (JSON has no NaN or
/// infinity), so a diverged run's line is still valid JSON with every key.
public struct Number: Codable, Sendable, Equatable, ExpressibleByFloatLiteral {
    public var value: Double?
    public init(_ value: Double?) { self.value = value.flatMap { $0.isFinite ? $0 : nil } }
    /// A 32-bit number as the shortest decimal that reads back as it (`0.003`, not
    /// `0.0030000000260770321`).
    public init(_ value: Float) { self.init(Double("\(value)") ?? Double(value)) }
    public init(floatLiteral value: Double) { self.init(value) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value { try c.encode(value) } else { try c.encodeNil() }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        self.init(c.decodeNil() ? nil : try c.decode(Double.self))
    }
}

/// A JSON object's key known only at run time (a tensor's name, a log's column).
struct NamedKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
