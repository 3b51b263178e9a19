import Foundation
import NNEngine

/// Checkpoints in the safetensors format, PyTorch `nn.Linear` layout: tensors
/// `layers.{i}.weight` `[N_(i+1), N_i]` (row-major float32) and `layers.{i}.bias`
/// `[N_(i+1)]`; `__metadata__.preset` holds the preset as JSON.
///
/// File layout: 8-byte little-endian header length `n`, `n` bytes of JSON header
/// (padded with spaces to a multiple of 8), then the tensor bytes.
public enum Checkpoint {
    /// Writes the network's weights atomically (temporary file, then rename).
    public static func save(_ network: Network, preset: Preset, to path: String) throws {
        try AtomicFile.write(try bytes(network, preset: preset), to: path)
    }

    /// The file's bytes: the weights now, and the preset in the metadata.
    public static func bytes(_ network: Network, preset: Preset) throws -> Data {
        var tensors: [SafeTensors.Tensor] = []
        for (i, layer) in network.layers.enumerated() {
            // W is stored column-major (out x in); PyTorch wants row-major [out, in]
            var w = [Float](repeating: 0, count: layer.W.count)
            for o in 0..<layer.outputs { for k in 0..<layer.inputs { w[o * layer.inputs + k] = layer.W[o, k] } }
            tensors.append(.float("layers.\(i).weight", w, shape: [layer.outputs, layer.inputs]))
            tensors.append(.float("layers.\(i).bias", layer.b.values, shape: [layer.outputs]))
        }
        return try SafeTensors.encode(
            tensors,
            metadata: [
                "preset": preset.json(), "format": "pt", "producer": "nntui",
                "layers": network.sizes.map(String.init).joined(separator: "/"),
            ])
    }

    /// The tensors of a safetensors file: name -> (shape, float32 values in file order).
    public static func read(path: String) throws -> (
        tensors: [String: (shape: [Int], values: [Float])], metadata: [String: String]
    ) {
        let size = try InputFile.checkRegular(path)
        try Memory.check(size, for: path)
        return try parse(Data(try InputFile.bytes(path, size: size)), name: path)
    }

    /// Parses safetensors bytes; `name` appears in errors.
    public static func parse(_ data: Data, name: String) throws -> (
        tensors: [String: (shape: [Int], values: [Float])], metadata: [String: String]
    ) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw NNError.input("\(name): truncated safetensors file (no header length).") }
        var n: UInt64 = 0
        for k in 0..<8 { n |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        guard n <= UInt64(bytes.count - 8) else {
            throw NNError.input("\(name): truncated safetensors file (header of \(n) bytes, file of \(bytes.count)).")
        }
        let headerEnd = 8 + Int(n)
        let header: SafeTensors.Header
        do {
            header = try JSONDecoder().decode(SafeTensors.Header.self, from: Data(bytes[8..<headerEnd]))
        } catch let e as SafeTensors.Header.MalformedEntry {
            throw NNError.input("\(name): tensor '\(e.name)' has a malformed header entry.")
        } catch {
            throw NNError.input("\(name): the safetensors header is not valid JSON.")
        }
        var tensors: [String: (shape: [Int], values: [Float])] = [:]
        let metadata = header.metadata
        let dataCount = bytes.count - headerEnd
        // every entry checked before any is copied: tensors that share or overlap
        // bytes are refused (the format gives each its own), so the copies together
        // never exceed the file
        var entries: [(key: String, shape: [Int], count: Int, begin: Int, end: Int)] = []
        for (key, entry) in header.tensors {
            let (dtype, shape, offsets) = (entry.dtype, entry.shape, entry.data_offsets)
            guard offsets.count == 2 else {
                throw NNError.input("\(name): tensor '\(key)' has a malformed header entry.")
            }
            guard dtype == "F32" else {
                throw NNError.input("\(name): tensor '\(key)' is \(dtype); only F32 is supported.")
            }
            var count = 1
            for d in shape {
                let (p, overflow) = count.multipliedReportingOverflow(by: d)
                guard d >= 0, !overflow, p <= dataCount / 4 else {
                    throw NNError.input(
                        "\(name): tensor '\(key)' has an invalid shape \(shape) for a file of \(bytes.count) bytes.")
                }
                count = p
            }
            guard offsets[0] >= 0, offsets[1] >= offsets[0], offsets[1] <= dataCount,
                offsets[1] - offsets[0] == 4 * count
            else {
                throw NNError.input(
                    "\(name): tensor '\(key)' points outside the file or has the wrong size (truncated file?).")
            }
            entries.append((key, shape, count, offsets[0], offsets[1]))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        for (a, b) in zip(entries, entries.dropFirst()) where b.begin < a.end {
            throw NNError.input(
                "\(name): tensors '\(a.key)' and '\(b.key)' share bytes of the file; each tensor must have its own.")
        }
        for e in entries {
            var values = [Float](repeating: 0, count: e.count)
            values.withUnsafeMutableBytes { dst in
                bytes.withUnsafeBytes { src in
                    dst.copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: src[(headerEnd + e.begin)..<(headerEnd + e.end)]))
                }
            }
            tensors[e.key] = (e.shape, values)
        }
        return (tensors, metadata)
    }

    /// Loads weights into `network`; every tensor must be present with the right shape.
    /// A file saved from PyTorch's `nn.Sequential` of `nn.Linear` layers (`0.weight`,
    /// `0.bias`, `2.weight`, …) is taken too, its Linear layers in order as nntui's;
    /// then the returned line says how they were mapped.
    @discardableResult
    public static func load(path: String, into network: Network) throws -> String? {
        let (tensors, mapping) = sequentialLayers(try read(path: path).tensors)
        try apply(tensors, name: path, to: network, shown: mapping.map { m in { m[$0] ?? $0 } } ?? { $0 })
        guard let mapping else { return nil }
        let linears = network.layers.indices.map { mapping["layers.\($0).weight"]!.dropLast(".weight".count) }
        return
            "\(path): nn.Sequential's Linear layers \(linears.joined(separator: ", ")) loaded as nntui's layers 1 to "
            + "\(linears.count) (W[l], b[l])."
    }

    /// The tensors of an `nn.Sequential` of Linear layers (every key `[PREFIX.]N.weight`
    /// or `[PREFIX.]N.bias`, one prefix for all, no key `layers.*`) renamed to nntui's
    /// `layers.K.*` in the order of N, with each new name's original; unchanged (nil)
    /// for any other file.
    static func sequentialLayers(_ tensors: [String: (shape: [Int], values: [Float])])
        -> ([String: (shape: [Int], values: [Float])], [String: String]?)
    {
        var parsed: [(key: String, prefix: Substring, index: Int, kind: Substring)] = []
        for key in tensors.keys {
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 2, let index = Int(parts[parts.count - 2]), index >= 0,
                parts.last == "weight" || parts.last == "bias"
            else { return (tensors, nil) }
            parsed.append((key, Substring(parts.dropLast(2).joined(separator: ".")), index, parts.last!))
        }
        guard !parsed.isEmpty, Set(parsed.map(\.prefix)).count == 1, parsed.first?.prefix != "layers" else {
            return (tensors, nil)
        }
        let order = Array(Set(parsed.map(\.index))).sorted()
        var renamed: [String: (shape: [Int], values: [Float])] = [:], original: [String: String] = [:]
        for p in parsed {
            let name = "layers.\(order.firstIndex(of: p.index)!).\(p.kind)"
            renamed[name] = tensors[p.key]
            original[name] = p.key
        }
        return (renamed, original)
    }

    /// Copies parsed tensors into `network` after checking every name and shape;
    /// `shown` gives the name a tensor has in the file.
    public static func apply(
        _ tensors: [String: (shape: [Int], values: [Float])], name path: String, to network: Network,
        shown: (String) -> String = { $0 }
    ) throws {
        for (i, layer) in network.layers.enumerated() {
            let wName = "layers.\(i).weight", bName = "layers.\(i).bias"
            guard let w = tensors[wName] else {
                throw NNError.input(
                    "\(path): no tensor for layer \(i + 1)'s weights '\(wName)' (the checkpoint has "
                        + "\(tensors.keys.map(shown).sorted().joined(separator: ", ")))."
                )
            }
            guard w.shape == [layer.outputs, layer.inputs] else {
                throw NNError.input(
                    "\(path): tensor '\(shown(wName))' has shape \(w.shape) but the network's layer \(i + 1) needs "
                        + "[\(layer.outputs), \(layer.inputs)]."
                )
            }
            guard let b = tensors[bName] else {
                throw NNError.input("\(path): no tensor for layer \(i + 1)'s biases (\(shown(wName)) has none).")
            }
            guard b.shape == [layer.outputs] else {
                throw NNError.input(
                    "\(path): tensor '\(shown(bName))' has shape \(b.shape) but the network's layer \(i + 1) needs "
                        + "[\(layer.outputs)]."
                )
            }
            guard w.values.allSatisfy(\.isFinite), b.values.allSatisfy(\.isFinite) else {
                throw NNError.input("\(path): layer \(i) holds values that are not finite.")
            }
        }
        let used = Set(network.layers.indices.flatMap { ["layers.\($0).weight", "layers.\($0).bias"] })
        let extra = tensors.keys.filter { !used.contains($0) }.map(shown).sorted()
        if !extra.isEmpty {
            throw NNError.input(
                "\(path): the checkpoint holds tensors the \(network.layers.count)-layer network has no place for "
                    + "(\(extra.joined(separator: ", ")))."
            )
        }
        for (i, layer) in network.layers.enumerated() {
            let w = tensors["layers.\(i).weight"]!.values
            for o in 0..<layer.outputs { for k in 0..<layer.inputs { layer.W[o, k] = w[o * layer.inputs + k] } }
            layer.b.copy(from: Matrix(rows: layer.outputs, cols: 1, values: tensors["layers.\(i).bias"]!.values))
        }
    }
}

extension Trainer {
    /// Starts from the weights of a checkpoint: they become the sound weights a
    /// diverged run goes back to (not the seeded ones they replace). Returns the line
    /// that says how an `nn.Sequential`'s layers were mapped, if they were.
    @discardableResult
    public func load(checkpoint path: String) throws -> String? {
        let note = try Checkpoint.load(path: path, into: network)
        keepSound()
        return note
    }
}
