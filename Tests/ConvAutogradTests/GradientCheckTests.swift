import Testing
import ConvNumerics
import ConvAutograd
import TestSupport

/// A property: for random compositions of the differentiable operations (seeded, float64),
/// every leaf's gradient agrees with central differences of the scalar output.
@Suite("Gradients against central differences")
struct GradientCheckTests {
    /// One step of a random program, applied to the running `(N, C, L)` variable.
    enum Step: CaseIterable {
        case conv, transposedConv, maxPool, avgPool, sigmoid, tanh, gelu, softmax, logSoftmax,
             leakyReLU, scale, square, broadcastMul, divide, sliceAndCat, permuteBack, linear, padReflect,
             inPlaceArithmetic, inPlaceClamp, inPlaceItems, extremes, spread, product, maximum, sorted, median, rearranged,
             repeated, trigonometry, matrixProduct, selectedWhere
    }

    @Test("200 random compositions: analytic gradients match central differences within 1e-6")
    func randomCompositions() throws {
        var random = SplitMix64(seed: 0xA07_06AD)
        var checked = 0
        for trial in 0..<200 {
            let steps = (0..<random.int(in: 1...4)).map { _ in random.pick(Step.allCases) }
            let channels = random.int(in: 1...3) * (random.chance(0.5) ? 2 : 1)
            let input = randomTensor([random.int(in: 1...2), channels, random.int(in: 6...10)], &random)
            var program = Program(steps: steps, random: random)
            let leaves = try program.leaves(for: input)
            random = program.random
            // The gradient of Σ out · weights, weights fixed per trial.
            let out = try program.run(leaves)
            let weights = randomTensor(out.shape, &random)
            try out.mul(Variable(weights)).sum().backward()
            for (index, leaf) in leaves.enumerated() {
                let analytic = leaf.grad?.scalars ?? []
                let numeric = try numericGradient(program, leaves, index, weights)
                #expect(analytic.count == numeric.count, "trial \(trial) \(steps)")
                let scale = Swift.max(numeric.map { Swift.abs($0) }.max() ?? 0, 1)
                for (a, n) in zip(analytic, numeric) {
                    #expect(Swift.abs(a - n) <= 1e-6 * scale, "trial \(trial) \(steps) leaf \(index): \(a) vs \(n)")
                }
                checked += 1
            }
        }
        // Most trials have a weight or two besides the input.
        #expect(checked >= 300)
    }

    private func randomTensor(_ shape: [Int], _ random: inout SplitMix64) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, scalars: (0..<count).map { _ in Double.random(in: -2...2, using: &random) }) ?? Tensor([0.0])
    }

    /// `∂/∂leaf[i] Σ out·weights` by central differences with step 1e-6.
    private func numericGradient(_ program: Program, _ leaves: [Variable], _ index: Int, _ weights: Tensor) throws -> [Double] {
        let base = leaves[index].data
        var values = base.scalars
        var result: [Double] = []
        let h = 1e-6
        for i in values.indices {
            let original = values[i]
            var sides: [Double] = []
            for delta in [h, -h] {
                values[i] = original + delta
                var moved = try leaves.map { try Variable($0.data) }
                moved[index] = try Variable(Tensor(shape: base.shape, scalars: values) ?? base)
                let out = try GradMode.withNoGrad { try program.run(moved) }
                sides.append(zip(out.data.scalars, weights.scalars).reduce(0) { $0 + $1.0 * $1.1 })
            }
            values[i] = original
            result.append((sides[0] - sides[1]) / (2 * h))
        }
        return result
    }
}

/// A random program: the steps, with the extra leaves (weights) and settings each one drew.
struct Program {
    let steps: [GradientCheckTests.Step]
    var random: SplitMix64
    /// Per step: the settings drawn (stride, dilation, …) and the leaf indices it uses.
    private var settings: [[Int]] = []

    init(steps: [GradientCheckTests.Step], random: SplitMix64) {
        self.steps = steps
        self.random = random
    }

    /// The input and every weight the steps need, as leaves requiring grad; draws each step's
    /// settings from the running shape.
    mutating func leaves(for input: Tensor) throws -> [Variable] {
        var tensors = [input]
        var shape = input.shape
        for step in steps {
            var drawn: [Int] = []
            let (channels, length) = (shape[1], shape[2])
            switch step {
            case .conv:
                let groups = channels % 2 == 0 && random.chance(0.5) ? 2 : 1
                let out = groups * random.int(in: 1...2)
                let (k, stride, dilation) = (random.int(in: 1...3), random.int(in: 1...2), random.int(in: 1...2))
                let padding = random.int(in: 0...2)
                guard (length + 2 * padding - dilation * (k - 1) - 1) / stride + 1 >= 3 else { drawn = [-1]; break }
                tensors.append(draw([out, channels / groups, k]))
                tensors.append(draw([out]))
                drawn = [tensors.count - 2, stride, padding, dilation, groups]
                shape = [shape[0], out, (length + 2 * padding - dilation * (k - 1) - 1) / stride + 1]
            case .transposedConv:
                let (out, k, stride) = (random.int(in: 1...2), random.int(in: 1...3), random.int(in: 1...2))
                guard length <= 12 else { drawn = [-1]; break }
                tensors.append(draw([channels, out, k]))
                drawn = [tensors.count - 1, stride]
                shape = [shape[0], out, (length - 1) * stride + k]
            case .linear:
                let out = random.int(in: 1...3)
                tensors.append(draw([out, length]))
                tensors.append(draw([out]))
                drawn = [tensors.count - 2]
                shape = [shape[0], channels, out]
            case .matrixProduct:
                let out = random.int(in: 1...3)
                tensors.append(draw([length, out]))
                drawn = [tensors.count - 1]
                shape = [shape[0], channels, out]
            case .repeated:
                shape = [shape[0], channels, length * 2]
            case .spread:
                // One element along a dimension has no unbiased spread (PyTorch's NaN).
                if length < 2 { drawn = [-1] }
            case .broadcastMul, .divide, .inPlaceArithmetic, .maximum, .selectedWhere:
                tensors.append(draw([1, channels, 1]))
                drawn = [tensors.count - 1]
            case .maxPool, .avgPool:
                guard length >= 4 else { drawn = [-1]; break }
                drawn = [random.int(in: 2...3), random.int(in: 1...2), random.chance(0.5) ? 1 : 0]
                let (k, s) = (drawn[0], drawn[1])
                let pad = drawn[2] == 1 && k >= 2 ? 1 : 0
                drawn[2] = pad
                shape = [shape[0], channels, (length + 2 * pad - k) / s + 1]
            case .sliceAndCat:
                shape = [shape[0], channels, length - 1 + (length + 1) / 2]
            case .padReflect:
                shape = [shape[0], channels, length + 2]
            default:
                break
            }
            settings.append(drawn)
        }
        return try tensors.map { try Variable($0, requiresGrad: true) }
    }

    private mutating func draw(_ shape: [Int]) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, scalars: (0..<count).map { _ in Double.random(in: -1...1, using: &random) }) ?? Tensor([0.0])
    }

    /// The program on `leaves` (input first, then the weights in drawing order).
    func run(_ leaves: [Variable]) throws -> Variable {
        var x = leaves[0]
        for (step, drawn) in zip(steps, settings) where drawn.first != -1 {
            switch step {
            case .conv:
                let parameters = ConvolutionParameters(
                    stride: drawn[1], padding: .symmetric(drawn[2]), dilation: drawn[3], groups: drawn[4])
                x = try Functional.conv1d(x, leaves[drawn[0]], leaves[drawn[0] + 1], parameters: parameters)
            case .transposedConv:
                x = try Functional.convTranspose1d(x, leaves[drawn[0]], nil, parameters: ConvolutionTransposeParameters(stride: drawn[1]))
            case .maxPool:
                x = try Functional.maxPool1d(x, parameters: PoolingParameters(kernelSize: drawn[0], stride: drawn[1], padding: drawn[2]))
            case .avgPool:
                x = try Functional.avgPool1d(
                    x, parameters: PoolingParameters(kernelSize: drawn[0], stride: drawn[1], padding: drawn[2], countIncludePad: false))
            case .sigmoid: x = try x.sigmoid()
            case .tanh: x = try x.tanh()
            case .gelu: x = try Functional.gelu(x, tanhApproximation: false)
            case .softmax: x = try x.softmax(dim: 1)
            case .logSoftmax: x = try x.logSoftmax(dim: -1)
            case .leakyReLU: x = try Functional.leakyReLU(x, negativeSlope: 0.1)
            case .scale: x = try x.mul(1.5).sub(0.25)
            case .square: x = try x.pow(2).mean(dims: [2], keepDimensions: true).add(x)
            case .broadcastMul: x = try x.mul(leaves[drawn[0]])
            case .divide: x = try x.div(leaves[drawn[0]].pow(2).add(1))
            case .sliceAndCat:
                x = try Functional.cat([x.slice(dim: 2, start: 1), x.slice(dim: 2, step: 2)], dim: 2)
            case .permuteBack: x = try x.permute([2, 0, 1]).permute([1, 2, 0])
            case .linear: x = try Functional.linear(x, leaves[drawn[0]], leaves[drawn[0] + 1])
            case .padReflect: x = try Functional.pad(x, left: 1, right: 1, mode: .reflect)
            case .inPlaceArithmetic:
                let w = leaves[drawn[0]]
                x = try fresh(x).inPlace { y throws(AutogradError) in try y.mul(w) }.inPlace { y throws(AutogradError) in try y.add(0.5) }
            case .inPlaceClamp:
                x = try fresh(x).inPlace { y throws(AutogradError) in try y.clamp(min: -0.5, max: 0.75) }
            case .extremes:
                x = try x.add(x.max(dim: 2, keepDimensions: true).values).sub(x.min()).add(x.min(dim: 1).values.unsqueeze(1))
                    .add(x.amax(dims: [1, 2], keepDimensions: true)).sub(x.amin())
            case .spread:
                x = try x.mul(x.std(dims: [2], keepDimensions: true)).add(x.variance(dims: [0, 1], correction: 0, keepDimensions: true))
                    .add(x.std())
            case .product: x = try x.tanh().mul(x.tanh().prod(dim: 2, keepDimensions: true)).add(x.div(4).prod())
            case .maximum: x = try x.maximum(leaves[drawn[0]]).add(x.minimum(leaves[drawn[0]].mul(-1)))
            case .sorted: x = try x.taken(along: 2, indices: sortOrder(x.data), name: "SortBackward0").mul(x)
            case .median:
                let values = x.data.scalars.sorted()
                x = try x.add(x.chosen(Tensor(scalar: values[(values.count - 1) / 2]), name: "MedianBackward0"))
            case .rearranged:
                x = try x.flip([1, -1]).add(x.sum(dims: [1], keepDimensions: true).expand(x.shape)).add(x.clone().neg())
            case .repeated: x = try x.repeated([1, 1, 2]).add(0.5)
            case .selectedWhere:
                // The mask is drawn from the values, as `torch.where(x > 0, x * w, -x)` reads them.
                let mask = Tensor(shape: x.shape, scalars: x.data.scalars.map { $0 > 0 ? 1.0 : 0.0 }) ?? x.data
                x = try x.mul(leaves[drawn[0]]).selected(where: mask, otherwise: x.neg())
            case .matrixProduct:
                // A batch of matrices times a matrix, and each row's dot product with itself.
                x = try x.matmul(leaves[drawn[0]])
                x = try x.add(x.select(dim: 0, index: 0).select(dim: 0, index: 0).matmul(x.select(dim: 0, index: 0).select(dim: 0, index: 0)))
            case .trigonometry: x = try x.sin().mul(x.cos()).add(x.round())
            case .inPlaceItems:
                // `x[:, :, 0] = 2 * x[:, :, -1]` (CopySlices).
                let (n, c, l) = (x.shape[0], x.shape[1], x.shape[2])
                let last = try x.slice(dim: 2, start: l - 1).mul(2)
                let offsets = (0..<(n * c)).map { $0 * l }
                x = try fresh(x).inPlace { y throws(AutogradError) in try y.settingItems(at: offsets, selection: [n, c, 1], to: last) }
            }
        }
        return x
    }

    /// The positions that sort each line of `t` along its last dimension, as int64.
    private func sortOrder(_ t: Tensor) -> Tensor {
        let length = t.shape.last ?? 1
        let values = t.scalars
        var order: [Int64] = []
        for start in stride(from: 0, to: values.count, by: Swift.max(length, 1)) {
            order += (0..<length).sorted { values[start + $0] < values[start + $1] }.map(Int64.init)
        }
        return Tensor(shape: t.shape, scalars: order) ?? t
    }

    /// `x * 1`: a tensor no node saved, which an in-place step may change (changing a leaf that
    /// requires grad, or an output a node saved such as softmax's, is refused as in PyTorch).
    private func fresh(_ x: Variable) throws -> Variable {
        try x.mul(1)
    }
}
