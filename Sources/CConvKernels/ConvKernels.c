#include "CConvKernels.h"

#include <math.h>
#include <string.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define CONV_KERNELS_X86 1
#endif

// Four doubles; on the wide path one AVX register, on the baseline path two SSE registers.
typedef double vd4 __attribute__((vector_size(32)));
// The same, for loads and stores at any 8-byte-aligned address.
typedef double vd4u __attribute__((vector_size(32), aligned(8)));

#define INLINE static inline __attribute__((always_inline))

// Macros rather than functions: a vector argument or result outside the wide functions would
// change the calling convention.
#define load4(p) (*(const vd4u *)(p))
#define store4(p, v) (*(vd4u *)(p) = (v))
#define splat4(x) ((vd4){(x), (x), (x), (x)})

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
// never changes, so a racing double detection is harmless.
static volatile int wide_vectors = -1;

static int vector_level(void) {
    int known = wide_vectors;
    if (known < 0) {
        known = detect_wide_vectors();
        wide_vectors = known;
    }
    return known;
}

int conv_kernels_uses_wide_vectors(void) { return vector_level(); }

ptrdiff_t conv_kernels_panel_width(void) { return vector_level() == 2 ? 16 : 8; }

int conv_kernels_processor_count(void) {
    long count = sysconf(_SC_NPROCESSORS_ONLN);
    return count < 1 ? 1 : (count > 256 ? 256 : (int)count);
}

// Each hot function has one always-inlined body compiled twice: `_wide` (AVX2 + FMA) and
// `_base`, and a public entry point that picks one by the processor.
#define WIDE __attribute__((target("avx2,fma")))
#define WIDEST __attribute__((target("avx2,fma,avx512f")))

// Eight doubles: one AVX-512 register.
typedef double vd8 __attribute__((vector_size(64)));
typedef double vd8u __attribute__((vector_size(64), aligned(8)));
#define load8(p) (*(const vd8u *)(p))
#define store8(p, v) (*(vd8u *)(p) = (v))
#define splat8(x) ((vd8){(x), (x), (x), (x), (x), (x), (x), (x)})

// MARK: - One row, direct

INLINE void row_body(const double *x, ptrdiff_t count, ptrdiff_t stride, ptrdiff_t dilation,
                     const double *w, ptrdiff_t taps, double *out) {
    ptrdiff_t i = 0;
    if (stride == 1) {
        // 16 outputs held in four registers while every tap passes over them.
        for (; i + 16 <= count; i += 16) {
            vd4 a0 = load4(out + i), a1 = load4(out + i + 4), a2 = load4(out + i + 8), a3 = load4(out + i + 12);
            const double *p = x + i;
            for (ptrdiff_t j = 0; j < taps; j++, p += dilation) {
                vd4 wj = splat4(w[j]);
                a0 += wj * load4(p);
                a1 += wj * load4(p + 4);
                a2 += wj * load4(p + 8);
                a3 += wj * load4(p + 12);
            }
            store4(out + i, a0); store4(out + i + 4, a1); store4(out + i + 8, a2); store4(out + i + 12, a3);
        }
        for (; i + 4 <= count; i += 4) {
            vd4 a0 = load4(out + i);
            const double *p = x + i;
            for (ptrdiff_t j = 0; j < taps; j++, p += dilation) {
                vd4 wj = splat4(w[j]);
                a0 += wj * load4(p);
            }
            store4(out + i, a0);
        }
    }
    for (; i < count; i++) {
        double sum = out[i];
        const double *p = x + i * stride;
        for (ptrdiff_t j = 0; j < taps; j++, p += dilation) sum += w[j] * *p;
        out[i] = sum;
    }
}

static void row_base(const double *x, ptrdiff_t count, ptrdiff_t stride, ptrdiff_t dilation,
                     const double *w, ptrdiff_t taps, double *out) {
    row_body(x, count, stride, dilation, w, taps, out);
}

WIDE static void row_wide(const double *x, ptrdiff_t count, ptrdiff_t stride, ptrdiff_t dilation,
                          const double *w, ptrdiff_t taps, double *out) {
    row_body(x, count, stride, dilation, w, taps, out);
}

void conv_kernels_row(const double *x, ptrdiff_t count, ptrdiff_t stride, ptrdiff_t dilation,
                      const double *w, ptrdiff_t taps, double *out) {
    if (vector_level() > 0) row_wide(x, count, stride, dilation, w, taps, out);
    else row_base(x, count, stride, dilation, w, taps, out);
}

// MARK: - Matrix multiply

#define MR CONV_KERNELS_MR
// Rows of B packed at once: a 6-row block of A and one panel of B stay in L1.
#define KC 256

ptrdiff_t conv_kernels_packed_weights_count(ptrdiff_t m, ptrdiff_t k) {
    return (m + MR - 1) / MR * MR * k;
}

void conv_kernels_pack_weights(const double *a, ptrdiff_t lda, ptrdiff_t m, ptrdiff_t k, double *packed) {
    for (ptrdiff_t block = 0; block < m; block += MR) {
        for (ptrdiff_t r = 0; r < k; r++) {
            for (ptrdiff_t o = 0; o < MR; o++) {
                *packed++ = block + o < m ? a[(block + o) * lda + r] : 0.0;
            }
        }
    }
}

ptrdiff_t conv_kernels_multiply_scratch_count(ptrdiff_t k, ptrdiff_t columns) {
    ptrdiff_t kc = k < KC ? k : KC;
    ptrdiff_t nr = conv_kernels_panel_width();
    return kc * ((columns + nr - 1) / nr * nr);
}

// Packs rows [r0, r0+kc) of B, columns [0, columns), as panels of `nr` columns: panel p holds
// kc runs of nr values, zero past the last column.
INLINE void pack_columns(const double *const *rows, ptrdiff_t r0, ptrdiff_t kc, ptrdiff_t column_stride,
                         ptrdiff_t columns, ptrdiff_t nr, double *packed) {
    for (ptrdiff_t first = 0; first < columns; first += nr) {
        ptrdiff_t width = columns - first < nr ? columns - first : nr;
        for (ptrdiff_t r = 0; r < kc; r++) {
            const double *source = rows[r0 + r] + first * column_stride;
            if (width == nr && column_stride == 1) {
                for (ptrdiff_t t = 0; t < nr; t += 4) store4(packed + t, load4(source + t));
            } else {
                for (ptrdiff_t t = 0; t < nr; t++) packed[t] = t < width ? source[t * column_stride] : 0.0;
            }
            packed += nr;
        }
    }
}

// Adds a finished register block to C, all of it or (at the edges) the rows and columns that exist.
#define STORE_BLOCK(V, WIDTH, LOAD, STORE)                                                         \
    if (rows == MR && columns == 2 * WIDTH) {                                                     \
        for (int o = 0; o < MR; o++, c += ldc) {                                                  \
            STORE(c, LOAD(c) + acc[o][0]);                                                        \
            STORE(c + WIDTH, LOAD(c + WIDTH) + acc[o][1]);                                        \
        }                                                                                         \
        return;                                                                                   \
    }                                                                                             \
    double block[MR][2 * WIDTH];                                                                  \
    for (int o = 0; o < MR; o++) {                                                                \
        STORE(block[o], acc[o][0]);                                                               \
        STORE(block[o] + WIDTH, acc[o][1]);                                                       \
    }                                                                                             \
    for (ptrdiff_t o = 0; o < rows; o++) {                                                        \
        for (ptrdiff_t t = 0; t < columns; t++) c[o * ldc + t] += block[o][t];                    \
    }

// A 6 × 8 block of C: twelve accumulators, two loads of B and six broadcasts of A per step.
INLINE void micro_kernel8(ptrdiff_t kc, const double *a, const double *b, double *c, ptrdiff_t ldc,
                          ptrdiff_t rows, ptrdiff_t columns) {
    vd4 acc[MR][2];
    for (int o = 0; o < MR; o++) acc[o][0] = acc[o][1] = splat4(0.0);
    for (ptrdiff_t r = 0; r < kc; r++, a += MR, b += 8) {
        vd4 b0 = load4(b), b1 = load4(b + 4);
        for (int o = 0; o < MR; o++) {
            double ao = a[o];
            vd4 av = splat4(ao);
            acc[o][0] += av * b0;
            acc[o][1] += av * b1;
        }
    }
    STORE_BLOCK(vd4, 4, load4, store4)
}

// The same with AVX-512 registers: a 6 × 16 block.
INLINE void micro_kernel16(ptrdiff_t kc, const double *a, const double *b, double *c, ptrdiff_t ldc,
                           ptrdiff_t rows, ptrdiff_t columns) {
    vd8 acc[MR][2];
    for (int o = 0; o < MR; o++) acc[o][0] = acc[o][1] = splat8(0.0);
    for (ptrdiff_t r = 0; r < kc; r++, a += MR, b += 16) {
        vd8 b0 = load8(b), b1 = load8(b + 8);
        for (int o = 0; o < MR; o++) {
            double ao = a[o];
            vd8 av = splat8(ao);
            acc[o][0] += av * b0;
            acc[o][1] += av * b1;
        }
    }
    STORE_BLOCK(vd8, 8, load8, store8)
}

INLINE void multiply_body(const double *packed_a, ptrdiff_t m, ptrdiff_t k,
                          const double *const *rows, ptrdiff_t column_stride, ptrdiff_t columns,
                          double *scratch, double *c, ptrdiff_t ldc, ptrdiff_t nr) {
    for (ptrdiff_t r0 = 0; r0 < k; r0 += KC) {
        ptrdiff_t kc = k - r0 < KC ? k - r0 : KC;
        pack_columns(rows, r0, kc, column_stride, columns, nr, scratch);
        for (ptrdiff_t block = 0; block < m; block += MR) {
            const double *a = packed_a + block * k + r0 * MR;
            ptrdiff_t height = m - block < MR ? m - block : MR;
            for (ptrdiff_t first = 0; first < columns; first += nr) {
                ptrdiff_t width = columns - first < nr ? columns - first : nr;
                double *target = c + block * ldc + first;
                if (nr == 16) micro_kernel16(kc, a, scratch + first * kc, target, ldc, height, width);
                else micro_kernel8(kc, a, scratch + first * kc, target, ldc, height, width);
            }
        }
    }
}

static void multiply_base(const double *packed_a, ptrdiff_t m, ptrdiff_t k, const double *const *rows,
                          ptrdiff_t column_stride, ptrdiff_t columns, double *scratch, double *c, ptrdiff_t ldc) {
    multiply_body(packed_a, m, k, rows, column_stride, columns, scratch, c, ldc, 8);
}

WIDE static void multiply_wide(const double *packed_a, ptrdiff_t m, ptrdiff_t k, const double *const *rows,
                               ptrdiff_t column_stride, ptrdiff_t columns, double *scratch, double *c, ptrdiff_t ldc) {
    multiply_body(packed_a, m, k, rows, column_stride, columns, scratch, c, ldc, 8);
}

WIDEST static void multiply_widest(const double *packed_a, ptrdiff_t m, ptrdiff_t k, const double *const *rows,
                                   ptrdiff_t column_stride, ptrdiff_t columns, double *scratch, double *c,
                                   ptrdiff_t ldc) {
    multiply_body(packed_a, m, k, rows, column_stride, columns, scratch, c, ldc, 16);
}

void conv_kernels_multiply(const double *packed_a, ptrdiff_t m, ptrdiff_t k,
                           const double *const *rows, ptrdiff_t column_stride, ptrdiff_t columns,
                           double *scratch, double *c, ptrdiff_t ldc) {
    switch (vector_level()) {
    case 2: multiply_widest(packed_a, m, k, rows, column_stride, columns, scratch, c, ldc); break;
    case 1: multiply_wide(packed_a, m, k, rows, column_stride, columns, scratch, c, ldc); break;
    default: multiply_base(packed_a, m, k, rows, column_stride, columns, scratch, c, ldc); break;
    }
}

// MARK: - FFT

void conv_kernels_fft_twiddles(ptrdiff_t n, double *twiddle_re, double *twiddle_im) {
    // Stage with sub-length `len` uses e^{-2πi p/len} for p < len/2.
    for (ptrdiff_t len = n; len >= 2; len /= 2) {
        ptrdiff_t half = len / 2;
        for (ptrdiff_t p = 0; p < half; p++) {
            double angle = -2.0 * M_PI * (double)p / (double)len;
            twiddle_re[p] = cos(angle);
            twiddle_im[p] = sin(angle);
        }
        twiddle_re += half;
        twiddle_im += half;
    }
}

// One Stockham radix-2 stage: sub-length 2·half, `span` interleaved sequences.
INLINE void fft_stage(const double *xr, const double *xi, double *yr, double *yi, ptrdiff_t half, ptrdiff_t span,
                      const double *wr, const double *wi, double sign) {
    if (span >= 4) {
        for (ptrdiff_t p = 0; p < half; p++) {
            double cr = wr[p], ci = sign * wi[p];
            const double *ar = xr + span * p, *ai = xi + span * p;
            const double *br = xr + span * (p + half), *bi = xi + span * (p + half);
            double *er = yr + span * 2 * p, *ei = yi + span * 2 * p;
            double *or_ = er + span, *oi = ei + span;
            for (ptrdiff_t q = 0; q < span; q++) {
                double sr = ar[q] + br[q], si = ai[q] + bi[q];
                double dr = ar[q] - br[q], di = ai[q] - bi[q];
                er[q] = sr; ei[q] = si;
                or_[q] = dr * cr - di * ci;
                oi[q] = dr * ci + di * cr;
            }
        }
    } else {
        for (ptrdiff_t q = 0; q < span; q++) {
            for (ptrdiff_t p = 0; p < half; p++) {
                double cr = wr[p], ci = sign * wi[p];
                ptrdiff_t a = q + span * p, b = q + span * (p + half);
                double sr = xr[a] + xr[b], si = xi[a] + xi[b];
                double dr = xr[a] - xr[b], di = xi[a] - xi[b];
                ptrdiff_t e = q + span * 2 * p;
                yr[e] = sr; yi[e] = si;
                yr[e + span] = dr * cr - di * ci;
                yi[e + span] = dr * ci + di * cr;
            }
        }
    }
}

INLINE void fft_body(double *re, double *im, double *work_re, double *work_im,
                     const double *twiddle_re, const double *twiddle_im, ptrdiff_t n, int inverse) {
    double sign = inverse ? -1.0 : 1.0;
    double *xr = re, *xi = im, *yr = work_re, *yi = work_im;
    ptrdiff_t span = 1;
    for (ptrdiff_t len = n; len >= 2; len /= 2) {
        ptrdiff_t half = len / 2;
        fft_stage(xr, xi, yr, yi, half, span, twiddle_re, twiddle_im, sign);
        twiddle_re += half;
        twiddle_im += half;
        span *= 2;
        double *t = xr; xr = yr; yr = t;
        t = xi; xi = yi; yi = t;
    }
    if (xr != re) {
        memcpy(re, xr, (size_t)n * sizeof(double));
        memcpy(im, xi, (size_t)n * sizeof(double));
    }
}

static void fft_base(double *re, double *im, double *work_re, double *work_im,
                     const double *twiddle_re, const double *twiddle_im, ptrdiff_t n, int inverse) {
    fft_body(re, im, work_re, work_im, twiddle_re, twiddle_im, n, inverse);
}

WIDE static void fft_wide(double *re, double *im, double *work_re, double *work_im,
                          const double *twiddle_re, const double *twiddle_im, ptrdiff_t n, int inverse) {
    fft_body(re, im, work_re, work_im, twiddle_re, twiddle_im, n, inverse);
}

void conv_kernels_fft(double *re, double *im, double *work_re, double *work_im,
                      const double *twiddle_re, const double *twiddle_im, ptrdiff_t n, int inverse) {
    if (vector_level() > 0) fft_wide(re, im, work_re, work_im, twiddle_re, twiddle_im, n, inverse);
    else fft_base(re, im, work_re, work_im, twiddle_re, twiddle_im, n, inverse);
}

INLINE void multiply_conjugate_body(double *re, double *im, const double *h_re, const double *h_im, ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) {
        double r = re[i], m = im[i];
        re[i] = r * h_re[i] + m * h_im[i];
        im[i] = m * h_re[i] - r * h_im[i];
    }
}

static void multiply_conjugate_base(double *re, double *im, const double *h_re, const double *h_im, ptrdiff_t n) {
    multiply_conjugate_body(re, im, h_re, h_im, n);
}

WIDE static void multiply_conjugate_wide(double *re, double *im, const double *h_re, const double *h_im, ptrdiff_t n) {
    multiply_conjugate_body(re, im, h_re, h_im, n);
}

void conv_kernels_multiply_conjugate(double *re, double *im, const double *h_re, const double *h_im, ptrdiff_t n) {
    if (vector_level() > 0) multiply_conjugate_wide(re, im, h_re, h_im, n);
    else multiply_conjugate_base(re, im, h_re, h_im, n);
}
