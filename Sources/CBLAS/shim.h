#ifndef NNTUI_CBLAS_SHIM_H
#define NNTUI_CBLAS_SHIM_H
// OpenBLAS's cblas.h (found through pkg-config's include path, never a hard-coded
// architecture folder); it also declares openblas_set_num_threads.
#include <cblas.h>
#endif
