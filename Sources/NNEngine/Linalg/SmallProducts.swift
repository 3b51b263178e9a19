import CKernels

/// The three products of a dense layer, for layers small enough (`isSmall`) that
/// nntui's own loops beat a BLAS call, batched over any number of runs of the same
/// shape (`CKernels/dense.c`). One run alone goes through the same loops as a stack of
/// them, so a run's result does not depend on whether it was stacked.
public enum SmallProducts {
    /// Whether a layer of `outputs x inputs` weights uses these products: at most
    /// `NN_SMALL_LAYER` weights (64 x 64). Measured with `nntui bench` on 2/16/16/3 at
    /// batch 32, OpenBLAS's set-up per call is most of a product's time below that.
    @inline(__always)
    public static func isSmall(inputs: Int, outputs: Int) -> Bool { inputs * outputs <= Int(NN_SMALL_LAYER) }

    /// `Z_r = b_r 1^T + W_r A_r` for every run `r` (`m[r]` columns each).
    public static func affine(
        outputs: Int, inputs: Int, m: UnsafePointer<Int>, W: Pointers, b: Pointers, A: Pointers,
        into Z: MutablePointers, runs: Int
    ) {
        nn_batched_affine(runs, outputs, inputs, m, W, b, A, Z)
    }

    /// `D_r = W_r^T E_r` for every run: a layer's deltas sent back through its weights.
    public static func backprop(
        outputs: Int, inputs: Int, m: UnsafePointer<Int>, W: Pointers, E: Pointers, into D: MutablePointers,
        runs: Int
    ) {
        nn_batched_backprop(runs, outputs, inputs, m, W, E, D)
    }

    /// Columns `columns` of `G_r = (1/m_r) E_r A_r^T` for every run: the mean weight gradient.
    public static func outer(
        outputs: Int, inputs: Int, columns: Range<Int>, m: UnsafePointer<Int>, E: Pointers, A: Pointers,
        into G: MutablePointers, runs: Int
    ) {
        nn_batched_outer(runs, outputs, inputs, columns.lowerBound, columns.count, m, E, A, G)
    }

    public typealias Pointers = UnsafePointer<UnsafePointer<Float>?>
    public typealias MutablePointers = UnsafePointer<UnsafeMutablePointer<Float>?>

    /// `Z = b 1^T + W A` for one run.
    static func affine(_ W: Matrix, _ b: Matrix, _ A: Matrix, into Z: Matrix) {
        one(W, b, A) { p in
            one(Z) { z in
                var m = Z.cols
                affine(outputs: W.rows, inputs: W.cols, m: &m, W: p, b: p + 1, A: p + 2, into: z, runs: 1)
            }
        }
    }

    /// `D = W^T E` for one run.
    static func backprop(_ W: Matrix, _ E: Matrix, into D: Matrix) {
        one(W, E, E) { p in
            one(D) { d in
                var m = E.cols
                backprop(outputs: W.rows, inputs: W.cols, m: &m, W: p, E: p + 1, into: d, runs: 1)
            }
        }
    }

    /// Columns `columns` of `G = (1/m) E A^T` for one run.
    static func outer(_ E: Matrix, _ A: Matrix, columns: Range<Int>, into G: Matrix) {
        one(E, A, A) { p in
            one(G) { g in
                var m = E.cols
                outer(outputs: G.rows, inputs: G.cols, columns: columns, m: &m, E: p, A: p + 1, into: g, runs: 1)
            }
        }
    }

    /// Three matrices' storage as a table of pointers (one run's entries).
    private static func one(_ x: Matrix, _ y: Matrix, _ z: Matrix, _ body: (Pointers) -> Void) {
        var table: (UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafePointer<Float>?) = (
            UnsafePointer(x.data), UnsafePointer(y.data), UnsafePointer(z.data)
        )
        withUnsafePointer(to: &table) { $0.withMemoryRebound(to: UnsafePointer<Float>?.self, capacity: 3, body) }
    }

    private static func one(_ x: Matrix, _ body: (MutablePointers) -> Void) {
        var entry: UnsafeMutablePointer<Float>? = x.data
        withUnsafePointer(to: &entry, body)
    }
}
