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
// Elements per cache line.
#define LINE (64 / (ptrdiff_t)sizeof(ELEMENT))

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

// The multiply reads B through windows: `taps` consecutive rows of B that are one stretch of
// memory `dilation` apart (the taps of one input channel over a tile of outputs). With k = 3,
// W2's 192 rows are 64 windows. Packing each window once, rather than each row, copies a third
// as much (W2 float32 on one core: the whole multiply from 4.41 to 4.06–4.13 ms); the kernel
// then reads tap j of a window at offset j·dilation, an unaligned load from L1 that costs
// nothing measurable (6 × 32 floats from L1: 240 GFLOP/s per core either way, 92% of the 260
// that two 512-bit FMA units reach on the machine measured). Strided columns, or windows wider than their rows
// together (dilation ≥ columns), are packed row by row: windows of one tap.
INLINE ptrdiff_t NAME(window_taps)(ptrdiff_t k, ptrdiff_t taps, ptrdiff_t dilation, ptrdiff_t column_stride,
                                   ptrdiff_t columns) {
    return taps > 1 && k % taps == 0 && column_stride == 1 && dilation < columns ? taps : 1;
}

// Windows of B packed at once: the rows of a 6-row block of A and one panel of B stay in L1 (a
// panel is two registers wide, so the same bytes for either element type), whole windows only.
INLINE ptrdiff_t NAME(windows_per_block)(ptrdiff_t taps) { return taps < KC ? KC / taps : 1; }

// Elements between packed windows for `columns` columns: whole panels plus the window's reach,
// rounded up to cache lines, and an odd number of lines, so that the windows one panel reads
// spread over every set of the L1 cache.
INLINE ptrdiff_t NAME(packed_window_stride)(ptrdiff_t columns, ptrdiff_t nr, ptrdiff_t reach) {
    ptrdiff_t stride = ((columns + nr - 1) / nr * nr + reach + LINE - 1) / LINE * LINE;
    return (stride / LINE) % 2 == 0 ? stride + LINE : stride;
}

ptrdiff_t NAME(conv_kernels_multiply_scratch_count)(ptrdiff_t k, ptrdiff_t columns, ptrdiff_t taps, ptrdiff_t dilation) {
    ptrdiff_t widest = 2 * LANES512;  // the panel at any level is at most the widest one
    ptrdiff_t count = 0;
    // Either layout may run (column_stride decides), so room for the larger.
    for (int windowed = 0; windowed < 2; windowed++) {
        ptrdiff_t t = windowed && taps > 1 && k % taps == 0 ? taps : 1;
        ptrdiff_t windows = k / t < NAME(windows_per_block)(t) ? k / t : NAME(windows_per_block)(t);
        ptrdiff_t reach = (t - 1) * dilation;
        ptrdiff_t need = windows * NAME(packed_window_stride)(columns, widest, reach);
        if (need > count) count = need;
    }
    return count + LINE;  // and the room to start on a cache line
}

// Packs windows [w0, w0+count) of B (window w starts at rows[w·taps], the window taps are
// `dilation` apart), columns [0, columns) `ldw` elements apart, zero past what the panels read
// beyond the window: each window is one contiguous copy when B's columns are adjacent.
INLINE void NAME(pack_windows)(const ELEMENT *const *rows, ptrdiff_t w0, ptrdiff_t count, ptrdiff_t taps,
                               ptrdiff_t dilation, ptrdiff_t column_stride, ptrdiff_t columns, ptrdiff_t nr,
                               ptrdiff_t ldw, ELEMENT *packed) {
    ptrdiff_t length = columns + (taps - 1) * dilation;
    ptrdiff_t read = (columns + nr - 1) / nr * nr + (taps - 1) * dilation;
    for (ptrdiff_t w = 0; w < count; w++, packed += ldw) {
        const ELEMENT *source = rows[(w0 + w) * taps];
        if (column_stride == 1) {
            // The next tile of this window is likely the next one packed: fetch it meanwhile.
            for (ptrdiff_t t = 0; t < length; t += LINE) __builtin_prefetch(source + columns + t);
            memcpy(packed, source, (size_t)length * sizeof(ELEMENT));
        } else {
            for (ptrdiff_t t = 0; t < length; t++) packed[t] = source[t * column_stride];
        }
        for (ptrdiff_t t = length; t < read; t++) packed[t] = 0;
    }
}

// The accumulators' start: row o's `initial` value when C is to be overwritten, else zero.
#define START_ROW(o) (initial && (o) < rows ? initial[o] : (ELEMENT)0)

// One register block of C, 6 rows × two vectors: twelve accumulators, two loads of B and six
// broadcasts of A per step, 12 of the 32 AVX-512 registers (or 12 of the 16 AVX ones). Six rows
// because the FMA units (two, latency 4) need at least 8 independent sums in flight, and two
// vectors wide so that each broadcast of A feeds two FMAs: 8 loads per 12 FMAs, which the load
// ports sustain. Wider blocks (8 × 32, 8 × 48, 12 × 32, 4 × 64 floats) ran no faster from L1
// (230–244 GFLOP/s per core, all within the noise of this shared machine). B's rows come
// window by window: `windows` windows `ldw` apart, `taps` rows each, `dilation` apart.
//
// KERNEL_ROWS is the rows the block computes (6, or 4 or 2 for the last block of A when it
// has only that many rows: 64 rows are ten blocks of 6 and one of 4, which as a block of 6
// cost 66 rows' time).
#define MICRO_KERNEL(KERNEL, KERNEL_ROWS, V, WIDTH, VLOAD, VSTORE, VSPLAT)                          \
    INLINE void NAME(KERNEL)(ptrdiff_t windows, ptrdiff_t taps, ptrdiff_t dilation, const ELEMENT *a,       \
                             const ELEMENT *b, ptrdiff_t ldw, ELEMENT *c, ptrdiff_t ldc, ptrdiff_t rows,    \
                             ptrdiff_t columns, const ELEMENT *initial) {                                   \
        V acc[KERNEL_ROWS][2];                                                                     \
        for (int o = 0; o < KERNEL_ROWS; o++) acc[o][0] = acc[o][1] = VSPLAT(START_ROW(o));        \
        for (ptrdiff_t w = 0; w < windows; w++, b += ldw) {                                        \
            const ELEMENT *tap = b;                                                                \
            for (ptrdiff_t j = 0; j < taps; j++, a += MR, tap += dilation) {                       \
                V b0 = VLOAD(tap), b1 = VLOAD(tap + WIDTH);                                        \
                for (int o = 0; o < KERNEL_ROWS; o++) {                                            \
                    ELEMENT ao = a[o];                                                             \
                    V av = VSPLAT(ao);                                                             \
                    acc[o][0] += av * b0;                                                          \
                    acc[o][1] += av * b1;                                                          \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
        STORE_BLOCK(KERNEL_ROWS, WIDTH, VLOAD, VSTORE)                                             \
    }

MICRO_KERNEL(micro_kernel, MR, VEC, LANES, LOAD, STORE, SPLAT)
MICRO_KERNEL(micro_kernel_4, 4, VEC, LANES, LOAD, STORE, SPLAT)
MICRO_KERNEL(micro_kernel_2, 2, VEC, LANES, LOAD, STORE, SPLAT)
MICRO_KERNEL(micro_kernel512, MR, VEC512, LANES512, LOAD512, STORE512, SPLAT512)
MICRO_KERNEL(micro_kernel512_4, 4, VEC512, LANES512, LOAD512, STORE512, SPLAT512)
MICRO_KERNEL(micro_kernel512_2, 2, VEC512, LANES512, LOAD512, STORE512, SPLAT512)

#undef MICRO_KERNEL
#undef START_ROW

// The micro-kernel of `width` (AVX or AVX-512) for a block of `height` rows.
#define RUN_MICRO_KERNEL(KERNEL, height, ...)                                                     \
    do {                                                                                          \
        if ((height) > 4) NAME(KERNEL)(__VA_ARGS__);                                              \
        else if ((height) > 2) NAME(CONV_CAT(KERNEL, _4))(__VA_ARGS__);                           \
        else NAME(CONV_CAT(KERNEL, _2))(__VA_ARGS__);                                             \
    } while (0)

// Runs every 6-row block of A (its rows r0 ..< r0 + count·taps) over each panel of nr columns
// of `count` packed windows of B (`ldw` apart), which stays in L1 meanwhile. Starts from
// `start` (when given) rather than adding to C. After each register block, fetches a few lines
// of `fetch` (when given) ahead.
INLINE void NAME(multiply_panels)(const ELEMENT *packed_a, ptrdiff_t m, ptrdiff_t k, ptrdiff_t r0, ptrdiff_t count,
                                  ptrdiff_t taps, ptrdiff_t dilation, const ELEMENT *b, ptrdiff_t ldw,
                                  ptrdiff_t columns, ELEMENT *c, ptrdiff_t ldc, const ELEMENT *start, ptrdiff_t nr,
                                  conv_fetch_ahead *fetch) {
    for (ptrdiff_t first = 0; first < columns; first += nr) {
        ptrdiff_t width = columns - first < nr ? columns - first : nr;
        for (ptrdiff_t block = 0; block < m; block += MR) {
            const ELEMENT *a = packed_a + block * k + r0 * MR;
            ptrdiff_t height = m - block < MR ? m - block : MR;
            ELEMENT *target = c + block * ldc + first;
            const ELEMENT *row_start = start ? start + block : NULL;
            if (nr == 2 * LANES512) {
                RUN_MICRO_KERNEL(micro_kernel512, height, count, taps, dilation, a, b + first, ldw, target, ldc,
                                 height, width, row_start);
            } else {
                RUN_MICRO_KERNEL(micro_kernel, height, count, taps, dilation, a, b + first, ldw, target, ldc,
                                 height, width, row_start);
            }
            if (fetch) fetch_some(fetch);
        }
    }
}

// For each block of whole windows of B (at most KC rows): pack it, then run the panels over it.
// Only the first block starts from `initial` (when given); the later ones add to what it wrote.
INLINE void NAME(multiply_body)(const ELEMENT *packed_a, ptrdiff_t m, ptrdiff_t k,
                                const ELEMENT *const *rows, ptrdiff_t column_stride, ptrdiff_t columns,
                                ptrdiff_t taps, ptrdiff_t dilation, ELEMENT *scratch, ELEMENT *c, ptrdiff_t ldc,
                                const ELEMENT *initial, ptrdiff_t nr) {
    taps = NAME(window_taps)(k, taps, dilation, column_stride, columns);
    if (taps == 1) dilation = 0;
    ptrdiff_t ldw = NAME(packed_window_stride)(columns, nr, (taps - 1) * dilation);
    ptrdiff_t per_block = NAME(windows_per_block)(taps);
    // Panels start on a cache line, so that no load of B straddles two (1 in 2 did).
    scratch += (LINE - ((uintptr_t)scratch / sizeof(ELEMENT)) % LINE) % LINE;
    ptrdiff_t total = k / taps;
    for (ptrdiff_t w0 = 0; w0 < total; w0 += per_block) {
        ptrdiff_t count = total - w0 < per_block ? total - w0 : per_block;
        ptrdiff_t r0 = w0 * taps;
        NAME(pack_windows)(rows, w0, count, taps, dilation, column_stride, columns, nr, ldw, scratch);
        NAME(multiply_panels)(packed_a, m, k, r0, count, taps, dilation, scratch, ldw, columns, c, ldc,
                              r0 == 0 ? initial : NULL, nr, NULL);
    }
}

// The multiply of a B its caller laid out as the multiply packs it (rows `ldb` apart, from
// conv_kernels_multiply_row_stride, on a cache line): no copy, KC rows at a time. Fetches the
// `fetch_rows` rows of `fetch_length` elements at `fetch` (`fetch_stride` apart) into L2 on the
// way, spread evenly over its register blocks.
INLINE void NAME(multiply_laid_out_body)(const ELEMENT *packed_a, ptrdiff_t m, ptrdiff_t k, const ELEMENT *b,
                                         ptrdiff_t ldb, ptrdiff_t columns, ELEMENT *c, ptrdiff_t ldc,
                                         const ELEMENT *initial, const ELEMENT *fetch, ptrdiff_t fetch_rows,
                                         ptrdiff_t fetch_stride, ptrdiff_t fetch_length, ptrdiff_t nr) {
    ptrdiff_t blocks = (columns + nr - 1) / nr * ((m + MR - 1) / MR) * ((k + KC - 1) / KC);
    conv_fetch_ahead ahead = fetch_ahead_start(fetch, fetch_rows, fetch_stride * (ptrdiff_t)sizeof(ELEMENT),
                                               fetch_length * (ptrdiff_t)sizeof(ELEMENT), blocks);
    for (ptrdiff_t r0 = 0; r0 < k; r0 += KC) {
        ptrdiff_t count = k - r0 < KC ? k - r0 : KC;
        NAME(multiply_panels)(packed_a, m, k, r0, count, 1, 0, b + r0 * ldb, ldb, columns, c, ldc,
                              r0 == 0 ? initial : NULL, nr, ahead.row ? &ahead : NULL);
    }
}

#define LAID_OUT_PARAMS                                                                           \
    const ELEMENT *packed_a, ptrdiff_t m, ptrdiff_t k, const ELEMENT *b, ptrdiff_t ldb, ptrdiff_t columns, \
        ELEMENT *c, ptrdiff_t ldc, const ELEMENT *initial, const ELEMENT *fetch, ptrdiff_t fetch_rows,  \
        ptrdiff_t fetch_stride, ptrdiff_t fetch_length
#define LAID_OUT_ARGS packed_a, m, k, b, ldb, columns, c, ldc, initial, fetch, fetch_rows, fetch_stride, fetch_length

static void NAME(multiply_laid_out_base)(LAID_OUT_PARAMS) { NAME(multiply_laid_out_body)(LAID_OUT_ARGS, 2 * LANES); }
WIDE static void NAME(multiply_laid_out_wide)(LAID_OUT_PARAMS) {
    NAME(multiply_laid_out_body)(LAID_OUT_ARGS, 2 * LANES);
}
WIDEST static void NAME(multiply_laid_out_widest)(LAID_OUT_PARAMS) {
    NAME(multiply_laid_out_body)(LAID_OUT_ARGS, 2 * LANES512);
}

void NAME(conv_kernels_multiply_laid_out)(int max_level, LAID_OUT_PARAMS) {
    switch (usable_level(max_level)) {
    case 2: NAME(multiply_laid_out_widest)(LAID_OUT_ARGS); break;
    case 1: NAME(multiply_laid_out_wide)(LAID_OUT_ARGS); break;
    default: NAME(multiply_laid_out_base)(LAID_OUT_ARGS); break;
    }
}

// Any level's panels read at most the widest panel's columns, so its stride serves them all.
ptrdiff_t NAME(conv_kernels_multiply_row_stride)(ptrdiff_t columns) {
    return NAME(packed_window_stride)(columns, 2 * LANES512, 0);
}

#undef LAID_OUT_PARAMS
#undef LAID_OUT_ARGS

// The multiply's parameters and arguments, shared by its versions and entry points.
#define MULTIPLY_PARAMS                                                                           \
    const ELEMENT *packed_a, ptrdiff_t m, ptrdiff_t k, const ELEMENT *const *rows, ptrdiff_t column_stride, \
        ptrdiff_t columns, ptrdiff_t taps, ptrdiff_t dilation, ELEMENT *scratch, ELEMENT *c, ptrdiff_t ldc,   \
        const ELEMENT *initial
#define MULTIPLY_ARGS packed_a, m, k, rows, column_stride, columns, taps, dilation, scratch, c, ldc, initial

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
#undef RUN_MICRO_KERNEL

// MARK: - FFT

void NAME(conv_kernels_fft_twiddles)(ptrdiff_t n, ELEMENT *twiddle_re, ELEMENT *twiddle_im) {
    // The first stage (sub-length n) uses e^{-2πi p/n} for p < n/2, computed in double as
    // e^{-2πi a/n}·e^{-2πi b/n} with a a multiple of 16 and b < 16 (a few ulps of double, far
    // below the element's rounding, for an eighth of the sines and cosines) and rounded once.
    ptrdiff_t half = n / 2;
    double step_re[16], step_im[16];
    for (ptrdiff_t b = 0; b < 16 && b < half; b++) {
        double angle = -2.0 * M_PI * (double)b / (double)n;
        step_re[b] = cos(angle);
        step_im[b] = sin(angle);
    }
    for (ptrdiff_t a = 0; a < half; a += 16) {
        double angle = -2.0 * M_PI * (double)a / (double)n;
        double base_re = cos(angle), base_im = sin(angle);
        for (ptrdiff_t b = 0; b < 16 && a + b < half; b++) {
            twiddle_re[a + b] = (ELEMENT)(base_re * step_re[b] - base_im * step_im[b]);
            twiddle_im[a + b] = (ELEMENT)(base_re * step_im[b] + base_im * step_re[b]);
        }
    }
    // Stage with sub-length len uses e^{-2πi p/len} = the first stage's value at p·(n/len).
    ELEMENT *stage_re = twiddle_re + half, *stage_im = twiddle_im + half;
    for (ptrdiff_t len = half; len >= 2; len /= 2) {
        ptrdiff_t stride = n / len;
        for (ptrdiff_t p = 0; p < len / 2; p++) {
            stage_re[p] = twiddle_re[p * stride];
            stage_im[p] = twiddle_im[p * stride];
        }
        stage_re += len / 2;
        stage_im += len / 2;
    }
}

// One stage of the scalar transform, for sizes below a vector: the same butterflies as the
// vector stages (FourierStages.h), forward (DIF) or inverse (DIT).
INLINE void NAME(fft_scalar_stage)(ELEMENT *re, ELEMENT *im, ptrdiff_t n, ptrdiff_t h, const ELEMENT *wr,
                                   const ELEMENT *wi, ELEMENT sign, int inverse) {
    for (ptrdiff_t block = 0; block < n; block += 2 * h) {
        for (ptrdiff_t j = 0; j < h; j++) {
            ptrdiff_t a = block + j, b = a + h;
            ELEMENT cr = wr[j], ci = sign * wi[j];
            if (inverse) {
                ELEMENT tr = re[b] * cr - im[b] * ci, ti = re[b] * ci + im[b] * cr;
                re[b] = re[a] - tr; im[b] = im[a] - ti;
                re[a] += tr; im[a] += ti;
            } else {
                ELEMENT dr = re[a] - re[b], di = im[a] - im[b];
                re[a] += re[b]; im[a] += im[b];
                re[b] = dr * cr - di * ci; im[b] = dr * ci + di * cr;
            }
        }
    }
}

INLINE void NAME(fft_scalar)(ELEMENT *re, ELEMENT *im, const ELEMENT *twiddle_re, const ELEMENT *twiddle_im,
                             ptrdiff_t n, int inverse) {
    ELEMENT sign = inverse ? (ELEMENT)-1.0 : (ELEMENT)1.0;
    for (ptrdiff_t step = 1; step < n; step *= 2) {
        ptrdiff_t h = inverse ? step : n / (2 * step);
        NAME(fft_scalar_stage)(re, im, n, h, twiddle_re + (n - 2 * h), twiddle_im + (n - 2 * h), sign, inverse);
    }
}

// Lane i ^ h of a vector of 4, 8 or 16 lanes, for the in-register stages.
#define XOR4(v, h) __builtin_shufflevector(v, v, 0 ^ (h), 1 ^ (h), 2 ^ (h), 3 ^ (h))
#define XOR8(v, h) __builtin_shufflevector(v, v, 0 ^ (h), 1 ^ (h), 2 ^ (h), 3 ^ (h), 4 ^ (h), 5 ^ (h), 6 ^ (h), 7 ^ (h))
#define XOR16(v, h)                                                                               \
    __builtin_shufflevector(v, v, 0 ^ (h), 1 ^ (h), 2 ^ (h), 3 ^ (h), 4 ^ (h), 5 ^ (h), 6 ^ (h), 7 ^ (h), \
                            8 ^ (h), 9 ^ (h), 10 ^ (h), 11 ^ (h), 12 ^ (h), 13 ^ (h), 14 ^ (h), 15 ^ (h))
#define SMALL4(op) op(2) op(1)
#define SMALL8(op) op(4) op(2) op(1)
#define SMALL16(op) op(8) op(4) op(2) op(1)
#define SMALL4_ASCENDING(op) op(1) op(2)
#define SMALL8_ASCENDING(op) op(1) op(2) op(4)
#define SMALL16_ASCENDING(op) op(1) op(2) op(4) op(8)

#define FV VEC
#define FLANES LANES
#define FLOAD LOAD
#define FSTORE STORE
#define FSPLAT SPLAT
#define FXOR CONV_CAT(XOR, LANES)
#define FSMALL CONV_CAT(SMALL, LANES)
#define FSMALL_ASCENDING CONV_CAT(CONV_CAT(SMALL, LANES), _ASCENDING)
#define FSUFFIX _v
#include "FourierStages.h"
#undef FV
#undef FLANES
#undef FLOAD
#undef FSTORE
#undef FSPLAT
#undef FXOR
#undef FSMALL
#undef FSMALL_ASCENDING
#undef FSUFFIX

#define FV VEC512
#define FLANES LANES512
#define FLOAD LOAD512
#define FSTORE STORE512
#define FSPLAT SPLAT512
#define FXOR CONV_CAT(XOR, LANES512)
#define FSMALL CONV_CAT(SMALL, LANES512)
#define FSMALL_ASCENDING CONV_CAT(CONV_CAT(SMALL, LANES512), _ASCENDING)
#define FSUFFIX _v512
#include "FourierStages.h"
#undef FV
#undef FLANES
#undef FLOAD
#undef FSTORE
#undef FSPLAT
#undef FXOR
#undef FSMALL
#undef FSMALL_ASCENDING
#undef FSUFFIX

#define FFT_PARAMS                                                                                \
    ELEMENT *re, ELEMENT *im, const ELEMENT *twiddle_re, const ELEMENT *twiddle_im, ptrdiff_t n, int inverse
#define FFT_ARGS re, im, twiddle_re, twiddle_im, n, inverse

static void NAME(fft_base)(FFT_PARAMS) {
    if (n < LANES) NAME(fft_scalar)(FFT_ARGS);
    else NAME(fft_vectors_v)(FFT_ARGS);
}
WIDE static void NAME(fft_wide)(FFT_PARAMS) {
    if (n < LANES) NAME(fft_scalar)(FFT_ARGS);
    else NAME(fft_vectors_v)(FFT_ARGS);
}
WIDEST static void NAME(fft_widest)(FFT_PARAMS) {
    if (n < LANES512) NAME(fft_scalar)(FFT_ARGS);
    else NAME(fft_vectors_v512)(FFT_ARGS);
}

void NAME(conv_kernels_fft)(int max_level, FFT_PARAMS) {
    switch (usable_level(max_level)) {
    case 2: NAME(fft_widest)(FFT_ARGS); break;
    case 1: NAME(fft_wide)(FFT_ARGS); break;
    default: NAME(fft_base)(FFT_ARGS); break;
    }
}

#undef FFT_PARAMS
#undef FFT_ARGS

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

// MARK: - Winograd minimal filtering

// The transforms of F(m, r) work on LANES512 tiles at once, one per vector lane: lane l takes
// the tiles of the l-th of LANES512 equal segments of a block of outputs, so that position p
// of every lane's segment is one vector. Segments come from the padded row as rows of a
// LANES512 × LANES512 transpose (a few shuffles per element), after which the transforms are
// plain vector arithmetic for any m and r, and the tiles' transformed values lie contiguous for
// the matrix products: column s·LANES512 + l is tile s of lane l.

// In-place transpose of LANES512 rows of LANES512 elements: for each bit h of the index, swap
// the off-diagonal h × h blocks of every 2h × 2h block (row i and row i + h exchange halves).
#define TRANSPOSE_STAGE(h, LO, HI)                                                                \
    _Pragma("clang loop unroll(full)") for (int i = 0; i < LANES512; i++) {                       \
        if (i & (h)) continue;                                                                    \
        VEC512 a = rows[i], b = rows[i + (h)];                                                    \
        rows[i] = __builtin_shufflevector(a, b, LO);                                              \
        rows[i + (h)] = __builtin_shufflevector(a, b, HI);                                        \
    }

INLINE void NAME(transpose_lanes)(VEC512 *rows) {
#if LANES512 == 16
    TRANSPOSE_STAGE(8, CONV_T16_LO_8, CONV_T16_HI_8)
    TRANSPOSE_STAGE(4, CONV_T16_LO_4, CONV_T16_HI_4)
    TRANSPOSE_STAGE(2, CONV_T16_LO_2, CONV_T16_HI_2)
    TRANSPOSE_STAGE(1, CONV_T16_LO_1, CONV_T16_HI_1)
#else
    TRANSPOSE_STAGE(4, CONV_T8_LO_4, CONV_T8_HI_4)
    TRANSPOSE_STAGE(2, CONV_T8_LO_2, CONV_T8_HI_2)
    TRANSPOSE_STAGE(1, CONV_T8_LO_1, CONV_T8_HI_1)
#endif
}

#undef TRANSPOSE_STAGE

// Whether any lane of a sum of `x · 0` terms is NaN: some x was infinite or NaN.
INLINE int NAME(any_nan)(const VEC512 *check) {
    for (int l = 0; l < LANES512; l++) {
        if ((*check)[l] != (*check)[l]) return 1;
    }
    return 0;
}

// Transposes `segment` rows of LANES512 outputs (row p holding position p of every lane's
// segment) back into the lanes' segments, out[l·segment + p], keeping only positions below
// `count`. Whole chunks of LANES512 positions go straight from registers to their place; the
// last, partial one (and the lanes at the end of a row) through a buffer.
INLINE void NAME(winograd_store_lanes)(const ELEMENT *scratch, ptrdiff_t segment, ELEMENT *out, ptrdiff_t count) {
    for (ptrdiff_t p0 = 0; p0 < segment; p0 += LANES512) {
        VEC512 rows[LANES512];
        _Pragma("clang loop unroll(full)") for (int q = 0; q < LANES512; q++) rows[q] = LOAD512(scratch + (p0 + q) * LANES512);
        NAME(transpose_lanes)(rows);
        if (p0 + LANES512 <= segment && (LANES512 - 1) * segment + p0 + LANES512 <= count) {
            _Pragma("clang loop unroll(full)") for (int l = 0; l < LANES512; l++) STORE512(out + l * segment + p0, rows[l]);
            continue;
        }
        ELEMENT lanes[LANES512][LANES512];
        _Pragma("clang loop unroll(full)") for (int l = 0; l < LANES512; l++) STORE512(lanes[l], rows[l]);
        for (ptrdiff_t l = 0; l < LANES512; l++) {
            ptrdiff_t start = l * segment + p0;
            ptrdiff_t n = segment - p0 < count - start ? segment - p0 : count - start;
            if (n > LANES512) n = LANES512;
            if (n > 0) memcpy(out + start, lanes[l], (size_t)n * sizeof(ELEMENT));
        }
    }
}

// `Σ_j T[row][j] · x[j]` over the non-zero entries of a constant table (the branches and the
// multiplications by ±1 fold away once the loops are unrolled), starting from `start`.
#define TABLE_ROW(T, row, columns, x, start, result)                                              \
    do {                                                                                          \
        VEC512 sum_ = (start);                                                                    \
        _Pragma("clang loop unroll(full)") for (int j_ = 0; j_ < (columns); j_++) {               \
            double c_ = T[row][j_];                                                               \
            if (c_ == 1) sum_ = sum_ + (x)[j_];                                                   \
            else if (c_ == -1) sum_ = sum_ - (x)[j_];                                             \
            else if (c_ != 0) sum_ = sum_ + SPLAT512((ELEMENT)c_) * (x)[j_];                      \
        }                                                                                         \
        (result) = sum_;                                                                          \
    } while (0)

// Each tile's transforms of one step: t = Bᵀx, and y = bias + Aᵀp. The tables' sums, with the
// branches and the multiplications by ±1 folded away once the loops are unrolled.
#define WINOGRAD_TABLE_TRANSFORMS(M, R)                                                           \
    INLINE void NAME(winograd_bt_##M##_##R)(const VEC512 *x, VEC512 *t) {                         \
        _Pragma("clang loop unroll(full)") for (int xi = 0; xi < M + R - 1; xi++)                 \
            TABLE_ROW(WINOGRAD_BT_##M##_##R, xi, M + R - 1, x, SPLAT512(0), t[xi]);               \
    }                                                                                             \
    INLINE void NAME(winograd_at_##M##_##R)(const VEC512 *p, ELEMENT bias, VEC512 *y) {           \
        _Pragma("clang loop unroll(full)") for (int i = 0; i < M; i++)                            \
            TABLE_ROW(WINOGRAD_AT_##M##_##R, i, M + R - 1, p, SPLAT512(bias), y[i]);              \
    }

WINOGRAD_TABLE_TRANSFORMS(4, 2)
WINOGRAD_TABLE_TRANSFORMS(4, 3)
WINOGRAD_TABLE_TRANSFORMS(4, 4)

#undef WINOGRAD_TABLE_TRANSFORMS

// F(6, 3), the tile of every 3-tap kernel, by hand. Its points 0, ±1, ±2, ±1/2 and ∞ come in
// pairs ±a, whose rows of Bᵀ differ only in the sign of their odd-indexed entries (and whose
// columns of Aᵀ only in the sign of their odd-indexed rows): each pair shares its even and odd
// halves, `E ± O`. The same values (WinogradTables.h), in 30 operations per step instead of
// the table's 44 for the input and 22 instead of 42 for the output; the output's constants are
// powers of two, so its rounding is the table's.
INLINE void NAME(winograd_bt_6_3)(const VEC512 *x, VEC512 *t) {
#define C_(v) SPLAT512((ELEMENT)(v))
    t[0] = C_(4) * (x[0] - x[6]) + C_(21) * (x[4] - x[2]);
    t[7] = C_(4) * (x[7] - x[1]) + C_(21) * (x[3] - x[5]);
    VEC512 even = C_(17) * x[4] - C_(4) * (x[2] + x[6]), odd = C_(17) * x[3] - C_(4) * (x[1] + x[5]);
    t[1] = even + odd;
    t[2] = even - odd;
    even = x[2] - C_(5) * x[4] + C_(4) * x[6];
    odd = C_(2) * x[1] - C_(10) * x[3] + C_(8) * x[5];
    t[3] = even + odd;
    t[4] = even - odd;
    even = C_(8) * x[2] - C_(10) * x[4] + C_(2) * x[6];
    odd = C_(4) * x[1] - C_(5) * x[3] + x[5];
    t[5] = even + odd;
    t[6] = even - odd;
}

INLINE void NAME(winograd_at_6_3)(const VEC512 *p, ELEMENT bias, VEC512 *y) {
    VEC512 even = C_(bias) + (p[1] + p[2]), odd = C_(bias) + (p[1] - p[2]);
    VEC512 s2 = p[3] + p[4], d2 = p[3] - p[4], s3 = p[5] + p[6], d3 = p[5] - p[6];
    y[0] = even + s2 + s3 + p[0];
    y[1] = odd + C_(2) * d2 + C_(0.5) * d3;
    y[2] = even + C_(4) * s2 + C_(0.25) * s3;
    y[3] = odd + C_(8) * d2 + C_(0.125) * d3;
    y[4] = even + C_(16) * s2 + C_(0.0625) * s3;
    y[5] = odd + C_(32) * d2 + C_(0.03125) * d3 + p[7];
#undef C_
}

// The input transform of F(M, R) for LANES512 segments of `segment` = steps·M outputs, lane l's
// reading window[l·segment ...]: V[ξ·v_stride + s·LANES512 + l] = Σ_j Bᵀ[ξ][j] · x_l[s·M + j].
//
// The output transform adds the bias to Σ_ξ Aᵀ[i][ξ] · M_ξ and writes the outputs below `count`;
// it returns 1 when one of its results is infinite or NaN. That also catches every infinite or
// NaN input (and weight): each point's product carries it (∞ times a transformed weight is ±∞,
// or NaN when the weight is 0) and each point reaches some output, so an input needs no check
// of its own. Its check adds each step's results together (a sum is finite only when they all
// are) and keeps one running `sum · 0`, a single dependent operation per step.
#define WINOGRAD_TILE_BODIES(M, R)                                                                \
    INLINE void NAME(winograd_input_##M##_##R)(const ELEMENT *window, ptrdiff_t steps, ELEMENT *v,  \
                                               ptrdiff_t v_stride, ELEMENT *scratch,              \
                                               const ELEMENT *next) {                             \
        enum { ALPHA = M + R - 1 };                                                               \
        ptrdiff_t segment = steps * M, used = segment + R - 1;                                    \
        for (ptrdiff_t p0 = 0; p0 < used; p0 += LANES512) {                                       \
            VEC512 rows[LANES512];                                                                \
            _Pragma("clang loop unroll(full)") for (int l = 0; l < LANES512; l++) {               \
                rows[l] = LOAD512(window + l * segment + p0);                                     \
                if (next) __builtin_prefetch(next + l * segment + p0);                            \
            }                                                                                     \
            NAME(transpose_lanes)(rows);                                                          \
            _Pragma("clang loop unroll(full)") for (int q = 0; q < LANES512; q++)                 \
                STORE512(scratch + (p0 + q) * LANES512, rows[q]);                                 \
        }                                                                                         \
        for (ptrdiff_t s = 0; s < steps; s++) {                                                   \
            VEC512 x[ALPHA];                                                                      \
            _Pragma("clang loop unroll(full)") for (int j = 0; j < ALPHA; j++)                    \
                x[j] = LOAD512(scratch + (s * M + j) * LANES512);                                 \
            VEC512 t[ALPHA];                                                                      \
            NAME(winograd_bt_##M##_##R)(x, t);                                                    \
            _Pragma("clang loop unroll(full)") for (int xi = 0; xi < ALPHA; xi++)                 \
                STORE512(v + xi * v_stride + s * LANES512, t[xi]);                                \
        }                                                                                         \
    }                                                                                             \
                                                                                                  \
    INLINE int NAME(winograd_output_##M##_##R)(const ELEMENT *products, ptrdiff_t p_stride,         \
                                               ptrdiff_t steps, ELEMENT bias, ELEMENT *out,       \
                                               ptrdiff_t count, ELEMENT *scratch, ELEMENT *next) { \
        enum { ALPHA = M + R - 1 };                                                               \
        ptrdiff_t segment = steps * M;                                                            \
        if (next) {                                                                               \
            for (ptrdiff_t t = 0; t < count; t += LINE) __builtin_prefetch(next + t, 1);          \
        }                                                                                         \
        VEC512 check = SPLAT512(0);                                                               \
        for (ptrdiff_t s = 0; s < steps; s++) {                                                   \
            VEC512 p[ALPHA], y[M];                                                                \
            _Pragma("clang loop unroll(full)") for (int xi = 0; xi < ALPHA; xi++)                 \
                p[xi] = LOAD512(products + xi * p_stride + s * LANES512);                         \
            NAME(winograd_at_##M##_##R)(p, bias, y);                                              \
            _Pragma("clang loop unroll(full)") for (int i = 0; i < M; i++)                        \
                STORE512(scratch + (s * M + i) * LANES512, y[i]);                                 \
            VEC512 total = y[0];                                                                  \
            _Pragma("clang loop unroll(full)") for (int i = 1; i < M; i++) total += y[i];         \
            check += total * SPLAT512(0);                                                         \
        }                                                                                         \
        NAME(winograd_store_lanes)(scratch, segment, out, count);                                 \
        return NAME(any_nan)(&check);                                                             \
    }

CONV_WINOGRAD_TILES(WINOGRAD_TILE_BODIES)

#undef WINOGRAD_TILE_BODIES
#undef TABLE_ROW

ptrdiff_t NAME(conv_kernels_winograd_lanes)(void) { return LANES512; }

void NAME(conv_kernels_winograd_weights)(ptrdiff_t m, ptrdiff_t r, const ELEMENT *w, ptrdiff_t rows, ELEMENT *u,
                                         ptrdiff_t u_stride) {
#define WINOGRAD_WEIGHTS_CASE(M, R)                                                               \
    if (m == M && r == R) {                                                                       \
        for (ptrdiff_t xi = 0; xi < M + R - 1; xi++) {                                            \
            for (ptrdiff_t row = 0; row < rows; row++) {                                          \
                double sum = 0;                                                                   \
                for (ptrdiff_t j = 0; j < R; j++) sum += WINOGRAD_G_##M##_##R[xi][j] * (double)w[row * R + j]; \
                u[xi * u_stride + row] = (ELEMENT)sum;                                            \
            }                                                                                     \
        }                                                                                         \
        return;                                                                                   \
    }
    CONV_WINOGRAD_TILES(WINOGRAD_WEIGHTS_CASE)
#undef WINOGRAD_WEIGHTS_CASE
}

// One version of the input and output transforms per level, each dispatching on (m, r).
#define WINOGRAD_INPUT_PARAMS                                                                     \
    ptrdiff_t m, ptrdiff_t r, const ELEMENT *window, ptrdiff_t steps, ELEMENT *v, ptrdiff_t v_stride, \
        ELEMENT *scratch, const ELEMENT *next
#define WINOGRAD_OUTPUT_PARAMS                                                                    \
    ptrdiff_t m, ptrdiff_t r, const ELEMENT *products, ptrdiff_t p_stride, ptrdiff_t steps, ELEMENT bias, \
        ELEMENT *out, ptrdiff_t count, ELEMENT *scratch, ELEMENT *next
#define WINOGRAD_INPUT_CASE(M, R)                                                                 \
    if (m == M && r == R) {                                                                       \
        NAME(winograd_input_##M##_##R)(window, steps, v, v_stride, scratch, next);                      \
        return;                                                                                   \
    }
#define WINOGRAD_OUTPUT_CASE(M, R)                                                                \
    if (m == M && r == R)                                                                         \
        return NAME(winograd_output_##M##_##R)(products, p_stride, steps, bias, out, count, scratch, next);
#define WINOGRAD_VERSIONS(SUFFIX, ATTRIBUTES)                                                     \
    ATTRIBUTES static void NAME(winograd_input##SUFFIX)(WINOGRAD_INPUT_PARAMS) {                  \
        CONV_WINOGRAD_TILES(WINOGRAD_INPUT_CASE)                                                  \
    }                                                                                             \
    ATTRIBUTES static int NAME(winograd_output##SUFFIX)(WINOGRAD_OUTPUT_PARAMS) {                 \
        CONV_WINOGRAD_TILES(WINOGRAD_OUTPUT_CASE)                                                 \
        return 0;                                                                                 \
    }

WINOGRAD_VERSIONS(_base, )
WINOGRAD_VERSIONS(_wide, WIDE)
WINOGRAD_VERSIONS(_widest, WIDEST)

void NAME(conv_kernels_winograd_input)(int max_level, WINOGRAD_INPUT_PARAMS) {
    switch (usable_level(max_level)) {
    case 2: NAME(winograd_input_widest)(m, r, window, steps, v, v_stride, scratch, next); break;
    case 1: NAME(winograd_input_wide)(m, r, window, steps, v, v_stride, scratch, next); break;
    default: NAME(winograd_input_base)(m, r, window, steps, v, v_stride, scratch, next); break;
    }
}

int NAME(conv_kernels_winograd_output)(int max_level, WINOGRAD_OUTPUT_PARAMS) {
    switch (usable_level(max_level)) {
    case 2: return NAME(winograd_output_widest)(m, r, products, p_stride, steps, bias, out, count, scratch, next);
    case 1: return NAME(winograd_output_wide)(m, r, products, p_stride, steps, bias, out, count, scratch, next);
    default: return NAME(winograd_output_base)(m, r, products, p_stride, steps, bias, out, count, scratch, next);
    }
}

#undef WINOGRAD_INPUT_PARAMS
#undef WINOGRAD_OUTPUT_PARAMS
#undef WINOGRAD_INPUT_CASE
#undef WINOGRAD_OUTPUT_CASE
#undef WINOGRAD_VERSIONS

#undef NAME
#undef LINE
#undef VEC
#undef LOAD
#undef STORE
#undef SPLAT
#undef VEC512
#undef LOAD512
#undef STORE512
#undef SPLAT512
