/// One mini-batch's gradient and step: the forward pass and its summed cost, the
/// backward pass, and the optimizer's step of every parameter. `SerialPass` does it on
/// the calling thread; `DataParallelPass` splits the batch's columns across threads.
/// Both give the same step up to the order of summation.
protocol GradientPass {
    /// Gathers the samples `order[range]` into `ws` (whose batch is set) and runs the
    /// forward pass: the batch's summed cost `sum_j C(y_j, t_j)`.
    func forward(_ store: SampleStore, order: [Int], range: Range<Int>, in ws: Workspace) -> Double
    /// After `forward`: at least `dC/db[l] = (1/m) delta[l] 1` for every layer (all a
    /// divergence check needs); the rest of the gradients may wait for `step`.
    func backward(_ ws: Workspace)
    /// Steps every parameter with `rule` (`t` the 1-based step count).
    func step(_ rule: Optimizer, lr: Float, weightDecay: Float, t: Int, batch ws: Workspace)
}

/// The whole mini-batch on the calling thread.
struct SerialPass: GradientPass {
    let network: Network
    let parameters: [Parameter]

    func forward(_ store: SampleStore, order: [Int], range: Range<Int>, in ws: Workspace) -> Double {
        store.gather(order[range], into: ws.X, targets: ws.T)
        network.forward(ws)
        return network.costSum(ws)
    }

    /// `delta[l]`, `dC/dW[l] = (1/m) delta[l] A[l-1]^T` and `dC/db[l]`, every layer.
    func backward(_ ws: Workspace) { network.backward(ws) }

    func step(_ rule: Optimizer, lr: Float, weightDecay: Float, t: Int, batch ws: Workspace) {
        for p in parameters { rule.step(p, lr: lr, weightDecay: weightDecay, t: t) }
    }
}

/// A mini-batch split into `slices` blocks of columns: the first on the calling
/// thread, the others on `SliceWorker`s, each running forward and the backward deltas
/// in its columns of the batch's workspace; then each thread computes a block of
/// columns of every `dC/dW[l]` over the whole batch and steps it (`UpdateJob`), while
/// the biases are stepped here.
final class DataParallelPass: GradientPass {
    let network: Network
    let parameters: [Parameter]
    /// The `W[l]` parameters, in layer order (what `UpdateJob` splits).
    private let weights: [Parameter]
    /// The helper threads, started on first use.
    private var workers: [SliceWorker] = []
    /// Slices' views of the batch's workspace, by first column (made once, then kept:
    /// no allocation per step).
    private var views: [(workspace: ObjectIdentifier, from: Int, view: Workspace)] = []
    /// The slices of the current batch.
    var slices = 2

    init(network: Network, parameters: [Parameter]) {
        self.network = network
        self.parameters = parameters
        weights = parameters.filter(\.isWeight)
    }

    deinit { for w in workers { w.stop() } }

    /// The view of `ws`'s columns `from..<from + count` a slice works in.
    private func view(of ws: Workspace, from: Int, count: Int) -> Workspace {
        let id = ObjectIdentifier(ws)
        if let v = views.first(where: { $0.workspace == id && $0.from == from && $0.view.capacity == count }) {
            return v.view
        }
        let view = Workspace(columnsOf: ws, from: from, capacity: count)
        views.removeAll { $0.workspace != id }  // views of a workspace that was replaced
        views.append((id, from, view))
        return view
    }

    private var helpers: ArraySlice<SliceWorker> { workers.prefix(slices - 1) }

    func forward(_ store: SampleStore, order: [Int], range: Range<Int>, in ws: Workspace) -> Double {
        let m = range.count, size = m / slices, own = m - (slices - 1) * size
        while workers.count < slices - 1 { workers.append(SliceWorker(network: network)) }
        for (k, w) in helpers.enumerated() {
            let column = own + k * size
            w.begin(
                store: store, order: order, range: (range.lowerBound + column)..<(range.lowerBound + column + size),
                workspace: view(of: ws, from: column, count: size))
        }
        let mine = view(of: ws, from: 0, count: own)
        mine.setBatch(own)
        store.gather(order[range].prefix(own), into: mine.X, targets: mine.T)
        network.forward(mine)
        var cost = network.costSum(mine)
        network.propagateDeltas(mine)
        for w in helpers { w.finish(); cost += w.costSum }
        return cost
    }

    /// The biases' gradients over the whole batch; the weights' wait for `step`.
    func backward(_ ws: Workspace) {
        for (l, layer) in network.layers.enumerated() { layer.biasGradient(delta: ws.delta[l + 1]) }
    }

    func step(_ rule: Optimizer, lr: Float, weightDecay: Float, t: Int, batch ws: Workspace) {
        // the state exists before threads step their parts of a parameter
        for p in parameters { rule.prepareState(p) }
        func job(_ part: Int) -> UpdateJob {
            UpdateJob(
                part: part, parts: slices, layers: network.layers, weights: weights, batch: ws,
                rule: rule, lr: lr, weightDecay: weightDecay, t: t)
        }
        for (k, w) in helpers.enumerated() { w.begin(job(k + 1)) }
        job(0).run()
        for w in helpers { w.finish() }
        for p in parameters where !p.isWeight { rule.step(p, lr: lr, weightDecay: weightDecay, t: t) }
    }
}
