#ifndef NNTUI_CZLIB_SHIM_H
#define NNTUI_CZLIB_SHIM_H
#include <zlib.h>
#endif
