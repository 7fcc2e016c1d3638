#ifndef CCONVKERNELS_H
#define CCONVKERNELS_H

// Hot loops of the convolution kernels in float64 and float32, each compiled for the baseline
// instruction set and for AVX2 + FMA (the multiply also for AVX-512), chosen at run time. Swift
// can only target one instruction set per module without unsafe build flags (which would stop
// the library from being used as a package dependency), so the loops that need wide vectors
// live here. Every function trusts its
// arguments: the Swift side has checked all extents before calling.

#include <stddef.h>

#include "CConvRandom.h"

/// Rows of the packed weight block the multiply kernel works on at once.
#define CONV_KERNELS_MR 6
/// The `max_level` that runs the best version this processor has.
#define CONV_KERNELS_BEST 2
/// Which versions run on this processor: 0 the baseline, 1 AVX2 + FMA, 2 also AVX-512.
int conv_kernels_uses_wide_vectors(void);

/// Bytes the process's heap holds now as the C allocator counts them (chunks in use plus
/// blocks mapped one by one), or -1 where the allocator cannot say. Swift's Glibc module does
/// not export malloc.h, so the memory budget reads it here.
long long conv_heap_bytes_in_use(void);

/// Has glibc's allocator keep up to `keep_bytes` of freed memory instead of trimming it back
/// to the kernel, and serve blocks up to `heap_block_bytes` from the heap (mallopt's
/// M_TRIM_THRESHOLD and M_MMAP_THRESHOLD). Nothing elsewhere than glibc.
void conv_keep_freed_memory(int keep_bytes, int heap_block_bytes);

/// Whether the allocator can hand out `bytes` now: 1 when a block of that size was taken (and
/// given back at once), 0 when it was refused. Written in C, with the block passed through an
/// empty assembly statement, because an optimising compiler may delete a malloc whose block
/// is only freed, and then the check would say yes without asking.
int conv_allocator_grants(size_t bytes);

/// Whether Winograd's F(m, r) has transforms here: 1 or 0.
int conv_kernels_winograd_supports(ptrdiff_t m, ptrdiff_t r);

/// Online processors, at least 1.
int conv_kernels_processor_count(void);

// The entry points for one element type `T`, each name ending in `S`: declared below for
// `double` (`_f64`) and `float` (`_f32`). A kernel's first argument `max_level` caps the
// version it runs (0 baseline, 1 AVX2 + FMA, 2 AVX-512), which is never more than the
// processor has: kernels pass CONV_KERNELS_BEST, tests lower levels to compare the versions.
// Counts of scratch are in elements of `T`.
#define CONV_KERNELS_ELEMENT_API(T, S)                                                            \
    /* Columns (output samples) the best multiply works on at once: two vector registers of */   \
    /* T, so 8 doubles or 16 floats with AVX2, 16 doubles or 32 floats with AVX-512. */          \
    ptrdiff_t conv_kernels_panel_width##S(void);                                                  \
                                                                                                  \
    /* `out[i] += Σ_j w[j] · x[i·stride + j·dilation]` for `i` in `0..<count`. */                \
    void conv_kernels_row##S(int max_level, const T *x, ptrdiff_t count, ptrdiff_t stride,        \
                             ptrdiff_t dilation, const T *w, ptrdiff_t taps, T *out);             \
                                                                                                  \
    /* Elements needed by `conv_kernels_pack_weights` for an `m × k` matrix. */                  \
    ptrdiff_t conv_kernels_packed_weights_count##S(ptrdiff_t m, ptrdiff_t k);                     \
                                                                                                  \
    /* Packs the row-major `m × k` matrix `a` (rows `lda` apart) into blocks of */               \
    /* `CONV_KERNELS_MR` rows, column by column, zero-filling the last block. */                  \
    void conv_kernels_pack_weights##S(const T *a, ptrdiff_t lda, ptrdiff_t m, ptrdiff_t k, T *packed); \
                                                                                                  \
    /* Elements of scratch `conv_kernels_multiply` needs for `k` rows and `columns` columns */   \
    /* in windows of `taps` rows `dilation` apart, at any level. */                               \
    ptrdiff_t conv_kernels_multiply_scratch_count##S(ptrdiff_t k, ptrdiff_t columns, ptrdiff_t taps, \
                                                     ptrdiff_t dilation);                         \
                                                                                                  \
    /* `c[o·ldc + t] += Σ_r A[o, r] · rows[r][t·column_stride]` for `o < m`, `t < columns`, */  \
    /* where `A` was packed by `conv_kernels_pack_weights`; or, when `initial` (`m` values) is */ \
    /* given, `c[o·ldc + t] = initial[o] + Σ_r …`, never reading c. The rows come in windows */   \
    /* of `taps` (which divides `k`): `rows[w·taps + j] == rows[w·taps] + j·dilation`, so that */ \
    /* one copy of each window packs all its rows (`taps` 1 for unrelated rows). `scratch` */     \
    /* holds `conv_kernels_multiply_scratch_count(k, columns, taps, dilation)` elements. */       \
    void conv_kernels_multiply##S(int max_level, const T *packed_a, ptrdiff_t m, ptrdiff_t k,     \
                                  const T *const *rows, ptrdiff_t column_stride, ptrdiff_t columns, \
                                  ptrdiff_t taps, ptrdiff_t dilation, T *scratch, T *c,           \
                                  ptrdiff_t ldc, const T *initial);                               \
                                                                                                  \
    /* Elements between the rows of a B laid out for `conv_kernels_multiply_laid_out` with */    \
    /* `columns` columns: whole panels, rounded to an odd number of cache lines. */               \
    ptrdiff_t conv_kernels_multiply_row_stride##S(ptrdiff_t columns);                             \
                                                                                                  \
    /* `conv_kernels_multiply` for a B of `k` rows already laid out as it packs them: row r at */ \
    /* `b + r·ldb` (`ldb` from `conv_kernels_multiply_row_stride`, `b` on a 64-byte boundary), */ \
    /* readable up to `ldb` columns; taps 1, no copy. Meanwhile fetches `fetch_rows` rows of */  \
    /* `fetch_length` elements from `fetch` (NULL for none), rows `fetch_stride` apart, into the */ \
    /* L2 cache for what the caller does next; it never reads them. */                            \
    void conv_kernels_multiply_laid_out##S(int max_level, const T *packed_a, ptrdiff_t m, ptrdiff_t k, \
                                           const T *b, ptrdiff_t ldb, ptrdiff_t columns, T *c,    \
                                           ptrdiff_t ldc, const T *initial, const T *fetch,       \
                                           ptrdiff_t fetch_rows, ptrdiff_t fetch_stride,          \
                                           ptrdiff_t fetch_length);                               \
                                                                                                  \
    /* Fills the `n − 1` twiddle factors of a power-of-two FFT of size `n`, stage by stage. */   \
    void conv_kernels_fft_twiddles##S(ptrdiff_t n, T *twiddle_re, T *twiddle_im);                 \
                                                                                                  \
    /* In-place complex FFT of power-of-two size `n` on split real/imaginary arrays: forward */ \
    /* (`e^{-2πi…}`) from natural order to bit-reversed order or, when `inverse` is non-zero, */ \
    /* backward from bit-reversed order to natural order, without the `1/n` scaling. A */       \
    /* forward transform, an element-by-element product and an inverse one never reorder. */     \
    void conv_kernels_fft##S(int max_level, T *re, T *im, const T *twiddle_re, const T *twiddle_im, \
                             ptrdiff_t n, int inverse);                                           \
                                                                                                  \
    /* `(re, im) ·= conj(h)` element by element, for `n` elements. */                            \
    void conv_kernels_multiply_conjugate##S(int max_level, T *re, T *im, const T *h_re,           \
                                            const T *h_im, ptrdiff_t n); \
                                                                                                  \
    /* Winograd F(m, r): lanes of the transforms (tiles transformed at once), LANES. */          \
    ptrdiff_t conv_kernels_winograd_lanes##S(void);                                               \
                                                                                                  \
    /* `u[ξ·u_stride + i] = Σ_j G[ξ][j] · w[i·r + j]` for the `rows` kernel rows of `r` taps */  \
    /* in `w`, summed in double and rounded once, for each of the m + r − 1 points ξ. */          \
    void conv_kernels_winograd_weights##S(ptrdiff_t m, ptrdiff_t r, const T *w, ptrdiff_t rows,   \
                                          T *u, ptrdiff_t u_stride);                              \
                                                                                                  \
    /* The input transform of LANES segments of `steps·m` outputs, segment l reading */           \
    /* `window[l·steps·m + p]` for p < roundup(steps·m + r − 1, LANES): */                        \
    /* `v[ξ·v_stride + s·LANES + l] = Σ_j Bᵀ[ξ][j] · window[l·steps·m + s·m + j]`. `scratch` */   \
    /* holds roundup(steps·m + r − 1, LANES)·LANES elements. */                                  \
    /* `next` (or NULL): the window to be transformed next, fetched into the cache meanwhile. */ \
    void conv_kernels_winograd_input##S(int max_level, ptrdiff_t m, ptrdiff_t r, const T *window,  \
                                       ptrdiff_t steps, T *v, ptrdiff_t v_stride, T *scratch,     \
                                       const T *next);                                            \
                                                                                                  \
    /* The output transform: `out[l·steps·m + s·m + i] = bias + Σ_ξ Aᵀ[i][ξ] · */                \
    /* products[ξ·p_stride + s·LANES + l]` for the positions below `count`. `scratch` holds */    \
    /* roundup(steps·m, LANES)·LANES elements. Returns 1 when a result is infinite or NaN, */   \
    /* which every infinite or NaN input or weight of the tile also makes it. */                  \
    /* `next` (or NULL): the `count` outputs to be written next, fetched meanwhile. */            \
    int conv_kernels_winograd_output##S(int max_level, ptrdiff_t m, ptrdiff_t r, const T *products, \
                                        ptrdiff_t p_stride, ptrdiff_t steps, T bias, T *out,      \
                                        ptrdiff_t count, T *scratch, T *next);

CONV_KERNELS_ELEMENT_API(double, _f64)
CONV_KERNELS_ELEMENT_API(float, _f32)

#endif
