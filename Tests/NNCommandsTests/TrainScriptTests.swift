import Foundation
import Testing

@testable import NNCommands
@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// The exported program is Resources/train.py, compiled in; the run's settings are data.
@Suite struct TrainScriptTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// A hostile name is a JSON string in settings.json; the program never holds it.
    @Test func settingsCarryNamesAsData() throws {
        var p = Preset()
        let name = "x\"\"\"; __import__(\"os\").system(\"id\") ; \"\"\" \\N{BULLET} 日本"
        try p.apply(sets: ["name=\(name)"])
        let json = try PyTorchScript.settingsJSON(
            p, sizes: [2, 16, 3], classification: true, data: .init(kind: "tensors"))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["run"] as? String == name)
        #expect(object?["batch"] as? Int == 32 && (object?["optimizer"] as? [String: Any])?["lr"] as? Double == 0.01)
        #expect(!PyTorchScript.program.contains(name))
    }
}
