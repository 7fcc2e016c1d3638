#ifndef CCONVRANDOM_H
#define CCONVRANDOM_H

// The transcendental steps of PyTorch's CPU normal sampling, computed exactly as PyTorch's
// compiled kernels compute them (see RandomKernels.c for why they live in C).

/// Box–Muller on 16 float32 uniforms in place, as PyTorch's vectorised `normal_fill_16_AVX2`:
/// `u1 = 1 − data[j]`, `u2 = data[j + 8]` for `j < 8`; `data[j]` gets `r·cos θ·std + mean` and
/// `data[j + 8]` gets `r·sin θ·std + mean`, with `r = √(−2 log u1)` and `θ = 2π·u2`, where log,
/// sin and cos are the single-precision Cephes polynomials of PyTorch's `avx_mathfun.h`.
void conv_random_normal16_f32(float *data, float mean, float std);

/// The same on 16 float64 uniforms, as PyTorch's scalar `normal_fill_16<double>` (the C
/// library's log, sin and cos).
void conv_random_normal16_f64(double *data, double mean, double std);

/// One Box–Muller pair from two 53-bit uniforms, as PyTorch's `normal_distribution<double>`:
/// returns `r·cos θ` and stores `r·sin θ` (the sample PyTorch caches) in `*sine`, with
/// `r = √(−2 log1p(−u2))` and `θ = 2π·u1`.
double conv_random_box_muller(double u1, double u2, double *sine);

#endif
