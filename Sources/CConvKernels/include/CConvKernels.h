#ifndef CCONVKERNELS_H
#define CCONVKERNELS_H

// Hot loops of the convolution kernels, compiled twice: once for the baseline instruction set
// and once for AVX2 + FMA, chosen at run time. Swift can only target one instruction set per
// module without unsafe build flags (which would stop the library from being used as a package
// dependency), so the loops that need wide vectors live here. Every function trusts its
// arguments: the Swift side has checked all extents before calling.

#include <stddef.h>

/// Rows of the packed weight block the multiply kernel works on at once.
#define CONV_KERNELS_MR 6
/// Which versions run on this processor: 0 the baseline, 1 AVX2 + FMA, 2 also AVX-512.
int conv_kernels_uses_wide_vectors(void);

/// Columns (output samples) the multiply kernel works on at once: 16 with AVX-512, else 8.
ptrdiff_t conv_kernels_panel_width(void);

/// Online processors, at least 1.
int conv_kernels_processor_count(void);

/// `out[i] += Σ_j w[j] · x[i·stride + j·dilation]` for `i` in `0..<count`.
void conv_kernels_row(const double *x, ptrdiff_t count, ptrdiff_t stride, ptrdiff_t dilation,
                      const double *w, ptrdiff_t taps, double *out);

/// Doubles needed by `conv_kernels_pack_weights` for an `m × k` matrix.
ptrdiff_t conv_kernels_packed_weights_count(ptrdiff_t m, ptrdiff_t k);

/// Packs the row-major `m × k` matrix `a` (rows `lda` apart) into blocks of
/// `CONV_KERNELS_MR` rows, column by column, zero-filling the last block.
void conv_kernels_pack_weights(const double *a, ptrdiff_t lda, ptrdiff_t m, ptrdiff_t k, double *packed);

/// Doubles of scratch `conv_kernels_multiply` needs for `k` rows and `columns` columns.
ptrdiff_t conv_kernels_multiply_scratch_count(ptrdiff_t k, ptrdiff_t columns);

/// `c[o·ldc + t] += Σ_r A[o, r] · rows[r][t·column_stride]` for `o < m`, `t < columns`,
/// where `A` was packed by `conv_kernels_pack_weights`. `scratch` holds
/// `conv_kernels_multiply_scratch_count(k, columns)` doubles.
void conv_kernels_multiply(const double *packed_a, ptrdiff_t m, ptrdiff_t k,
                           const double *const *rows, ptrdiff_t column_stride, ptrdiff_t columns,
                           double *scratch, double *c, ptrdiff_t ldc);

/// Fills the `n − 1` twiddle factors of a power-of-two FFT of size `n`, stage by stage.
void conv_kernels_fft_twiddles(ptrdiff_t n, double *twiddle_re, double *twiddle_im);

/// In-place complex FFT of power-of-two size `n` on split real/imaginary arrays, forward
/// (`e^{-2πi…}`) or, when `inverse` is non-zero, backward without the `1/n` scaling.
/// `work_re` and `work_im` are scratch of `n` doubles each.
void conv_kernels_fft(double *re, double *im, double *work_re, double *work_im,
                      const double *twiddle_re, const double *twiddle_im, ptrdiff_t n, int inverse);

/// `(re, im) ·= conj(h)` element by element, for `n` elements.
void conv_kernels_multiply_conjugate(double *re, double *im, const double *h_re, const double *h_im, ptrdiff_t n);

#endif
