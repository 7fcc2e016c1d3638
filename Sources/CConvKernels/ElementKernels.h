// The hot loops for one element type, included by ConvKernels.c once per type with:
//   ELEMENT         the element type (double or float)
//   ELEMENT_SUFFIX  the suffix of every name defined here (_f64 or _f32)
//   LANES, LANES512 elements in one AVX register (32 bytes) and in one AVX-512 register (64 bytes)
// Vector sizes are fixed in bytes, so float runs twice the lanes of double in the same registers:
// the direct kernel holds 4·LANES outputs, the multiply's register block is 6 × 2·LANES (6 × 2·LANES512
// with AVX-512). No include guard: it is meant to be included twice.

// A name of this element type's family: NAME(row_body) is row_body_f64 or row_body_f32.
#define NAME(name) CONV_CAT(name, ELEMENT_SUFFIX)

// One AVX register of elements (on the baseline path two SSE registers), and one AVX-512
// register; the `u` forms load and store at any element-aligned address.
typedef ELEMENT NAME(vec) __attribute__((vector_size(32)));
typedef ELEMENT NAME(vecu) __attribute__((vector_size(32), aligned(sizeof(ELEMENT))));
typedef ELEMENT NAME(vec512) __attribute__((vector_size(64)));
typedef ELEMENT NAME(vec512u) __attribute__((vector_size(64), aligned(sizeof(ELEMENT))));

// Macros rather than functions: a vector argument or result outside the wide functions would
// change the calling convention.
#define VEC NAME(vec)
#define LOAD(p) (*(const NAME(vecu) *)(p))
#define STORE(p, v) (*(NAME(vecu) *)(p) = (v))
#define SPLAT(x) ((VEC){CONV_CAT(CONV_REPEAT_, LANES)(x)})
#define VEC512 NAME(vec512)
#define LOAD512(p) (*(const NAME(vec512u) *)(p))
#define STORE512(p, v) (*(NAME(vec512u) *)(p) = (v))
#define SPLAT512(x) ((VEC512){CONV_CAT(CONV_REPEAT_, LANES512)(x)})

// MARK: - One row, direct

INLINE void NAME(row_body)(const ELEMENT *x, ptrdiff_t count, ptrdiff_t stride, ptrdiff_t dilation,
                           const ELEMENT *w, ptrdiff_t taps, ELEMENT *out) {
    ptrdiff_t i = 0;
    if (stride == 1) {
        // 4·LANES outputs held in four registers while every tap passes over them.
        for (; i + 4 * LANES <= count; i += 4 * LANES) {
            VEC a0 = LOAD(out + i), a1 = LOAD(out + i + LANES), a2 = LOAD(out + i + 2 * LANES),
                a3 = LOAD(out + i + 3 * LANES);
            const ELEMENT *p = x + i;
            for (ptrdiff_t j = 0; j < taps; j++, p += dilation) {
                VEC wj = SPLAT(w[j]);
                a0 += wj * LOAD(p);
                a1 += wj * LOAD(p + LANES);
                a2 += wj * LOAD(p + 2 * LANES);
                a3 += wj * LOAD(p + 3 * LANES);
            }
            STORE(out + i, a0); STORE(out + i + LANES, a1); STORE(out + i + 2 * LANES, a2);
            STORE(out + i + 3 * LANES, a3);
        }
        for (; i + LANES <= count; i += LANES) {
            VEC a0 = LOAD(out + i);
            const ELEMENT *p = x + i;
            for (ptrdiff_t j = 0; j < taps; j++, p += dilation) {
                VEC wj = SPLAT(w[j]);
                a0 += wj * LOAD(p);
            }
            STORE(out + i, a0);
        }
    }
    for (; i < count; i++) {
        ELEMENT sum = out[i];
        const ELEMENT *p = x + i * stride;
        for (ptrdiff_t j = 0; j < taps; j++, p += dilation) sum += w[j] * *p;
        out[i] = sum;
    }
}

TWO_VERSIONS(row, (const ELEMENT *x, ptrdiff_t count, ptrdiff_t stride, ptrdiff_t dilation,
                   const ELEMENT *w, ptrdiff_t taps, ELEMENT *out),
             (x, count, stride, dilation, w, taps, out))

// MARK: - Matrix multiply

ptrdiff_t NAME(conv_kernels_panel_width)(void) { return vector_level() == 2 ? 2 * LANES512 : 2 * LANES; }

ptrdiff_t NAME(conv_kernels_packed_weights_count)(ptrdiff_t m, ptrdiff_t k) {
    return (m + MR - 1) / MR * MR * k;
}

void NAME(conv_kernels_pack_weights)(const ELEMENT *a, ptrdiff_t lda, ptrdiff_t m, ptrdiff_t k, ELEMENT *packed) {
    for (ptrdiff_t block = 0; block < m; block += MR) {
        for (ptrdiff_t r = 0; r < k; r++) {
            for (ptrdiff_t o = 0; o < MR; o++) {
                *packed++ = block + o < m ? a[(block + o) * lda + r] : 0;
            }
        }
    }
}

ptrdiff_t NAME(conv_kernels_multiply_scratch_count)(ptrdiff_t k, ptrdiff_t columns) {
    ptrdiff_t kc = k < KC ? k : KC;
    ptrdiff_t nr = NAME(conv_kernels_panel_width)();
    return kc * ((columns + nr - 1) / nr * nr);
}

// Packs rows [r0, r0+kc) of B, columns [0, columns), as panels of `nr` columns: panel p holds
// kc runs of nr values, zero past the last column.
INLINE void NAME(pack_columns)(const ELEMENT *const *rows, ptrdiff_t r0, ptrdiff_t kc, ptrdiff_t column_stride,
                               ptrdiff_t columns, ptrdiff_t nr, ELEMENT *packed) {
    for (ptrdiff_t first = 0; first < columns; first += nr) {
        ptrdiff_t width = columns - first < nr ? columns - first : nr;
        for (ptrdiff_t r = 0; r < kc; r++) {
            const ELEMENT *source = rows[r0 + r] + first * column_stride;
            if (width == nr && column_stride == 1) {
                for (ptrdiff_t t = 0; t < nr; t += LANES) STORE(packed + t, LOAD(source + t));
            } else {
                for (ptrdiff_t t = 0; t < nr; t++) packed[t] = t < width ? source[t * column_stride] : 0;
            }
            packed += nr;
        }
    }
}

// A 6 × 2·LANES block of C: twelve accumulators, two loads of B and six broadcasts of A per step.
INLINE void NAME(micro_kernel)(ptrdiff_t kc, const ELEMENT *a, const ELEMENT *b, ELEMENT *c, ptrdiff_t ldc,
                               ptrdiff_t rows, ptrdiff_t columns) {
    VEC acc[MR][2];
    for (int o = 0; o < MR; o++) acc[o][0] = acc[o][1] = SPLAT(0);
    for (ptrdiff_t r = 0; r < kc; r++, a += MR, b += 2 * LANES) {
        VEC b0 = LOAD(b), b1 = LOAD(b + LANES);
        for (int o = 0; o < MR; o++) {
            ELEMENT ao = a[o];
            VEC av = SPLAT(ao);
            acc[o][0] += av * b0;
            acc[o][1] += av * b1;
        }
    }
    STORE_BLOCK(LANES, LOAD, STORE)
}

// The same with AVX-512 registers: a 6 × 2·LANES512 block.
INLINE void NAME(micro_kernel512)(ptrdiff_t kc, const ELEMENT *a, const ELEMENT *b, ELEMENT *c, ptrdiff_t ldc,
                                  ptrdiff_t rows, ptrdiff_t columns) {
    VEC512 acc[MR][2];
    for (int o = 0; o < MR; o++) acc[o][0] = acc[o][1] = SPLAT512(0);
    for (ptrdiff_t r = 0; r < kc; r++, a += MR, b += 2 * LANES512) {
        VEC512 b0 = LOAD512(b), b1 = LOAD512(b + LANES512);
        for (int o = 0; o < MR; o++) {
            ELEMENT ao = a[o];
            VEC512 av = SPLAT512(ao);
            acc[o][0] += av * b0;
            acc[o][1] += av * b1;
        }
    }
    STORE_BLOCK(LANES512, LOAD512, STORE512)
}

INLINE void NAME(multiply_body)(const ELEMENT *packed_a, ptrdiff_t m, ptrdiff_t k,
                                const ELEMENT *const *rows, ptrdiff_t column_stride, ptrdiff_t columns,
                                ELEMENT *scratch, ELEMENT *c, ptrdiff_t ldc, ptrdiff_t nr) {
    for (ptrdiff_t r0 = 0; r0 < k; r0 += KC) {
        ptrdiff_t kc = k - r0 < KC ? k - r0 : KC;
        NAME(pack_columns)(rows, r0, kc, column_stride, columns, nr, scratch);
        for (ptrdiff_t block = 0; block < m; block += MR) {
            const ELEMENT *a = packed_a + block * k + r0 * MR;
            ptrdiff_t height = m - block < MR ? m - block : MR;
            for (ptrdiff_t first = 0; first < columns; first += nr) {
                ptrdiff_t width = columns - first < nr ? columns - first : nr;
                ELEMENT *target = c + block * ldc + first;
                if (nr == 2 * LANES512) NAME(micro_kernel512)(kc, a, scratch + first * kc, target, ldc, height, width);
                else NAME(micro_kernel)(kc, a, scratch + first * kc, target, ldc, height, width);
            }
        }
    }
}

// The multiply's parameters and arguments, shared by its versions and entry points.
#define MULTIPLY_PARAMS                                                                           \
    const ELEMENT *packed_a, ptrdiff_t m, ptrdiff_t k, const ELEMENT *const *rows, ptrdiff_t column_stride, \
        ptrdiff_t columns, ELEMENT *scratch, ELEMENT *c, ptrdiff_t ldc
#define MULTIPLY_ARGS packed_a, m, k, rows, column_stride, columns, scratch, c, ldc

static void NAME(multiply_base)(MULTIPLY_PARAMS) { NAME(multiply_body)(MULTIPLY_ARGS, 2 * LANES); }
WIDE static void NAME(multiply_wide)(MULTIPLY_PARAMS) { NAME(multiply_body)(MULTIPLY_ARGS, 2 * LANES); }
WIDEST static void NAME(multiply_widest)(MULTIPLY_PARAMS) { NAME(multiply_body)(MULTIPLY_ARGS, 2 * LANES512); }

void NAME(conv_kernels_multiply)(int max_level, MULTIPLY_PARAMS) {
    switch (usable_level(max_level)) {
    case 2: NAME(multiply_widest)(MULTIPLY_ARGS); break;
    case 1: NAME(multiply_wide)(MULTIPLY_ARGS); break;
    default: NAME(multiply_base)(MULTIPLY_ARGS); break;
    }
}

#undef MULTIPLY_PARAMS
#undef MULTIPLY_ARGS

// MARK: - FFT

void NAME(conv_kernels_fft_twiddles)(ptrdiff_t n, ELEMENT *twiddle_re, ELEMENT *twiddle_im) {
    // Stage with sub-length `len` uses e^{-2πi p/len} for p < len/2, computed in double and
    // rounded once to the element type.
    for (ptrdiff_t len = n; len >= 2; len /= 2) {
        ptrdiff_t half = len / 2;
        for (ptrdiff_t p = 0; p < half; p++) {
            double angle = -2.0 * M_PI * (double)p / (double)len;
            twiddle_re[p] = (ELEMENT)cos(angle);
            twiddle_im[p] = (ELEMENT)sin(angle);
        }
        twiddle_re += half;
        twiddle_im += half;
    }
}

// One Stockham radix-2 stage: sub-length 2·half, `span` interleaved sequences.
INLINE void NAME(fft_stage)(const ELEMENT *xr, const ELEMENT *xi, ELEMENT *yr, ELEMENT *yi, ptrdiff_t half,
                            ptrdiff_t span, const ELEMENT *wr, const ELEMENT *wi, ELEMENT sign) {
    if (span >= 4) {
        for (ptrdiff_t p = 0; p < half; p++) {
            ELEMENT cr = wr[p], ci = sign * wi[p];
            const ELEMENT *ar = xr + span * p, *ai = xi + span * p;
            const ELEMENT *br = xr + span * (p + half), *bi = xi + span * (p + half);
            ELEMENT *er = yr + span * 2 * p, *ei = yi + span * 2 * p;
            ELEMENT *or_ = er + span, *oi = ei + span;
            for (ptrdiff_t q = 0; q < span; q++) {
                ELEMENT sr = ar[q] + br[q], si = ai[q] + bi[q];
                ELEMENT dr = ar[q] - br[q], di = ai[q] - bi[q];
                er[q] = sr; ei[q] = si;
                or_[q] = dr * cr - di * ci;
                oi[q] = dr * ci + di * cr;
            }
        }
    } else {
        for (ptrdiff_t q = 0; q < span; q++) {
            for (ptrdiff_t p = 0; p < half; p++) {
                ELEMENT cr = wr[p], ci = sign * wi[p];
                ptrdiff_t a = q + span * p, b = q + span * (p + half);
                ELEMENT sr = xr[a] + xr[b], si = xi[a] + xi[b];
                ELEMENT dr = xr[a] - xr[b], di = xi[a] - xi[b];
                ptrdiff_t e = q + span * 2 * p;
                yr[e] = sr; yi[e] = si;
                yr[e + span] = dr * cr - di * ci;
                yi[e + span] = dr * ci + di * cr;
            }
        }
    }
}

INLINE void NAME(fft_body)(ELEMENT *re, ELEMENT *im, ELEMENT *work_re, ELEMENT *work_im,
                           const ELEMENT *twiddle_re, const ELEMENT *twiddle_im, ptrdiff_t n, int inverse) {
    ELEMENT sign = inverse ? (ELEMENT)-1.0 : (ELEMENT)1.0;
    ELEMENT *xr = re, *xi = im, *yr = work_re, *yi = work_im;
    ptrdiff_t span = 1;
    for (ptrdiff_t len = n; len >= 2; len /= 2) {
        ptrdiff_t half = len / 2;
        NAME(fft_stage)(xr, xi, yr, yi, half, span, twiddle_re, twiddle_im, sign);
        twiddle_re += half;
        twiddle_im += half;
        span *= 2;
        ELEMENT *t = xr; xr = yr; yr = t;
        t = xi; xi = yi; yi = t;
    }
    if (xr != re) {
        memcpy(re, xr, (size_t)n * sizeof(ELEMENT));
        memcpy(im, xi, (size_t)n * sizeof(ELEMENT));
    }
}

TWO_VERSIONS(fft, (ELEMENT *re, ELEMENT *im, ELEMENT *work_re, ELEMENT *work_im,
                   const ELEMENT *twiddle_re, const ELEMENT *twiddle_im, ptrdiff_t n, int inverse),
             (re, im, work_re, work_im, twiddle_re, twiddle_im, n, inverse))

INLINE void NAME(multiply_conjugate_body)(ELEMENT *re, ELEMENT *im, const ELEMENT *h_re, const ELEMENT *h_im,
                                          ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) {
        ELEMENT r = re[i], m = im[i];
        re[i] = r * h_re[i] + m * h_im[i];
        im[i] = m * h_re[i] - r * h_im[i];
    }
}

TWO_VERSIONS(multiply_conjugate, (ELEMENT *re, ELEMENT *im, const ELEMENT *h_re, const ELEMENT *h_im, ptrdiff_t n),
             (re, im, h_re, h_im, n))

#undef NAME
#undef VEC
#undef LOAD
#undef STORE
#undef SPLAT
#undef VEC512
#undef LOAD512
#undef STORE512
#undef SPLAT512
