import Testing
@testable import ConvNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every compiled version of each C kernel (the baseline, AVX2 + FMA, AVX-512), in both element
/// types, against sums computed in float64 here: so the versions agree with each other within
/// rounding. The C side never runs more than the processor has, so on a processor without AVX2
/// every level runs the baseline; on one with AVX2 (as where the benchmarks run) this compares
/// the vector versions with the baseline.
@Suite("Kernel versions agree")
struct KernelVersionTests {
    static let levels: [Int32] = [0, 1, 2]

    @Test("Row kernel", arguments: DType.kernelDTypes)
    func row(dtype: DType) {
        if dtype == .float32 { checkRow(Float.self, seed: 2) } else { checkRow(Double.self, seed: 1) }
    }

    @Test("Packed multiply", arguments: DType.kernelDTypes)
    func multiply(dtype: DType) {
        // 13 rows: two full register blocks and one of a single row; 16: the last block has 4.
        for rows in [13, 16] {
            if dtype == .float32 {
                checkMultiply(Float.self, rows: rows, seed: 4)
            } else {
                checkMultiply(Double.self, rows: rows, seed: 3)
            }
        }
    }

    @Test("FFT and conjugate multiply", arguments: DType.kernelDTypes)
    func fourier(dtype: DType) {
        if dtype == .float32 { checkFourier(Float.self, seed: 6) } else { checkFourier(Double.self, seed: 5) }
    }

    /// `|value − exact| ≤ 4·terms·ε·magnitude`: the rounding bound of any order of summation
    /// (with or without fused multiply-adds) of `terms` products whose absolute values sum to
    /// `magnitude`.
    static func withinRounding<Scalar: ConvolutionScalar>(
        _ value: Scalar, _ exact: Double, terms: Int, magnitude: Double
    ) -> Bool {
        abs(Double(value) - exact) <= 4 * Double(terms) * Double(Scalar.ulpOfOne) * magnitude
    }

    private func checkRow<Scalar: ConvolutionScalar>(_: Scalar.Type, seed: UInt64) {
        var dice = Dice(seed: seed)
        let x = dice.values(2_000)
        let w = dice.values(17)
        let start = dice.values(2_000)
        // Counts reaching the four-register loop, the one-register loop and the scalar tail.
        for (stride, dilation) in [(1, 1), (1, 3), (2, 1), (3, 2)] {
            let largest = (x.count - 1 - (w.count - 1) * dilation) / stride + 1
            for count in [0, 1, 7, 33, 70, largest] {
                for level in Self.levels {
                    var out = start.map { Scalar($0) }
                    let xs = x.map { Scalar($0) }
                    let ws = w.map { Scalar($0) }
                    Scalar.row(
                        level: level, xs, count: count, stride: stride, dilation: dilation, taps: ws,
                        tapCount: ws.count, into: &out)
                    for i in 0..<start.count {
                        let terms = i < count ? w.indices.map { w[$0] * x[i * stride + $0 * dilation] } : []
                        let exact = start[i] + terms.reduce(0, +)
                        let magnitude = abs(start[i]) + terms.map(abs).reduce(0, +)
                        #expect(
                            Self.withinRounding(out[i], exact, terms: w.count + 1, magnitude: magnitude),
                            "\(Scalar.self) row, level \(level), stride \(stride), dilation \(dilation), count \(count), i \(i)")
                    }
                }
            }
        }
    }

    private func checkMultiply<Scalar: ConvolutionScalar>(_: Scalar.Type, rows: Int, seed: UInt64) {
        var dice = Dice(seed: seed)
        // Depth 300: two passes of 256 rows; 77 columns: partial panels for every panel width.
        let (depth, columns, outputStride) = (300, 77, 80)
        let a = dice.values(rows * depth)
        let start = dice.values(rows * outputStride)
        // Rows in windows of `taps` rows `dilation` apart, the windows 3·taps apart in one buffer,
        // as the windows of an input are: rows 3 apart; taps of one channel, dilated or not;
        // windows too wide to pack once (dilation ≥ columns); a window of more rows than one
        // pass packs (300), and of 100 rows, two to a pass.
        let layouts = [(1, 0), (3, 1), (3, 2), (5, 100), (100, 1), (300, 1)]
        for columnStride in [1, 2] {
            for (taps, dilation) in layouts {
                let offset = { (r: Int) in r / taps * 3 * taps + r % taps * dilation }
                let b = dice.values((columns - 1) * columnStride + offset(depth - 1) + 1)
                let bs = b.map { Scalar($0) }
                let exact = (0..<(rows * outputStride)).map { index -> (sum: Double, magnitude: Double) in
                    let (o, t) = (index / outputStride, index % outputStride)
                    guard t < columns else { return (start[index], abs(start[index])) }
                    let terms = (0..<depth).map { r in a[o * depth + r] * b[offset(r) + t * columnStride] }
                    return (start[index] + terms.reduce(0, +), abs(start[index]) + terms.map(abs).reduce(0, +))
                }
                // Overwriting from per-row starting values instead of adding to `out`.
                let initial = dice.values(rows)
                let overwritten = (0..<(rows * outputStride)).map { index -> (sum: Double, magnitude: Double) in
                    let (o, t) = (index / outputStride, index % outputStride)
                    guard t < columns else { return (start[index], abs(start[index])) }
                    let sum = exact[index].sum - start[index] + initial[o]
                    return (sum, exact[index].magnitude - abs(start[index]) + abs(initial[o]))
                }
                for level in Self.levels {
                    for overwrite in [false, true] {
                        var packed = [Scalar](repeating: 0, count: Scalar.packedWeightsCount(rows: rows, depth: depth))
                        Scalar.packWeights(a.map { Scalar($0) }, rowStride: depth, rows: rows, depth: depth, into: &packed)
                        var scratch = [Scalar](
                            repeating: 0,
                            count: Scalar.multiplyScratchCount(depth: depth, columns: columns, taps: taps, dilation: dilation))
                        var out = start.map { Scalar($0) }
                        let starts = initial.map { Scalar($0) }
                        bs.withUnsafeBufferPointer { buffer in
                            starts.withUnsafeBufferPointer { starts in
                                guard let base = buffer.baseAddress else { return }
                                let rowStarts: [UnsafePointer<Scalar>?] = (0..<depth).map { base + offset($0) }
                                Scalar.multiply(
                                    level: level, packed: packed, rows: rows, depth: depth, rowStarts: rowStarts,
                                    columnStride: columnStride, columns: columns, taps: taps, dilation: dilation,
                                    scratch: &scratch, into: &out,
                                    outputStride: outputStride, initial: overwrite ? starts.baseAddress : nil)
                            }
                        }
                        let expected = overwrite ? overwritten : exact
                        for index in out.indices {
                            #expect(
                                Self.withinRounding(
                                    out[index], expected[index].sum, terms: depth + 1, magnitude: expected[index].magnitude),
                                "\(Scalar.self) multiply, level \(level), column stride \(columnStride), taps \(taps), dilation \(dilation), overwrite \(overwrite), element \(index)")
                        }
                    }
                }
            }
        }
    }

    private func checkFourier<Scalar: ConvolutionScalar>(_: Scalar.Type, seed: UInt64) {
        var dice = Dice(seed: seed)
        // Sizes below, at and above every vector width, so that the scalar stages, the
        // in-register ones and the whole-vector ones all run.
        for size in [1, 2, 4, 8, 16, 32, 64, 1_024] {
            let re = dice.values(size)
            let im = dice.values(size)
            var twiddleRe = [Scalar](repeating: 0, count: max(1, size - 1))
            var twiddleIm = twiddleRe
            Scalar.fftTwiddles(size: size, re: &twiddleRe, im: &twiddleIm)
            let bits = size.trailingZeroBitCount
            // Position p of the forward transform's output (and of the inverse's input) holds
            // spectrum element reversed(p).
            let reversed = (0..<size).map { p in
                (0..<bits).reduce(0) { result, bit in result << 1 | (p >> bit & 1) }
            }
            for inverse in [false, true] {
                let natural = Self.discreteFourier(re: re, im: im, inverse: inverse)
                let exact = inverse ? natural : (re: reversed.map { natural.re[$0] }, im: reversed.map { natural.im[$0] })
                for level in Self.levels {
                    var outRe = (inverse ? reversed.map { re[$0] } : re).map { Scalar($0) }
                    var outIm = (inverse ? reversed.map { im[$0] } : im).map { Scalar($0) }
                    Scalar.fft(
                        level: level, re: &outRe, im: &outIm, twiddleRe: twiddleRe, twiddleIm: twiddleIm, size: size,
                        inverse: inverse)
                    // The FFT's normwise bound: ‖error‖ ≤ c·log2(n)·ε·‖X‖.
                    let error = zip(outRe, exact.re).map { Double($0) - $1 } + zip(outIm, exact.im).map { Double($0) - $1 }
                    let norm = (exact.re + exact.im).map { $0 * $0 }.reduce(0, +).squareRoot()
                    let bound = 5 * Double(max(1, bits)) * Double(Scalar.ulpOfOne) * norm
                    #expect(
                        error.map { $0 * $0 }.reduce(0, +).squareRoot() <= bound,
                        "\(Scalar.self) FFT of \(size), inverse \(inverse), level \(level)")
                }
            }
            checkConjugateMultiply(Scalar.self, re: re, im: im, kernelRe: dice.values(size), kernelIm: dice.values(size))
        }
    }

    private func checkConjugateMultiply<Scalar: ConvolutionScalar>(
        _: Scalar.Type, re: [Double], im: [Double], kernelRe: [Double], kernelIm: [Double]
    ) {
        for level in Self.levels {
            var outRe = re.map { Scalar($0) }
            var outIm = im.map { Scalar($0) }
            Scalar.multiplyConjugate(
                level: level, re: &outRe, im: &outIm, kernelRe: kernelRe.map { Scalar($0) },
                kernelIm: kernelIm.map { Scalar($0) }, count: re.count)
            for i in re.indices {
                let (hr, hi) = (kernelRe[i], kernelIm[i])
                let magnitude = abs(re[i] * hr) + abs(im[i] * hi) + abs(im[i] * hr) + abs(re[i] * hi)
                #expect(Self.withinRounding(outRe[i], re[i] * hr + im[i] * hi, terms: 2, magnitude: magnitude))
                #expect(Self.withinRounding(outIm[i], im[i] * hr - re[i] * hi, terms: 2, magnitude: magnitude))
            }
        }
    }

    /// The discrete Fourier transform by its definition, in float64: forward `e^{-2πi jk/n}`,
    /// or backward `e^{+2πi jk/n}` without the `1/n`.
    static func discreteFourier(re: [Double], im: [Double], inverse: Bool) -> (re: [Double], im: [Double]) {
        let n = re.count
        let sign = inverse ? 1.0 : -1.0
        var outRe = [Double](repeating: 0, count: n)
        var outIm = [Double](repeating: 0, count: n)
        for k in 0..<n {
            for j in 0..<n {
                let angle = sign * 2 * Double.pi * Double(j * k % n) / Double(n)
                let (c, s) = (cos(angle), sin(angle))
                outRe[k] += re[j] * c - im[j] * s
                outIm[k] += re[j] * s + im[j] * c
            }
        }
        return (outRe, outIm)
    }
}
