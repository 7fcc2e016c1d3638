import Testing
import ConvNumerics
import ConvAutograd

/// The activations of ``PointwiseActivation`` beyond SiLU, ELU, Softplus and Mish, each through
/// the engine (`Functional.pointwise`) at the edges: ±inf, NaN, 0, and inputs exactly at their
/// thresholds (hardtanh's bounds, hardswish's ±3, shrink's ±lambd, threshold's own), against
/// what PyTorch 2.15 gives one element at a time in float64 (values and gradients for an
/// upstream gradient of 1).
@Suite("Piecewise and smooth activations against PyTorch")
struct PiecewiseActivationTests {
    static let inputs: [Double] = [-.infinity, -6.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 6.0, .infinity, .nan]
    /// (function, values, gradients at each input with an upstream gradient of 1), float64, from PyTorch 2.15.
    static let expected: [(PointwiseActivation, [Double], [Double])] = [
        (.hardtanh(min: -1, max: 1), [-1.0, -1.0, -1.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.0, 1.0, 1.0, .nan],
         [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0]),
        (.hardtanh(min: 0, max: 6), [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 1.0, 3.0, 6.0, 6.0, .nan],
         [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0]),
        (.selu, [-1.7580993408473766, -1.7537414482794556, -1.6705687287671118, -1.1113307378125625, -0.6917581878028713, 0.0, 0.5253504936777402, 1.0507009873554805, 3.1521029620664414, 6.304205924132883, .infinity, .nan],
         [0.0, 0.0043578925679211246, 0.08753061208026487, 0.646768603034814, 1.0663411530445053, 1.7580993408473766, 1.0507009873554805, 1.0507009873554805, 1.0507009873554805, 1.0507009873554805, 1.0507009873554805, 1.0507009873554805]),
        (.celu(alpha: 2), [-2.0, -1.900425863264272, -1.5537396797031404, -0.7869386805747332, -0.44239843385719024, 0.0, 0.5, 1.0, 3.0, 6.0, .infinity, .nan],
         [0.0, 0.049787068367863944, 0.22313016014842982, 0.6065306597126334, 0.7788007830714049, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
        (.logSigmoid, [-.infinity, -6.00247568513773, -3.048587351573742, -1.3132616875182228, -0.9740769841801067, -0.6931471805599453, -0.4740769841801067, -0.31326168751822286, -0.04858735157374206, -0.0024756851377304495, 0.0, .nan],
         [1.0, 0.9975273768433652, 0.9525741268224333, 0.7310585786300049, 0.6224593312018545, 0.5, 0.37754066879814546, 0.2689414213699951, 0.04742587317756679, 0.0024726231566347748, 0.0, .nan]),
        (.softsign, [.nan, -0.8571428571428571, -0.75, -0.5, -0.3333333333333333, 0.0, 0.3333333333333333, 0.5, 0.75, 0.8571428571428571, .nan, .nan],
         [.nan, 0.020408163265306117, 0.0625, 0.25, 0.4444444444444444, 1.0, 0.4444444444444444, 0.25, 0.0625, 0.020408163265306117, .nan, .nan]),
        (.hardswish, [.nan, -0.0, -0.0, -0.3333333333333333, -0.20833333333333334, 0.0, 0.2916666666666667, 0.6666666666666666, 3.0, 6.0, .infinity, .nan],
         [0.0, 0.0, 0.0, 0.16666666666666669, 0.33333333333333337, 0.5, 0.6666666666666666, 0.8333333333333333, 1.0, 1.0, 1.0, 1.0]),
        (.hardsigmoid, [0.0, 0.0, 0.0, 0.3333333333333333, 0.4166666666666667, 0.5, 0.5833333333333334, 0.6666666666666666, 1.0, 1.0, 1.0, .nan],
         [0.0, 0.0, 0.0, 0.1666666716337204, 0.1666666716337204, 0.1666666716337204, 0.1666666716337204, 0.1666666716337204, 0.0, 0.0, 0.0, 0.0]),
        (.tanhshrink, [-.infinity, -5.000012288349204, -2.0049452463132695, -0.23840584404423515, -0.03788284273999026, 0.0, 0.03788284273999026, 0.23840584404423515, 2.0049452463132695, 5.000012288349204, .infinity, .nan],
         [1.0, 0.9999754234525947, 0.9901339628345598, 0.5800256583859739, 0.2135522670340726, 0.0, 0.2135522670340726, 0.5800256583859739, 0.9901339628345598, 0.9999754234525947, 1.0, .nan]),
        (.softshrink(lambd: 0.5), [-.infinity, -5.5, -2.5, -0.5, -0.0, 0.0, 0.0, 0.5, 2.5, 5.5, .infinity, .nan],
         [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
        (.hardshrink(lambd: 0.5), [-.infinity, -6.0, -3.0, -1.0, 0.0, 0.0, 0.0, 1.0, 3.0, 6.0, .infinity, .nan],
         [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
        (.threshold(threshold: 1, value: -2), [-2.0, -2.0, -2.0, -2.0, -2.0, -2.0, -2.0, -2.0, 3.0, 6.0, .infinity, .nan],
         [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0]),
    ]

    /// Equal, NaN for NaN, with the sign of a zero, or within `tolerance` relative.
    private func agrees(_ a: Double, _ b: Double, tolerance: Double = 0) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a == b { return a != 0 || a.sign == b.sign }
        return Swift.abs(a - b) <= tolerance * Swift.abs(b)
    }

    @Test("float64 values and gradients at ±inf, NaN and the thresholds are PyTorch's")
    func edgesInFloat64() throws {
        for (function, values, gradients) in Self.expected {
            for (index, input) in Self.inputs.enumerated() {
                // One element per tensor: PyTorch's scalar path, whose zeros keep their signs.
                let x = try Variable(Tensor([input]), requiresGrad: true)
                let y = try Functional.pointwise(x, function)
                try y.sum().backward()
                let value = y.data.scalars.first ?? .nan, gradient = x.grad?.scalars.first ?? .nan
                #expect(agrees(value, values[index], tolerance: 4e-16), "\(function) at \(input): \(value) vs \(values[index])")
                #expect(agrees(gradient, gradients[index], tolerance: 4e-16), "\(function)' at \(input): \(gradient) vs \(gradients[index])")
            }
        }
    }

    @Test("float32 gives the same values to float32's precision (relative to max(|y|, 1): tanhshrink cancels)")
    func float32Values() throws {
        for (function, values, _) in Self.expected {
            let out = try Activation.pointwise(function).apply(Tensor(Self.inputs.map(Float.init)))
            for (computed, expected) in zip(out.float32Scalars ?? [], values) {
                let close = agrees(Double(computed), expected) || Swift.abs(Double(computed) - expected) <= 2e-7 * Swift.max(Swift.abs(expected), 1)
                #expect(close, "\(function): \(computed) vs \(expected)")
            }
        }
    }

    @Test("PyTorch's node names: SELU records EluBackward0, softsign and tanhshrink are compositions")
    func nodeNames() throws {
        let x = try Variable(Tensor([-1.0, 2.0]), requiresGrad: true)
        let names: [(PointwiseActivation, String)] = [
            (.hardtanh(min: 0, max: 6), "HardtanhBackward0"), (.selu, "EluBackward0"), (.celu(alpha: 1), "CeluBackward0"),
            (.logSigmoid, "LogSigmoidBackward0"), (.softsign, "DivBackward0"), (.hardswish, "HardswishBackward0"),
            (.hardsigmoid, "HardsigmoidBackward0"), (.tanhshrink, "SubBackward0"), (.softshrink(lambd: 0.5), "SoftshrinkBackward0"),
            (.hardshrink(lambd: 0.5), "HardshrinkBackward0"), (.threshold(threshold: 0, value: 0), "ThresholdBackward0"),
        ]
        for (function, name) in names { #expect(try Functional.pointwise(x, function).gradFn?.name == name) }
        #expect(try Functional.pointwise(x.mul(1), .selu, inPlace: true).gradFn?.name == "EluBackward1")
        #expect(try Functional.pointwise(x.mul(1), .threshold(threshold: 0, value: 0), inPlace: true).gradFn?.name == "ThresholdBackward1")
    }

    @Test("softshrink's zeros: +0 where PyTorch's kernel runs whole vector pairs, x·0 in the tail")
    func softshrinkZeroSigns() throws {
        let out = try Activation.pointwise(.softshrink(lambd: 0.5)).apply(Tensor([Double](repeating: -0.25, count: 9)))
        let signs = (out.float64Scalars ?? []).map { $0.sign }
        #expect(signs == [FloatingPointSign](repeating: .plus, count: 8) + [.minus])
        let short = try Activation.pointwise(.softshrink(lambd: 0.5)).apply(Tensor([Float(-0.25), 0.25, .nan]))
        #expect(short.float32Scalars?[0].sign == .minus && short.float32Scalars?[1] == 0 && short.float32Scalars?[2].isNaN == true)
    }

    @Test("GLU: a·σ(b) of the halves and its gradient (PyTorch: [0.5, 1.9051], grad [0.5, 0.9526, 0.25, 0.0904])")
    func glu() throws {
        let x = try Variable(Tensor([1.0, 2.0, 0.0, 3.0]), requiresGrad: true)
        let y = try Functional.glu(x)
        #expect(y.gradFn?.name == "GluBackward0")
        try y.sum().backward()
        let expectedValues = [0.5, 1.9051482536448667], expectedGradient = [0.5, 0.9525741268224334, 0.25, 0.090353319461824]
        for (a, b) in zip(y.data.scalars, expectedValues) { #expect(agrees(a, b, tolerance: 2e-16)) }
        for (a, b) in zip(x.grad?.scalars ?? [], expectedGradient) { #expect(agrees(a, b, tolerance: 2e-16), "\(a) vs \(b)") }
        #expect(throws: AutogradError.self) { try Functional.glu(Variable(Tensor([1.0, 2.0, 3.0]), requiresGrad: true)) }
    }
}
