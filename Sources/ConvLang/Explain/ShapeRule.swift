import ConvNumerics

/// How a layer changes the shape of what flows through it, worked out from its settings alone:
/// what `explain shape` walks through a model without any data.
struct ShapeRule {
    /// The input channels the layer needs, or `nil` when it takes any number.
    var inChannels: Int?
    /// The channels it gives, or `nil` when it gives the channels it gets.
    var outChannels: Int?
    /// How it changes the length, or `nil` when it keeps it.
    var length: (any LengthRule)?
    /// For a layer that works on the whole shape (`Flatten`, `Linear`, ...): what it does,
    /// in place of the channels and length above.
    var change: ShapeChange?

    /// Channels and length pass through unchanged (activations, `Identity`, ...).
    static var unchanged: ShapeRule { ShapeRule() }

    /// A layer that works on the whole shape.
    static func changing(_ change: ShapeChange) -> ShapeRule { ShapeRule(change: change) }

    /// The channels the layer gives when it gets `channels`.
    func outChannels(given channels: Int?) -> Int? { outChannels ?? channels }
}

/// Why a layer refuses an input length.
struct LayerRefusal: Error { var message: String }

/// A layer's output length as a function of its input length, with the formula people read.
protocol LengthRule {
    /// The output length for an input of `length`, or why the layer refuses it.
    func outputLength(_ length: Int) -> Result<Int, LayerRefusal>
    /// The formula with `input` standing for the input length (a number or `L0`) and `output`
    /// for the result, or `nil` when the settings do not give one.
    func formula(input: String, output: String, inputLength: Int?) -> String?
    /// The formula reduced to `L0 − 2` or `2·L0 + 1` when it is linear in the length, else `nil`.
    func simplified(input: String) -> String?
    /// The formula's value even when it is below 1 (so a failure shows the number that fails).
    func rawValue(input length: Int) -> Int?
}

extension LengthRule {
    /// Runs a length computation from ConvNumerics, turning its refusal into a ``LayerRefusal``.
    static func refusal(_ compute: () throws -> Int) -> Result<Int, LayerRefusal> {
        do {
            return .success(try compute())
        } catch let error as CustomStringConvertible {
            return .failure(LayerRefusal(message: error.description))
        } catch {
            return .failure(LayerRefusal(message: "\(error)"))
        }
    }

    /// `Σ aᵢ·bᵢ`, or `nil` when any step overflows (layer settings can be huge).
    static func linearSum(_ terms: [(Int, Int)]) -> Int? {
        var total = 0
        for (a, b) in terms {
            let product = a.multipliedReportingOverflow(by: b)
            guard !product.overflow else { return nil }
            let sum = total.addingReportingOverflow(product.partialValue)
            guard !sum.overflow else { return nil }
            total = sum.partialValue
        }
        return total
    }

    /// `factor·input + offset` written as people write it: `L0 − 2`, `2·L0 + 1`.
    static func linear(_ factor: Int, _ input: String, _ offset: Int?) -> String? {
        guard let offset, offset != Int.min else { return nil }
        let scaled = factor == 1 ? input : "\(factor)·\(input)"
        return offset == 0 ? scaled : scaled + (offset < 0 ? " − \(-offset)" : " + \(offset)")
    }
}

/// A kernel or window sliding over the input, as in convolution and pooling:
/// `L_out = ⌊(L + left + right − d·(k−1) − 1) / s⌋ + 1` (or with ceil).
struct WindowLength: LengthRule {
    /// The padding on each side, or `nil` when the settings cannot be resolved (the length
    /// computation then says why).
    var padding: (left: Int, right: Int)?
    var kernelSize: Int
    var stride: Int
    var dilation: Int
    var ceilMode = false
    /// The layer's own length computation, whose refusal explains a failure.
    var compute: (Int) throws -> Int

    func outputLength(_ length: Int) -> Result<Int, LayerRefusal> { Self.refusal { try compute(length) } }

    private func lengthFormula(_ inputLength: Int) -> LengthFormula? {
        padding.map { LengthFormula(inputLength: inputLength, left: $0.left, right: $0.right, kernelSize: kernelSize,
                                    stride: stride, dilation: dilation, ceilMode: ceilMode) }
    }

    func formula(input: String, output: String, inputLength: Int?) -> String? {
        lengthFormula(inputLength ?? 0)?.written(input: input, output: output)
    }

    func simplified(input: String) -> String? {
        guard stride == 1, let padding else { return nil }
        return Self.linear(1, input, Self.linearSum([(1, padding.left), (1, padding.right), (-dilation, kernelSize - 1)]))
    }

    func rawValue(input length: Int) -> Int? { lengthFormula(length)?.value }
}

/// A transposed convolution: `L_out = (L−1)·s − 2·p + d·(k−1) + output_padding + 1`.
struct TransposedLength: LengthRule {
    var kernelSize: Int
    var settings: ConvolutionTransposeParameters

    func outputLength(_ length: Int) -> Result<Int, LayerRefusal> {
        Self.refusal { try ConvolutionTranspose.outputLength(inputLength: length, kernelSize: kernelSize, parameters: settings) }
    }

    func formula(input: String, output: String, inputLength: Int?) -> String? {
        let p = settings
        return "\(output) = (\(input)−1)·\(p.stride) − 2·\(p.padding) + \(p.dilation)·(\(kernelSize)−1) + \(p.outputPadding) + 1"
    }

    func simplified(input: String) -> String? {
        let p = settings
        return Self.linear(p.stride, input, Self.linearSum([(-1, p.stride), (-2, p.padding), (p.dilation, kernelSize - 1),
                                                            (1, p.outputPadding), (1, 1)]))
    }

    func rawValue(input length: Int) -> Int? {
        let p = settings
        return Self.linearSum([(length - 1, p.stride), (-2, p.padding), (p.dilation, kernelSize - 1), (1, p.outputPadding),
                               (1, 1)])
    }
}
