/// The lessons compiled into the binary: the files of `Sources/NNFiles/Lessons/`, which
/// SwiftPM embeds as bytes (`PackageResources`, `.embedInCode` in Package.swift), in
/// the lecture's order. A lesson's id is its file's name, which keys the learner's
/// progress (SwiftPM names a resource after its file, a leading digit made `_`).
public enum BuiltinLessons {
    private static let files: [(id: String, bytes: [UInt8])] = [
        ("01-counting-parameters", PackageResources._1_counting_parameters_yaml),
        ("02-forward-propagation", PackageResources._2_forward_propagation_yaml),
        ("03-backpropagation", PackageResources._3_backpropagation_yaml),
        ("04-zero-weights", PackageResources._4_zero_weights_yaml),
        ("05-vanishing-gradient", PackageResources._5_vanishing_gradient_yaml),
        ("06-matched-cost", PackageResources._6_matched_cost_yaml),
        ("07-mini-batches", PackageResources._7_mini_batches_yaml),
        ("08-momentum", PackageResources._8_momentum_yaml),
        ("09-adaptive-steps", PackageResources._9_adaptive_steps_yaml),
        ("10-schedules", PackageResources._0_schedules_yaml),
        ("11-activations", PackageResources._1_activations_yaml),
        ("12-homework", PackageResources._2_homework_yaml),
        ("13-hidden-features", PackageResources._3_hidden_features_yaml),
        ("14-width-and-a-curve", PackageResources._4_width_and_a_curve_yaml),
        ("15-scaling-the-data", PackageResources._5_scaling_the_data_yaml),
        ("16-bias-gradient", PackageResources._6_bias_gradient_yaml),
        ("17-efficiency", PackageResources._7_efficiency_yaml),
        ("18-matched-pairs", PackageResources._8_matched_pairs_yaml),
    ]

    /// The lessons' ids, in order.
    public static let ids: [String] = files.map(\.id)
    /// Every lesson's text by its id.
    public static let yaml: [String: String] = Dictionary(
        uniqueKeysWithValues: files.map { ($0.id, String(decoding: $0.bytes, as: UTF8.self)) })
}
