#ifndef NNTUI_CBLAS_SHIM_H
#define NNTUI_CBLAS_SHIM_H
#include <stddef.h>
// OpenBLAS's cblas.h (found through pkg-config's include path, never a hard-coded
// architecture folder); it also declares openblas_set_num_threads.
#include <cblas.h>

// LAPACK's least squares by QR, from the same OpenBLAS library (Fortran calling
// convention: every argument by pointer, the hidden length of the character last).
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, double *work, const int *lwork, int *info, size_t trans_len);
#endif
