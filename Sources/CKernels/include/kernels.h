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
