import NNEngine
import NNFiles

/// What the dashboard's focused view needs from a run (a decision boundary, fit
/// curves, a confusion matrix, unit statistics, the network's picture), computed on
/// the engine's queue when it asks, and kept until the next computation.
struct ViewCache {
    private(set) var request = ViewRequest.none
    /// The run the view shows.
    private(set) var run = 0
    /// When it was last computed (0: at the next publication).
    var lastUpdate = 0.0
    private var boundary: BoundaryGrid?
    private var fit: FitCurves?
    private var confusion: ConfusionData?
    private var layerUnits: [LayerUnits]?
    private var network: NetworkPicture?

    /// Points along x for the fit view's curves.
    static let fitPoints = 160

    /// The view asks for `request` on run `run`: computed at the next publication when it changed.
    mutating func show(_ request: ViewRequest, run: Int) {
        if request != self.request || run != self.run { lastUpdate = 0 }
        self.request = request
        self.run = run
    }

    /// Computes what the request needs from `trainers` (a comparison on a curve
    /// overlays every run's fit: the homework's sweep).
    mutating func compute(_ trainers: [Trainer], labels: [String], comparing: Bool, degree: Int) {
        guard trainers.indices.contains(run) else { return }
        let t = trainers[run]
        if comparing && t.data.isCurve {
            fit = ViewComputations.fit(trainers, labels: labels, points: Self.fitPoints, degree: degree)
            return
        }
        switch request {
        case .none: break
        case .boundary(let columns, let rows): boundary = ViewComputations.boundary(t, columns: columns, rows: rows)
        case .fit(let points): fit = ViewComputations.fit([t], labels: ["network"], points: points, degree: degree)
        case .confusion: confusion = ViewComputations.confusion(t)
        case .gradients: layerUnits = ViewComputations.layerUnits(t)
        case .network(let columns, let rows, let layer, let unit):
            network = ViewComputations.networkPicture(t, columns: columns, rows: rows, layer: layer, unit: unit)
        }
    }

    /// Puts what was computed into a snapshot.
    func fill(_ s: inout Snapshot) {
        s.boundary = boundary
        s.fit = fit
        s.confusion = confusion
        s.layerUnits = layerUnits
        s.network = network
    }
}
