#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>
#include <locale.h>
#include <stdlib.h>
#include <math.h>
#include <stdio.h>
#include <errno.h>
#include "kernels.h"
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#endif

unsigned nn_flush_denormals(void) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned previous = _mm_getcsr();
    _mm_setcsr(previous | 0x8040);
    return previous;
#else
    return 0;
#endif
}

void nn_restore_float_mode(unsigned mode) {
#if defined(__x86_64__) || defined(__i386__)
    _mm_setcsr(mode);
#else
    (void)mode;
#endif
}

// sqrt that never sets errno, so the loops below vectorize without -fno-math-errno
// (the arguments are sums of squares, never negative).
#if __has_builtin(__builtin_elementwise_sqrt)
#define nn_sqrt(x) __builtin_elementwise_sqrt(x)
#else
#include <math.h>
#define nn_sqrt(x) sqrtf(x)
#endif

// One copy per vector width, picked at load time for the CPU it runs on.
#define NN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

NN_CLONES void nn_rmsprop(float *restrict theta, const float *restrict g, float *restrict v, long n,
                float lr, float a, float eps) {
    for (long i = 0; i < n; i++) {
        float vi = a * v[i] + (1 - a) * g[i] * g[i];
        v[i] = vi;
        theta[i] -= lr * g[i] / (nn_sqrt(vi) + eps);
    }
}

NN_CLONES void nn_adagrad(float *restrict theta, const float *restrict g, float *restrict s, long n, float lr, float eps) {
    for (long i = 0; i < n; i++) {
        float si = s[i] + g[i] * g[i];
        s[i] = si;
        theta[i] -= lr * g[i] / (nn_sqrt(si) + eps);
    }
}

NN_CLONES void nn_adam(float *restrict theta, const float *restrict g, float *restrict m, float *restrict v, long n,
             float b1, float b2, float step, float rc2, float eps) {
    for (long i = 0; i < n; i++) {
        float gi = g[i];
        float mi = b1 * m[i] + (1 - b1) * gi;
        float vi = b2 * v[i] + (1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        theta[i] -= step * mi / (nn_sqrt(vi) * rc2 + eps);
    }
}

void nn_prefetch(const void *p, long bytes) {
    for (long k = 0; k < bytes; k += 64) __builtin_prefetch((const char *)p + k, 0, 3);
}

NN_CLONES void nn_affine_bytes(float *restrict x, const unsigned char *restrict raw, const float *restrict scale,
                               const float *restrict shift, long n) {
    for (long k = 0; k < n; k++) x[k] = (float)raw[k] * scale[k] + shift[k];
}

NN_CLONES void nn_affine_floats(float *restrict x, const float *restrict raw, const float *restrict scale,
                                const float *restrict shift, long n) {
    for (long k = 0; k < n; k++) x[k] = raw[k] * scale[k] + shift[k];
}

NN_CLONES void nn_relu_backward(float *restrict delta, const float *restrict z, long n, float slope) {
    for (long i = 0; i < n; i++) delta[i] = z[i] > 0 ? delta[i] : slope * delta[i];
}

int nn_stdout_failure(void) {
    errno = 0;
    int flushed = fflush(stdout);
    int code = errno;
    if (flushed == 0 && !ferror(stdout)) return 0;
    return code != 0 ? code : EIO;
}

static locale_t c_numeric_locale(void) {
    static locale_t shared = (locale_t)0;
    locale_t l = __atomic_load_n(&shared, __ATOMIC_ACQUIRE);
    if (l) return l;
    locale_t made = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t expected = (locale_t)0;
    if (!__atomic_compare_exchange_n(&shared, &expected, made, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        freelocale(made);
        return expected;
    }
    return made;
}

int nn_parse_float(const char *text, long n, float *value) {
    if (n <= 0) return 0;
    char *end = 0;
    float v = strtof_l(text, &end, c_numeric_locale());
    if (end != text + n || !isfinite(v)) return 0;
    *value = v;
    return 1;
}

int nn_format_double(double x, int fixed, char *out, int capacity) {
    locale_t previous = uselocale(c_numeric_locale());
    int n = snprintf(out, (size_t)capacity, fixed ? "%.4f" : "%.6g", x);
    uselocale(previous);
    return n < 0 ? 0 : (n >= capacity ? capacity - 1 : n);
}

int nn_allowed_cpus(void) {
#ifdef __linux__
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return 1;
    int n = CPU_COUNT(&allowed);
    return n > 0 ? n : 1;
#else
    long n = sysconf(_SC_NPROCESSORS_ONLN);  /* macOS has no affinity mask */
    return n > 0 ? (int)n : 1;
#endif
}

// The commit the binary was built from: the Makefile passes -DNNTUI_COMMIT="abc1234".
#ifndef NNTUI_COMMIT
#define NNTUI_COMMIT "unknown"
#endif
const char *nn_build_commit(void) { return NNTUI_COMMIT; }
