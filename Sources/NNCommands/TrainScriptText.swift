/// `Resources/train.py`, the PyTorch program `nntui export` writes, compiled in by
/// SwiftPM (`.embedInCode`): the same text for every run (the run's settings go to
/// settings.json beside it).
enum TrainScriptText {
    static let text = String(decoding: PackageResources.train_py, as: UTF8.self)
}
