import ConvNumerics

/// What `explain shape model(L=64)` and `explain shape model` show: the length (and channels)
/// after each layer of a model, each with its formula and numbers, and the first layer that
/// would refuse the input, and why. Works from the layers' settings alone, without data.
struct ShapeWalk {
    /// A layer with its place in the model (`3`, or `3.1` inside a nested Sequential).
    struct Entry {
        var path: String
        var layer: Layer
    }

    var modelName: String
    var entries: [Entry]

    /// Every non-Sequential layer of `layer` in the order data flows through them.
    init(_ layer: Layer) {
        modelName = layer.typeName
        var entries: [Entry] = []
        func collect(_ layer: Layer, path: String) {
            guard case .sequential(let model) = layer else { entries.append(Entry(path: path, layer: layer)); return }
            for (index, inner) in model.layers.enumerated() {
                collect(inner, path: path.isEmpty ? "\(index)" : "\(path).\(index)")
            }
        }
        if case .sequential = layer { collect(layer, path: "") } else { entries.append(Entry(path: "0", layer: layer)) }
        self.entries = entries
    }

    private typealias N = ExplanationNumbers

    // MARK: - One layer

    /// The input channels a layer needs, or `nil` when it takes any number.
    static func inChannels(of layer: Layer) -> Int? {
        switch layer {
        case .conv1d(let conv): conv.inChannels
        case .convTranspose1d(let conv): conv.inChannels
        default: nil
        }
    }

    /// The channels a layer gives, from the channels it gets.
    static func outChannels(of layer: Layer, given channels: Int?) -> Int? {
        switch layer {
        case .conv1d(let conv): conv.outChannels
        case .convTranspose1d(let conv): conv.outChannels
        default: channels
        }
    }

    /// The length a layer gives for input length `length`, or the reason it refuses it.
    static func length(after layer: Layer, input length: Int) -> Result<Int, LayerRefusal> {
        do {
            switch layer {
            case .conv1d(let conv):
                return .success(try Convolution.outputLength(inputLength: length, kernelSize: conv.kernelSize, parameters: conv.parameters))
            case .convTranspose1d(let conv):
                return .success(try ConvolutionTranspose.outputLength(inputLength: length, kernelSize: conv.kernelSize,
                                                                      parameters: conv.parameters))
            case .pooling(let pool):
                return .success(pool.kind == .max
                    ? try Pooling.maxPoolOutputLength(inputLength: length, parameters: pool.parameters)
                    : try Pooling.avgPoolOutputLength(inputLength: length, parameters: pool.parameters))
            case .activation, .sequential:
                return .success(length)
            }
        } catch let error as CustomStringConvertible {
            return .failure(LayerRefusal(message: error.description))
        } catch {
            return .failure(LayerRefusal(message: "\(error)"))
        }
    }

    struct LayerRefusal: Error { var message: String }

    /// The layer's length formula with `input` for its input length (a number or `L0`), or
    /// `nil` for layers that keep the length.
    static func formula(of layer: Layer, input: String, output: String, inputLength: Int?) -> String? {
        switch layer {
        case .conv1d(let conv):
            guard let (left, right) = try? Convolution.resolvedPadding(conv.parameters, kernelSize: conv.kernelSize) else { return nil }
            let p = conv.parameters
            return LengthFormula(inputLength: inputLength ?? 0, left: left, right: right, kernelSize: conv.kernelSize,
                                 stride: p.stride, dilation: p.dilation).written(input: input, output: output)
        case .convTranspose1d(let conv):
            let p = conv.parameters
            return "\(output) = (\(input)−1)·\(p.stride) − 2·\(p.padding) + \(p.dilation)·(\(conv.kernelSize)−1) + \(p.outputPadding) + 1"
        case .pooling(let pool):
            let p = pool.parameters
            return LengthFormula(inputLength: inputLength ?? 0, left: p.padding, right: p.padding, kernelSize: p.kernelSize,
                                 stride: p.effectiveStride, dilation: pool.kind == .max ? p.dilation : 1,
                                 ceilMode: p.ceilMode).written(input: input, output: output)
        case .activation, .sequential:
            return nil
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

    /// The formula reduced to `L0 − 2` or `2·L0 + 1` when the layer's stride is 1 (or it is a
    /// transposed conv, which is linear in L), else `nil`.
    static func simplified(_ layer: Layer, input: String) -> String? {
        func linear(_ factor: Int, _ offset: Int?) -> String? {
            guard let offset, offset != Int.min else { return nil }
            let scaled = factor == 1 ? input : "\(factor)·\(input)"
            return offset == 0 ? scaled : scaled + (offset < 0 ? " − \(-offset)" : " + \(offset)")
        }
        switch layer {
        case .conv1d(let conv):
            let p = conv.parameters
            guard p.stride == 1, let (left, right) = try? Convolution.resolvedPadding(p, kernelSize: conv.kernelSize) else { return nil }
            return linear(1, linearSum([(1, left), (1, right), (-p.dilation, conv.kernelSize - 1)]))
        case .convTranspose1d(let conv):
            let p = conv.parameters
            return linear(p.stride, linearSum([(-1, p.stride), (-2, p.padding), (p.dilation, conv.kernelSize - 1),
                                               (1, p.outputPadding), (1, 1)]))
        case .pooling(let pool):
            let p = pool.parameters
            guard p.effectiveStride == 1 else { return nil }
            return linear(1, linearSum([(2, p.padding), (-(pool.kind == .max ? p.dilation : 1), p.kernelSize - 1)]))
        case .activation, .sequential:
            return nil
        }
    }

    // MARK: - The walk

    /// Where a walk stops.
    struct Outcome {
        var lengths: [Int]
        var channels: Int?
        /// The entry that refuses, and why.
        var failure: (index: Int, reason: String, channelMismatch: Bool)?
    }

    /// Runs the lengths through every layer, stopping at the first refusal.
    func walk(length: Int, channels: Int?) -> Outcome {
        var outcome = Outcome(lengths: [length], channels: channels)
        var current = length
        for (index, entry) in entries.enumerated() {
            if let needed = Self.inChannels(of: entry.layer), let have = outcome.channels, needed != have {
                let from = index == 0 ? "the input has" : "layer \(entries[index - 1].path) gives"
                outcome.failure = (index, "it expects \(N.count(needed, "input channel")) but \(from) \(have)", true)
                return outcome
            }
            switch Self.length(after: entry.layer, input: current) {
            case .success(let next):
                current = next
                outcome.lengths.append(next)
                outcome.channels = Self.outChannels(of: entry.layer, given: outcome.channels)
            case .failure(let refusal):
                outcome.failure = (index, refusal.message, false)
                return outcome
            }
        }
        return outcome
    }

    /// The shortest input length every layer accepts (searched up to 65 536), or `nil`.
    func shortestAcceptedLength(channels: Int?) -> Int? {
        (1...65_536).first { walk(length: $0, channels: channels).failure == nil }
    }

    /// The channels the input needs: the first layer that fixes them decides.
    var inputChannels: Int? {
        for entry in entries { if let needed = Self.inChannels(of: entry.layer) { return needed } }
        return nil
    }
}

extension ShapeWalk {
    private static func shape(_ channels: Int?, _ length: Int) -> String {
        (channels.map { N.count($0, "channel") } ?? "any channels") + " × \(length)"
    }

    private var layerCount: String { N.count(entries.count, "layer") }

    /// The walk for an input of `length` samples and `channels` channels (`nil`: whatever the
    /// first layer needs), as text.
    func render(length: Int, channels given: Int?, batch: Int? = nil) -> String {
        let channels = given ?? inputChannels
        let outcome = walk(length: length, channels: channels)
        let batchText = batch.map { ", a batch of \($0)" } ?? ""
        var lines = ["explain shape \(modelName): \(layerCount), input \(Self.shape(channels, length))\(batchText)"]
        var lengthIn = length
        var channelsIn = channels
        for (index, entry) in entries.enumerated() {
            lines.append("  (\(entry.path)) \(entry.layer.description)")
            if let failure = outcome.failure, failure.index == index {
                if !failure.channelMismatch, let formula = Self.formula(of: entry.layer, input: "\(lengthIn)", output: "L_out", inputLength: lengthIn) {
                    lines.append("      " + formula + (Self.rawValue(entry.layer, input: lengthIn).map { " = \($0)" } ?? ""))
                }
                lines.append("      fails here: " + failure.reason)
                break
            }
            let next = outcome.lengths[index + 1]
            let channelsOut = Self.outChannels(of: entry.layer, given: channelsIn)
            if let formula = Self.formula(of: entry.layer, input: "\(lengthIn)", output: "L_out", inputLength: lengthIn) {
                lines.append("      \(formula) = \(next)")
            } else {
                lines.append("      the length is unchanged")
            }
            lines.append("      → \(Self.shape(channelsOut, next))")
            (lengthIn, channelsIn) = (next, channelsOut)
        }
        lines.append(closingLine(outcome, length: length, channels: channels, finalLength: lengthIn))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Which layer refuses an input of `length` and what would help, or the output shape and
    /// how the length changes through the model.
    private func closingLine(_ outcome: Outcome, length: Int, channels: Int?, finalLength: Int) -> String {
        guard let failure = outcome.failure else {
            return "output: \(Self.shape(outcome.channels, finalLength)); the length goes "
                + outcome.lengths.map(String.init).joined(separator: " → ")
        }
        let entry = entries[failure.index]
        var sentence = "the model cannot take an input of length \(length): layer \(entry.path) (\(entry.layer.typeName)) fails"
        if failure.channelMismatch {
            sentence += "; no input length helps, the channels must match"
        } else if let shortest = shortestAcceptedLength(channels: channels) {
            sentence += "; the shortest input every layer accepts is L=\(shortest)"
        }
        return sentence
    }

    /// The formula's value even when it is below 1 (so a failure shows the number that fails).
    private static func rawValue(_ layer: Layer, input length: Int) -> Int? {
        switch layer {
        case .conv1d(let conv):
            guard let (left, right) = try? Convolution.resolvedPadding(conv.parameters, kernelSize: conv.kernelSize) else { return nil }
            return LengthFormula(inputLength: length, left: left, right: right, kernelSize: conv.kernelSize,
                                 stride: conv.parameters.stride, dilation: conv.parameters.dilation).value
        case .convTranspose1d(let conv):
            let p = conv.parameters
            return linearSum([(length - 1, p.stride), (-2, p.padding), (p.dilation, conv.kernelSize - 1), (1, p.outputPadding), (1, 1)])
        case .pooling(let pool):
            let p = pool.parameters
            return LengthFormula(inputLength: length, left: p.padding, right: p.padding, kernelSize: p.kernelSize,
                                 stride: p.effectiveStride, dilation: pool.kind == .max ? p.dilation : 1, ceilMode: p.ceilMode).value
        case .activation, .sequential:
            return nil
        }
    }

    /// The walk without an input length: each layer's formula in terms of the length it gets.
    func renderSymbolic() -> String {
        var lines = ["explain shape \(modelName): \(layerCount); L0 is the input's length, Ln the length after the n-th layer"]
        var channels = inputChannels
        lines.append("  input: " + (channels.map { N.count($0, "channel") } ?? "any channels") + " × L0")
        for (index, entry) in entries.enumerated() {
            let input = "L\(index)", output = "L\(index + 1)"
            lines.append("  (\(entry.path)) \(entry.layer.description)")
            if let formula = Self.formula(of: entry.layer, input: input, output: output, inputLength: nil) {
                lines.append("      " + formula + (Self.simplified(entry.layer, input: input).map { " = \($0)" } ?? ""))
            } else {
                lines.append("      \(output) = \(input) (the length is unchanged)")
            }
            let next = Self.outChannels(of: entry.layer, given: channels)
            if let needed = Self.inChannels(of: entry.layer), let have = channels, needed != have {
                lines.append("      fails for any length: it expects \(N.count(needed, "input channel")) but gets \(have)")
                return lines.joined(separator: "\n") + "\n"
            }
            if next != channels, let next { lines.append("      channels: \(channels.map(String.init) ?? "any") → \(next)") }
            channels = next
        }
        if let shortest = shortestAcceptedLength(channels: inputChannels) {
            let outcome = walk(length: shortest, channels: inputChannels)
            lines.append("the shortest input every layer accepts: L0 = \(shortest) (lengths "
                + outcome.lengths.map(String.init).joined(separator: " → ") + ")")
        } else {
            lines.append("no input length up to 65536 passes every layer")
        }
        lines.append("explain shape model(L=64) shows the numbers for one input length")
        return lines.joined(separator: "\n") + "\n"
    }
}
