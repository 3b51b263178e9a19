import Foundation
import NNEngine

/// Where the data sets a system package installs are found: Debian's
/// `dataset-fashion-mnist` puts Fashion-MNIST in `/usr/share/datasets/fashion-mnist`;
/// `NNTUI_DATA=DIR` points nntui at `DIR/fashion-mnist` instead (any system, or a copy
/// of your own); `data.path` in a preset names a folder for one run.
public enum DataFolders {
    public static let debian = "/usr/share/datasets"

    /// The folder of the built-in set `name` (`fashion-mnist`).
    public static func folder(of name: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        let root = environment["NNTUI_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? debian
        return PathText.join(root, name)
    }

    /// Fashion-MNIST's folder.
    public static var fashionMNIST: String { folder(of: "fashion-mnist") }
}
