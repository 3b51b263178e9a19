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

// Four columns' sums at once: each is still its own sequence of operations, but the
// four chains overlap in the CPU instead of each waiting on its last addition.
#define NN_CHAINS 4

static inline __attribute__((always_inline)) void nn_by_columns(const nn_product *p) {
    long j = 0;
    for (; j + NN_CHAINS <= p->cols; j += NN_CHAINS) {
        long i0 = 0;
        for (; i0 + NN_BLOCK <= p->rows; i0 += NN_BLOCK) {
            float acc[NN_CHAINS][NN_BLOCK];
            for (int c = 0; c < NN_CHAINS; c++)
                for (int i = 0; i < NN_BLOCK; i++) acc[c][i] = p->init ? p->init[i0 + i] : 0.0f;
            for (long t = 0; t < p->terms; t++) {
                const float *restrict xt = p->x + i0 + t * p->ldx;
                for (int c = 0; c < NN_CHAINS; c++) {
                    const float v = p->y[t * p->yt + (j + c) * p->yc];
                    for (int i = 0; i < NN_BLOCK; i++) acc[c][i] += xt[i] * v;
                }
            }
            for (int c = 0; c < NN_CHAINS; c++)
                for (int i = 0; i < NN_BLOCK; i++) p->out[(i0 + i) * p->ors + (j + c) * p->ocs] = acc[c][i] * p->scale;
        }
        const long left = p->rows - i0;
        if (left == 0) continue;
        float acc[NN_CHAINS][NN_BLOCK];
        for (int c = 0; c < NN_CHAINS; c++)
            for (long i = 0; i < left; i++) acc[c][i] = p->init ? p->init[i0 + i] : 0.0f;
        for (long t = 0; t < p->terms; t++) {
            const float *restrict xt = p->x + i0 + t * p->ldx;
            for (int c = 0; c < NN_CHAINS; c++) {
                const float v = p->y[t * p->yt + (j + c) * p->yc];
                for (long i = 0; i < left; i++) acc[c][i] += xt[i] * v;
            }
        }
        for (int c = 0; c < NN_CHAINS; c++)
            for (long i = 0; i < left; i++) p->out[(i0 + i) * p->ors + (j + c) * p->ocs] = acc[c][i] * p->scale;
    }
    for (; j < p->cols; j++) {
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
        if (i0 < p->rows) {
            const long width = p->rows - i0;
            float acc[NN_BLOCK];
            for (long i = 0; i < width; i++) acc[i] = p->init ? p->init[i0 + i] : 0.0f;
            for (long t = 0; t < p->terms; t++) {
                const float *restrict xt = p->x + i0 + t * p->ldx;
                const float v = yj[t * p->yt];
                for (long i = 0; i < width; i++) acc[i] += xt[i] * v;
            }
            for (long i = 0; i < width; i++) oj[(i0 + i) * p->ors] = acc[i] * p->scale;
        }
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
        for (long i = 0; i < p->rows; i += NN_CHAINS) {
            const long chains = p->rows - i < NN_CHAINS ? p->rows - i : NN_CHAINS;
            float acc[NN_CHAINS][NN_BLOCK];
            for (long r = 0; r < chains; r++)
                for (int c = 0; c < NN_BLOCK; c++) acc[r][c] = p->init ? p->init[i + r] : 0.0f;
            for (long t = 0; t < p->terms; t++)
                for (long r = 0; r < chains; r++) {
                    const float v = p->x[i + r + t * p->ldx];
                    for (int c = 0; c < NN_BLOCK; c++) acc[r][c] += ys[c + t * step] * v;
                }
            for (long r = 0; r < chains; r++)
                for (long c = 0; c < width; c++) p->out[(i + r) * p->ors + (j0 + c) * p->ocs] = acc[r][c] * p->scale;
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

// log x for a normal positive x (here a sum of exponentials, at least 1), Cephes's logf:
// x = m 2^e with sqrt(1/2) <= m < sqrt(2), log(m) by its polynomial in m - 1, plus e log 2.
static inline float nn_log_normal(float x) {
    int32_t bits;
    memcpy(&bits, &x, sizeof bits);
    int32_t e = ((bits >> 23) & 0xff) - 126;
    bits = (bits & 0x807fffff) | 0x3f000000;  // m in [0.5, 1)
    float m;
    memcpy(&m, &bits, sizeof m);
    float fe;
    if (m < 0.707106781186547524f) {
        fe = (float)(e - 1);
        m = m + m - 1.0f;
    } else {
        fe = (float)e;
        m = m - 1.0f;
    }
    const float z = m * m;
    float y = 7.0376836292e-2f;
    y = y * m - 1.1514610310e-1f;
    y = y * m + 1.1676998740e-1f;
    y = y * m - 1.2420140846e-1f;
    y = y * m + 1.4249322787e-1f;
    y = y * m - 1.6668057665e-1f;
    y = y * m + 2.0000714765e-1f;
    y = y * m - 2.4999993993e-1f;
    y = y * m + 3.3333331174e-1f;
    y = y * m * z;
    y += -2.12194440e-4f * fe;
    y += -0.5f * z;
    return m + y + 0.693359375f * fe;
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

// A few rows (classes) and many columns (samples): the loops below go over sixteen
// columns at a time, a row after another, each column's sums in the order of its rows.
#define NN_FEW_ROWS 16

// out[i][c] = x[i + c rows] for the block's w columns (the rest 0): a block of columns
// as rows of sixteen, so the loops over them vectorize.
static inline __attribute__((always_inline)) void nn_rows_of(const float *restrict x, long rows, long w,
                                                             float out[NN_FEW_ROWS][NN_BLOCK]) {
    for (long c = 0; c < NN_BLOCK; c++)
        for (long i = 0; i < rows; i++) out[i][c] = c < w ? x[i + c * rows] : 0.0f;
}

NN_CLONES void nn_softmax(const float *restrict z, float *restrict y, long rows, long cols) {
    if (rows <= NN_FEW_ROWS) {
        for (long j0 = 0; j0 < cols; j0 += NN_BLOCK) {
            const long w = cols - j0 < NN_BLOCK ? cols - j0 : NN_BLOCK;
            float zt[NN_FEW_ROWS][NN_BLOCK], mx[NN_BLOCK], s[NN_BLOCK];
            nn_rows_of(z + j0 * rows, rows, w, zt);
            for (int c = 0; c < NN_BLOCK; c++) mx[c] = zt[0][c], s[c] = 0;
            for (long i = 1; i < rows; i++)
                for (int c = 0; c < NN_BLOCK; c++) mx[c] = zt[i][c] > mx[c] ? zt[i][c] : mx[c];
            for (long i = 0; i < rows; i++)
                for (int c = 0; c < NN_BLOCK; c++) {
                    zt[i][c] = nn_exp_clamped(zt[i][c] - mx[c]);
                    s[c] += zt[i][c];
                }
            for (int c = 0; c < NN_BLOCK; c++) s[c] = 1.0f / s[c];
            for (long c = 0; c < w; c++)
                for (long i = 0; i < rows; i++) y[(j0 + c) * rows + i] = zt[i][c] * s[c];
        }
        return;
    }
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
    double total = 0;
    if (rows <= NN_FEW_ROWS) {
        for (long j0 = 0; j0 < cols; j0 += NN_BLOCK) {
            const long w = cols - j0 < NN_BLOCK ? cols - j0 : NN_BLOCK;
            float zt[NN_FEW_ROWS][NN_BLOCK], tt[NN_FEW_ROWS][NN_BLOCK], mx[NN_BLOCK], s[NN_BLOCK], c[NN_BLOCK];
            nn_rows_of(z + j0 * rows, rows, w, zt);
            nn_rows_of(t + j0 * rows, rows, w, tt);
            for (int k = 0; k < NN_BLOCK; k++) mx[k] = zt[0][k], s[k] = 0, c[k] = 0;
            for (long i = 1; i < rows; i++)
                for (int k = 0; k < NN_BLOCK; k++) mx[k] = zt[i][k] > mx[k] ? zt[i][k] : mx[k];
            for (long i = 0; i < rows; i++)
                for (int k = 0; k < NN_BLOCK; k++) s[k] += nn_exp_clamped(zt[i][k] - mx[k]);
            for (int k = 0; k < NN_BLOCK; k++) s[k] = mx[k] + nn_log_normal(s[k]);  // lse; s >= 1
            for (long i = 0; i < rows; i++)
                for (int k = 0; k < NN_BLOCK; k++) c[k] -= tt[i][k] != 0 ? tt[i][k] * (zt[i][k] - s[k]) : 0.0f;
            for (long k = 0; k < w; k++) total += c[k];
        }
        return total;
    }
    float e[NN_SCRATCH], mx[NN_SCRATCH];
    const long chunk = rows <= NN_SCRATCH ? NN_SCRATCH / rows : 0;
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
NN_CLONES long nn_argmax_agreements(const float *restrict y, const float *restrict t, long rows, long cols) {
    long agree = 0;
    if (rows <= NN_FEW_ROWS) {
        for (long j0 = 0; j0 < cols; j0 += NN_BLOCK) {
            const long w = cols - j0 < NN_BLOCK ? cols - j0 : NN_BLOCK;
            float yt[NN_FEW_ROWS][NN_BLOCK], tt[NN_FEW_ROWS][NN_BLOCK], by[NN_BLOCK], bt[NN_BLOCK];
            int iy[NN_BLOCK], it[NN_BLOCK];
            nn_rows_of(y + j0 * rows, rows, w, yt);
            nn_rows_of(t + j0 * rows, rows, w, tt);
            for (int c = 0; c < NN_BLOCK; c++) by[c] = yt[0][c], bt[c] = tt[0][c], iy[c] = 0, it[c] = 0;
            for (long i = 1; i < rows; i++)
                for (int c = 0; c < NN_BLOCK; c++) {
                    iy[c] = yt[i][c] > by[c] ? (int)i : iy[c];
                    by[c] = yt[i][c] > by[c] ? yt[i][c] : by[c];
                    it[c] = tt[i][c] > bt[c] ? (int)i : it[c];
                    bt[c] = tt[i][c] > bt[c] ? tt[i][c] : bt[c];
                }
            for (long c = 0; c < w; c++) agree += iy[c] == it[c];
        }
        return agree;
    }
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
