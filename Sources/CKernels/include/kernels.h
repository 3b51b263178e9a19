#ifndef NNTUI_KERNELS_H
#define NNTUI_KERNELS_H
// Elementwise optimizer loops in C, where clang vectorizes the square roots and
// divisions (restrict pointers, no errno). The update rules are documented on the
// Swift side (NNCore/Training/Optimizer.swift), which is the only caller.

/// v = a v + (1 - a) g^2;  theta -= lr g / (sqrt(v) + eps)   (rmsprop)
void nn_rmsprop(float *restrict theta, const float *restrict g, float *restrict v, long n,
                float lr, float a, float eps);
/// S += g^2;  theta -= lr g / (sqrt(S) + eps)   (adagrad)
void nn_adagrad(float *restrict theta, const float *restrict g, float *restrict s, long n, float lr, float eps);
/// m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  theta -= step m / (sqrt(v) rc2 + eps)   (adam)
void nn_adam(float *restrict theta, const float *restrict g, float *restrict m, float *restrict v, long n,
             float b1, float b2, float step, float rc2, float eps);
/// Asks the CPU to start loading `bytes` bytes at `p` into its cache (a hint, no effect on results).
void nn_prefetch(const void *p, long bytes);
/// x[k] = raw[k] * scale[k] + shift[k] for bytes (images gathered into a batch column).
void nn_affine_bytes(float *restrict x, const unsigned char *restrict raw, const float *restrict scale,
                     const float *restrict shift, long n);
/// x[k] = raw[k] * scale[k] + shift[k] for floats.
void nn_affine_floats(float *restrict x, const float *restrict raw, const float *restrict scale,
                      const float *restrict shift, long n);

/// delta[i] = z[i] > 0 ? delta[i] : slope * delta[i]   (ReLU, slope 0, and leaky ReLU derivatives)
void nn_relu_backward(float *restrict delta, const float *restrict z, long n, float slope);

/// The widest layer (N_l x N_(l-1) values) the small dense kernels below take.
#define NN_SMALL_LAYER 4096
/// Z_r = b_r 1^T + W_r A_r for each run r < runs (column-major; W_r n_out x n_in,
/// A_r n_in x m[r], Z_r n_out x m[r]); n_out * n_in <= NN_SMALL_LAYER.
void nn_batched_affine(long runs, long n_out, long n_in, const long *m, const float *const *W,
                       const float *const *b, const float *const *A, float *const *Z);
/// D_r = W_r^T E_r for each run (E_r n_out x m[r], D_r n_in x m[r]); n_out * n_in <= NN_SMALL_LAYER.
void nn_batched_backprop(long runs, long n_out, long n_in, const long *m, const float *const *W,
                         const float *const *E, float *const *D);
/// Columns k0..<k0+kc of G_r = (1/m[r]) E_r A_r^T for each run (G_r n_out x n_in).
void nn_batched_outer(long runs, long n_out, long n_in, long k0, long kc, const long *m,
                      const float *const *E, const float *const *A, float *const *G);
/// a[i] = tanh(z[i]) (Cephes's single-precision algorithm, vectorized).
void nn_tanh(const float *restrict z, float *restrict a, long n);

/// y = softmax(z) column by column (rows x cols, column-major).
void nn_softmax(const float *restrict z, float *restrict y, long rows, long cols);
/// The summed cross-entropy of softmax(z) against t over the columns: sum_j (lse_j - t_j . z_j)
/// for one-hot or probability columns t_j, lse_j = log sum_i e^(z_ij).
double nn_cross_entropy_sum(const float *restrict z, const float *restrict t, long rows, long cols);
/// The columns whose largest y is in the row of t's largest (the first of equals, both).
long nn_argmax_agreements(const float *restrict y, const float *restrict t, long rows, long cols);

/// Flushes denormal floats to zero on the calling thread (x86 MXCSR FTZ and DAZ):
/// tiny Adam moments and squared gradients would otherwise run 100x slower.
/// Returns the thread's previous mode, for `nn_restore_float_mode`.
unsigned nn_flush_denormals(void);

/// Puts back the floating-point mode `nn_flush_denormals` returned.
void nn_restore_float_mode(unsigned mode);

/// Reads the NUL-terminated `text` of length `n` as a float in the C locale (a '.'
/// whatever the process's locale); 1 when all of it is a finite number, else 0.
int nn_parse_float(const char *text, long n, float *value);

/// Writes `x` as `%.6g` (or `%.4f` when `fixed`) in the C locale into `out` (NUL
/// terminated, at most `capacity` bytes); returns the characters written. The log's
/// numbers: String(format:) cost a 200,000-epoch run a fifth of its time.
int nn_format_double(double x, int fixed, char *out, int capacity);

/// The commit this binary was built from (`git rev-parse --short HEAD` as the
/// Makefile passes it), or "unknown" for a build without it (plain `swift build`).
const char *nn_build_commit(void);

/// The CPUs this process may run on (its affinity mask: 1 under `taskset -c 0`).
int nn_allowed_cpus(void);

/// Flushes C's stdout; 0 when it and every earlier write succeeded, else the
/// errno of the failure (or EIO when only the stream's error flag tells).
int nn_stdout_failure(void);
#endif
