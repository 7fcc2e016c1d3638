#include "CConvKernels.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define CONV_KERNELS_X86 1
#endif

#define INLINE static inline __attribute__((always_inline))

// MARK: - Processor

#if CONV_KERNELS_X86
static int detect_wide_vectors(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!(fma && osxsave && avx)) return 0;
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;  // the OS saves the YMM state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    if (!((b >> 5) & 1)) return 0;  // AVX2
    int avx512 = (b >> 16) & 1;  // AVX-512 F
    // The OS must also save the opmask and upper ZMM state.
    return avx512 && (lo & 0xE6) == 0xE6 ? 2 : 1;
}
#else
static int detect_wide_vectors(void) { return 0; }
#endif

// -1 until first asked, then 0 (baseline), 1 (AVX2 + FMA) or 2 (also AVX-512). The answer
// never changes, so two threads detecting it at once store the same value; the accesses are
// atomic (relaxed) so that this is no data race.
static _Atomic int wide_vectors = -1;

static int vector_level(void) {
    int known = atomic_load_explicit(&wide_vectors, memory_order_relaxed);
    if (known < 0) {
        known = detect_wide_vectors();
        atomic_store_explicit(&wide_vectors, known, memory_order_relaxed);
    }
    return known;
}

int conv_kernels_uses_wide_vectors(void) { return vector_level(); }

int conv_kernels_processor_count(void) {
    long count = sysconf(_SC_NPROCESSORS_ONLN);
    return count < 1 ? 1 : (count > 256 ? 256 : (int)count);
}

// The version to run: `max_level`, or less when this processor lacks it. Kernels run the best
// the processor has when asked for CONV_KERNELS_BEST; tests ask for lower levels to compare
// versions, and asking for more than the processor has must never run its instructions.
static int usable_level(int max_level) {
    int best = vector_level();
    return max_level < 0 ? 0 : (max_level < best ? max_level : best);
}

// MARK: - Templates

// Each hot function has one always-inlined body compiled twice: `_wide` (AVX2 + FMA) and
// `_base` (the multiply also `_widest`, AVX-512), and a public entry point that picks the best
// one the processor has, up to a level.
#define WIDE __attribute__((target("avx2,fma")))
#define WIDEST __attribute__((target("avx2,fma,avx512f")))

#define CONV_CAT_(a, b) a##b
#define CONV_CAT(a, b) CONV_CAT_(a, b)
// `CONV_UNPAREN (a, b)` is `a, b`: a parenthesised parameter list spliced into a longer one.
#define CONV_UNPAREN(...) __VA_ARGS__
// `x` repeated, one per vector lane.
#define CONV_REPEAT_4(x) (x), (x), (x), (x)
#define CONV_REPEAT_8(x) CONV_REPEAT_4(x), CONV_REPEAT_4(x)
#define CONV_REPEAT_16(x) CONV_REPEAT_8(x), CONV_REPEAT_8(x)

// The `_base` and `_wide` versions of NAME(kernel_body) (parameters PARAMS, called with ARGS)
// and the public entry point NAME(conv_kernels_kernel) that picks one.
#define TWO_VERSIONS(kernel, PARAMS, ARGS)                                                        \
    static void NAME(kernel##_base) PARAMS { NAME(kernel##_body) ARGS; }                          \
    WIDE static void NAME(kernel##_wide) PARAMS { NAME(kernel##_body) ARGS; }                     \
    void NAME(conv_kernels_##kernel)(int max_level, CONV_UNPAREN PARAMS) {                        \
        if (usable_level(max_level) > 0) NAME(kernel##_wide) ARGS;                                \
        else NAME(kernel##_base) ARGS;                                                            \
    }

#define MR CONV_KERNELS_MR
// Rows of B packed at once, at most (see windows_per_block).
#define KC 256

// Writes a finished register block (ROWS rows of two vectors of WIDTH elements) to C, all of
// it or (at the edges) the rows and columns that exist: added to C, or (when `initial` is
// given, which the accumulators already started from) stored over it, so C need not be cleared
// first.
#define STORE_BLOCK(ROWS, WIDTH, LOAD, STORE)                                                      \
    if (rows == ROWS && columns == 2 * WIDTH) {                                                   \
        for (int o = 0; o < ROWS; o++, c += ldc) {                                                \
            STORE(c, initial ? acc[o][0] : LOAD(c) + acc[o][0]);                                  \
            STORE(c + WIDTH, initial ? acc[o][1] : LOAD(c + WIDTH) + acc[o][1]);                  \
        }                                                                                         \
        return;                                                                                   \
    }                                                                                             \
    ELEMENT block[ROWS][2 * WIDTH];                                                               \
    for (int o = 0; o < ROWS; o++) {                                                              \
        STORE(block[o], acc[o][0]);                                                               \
        STORE(block[o] + WIDTH, acc[o][1]);                                                       \
    }                                                                                             \
    for (ptrdiff_t o = 0; o < rows; o++) {                                                        \
        for (ptrdiff_t t = 0; t < columns; t++) {                                                 \
            c[o * ldc + t] = initial ? block[o][t] : c[o * ldc + t] + block[o][t];                \
        }                                                                                         \
    }

// MARK: - Fetching ahead

// Rows of memory a kernel fetches into the L2 cache a few lines at a time while its arithmetic
// runs, for the phase that comes after it. The Winograd kernel's matrix products are bound by
// their FMAs and leave the memory idle, while the input transform after them waits on every
// line of input it reads (W2f on one core: 0.09 ms of input transform per item, 0.02 of it
// arithmetic). One burst of prefetches before the products stalled them as much as it saved;
// spread between their register blocks they cost a tenth of what they save.
typedef struct {
    const char *row;      // the row being fetched, NULL once every row is
    ptrdiff_t rows_left;  // rows still to fetch, this one included
    ptrdiff_t stride;     // bytes between rows
    ptrdiff_t length;     // bytes of each row to fetch, counted from the cache line it starts in
    ptrdiff_t offset;     // bytes of this row fetched so far
    ptrdiff_t per_call;   // cache lines fetched per call of fetch_some
} conv_fetch_ahead;

// Starts fetching `rows` rows of `length` bytes, `stride` bytes apart, from `first`, in about
// `calls` calls of fetch_some. Prefetches never fault, but the lines named are always the rows'.
static conv_fetch_ahead fetch_ahead_start(const void *first, ptrdiff_t rows, ptrdiff_t stride, ptrdiff_t length,
                                          ptrdiff_t calls) {
    conv_fetch_ahead f = {NULL, 0, stride, 0, 0, 0};
    if (!first || rows <= 0 || length <= 0) return f;
    ptrdiff_t skew = (ptrdiff_t)((uintptr_t)first % 64);
    f.row = (const char *)first - skew;
    f.rows_left = rows;
    f.length = length + skew;
    ptrdiff_t lines = rows * ((f.length + 63) / 64);
    f.per_call = calls > 0 ? (lines + calls - 1) / calls : lines;
    return f;
}

INLINE void fetch_some(conv_fetch_ahead *f) {
    for (ptrdiff_t i = 0; i < f->per_call && f->row; i++) {
        __builtin_prefetch(f->row + f->offset, 0, 2);  // into L2 (prefetcht1), not L1
        f->offset += 64;
        if (f->offset >= f->length) {
            f->offset = 0;
            f->row = --f->rows_left > 0 ? f->row + f->stride : NULL;
        }
    }
}

// MARK: - Winograd tables and lane shuffles

#include "WinogradTables.h"

// Every F(m, r) with tables: X(m, r) for each.
#define CONV_WINOGRAD_TILES(X) X(4, 2) X(4, 3) X(6, 3) X(4, 4)

int conv_kernels_winograd_supports(ptrdiff_t m, ptrdiff_t r) {
#define SUPPORTS_CASE(M, R) if (m == M && r == R) return 1;
    CONV_WINOGRAD_TILES(SUPPORTS_CASE)
#undef SUPPORTS_CASE
    return 0;
}

// The two shuffles of each transpose stage (see transpose_lanes): for 16 lanes and for 8.
#define CONV_T16_LO_8 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23
#define CONV_T16_HI_8 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31
#define CONV_T16_LO_4 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27
#define CONV_T16_HI_4 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31
#define CONV_T16_LO_2 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29
#define CONV_T16_HI_2 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31
#define CONV_T16_LO_1 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30
#define CONV_T16_HI_1 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31
#define CONV_T8_LO_4 0, 1, 2, 3, 8, 9, 10, 11
#define CONV_T8_HI_4 4, 5, 6, 7, 12, 13, 14, 15
#define CONV_T8_LO_2 0, 1, 8, 9, 4, 5, 12, 13
#define CONV_T8_HI_2 2, 3, 10, 11, 6, 7, 14, 15
#define CONV_T8_LO_1 0, 8, 2, 10, 4, 12, 6, 14
#define CONV_T8_HI_1 1, 9, 3, 11, 5, 13, 7, 15

// MARK: - float64

#define ELEMENT double
#define ELEMENT_SUFFIX _f64
#define LANES 4
#define LANES512 8
#include "ElementKernels.h"
#undef ELEMENT
#undef ELEMENT_SUFFIX
#undef LANES
#undef LANES512

// MARK: - float32

#define ELEMENT float
#define ELEMENT_SUFFIX _f32
#define LANES 8
#define LANES512 16
#include "ElementKernels.h"
#undef ELEMENT
#undef ELEMENT_SUFFIX
#undef LANES
#undef LANES512
