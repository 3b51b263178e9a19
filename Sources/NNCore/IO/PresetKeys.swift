/// Assigning one dotted preset key from text: the single place where every key's
/// type, range and choices are checked, for YAML files and `--set` alike.
extension Preset {
    /// Every key a preset accepts.
    public static let keys = [
        "name", "description",
        "data.source", "data.samples", "data.noise", "data.path", "data.target", "data.validation",
        "data.scale", "data.seed", "data.degree",
        "network.layers", "network.activation", "network.leaky-slope", "network.output", "network.init",
        "training.epochs", "training.batch", "training.seed", "training.weight-decay",
        "optimizer.name", "optimizer.lr", "optimizer.momentum", "optimizer.beta1", "optimizer.beta2",
        "optimizer.eps", "optimizer.alpha",
        "schedule.name", "schedule.warmup", "schedule.step", "schedule.gamma", "schedule.decay",
        "schedule.min-lr", "schedule.factor", "schedule.patience",
    ]
    public static let sources = ["spiral", "circle", "xor", "gauss", "moons", "sine", "lawrence-giles",
                                 "fashion-mnist", "mnist", "idx", "csv"]

    /// Sets `key` from `text`; `location` (e.g. `file.yaml:7` or `--set`) prefixes errors.
    public mutating func assign(_ key: String, _ text: String, at location: String) throws {
        let raw = text.trimmingCharacters(in: .whitespaces)
        func fail(_ why: String) -> NNError { .input("\(location): \(key): \(why).") }
        func choice<T>(_ choices: [String], _ make: (String) -> T?) throws -> T {
            guard let v = make(raw) else {
                throw fail("unknown value '\(raw)' (choices: \(choices.joined(separator: ", ")))")
            }
            return v
        }
        func int(_ range: ClosedRange<Int>) throws -> Int {
            guard let v = Int(raw) else { throw fail("'\(raw)' is not a whole number") }
            guard range.contains(v) else { throw fail("\(v) is out of range (\(range.lowerBound)...\(range.upperBound))") }
            return v
        }
        func seed() throws -> UInt64 {
            guard let v = UInt64(raw) else { throw fail("'\(raw)' is not a non-negative whole number") }
            return v
        }
        func real(_ ok: (Double) -> Bool, _ rule: String) throws -> Double {
            guard let v = Double(raw), v.isFinite else { throw fail("'\(raw)' is not a number") }
            guard ok(v) else { throw fail("\(raw) is out of range (\(rule))") }
            return v
        }
        func float(_ ok: (Double) -> Bool, _ rule: String) throws -> Float { Float(try real(ok, rule)) }
        let big = 1_000_000_000
        switch key {
        case "name": name = raw
        case "description": description = raw
        case "data.source": data.source = try choice(Self.sources) { Self.sources.contains($0) ? $0 : nil }
        case "data.samples": data.samples = try int(1...10_000_000)
        case "data.noise": data.noise = try real({ $0 >= 0 }, "0 or more")
        case "data.path": data.path = raw.isEmpty ? nil : raw
        case "data.target": data.target = raw.isEmpty ? nil : raw
        case "data.validation": data.validation = try real({ $0 >= 0 && $0 < 1 }, "0 <= validation < 1")
        case "data.scale": data.scale = try choice(Scaling.allCases.map(\.rawValue)) { Scaling(rawValue: $0) }
        case "data.seed": data.seed = try seed()
        case "data.degree": data.degree = try int(0...30)
        case "network.layers":
            let parts = raw.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2 else { throw fail("'\(raw)' needs at least an input and an output size, like 2,16,3") }
            var sizes: [Int?] = []
            for (i, p) in parts.enumerated() {
                if p == "auto" {
                    guard i == 0 || i == parts.count - 1 else { throw fail("only the first and last sizes may be 'auto'") }
                    sizes.append(nil)
                } else {
                    guard let n = Int(p), n >= 1, n <= 100_000 else { throw fail("size '\(p)' is not a whole number from 1 to 100000") }
                    sizes.append(n)
                }
            }
            network.layers = sizes
        case "network.activation":
            network.activation = try choice(Activation.names) { Activation(name: $0) != nil ? $0 : nil }
        case "network.leaky-slope": network.leakySlope = try float({ $0 >= 0 && $0 < 1 }, "0 <= slope < 1")
        case "network.output": network.output = try choice(OutputLayer.allCases.map(\.rawValue)) { OutputLayer(rawValue: $0) }
        case "network.init":
            network.initializer = try choice(Initializer.allCases.map(\.rawValue)) { Initializer(rawValue: $0) }
        case "training.epochs": training.epochs = try int(1...big)
        case "training.batch":
            if raw == "full" { training.batch = .full } else {
                guard let n = Int(raw) else { throw fail("'\(raw)' is neither a whole number nor 'full'") }
                guard n >= 1 else { throw fail("batch size \(n) must be at least 1") }
                training.batch = .size(n)
            }
        case "training.seed": training.seed = try seed()
        case "training.weight-decay": training.weightDecay = try float({ $0 >= 0 }, "0 or more")
        case "optimizer.name":
            optimizer.kind = try choice(OptimizerKind.allCases.map(\.rawValue)) { OptimizerKind(rawValue: $0) }
        case "optimizer.lr": optimizer.lr = try float({ $0 >= 0 && $0 <= 1000 }, "0 <= lr <= 1000")
        case "optimizer.momentum": optimizer.momentum = try float({ $0 >= 0 && $0 < 1 }, "0 <= momentum < 1")
        case "optimizer.beta1": optimizer.beta1 = try float({ $0 >= 0 && $0 < 1 }, "0 <= beta1 < 1")
        case "optimizer.beta2": optimizer.beta2 = try float({ $0 >= 0 && $0 < 1 }, "0 <= beta2 < 1")
        case "optimizer.eps": optimizer.eps = try float({ $0 > 0 && $0 < 1 }, "0 < eps < 1")
        case "optimizer.alpha": optimizer.alpha = try float({ $0 >= 0 && $0 < 1 }, "0 <= alpha < 1")
        case "schedule.name": schedule.kind = try choice(ScheduleKind.allCases.map(\.rawValue)) { ScheduleKind(rawValue: $0) }
        case "schedule.warmup": schedule.warmup = try int(0...big)
        case "schedule.step": schedule.step = try int(1...big)
        case "schedule.gamma": schedule.gamma = try float({ $0 > 0 && $0 <= 1 }, "0 < gamma <= 1")
        case "schedule.decay": schedule.decay = try float({ $0 >= 0 }, "0 or more")
        case "schedule.min-lr": schedule.minLR = try float({ $0 >= 0 }, "0 or more")
        case "schedule.factor": schedule.factor = try float({ $0 > 0 && $0 < 1 }, "0 < factor < 1")
        case "schedule.patience": schedule.patience = try int(0...big)
        default:
            // name the keys of the same section, or the sections
            let section = key.split(separator: ".").first.map { String($0) + "." } ?? ""
            let near = Self.keys.filter { $0.hasPrefix(section) }
            let choices = near.isEmpty
                ? "sections: " + (["name", "description"] + ["data", "network", "training", "optimizer", "schedule", "compare"]).joined(separator: ", ")
                : "keys: " + near.joined(separator: ", ")
            throw NNError.input("\(location): unknown key '\(key)' (\(choices)).")
        }
    }

    /// Applies `KEY=VALUE` overrides from the command line.
    public mutating func apply(sets: [String]) throws {
        for s in sets {
            guard let eq = s.firstIndex(of: "=") else {
                throw NNError.input("--set \(s): expected KEY=VALUE, like optimizer.lr=0.01.")
            }
            try assign(String(s[..<eq]).trimmingCharacters(in: .whitespaces), String(s[s.index(after: eq)...]), at: "--set")
        }
    }

    /// The value of `key` as text, the inverse of `assign` (for saving presets).
    public func text(_ key: String) -> String {
        func f(_ x: Float) -> String { Self.format(Double(x)) }
        switch key {
        case "name": return name
        case "description": return description
        case "data.source": return data.source
        case "data.samples": return "\(data.samples)"
        case "data.noise": return Self.format(data.noise)
        case "data.path": return data.path ?? ""
        case "data.target": return data.target ?? ""
        case "data.validation": return Self.format(data.validation)
        case "data.scale": return data.scale.rawValue
        case "data.seed": return "\(data.seed)"
        case "data.degree": return "\(data.degree)"
        case "network.layers": return network.layers.map { $0.map(String.init) ?? "auto" }.joined(separator: ",")
        case "network.activation": return network.activation
        case "network.leaky-slope": return f(network.leakySlope)
        case "network.output": return network.output.rawValue
        case "network.init": return network.initializer.rawValue
        case "training.epochs": return "\(training.epochs)"
        case "training.batch": return training.batch.description
        case "training.seed": return "\(training.seed)"
        case "training.weight-decay": return f(training.weightDecay)
        case "optimizer.name": return optimizer.kind.rawValue
        case "optimizer.lr": return f(optimizer.lr)
        case "optimizer.momentum": return f(optimizer.momentum)
        case "optimizer.beta1": return f(optimizer.beta1)
        case "optimizer.beta2": return f(optimizer.beta2)
        case "optimizer.eps": return optimizer.eps.map(f) ?? ""
        case "optimizer.alpha": return f(optimizer.alpha)
        case "schedule.name": return schedule.kind.rawValue
        case "schedule.warmup": return "\(schedule.warmup)"
        case "schedule.step": return "\(schedule.step)"
        case "schedule.gamma": return f(schedule.gamma)
        case "schedule.decay": return f(schedule.decay)
        case "schedule.min-lr": return f(schedule.minLR)
        case "schedule.factor": return f(schedule.factor)
        case "schedule.patience": return "\(schedule.patience)"
        default: return ""
        }
    }

    /// A value as short text: whole numbers without a point, others with 6
    /// significant digits (`0.03`, not `0.030000001`).
    public static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
        return String(format: "%g", x)
    }
}

import Foundation
