// The allocator's own count of the heap in use, for the memory budget (MemoryBudget.swift).
#include "CConvKernels.h"
#include <stdlib.h> // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>

long long conv_heap_bytes_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    size_t total = info.uordblks + info.hblkhd;
    return total > (size_t)__LONG_LONG_MAX__ ? __LONG_LONG_MAX__ : (long long)total;
}
#else
long long conv_heap_bytes_in_use(void) { return -1; }
#endif
