import NNCore
let t = try Experiment.trainer(Preset.load("spiral-tanh"))
for _ in 0..<20 { if let r = t.trainEpoch() { print(r.epoch, r.trainLoss, r.validationAccuracy ?? 0) } }
