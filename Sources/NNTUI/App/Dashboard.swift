import NNCore
public enum Dashboard {
    public static func run(preset: Preset) throws -> Int32 {
        try TrainCommand(preset: preset).run()
    }
}
