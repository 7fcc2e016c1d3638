// The allocator's own count of the heap in use, for the memory budget (MemoryBudget.swift),
// and its thresholds for giving freed memory back (AllocatorTuning.swift).
#include "CConvKernels.h"
#include <stdlib.h> // defines __GLIBC__ on glibc systems

// Under a sanitizer, its allocator serves every malloc and the C library's counts stay near
// zero; the sanitizer's own count is the one to read. The weak declaration is null otherwise.
extern size_t __sanitizer_get_current_allocated_bytes(void) __attribute__((weak));

#if defined(__GLIBC__)
#include <malloc.h>
#endif

long long conv_heap_bytes_in_use(void) {
    size_t total;
    if (__sanitizer_get_current_allocated_bytes) {
        total = __sanitizer_get_current_allocated_bytes();
    } else {
#if defined(__GLIBC__)
        struct mallinfo2 info = mallinfo2();
        total = info.uordblks + info.hblkhd;
#else
        return -1;
#endif
    }
    return total > (size_t)__LONG_LONG_MAX__ ? __LONG_LONG_MAX__ : (long long)total;
}

void conv_keep_freed_memory(int keep_bytes, int heap_block_bytes) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, heap_block_bytes);
    mallopt(M_TRIM_THRESHOLD, keep_bytes);
#else
    (void)keep_bytes;
    (void)heap_block_bytes;
#endif
}

int conv_allocator_grants(size_t bytes) {
    void *block = malloc(bytes);
    if (block == NULL) return 0;
    // The block escapes into an assembly statement the compiler cannot see through, so the
    // allocation is really made.
    __asm__ volatile("" : : "r"(block) : "memory");
    free(block);
    return 1;
}
