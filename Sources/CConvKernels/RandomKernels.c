// PyTorch's normal sampling, bit for bit.
//
// Why C: PyTorch's float32 path runs Cephes-derived polynomials (`avx_mathfun.h`) compiled
// by GCC with `-mfma` and its default `-ffp-contract=fast`, which fuses *some* of the
// multiply-adds (a product whose only use is an addition) and leaves the rest as two
// roundings. The last bit of most values depends on exactly which. Swift gives no control
// over contraction, and clang's default would fuse a different set; here contraction is off
// and every fused step is an explicit `fmaf`, placed where PyTorch's shipped machine code
// has a `vfmadd`/`vfnmadd`/`vfmsub` (and nowhere else). The lanes of the AVX code are
// independent, so one lane at a time gives the same bits.
//
// The float64 paths call the C library's `log`, `log1p` and `sincos` as PyTorch does, and
// fuse the final `x·std + mean` as its compiled code does.

#define _GNU_SOURCE
#include "CConvRandom.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

// The constants are written as in avx_mathfun.h: double literals rounded to float when the
// tables are initialised (a double literal rounded to float can differ from the float literal
// of the same digits, so the cast matters).
#define PS(value) ((float)(value))

static const float cephes_SQRTHF = PS(0.707106781186547524);
static const float cephes_log_p0 = PS(7.0376836292E-2);
static const float cephes_log_p1 = PS(-1.1514610310E-1);
static const float cephes_log_p2 = PS(1.1676998740E-1);
static const float cephes_log_p3 = PS(-1.2420140846E-1);
static const float cephes_log_p4 = PS(+1.4249322787E-1);
static const float cephes_log_p5 = PS(-1.6668057665E-1);
static const float cephes_log_p6 = PS(+2.0000714765E-1);
static const float cephes_log_p7 = PS(-2.4999993993E-1);
static const float cephes_log_p8 = PS(+3.3333331174E-1);
static const float cephes_log_q1 = PS(-2.12194440e-4);
static const float cephes_log_q2 = PS(0.693359375);

static const float minus_cephes_DP1 = PS(-0.78515625);
static const float minus_cephes_DP2 = PS(-2.4187564849853515625e-4);
static const float minus_cephes_DP3 = PS(-3.77489497744594108e-8);
static const float sincof_p0 = PS(-1.9515295891E-4);
static const float sincof_p1 = PS(8.3321608736E-3);
static const float sincof_p2 = PS(-1.6666654611E-1);
static const float coscof_p0 = PS(2.443315711809948E-005);
static const float coscof_p1 = PS(-1.388731625493765E-003);
static const float coscof_p2 = PS(4.166664568298827E-002);
static const float cephes_FOPI = PS(1.27323954473516);

static uint32_t bits_of(float x) {
    uint32_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits;
}

static float float_of(uint32_t bits) {
    float x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

/// `log256_ps` for one lane.
static float cephes_logf(float x) {
    const uint32_t invalid = x <= 0.0f ? 0xFFFFFFFFu : 0;
    const float min_norm_pos = float_of(0x00800000u);
    x = x > min_norm_pos ? x : min_norm_pos;
    int32_t exponent = (int32_t)(bits_of(x) >> 23);
    x = float_of((bits_of(x) & ~0x7F800000u) | bits_of(0.5f));
    exponent -= 0x7F;
    float e = (float)exponent;
    e = e + 1.0f;
    const uint32_t mask = x < cephes_SQRTHF ? 0xFFFFFFFFu : 0;
    const float tmp = float_of(bits_of(x) & mask);
    x = x - 1.0f;
    e = e - float_of(bits_of(1.0f) & mask);
    x = x + tmp;

    const float z = x * x;
    float y = fmaf(cephes_log_p0, x, cephes_log_p1);
    y = fmaf(y, x, cephes_log_p2);
    y = fmaf(y, x, cephes_log_p3);
    y = fmaf(y, x, cephes_log_p4);
    y = fmaf(y, x, cephes_log_p5);
    y = fmaf(y, x, cephes_log_p6);
    y = fmaf(y, x, cephes_log_p7);
    y = fmaf(y, x, cephes_log_p8);
    y = y * x;
    // `y·z + e·q1`: the product y·z is fused, e·q1 is rounded first.
    y = fmaf(y, z, e * cephes_log_q1);
    y = fmaf(-z, 0.5f, y);
    x = x + y;
    x = fmaf(e, cephes_log_q2, x);
    return float_of(bits_of(x) | invalid);
}

/// `sincos256_ps` for one lane.
static void cephes_sincosf(float x, float *sine, float *cosine) {
    uint32_t sign_bit_sin = bits_of(x) & 0x80000000u;
    x = float_of(bits_of(x) & 0x7FFFFFFFu);
    float y = x * cephes_FOPI;
    // cvttps2dq: truncation; θ is below 2π here, far inside int32.
    int32_t j = (int32_t)y;
    j = (j + 1) & ~1;
    y = (float)j;
    const uint32_t swap_sign_bit_sin = ((uint32_t)j & 4u) << 29;
    const uint32_t poly_mask = (j & 2) == 0 ? 0xFFFFFFFFu : 0;
    x = fmaf(y, minus_cephes_DP1, x);
    x = fmaf(y, minus_cephes_DP2, x);
    x = fmaf(y, minus_cephes_DP3, x);
    const uint32_t sign_bit_cos = (~(uint32_t)(j - 2) & 4u) << 29;
    sign_bit_sin ^= swap_sign_bit_sin;

    const float z = x * x;
    float yc = fmaf(coscof_p0, z, coscof_p1);
    yc = fmaf(yc, z, coscof_p2);
    yc = yc * z;
    const float half_z = z * 0.5f;
    yc = fmaf(yc, z, -half_z);
    yc = yc + 1.0f;

    float ys = fmaf(sincof_p0, z, sincof_p1);
    ys = fmaf(ys, z, sincof_p2);
    ys = ys * z;
    ys = fmaf(ys, x, x);

    const float ysin2 = float_of(poly_mask & bits_of(ys));
    const float ysin1 = float_of(~poly_mask & bits_of(yc));
    ys = ys - ysin2;
    yc = yc - ysin1;
    *sine = float_of(bits_of(ysin1 + ysin2) ^ sign_bit_sin);
    *cosine = float_of(bits_of(yc + ys) ^ sign_bit_cos);
}

void conv_random_normal16_f32(float *data, float mean, float std) {
    const float two_pi = (float)(2.0f * 3.14159265358979323846);
    for (int j = 0; j < 8; j++) {
        const float u1 = 1.0f - data[j];
        const float u2 = data[j + 8];
        const float radius = sqrtf(cephes_logf(u1) * -2.0f);
        const float theta = two_pi * u2;
        float sine, cosine;
        cephes_sincosf(theta, &sine, &cosine);
        data[j] = fmaf(radius * cosine, std, mean);
        data[j + 8] = fmaf(radius * sine, std, mean);
    }
}

static void sine_cosine(double x, double *sine, double *cosine) {
#if defined(__GLIBC__)
    sincos(x, sine, cosine);
#else
    *sine = sin(x);
    *cosine = cos(x);
#endif
}

void conv_random_normal16_f64(double *data, double mean, double std) {
    const double two_pi = 2.0 * 3.14159265358979323846;
    for (int j = 0; j < 8; j++) {
        const double u1 = 1.0 - data[j];
        const double u2 = data[j + 8];
        const double radius = sqrt(log(u1) * -2.0);
        double sine, cosine;
        sine_cosine(two_pi * u2, &sine, &cosine);
        data[j] = fma(radius * cosine, std, mean);
        data[j + 8] = fma(radius * sine, std, mean);
    }
}

double conv_random_box_muller(double u1, double u2, double *sine) {
    const double radius = sqrt(log1p(-u2) * -2.0);
    double s, c;
    sine_cosine(2.0 * 3.14159265358979323846 * u1, &s, &c);
    *sine = radius * s;
    return radius * c;
}
