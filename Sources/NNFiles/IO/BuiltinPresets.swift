/// The presets compiled into the binary: the files of `Sources/NNFiles/Presets/`, which
/// SwiftPM embeds as bytes (`PackageResources`, `.embedInCode` in Package.swift). Each
/// file names itself on its first line (`name: spiral-tanh`).
public enum BuiltinPresets {
    /// The preset the dashboard and the commands open when none is named.
    public static let defaultName = "spiral-tanh"

    /// Every built-in preset's text by its name.
    public static let yaml: [String: String] = Dictionary(
        uniqueKeysWithValues: [
            PackageResources.circle_relu_yaml, PackageResources.fashion_mnist_yaml,
            PackageResources.lawrence_giles_yaml, PackageResources.mnist_yaml,
            PackageResources.optimizer_race_yaml, PackageResources.sine_regression_yaml,
            PackageResources.spiral_tanh_yaml, PackageResources.vanishing_sigmoid_yaml,
            PackageResources.xor_sigmoid_yaml,
        ].map { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            return (ownName(text), text)
        })

    /// The names in menu order: the default first, then by name.
    public static let names: [String] = [defaultName] + yaml.keys.filter { $0 != defaultName }.sorted()

    /// The value of a preset file's `name:` line.
    static func ownName(_ text: String) -> String {
        let line = text.split(separator: "\n").first { $0.hasPrefix("name:") } ?? ""
        return line.dropFirst("name:".count).trimmingCharacters(in: .whitespaces)
    }
}
