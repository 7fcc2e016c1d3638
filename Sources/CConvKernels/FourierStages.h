// The FFT's stages for one vector width, included by ElementKernels.h once per width with:
//   FV, FLANES          the vector type and its elements
//   FLOAD, FSTORE       its unaligned load and store, FSPLAT its broadcast
//   FXOR(v, h)          v with lane i moved to lane i ^ h (h a power of two below FLANES)
//   FSMALL(op)          op(h) for each h = FLANES/2, …, 2, 1, and FSMALL_ASCENDING(op) the same
//                       from 1 up
//   FSUFFIX             the suffix of the names defined here
// No include guard: it is meant to be included once per width.
//
// The forward transform is a decimation in frequency (natural order in, bit-reversed order out)
// and the inverse a decimation in time (bit-reversed in, natural out), both in place: a
// convolution only multiplies spectra element by element, so it never needs them in order, and
// skipping the reordering (and Stockham's second buffer) halves the memory traffic. Stages
// whose butterflies span at least a vector run on whole vectors; the last ones (first ones of
// the inverse), whose butterflies pair lanes of one vector, run in registers as
// `c1·v + c2·v[i ^ h]` with per-lane complex coefficients.

#define FNAME(name) NAME(CONV_CAT(name, FSUFFIX))

// The coefficients of the in-register stage with butterflies `h` apart: lane i of the result
// is c1[i]·v[i] + c2[i]·v[i ^ h]. Forward (DIF): a + b on the lower lane, (a − b)·w on the upper;
// inverse (DIT): a + w·b on the lower, a − w·b on the upper, with w = e^{∓2πi j/2h}.
typedef struct {
    ELEMENT c1r[FLANES], c1i[FLANES], c2r[FLANES], c2i[FLANES];
} FNAME(lane_stage);

INLINE void FNAME(lane_coefficients)(FNAME(lane_stage) *s, ptrdiff_t h, const ELEMENT *wr, const ELEMENT *wi,
                                     ELEMENT sign, int inverse) {
    for (ptrdiff_t i = 0; i < FLANES; i++) {
        ELEMENT r = wr[i & (h - 1)], m = sign * wi[i & (h - 1)];
        int upper = (i & h) != 0;
        // forward: lower (1, 1), upper (−w, w); inverse: lower (1, w), upper (−w, 1)
        s->c1r[i] = upper ? -r : 1;
        s->c1i[i] = upper ? -m : 0;
        s->c2r[i] = upper && inverse ? 1 : (!upper && !inverse ? 1 : r);
        s->c2i[i] = upper && inverse ? 0 : (!upper && !inverse ? 0 : m);
    }
}

#define FLANE_STAGE(h)                                                                            \
    {                                                                                             \
        const FNAME(lane_stage) *s = &stages[LANE_STAGE_INDEX(h)];                                \
        FV pr = FXOR(vr, h), pi = FXOR(vi, h);                                                    \
        FV c1r = FLOAD(s->c1r), c1i = FLOAD(s->c1i), c2r = FLOAD(s->c2r), c2i = FLOAD(s->c2i);    \
        FV nr = c1r * vr - c1i * vi + c2r * pr - c2i * pi;                                        \
        FV ni = c1r * vi + c1i * vr + c2r * pi + c2i * pr;                                        \
        vr = nr;                                                                                  \
        vi = ni;                                                                                  \
    }

// Index of the stage with butterflies h apart among the in-register ones: log2(h).
#define LANE_STAGE_INDEX(h) (__builtin_ctzl((unsigned long)(h)))

// Runs the in-register stages on every vector of the array, in the order the transform needs.
INLINE void FNAME(lane_stages)(ELEMENT *re, ELEMENT *im, ptrdiff_t n, const FNAME(lane_stage) *stages, int inverse) {
    for (ptrdiff_t i = 0; i < n; i += FLANES) {
        FV vr = FLOAD(re + i), vi = FLOAD(im + i);
        if (inverse) {
            FSMALL_ASCENDING(FLANE_STAGE)
        } else {
            FSMALL(FLANE_STAGE)
        }
        FSTORE(re + i, vr);
        FSTORE(im + i, vi);
    }
}

// A whole-vector stage, butterflies h apart (h a multiple of FLANES), twiddles w for j < h.
INLINE void FNAME(vector_stage)(ELEMENT *re, ELEMENT *im, ptrdiff_t n, ptrdiff_t h, const ELEMENT *wr,
                                const ELEMENT *wi, ELEMENT sign, int inverse) {
    for (ptrdiff_t block = 0; block < n; block += 2 * h) {
        ELEMENT *ar = re + block, *ai = im + block, *br = ar + h, *bi = ai + h;
        for (ptrdiff_t j = 0; j < h; j += FLANES) {
            FV xr = FLOAD(ar + j), xi = FLOAD(ai + j), yr = FLOAD(br + j), yi = FLOAD(bi + j);
            FV cr = FLOAD(wr + j), ci = FSPLAT(sign) * FLOAD(wi + j);
            if (inverse) {
                FV tr = yr * cr - yi * ci, ti = yr * ci + yi * cr;
                FSTORE(ar + j, xr + tr); FSTORE(ai + j, xi + ti);
                FSTORE(br + j, xr - tr); FSTORE(bi + j, xi - ti);
            } else {
                FV dr = xr - yr, di = xi - yi;
                FSTORE(ar + j, xr + yr); FSTORE(ai + j, xi + yi);
                FSTORE(br + j, dr * cr - di * ci); FSTORE(bi + j, dr * ci + di * cr);
            }
        }
    }
}

// The transform, for n ≥ FLANES (smaller ones take the scalar stages).
INLINE void FNAME(fft_vectors)(ELEMENT *re, ELEMENT *im, const ELEMENT *twiddle_re, const ELEMENT *twiddle_im,
                               ptrdiff_t n, int inverse) {
    ELEMENT sign = inverse ? (ELEMENT)-1.0 : (ELEMENT)1.0;
    // The table holds the stages h = n/2, n/4, …, 1 one after the other: h's starts at n − 2h.
    FNAME(lane_stage) stages[LANE_STAGE_INDEX(FLANES)];
    for (ptrdiff_t h = 1; h < FLANES; h *= 2) {
        FNAME(lane_coefficients)(&stages[LANE_STAGE_INDEX(h)], h, twiddle_re + (n - 2 * h), twiddle_im + (n - 2 * h),
                                 sign, inverse);
    }
    if (inverse) FNAME(lane_stages)(re, im, n, stages, inverse);
    ptrdiff_t count = LANE_STAGE_INDEX(n) - LANE_STAGE_INDEX(FLANES);
    for (ptrdiff_t step = 0; step < count; step++) {
        // forward: h = n/2 down to FLANES; inverse: FLANES up to n/2
        ptrdiff_t h = inverse ? (ptrdiff_t)FLANES << step : (n / 2) >> step;
        FNAME(vector_stage)(re, im, n, h, twiddle_re + (n - 2 * h), twiddle_im + (n - 2 * h), sign, inverse);
    }
    if (!inverse) FNAME(lane_stages)(re, im, n, stages, inverse);
}

#undef FNAME
#undef FLANE_STAGE
#undef LANE_STAGE_INDEX
