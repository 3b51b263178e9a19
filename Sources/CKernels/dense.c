// Small dense layers without BLAS: the products of a network whose layers are a few
// dozen units wide, where OpenBLAS's per-call set-up costs more than the arithmetic,
// and a tanh that vectorizes. Every product is batched over `runs` networks of the
// same shape (pointer arrays, one entry per run, as BLAS's batched GEMMs take them);
// a run's result never depends on the other runs or on how many there are, so a run
// trained in a stack is bit-identical to it trained alone.
#include "kernels.h"
#include <stdint.h>
#include <string.h>
#include <math.h>

#define NN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

// One small product, out[i, j] = scale (init[i] + sum_t X[i, t] Y[t, j]) for i < rows,
// j < cols, the sum taken in order of t (init NULL: 0), with
// X[i, t] = x[i + t ldx], Y[t, j] = y[t yt + j yc], out[i, j] = out[i ors + j ocs].
// Sixteen sums at a time are kept in registers: sixteen rows of a column when there are
// that many rows, else sixteen columns of a row (through a copy of Y's columns). Either
// way each sum is the same sequence of operations, so the result does not depend on
// the shape of the stack or the vector width chosen.
typedef struct {
    long rows, cols, terms;
    const float *x;
    long ldx;
    const float *y;
    long yt, yc;
    const float *init;
    float scale;
    float *out;
    long ors, ocs;
} nn_product;

#define NN_BLOCK 16
#define NN_MAX_TERMS_BY_ROW 256

static inline __attribute__((always_inline)) void nn_by_columns(const nn_product *p) {
    for (long j = 0; j < p->cols; j++) {
        const float *restrict yj = p->y + j * p->yc;
        float *restrict oj = p->out + j * p->ocs;
        long i0 = 0;
        for (; i0 + NN_BLOCK <= p->rows; i0 += NN_BLOCK) {
            float acc[NN_BLOCK];
            for (int i = 0; i < NN_BLOCK; i++) acc[i] = p->init ? p->init[i0 + i] : 0.0f;
            for (long t = 0; t < p->terms; t++) {
                const float *restrict xt = p->x + i0 + t * p->ldx;
                const float v = yj[t * p->yt];
                for (int i = 0; i < NN_BLOCK; i++) acc[i] += xt[i] * v;
            }
            for (int i = 0; i < NN_BLOCK; i++) oj[(i0 + i) * p->ors] = acc[i] * p->scale;
        }
        const long left = p->rows - i0;
        if (left == 0) continue;
        float acc[NN_BLOCK];
        for (long i = 0; i < left; i++) acc[i] = p->init ? p->init[i0 + i] : 0.0f;
        for (long t = 0; t < p->terms; t++) {
            const float *restrict xt = p->x + i0 + t * p->ldx;
            const float v = yj[t * p->yt];
            for (long i = 0; i < left; i++) acc[i] += xt[i] * v;
        }
        for (long i = 0; i < left; i++) oj[(i0 + i) * p->ors] = acc[i] * p->scale;
    }
}

static inline __attribute__((always_inline)) void nn_by_rows(const nn_product *p) {
    float yt[NN_MAX_TERMS_BY_ROW * NN_BLOCK];  // Y[t, j0 + c] at yt[c + t NN_BLOCK]
    for (long j0 = 0; j0 < p->cols; j0 += NN_BLOCK) {
        const long width = p->cols - j0 < NN_BLOCK ? p->cols - j0 : NN_BLOCK;
        // Y's row t for these columns: in place when contiguous, else copied
        const float *rowsY = p->y + j0, *restrict ys = yt;
        long step = NN_BLOCK;
        if (p->yc == 1 && width == NN_BLOCK) {
            ys = rowsY;
            step = p->yt;
        } else if (width == NN_BLOCK) {
            for (long c = 0; c < NN_BLOCK; c++)
                for (long t = 0; t < p->terms; t++) yt[c + t * NN_BLOCK] = p->y[t * p->yt + (j0 + c) * p->yc];
        } else {
            for (long t = 0; t < p->terms; t++)
                for (long c = 0; c < NN_BLOCK; c++)
                    yt[c + t * NN_BLOCK] = c < width ? p->y[t * p->yt + (j0 + c) * p->yc] : 0.0f;
        }
        for (long i = 0; i < p->rows; i++) {
            float acc[NN_BLOCK];
            const float start = p->init ? p->init[i] : 0.0f;
            for (int c = 0; c < NN_BLOCK; c++) acc[c] = start;
            for (long t = 0; t < p->terms; t++) {
                const float v = p->x[i + t * p->ldx];
                for (int c = 0; c < NN_BLOCK; c++) acc[c] += ys[c + t * step] * v;
            }
            for (long c = 0; c < width; c++) p->out[i * p->ors + (j0 + c) * p->ocs] = acc[c] * p->scale;
        }
    }
}

static inline __attribute__((always_inline)) void nn_small_product(const nn_product *p) {
    if (p->rows < NN_BLOCK && p->cols >= NN_BLOCK && p->terms <= NN_MAX_TERMS_BY_ROW)
        nn_by_rows(p);
    else
        nn_by_columns(p);
}

NN_CLONES void nn_batched_affine(long runs, long n_out, long n_in, const long *m, const float *const *W,
                                 const float *const *b, const float *const *A, float *const *Z) {
    for (long r = 0; r < runs; r++) {
        // Z = b 1^T + W A: X = W, Y = A
        nn_product p = {n_out, m[r], n_in, W[r], n_out, A[r], 1, n_in, b[r], 1.0f, Z[r], 1, n_out};
        nn_small_product(&p);
    }
}

NN_CLONES void nn_batched_backprop(long runs, long n_out, long n_in, const long *m, const float *const *W,
                                   const float *const *E, float *const *D) {
    float wt[NN_SMALL_LAYER];  // W^T, so sixteen rows of D are sixteen contiguous values
    for (long r = 0; r < runs; r++) {
        const float *restrict w = W[r];
        for (long i = 0; i < n_out; i++)
            for (long k = 0; k < n_in; k++) wt[k + i * n_in] = w[i + k * n_out];
        // D = W^T E: X = W^T (n_in x n_out), Y = E
        nn_product p = {n_in, m[r], n_out, wt, n_in, E[r], 1, n_out, 0, 1.0f, D[r], 1, n_in};
        nn_small_product(&p);
    }
}

NN_CLONES void nn_batched_outer(long runs, long n_out, long n_in, long k0, long kc, const long *m,
                                const float *const *E, const float *const *A, float *const *G) {
    for (long r = 0; r < runs; r++) {
        const float scale = 1.0f / (float)(m[r] > 0 ? m[r] : 1);
        // G[:, k0..<k0+kc] = (1/m) E A^T: X = E (n_out x m), Y = A^T (Y[t, k] = A[k, t])
        nn_product p = {n_out, kc, m[r], E[r], n_out, A[r] + k0, n_in, 1, 0, scale, G[r] + k0 * n_out, 1, n_out};
        nn_small_product(&p);
    }
}

// e^x for x in [-88, 88] (clamped), Cephes's expf: x = n ln 2 + r with |r| <= ln(2)/2,
// e^r by its degree-7 polynomial, times 2^n put straight into the exponent bits.
static inline float nn_exp_clamped(float x) {
    x = x > 88.0f ? 88.0f : (x < -88.0f ? -88.0f : x);
    float fn = __builtin_floorf(x * 1.44269504088896341f + 0.5f);
    float r = x - fn * 0.693359375f;
    r = r - fn * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    int32_t bits = ((int32_t)fn + 127) << 23;
    float two_n;
    memcpy(&two_n, &bits, sizeof two_n);
    return p * two_n;
}

// tanh as Cephes's tanhf computes it: an odd polynomial for |x| < 0.625, else
// 1 - 2 / (e^(2|x|) + 1) with the sign put back; both are computed and one kept, so
// the loop vectorizes. NaN stays NaN.
NN_CLONES void nn_tanh(const float *restrict z, float *restrict a, long n) {
    for (long i = 0; i < n; i++) {
        float x = z[i], ax = __builtin_fabsf(x), s = x * x;
        float small = ((((-5.70498872745e-3f * s + 2.06390887954e-2f) * s - 5.37397155531e-2f) * s +
                        1.33314422036e-1f) * s - 3.33332819422e-1f) * s * x + x;
        float large = 1.0f - 2.0f / (nn_exp_clamped(2.0f * ax) + 1.0f);
        large = x < 0 ? -large : large;
        a[i] = ax < 0.625f ? small : large;
    }
}

// e[i, j] = e^(z[i, j] - max_i z[i, j]) for every column, and each column's max in mx:
// the subtraction column by column, then one vectorized pass of exponentials over all.
static inline __attribute__((always_inline)) void nn_exp_below_max(const float *restrict z, float *restrict e,
                                                                   float *restrict mx, long rows, long cols) {
    for (long j = 0; j < cols; j++) {
        const float *restrict zj = z + j * rows;
        float m = -__builtin_inff();
        for (long i = 0; i < rows; i++) m = zj[i] > m ? zj[i] : m;
        mx[j] = m;
        for (long i = 0; i < rows; i++) e[i + j * rows] = zj[i] - m;
    }
    for (long k = 0; k < rows * cols; k++) e[k] = nn_exp_clamped(e[k]);
}

#define NN_SCRATCH 4096

NN_CLONES void nn_softmax(const float *restrict z, float *restrict y, long rows, long cols) {
    float mx[NN_SCRATCH];
    for (long j0 = 0; j0 < cols; j0 += NN_SCRATCH) {
        const long n = cols - j0 < NN_SCRATCH ? cols - j0 : NN_SCRATCH;
        nn_exp_below_max(z + j0 * rows, y + j0 * rows, mx, rows, n);
    }
    for (long j = 0; j < cols; j++) {
        float *restrict yj = y + j * rows;
        float s = 0;
        for (long i = 0; i < rows; i++) s += yj[i];
        const float inv = 1.0f / s;
        for (long i = 0; i < rows; i++) yj[i] *= inv;
    }
}

// sum_j -sum_i t[i, j] (z[i, j] - lse_j), lse_j = log sum_i e^z[i, j] (max subtracted first),
// in single precision within a column and double across columns.
NN_CLONES double nn_cross_entropy_sum(const float *restrict z, const float *restrict t, long rows, long cols) {
    float e[NN_SCRATCH], mx[NN_SCRATCH];
    const long chunk = rows <= NN_SCRATCH ? NN_SCRATCH / rows : 0;
    double total = 0;
    for (long j0 = 0; j0 < cols; j0 += chunk ? chunk : 1) {
        const long n = chunk == 0 ? 1 : (cols - j0 < chunk ? cols - j0 : chunk);
        if (chunk) nn_exp_below_max(z + j0 * rows, e, mx, rows, n);
        for (long j = 0; j < n; j++) {
            const float *restrict zj = z + (j0 + j) * rows, *restrict tj = t + (j0 + j) * rows;
            float s = 0, m = chunk ? mx[j] : -__builtin_inff();
            if (chunk) {
                for (long i = 0; i < rows; i++) s += e[i + j * rows];
            } else {  // a column longer than the scratch (more than 4096 classes)
                for (long i = 0; i < rows; i++) m = zj[i] > m ? zj[i] : m;
                for (long i = 0; i < rows; i++) s += nn_exp_clamped(zj[i] - m);
            }
            const float lse = m + logf(s);
            float c = 0;
            for (long i = 0; i < rows; i++)
                if (tj[i] != 0) c -= tj[i] * (zj[i] - lse);
            total += c;
        }
    }
    return total;
}

// Columns whose largest y is where t's largest is (the first largest, both).
long nn_argmax_agreements(const float *restrict y, const float *restrict t, long rows, long cols) {
    long agree = 0;
    for (long j = 0; j < cols; j++) {
        const float *restrict yj = y + j * rows, *restrict tj = t + j * rows;
        long by = 0, bt = 0;
        for (long i = 1; i < rows; i++) {
            if (yj[i] > yj[by]) by = i;
            if (tj[i] > tj[bt]) bt = i;
        }
        agree += by == bt;
    }
    return agree;
}
