import ConvNumerics

/// What `explain shape model(L=64)` and `explain shape model` show: the length (and channels)
/// after each layer of a model, each with its formula and numbers, and the first layer that
/// would refuse the input, and why. Works from the layers' settings alone, without data.
struct ShapeWalk {
    /// A layer with its place in the model (`3`, or `3.1` inside a nested Sequential).
    struct Entry {
        var path: String
        var layer: any Module
        /// Worked out once: a walk may try thousands of lengths.
        var rule: ShapeRule

        init(path: String, layer: any Module) {
            (self.path, self.layer, rule) = (path, layer, layer.shapeRule)
        }
    }

    var modelName: String
    var entries: [Entry]

    /// Every layer of `layer` that is not itself a model of layers, in the order data flows through them.
    init(_ layer: any Module) {
        modelName = layer.typeName
        var entries: [Entry] = []
        func collect(_ layer: any Module, path: String) {
            guard let model = layer as? any ModuleSequence else { entries.append(Entry(path: path, layer: layer)); return }
            for (index, inner) in model.layers.enumerated() {
                collect(inner, path: path.isEmpty ? "\(index)" : "\(path).\(index)")
            }
        }
        if layer is any ModuleSequence { collect(layer, path: "") } else { entries.append(Entry(path: "0", layer: layer)) }
        self.entries = entries
    }

    private typealias N = ExplanationNumbers

    // MARK: - The walk

    /// Where a walk stops.
    struct Outcome {
        var lengths: [Int]
        var channels: Int?
        /// The shape before the first layer and after each layer that passed.
        var shapes: [WalkShape]
        /// The entry that refuses, and why.
        var failure: (index: Int, reason: String, channelMismatch: Bool)?
    }

    /// Runs the lengths through every layer, stopping at the first refusal; `batch` is the
    /// batch a refusal in PyTorch's words names (1 unless given).
    func walk(length: Int, channels: Int?, batch: Int = 1) -> Outcome {
        var shape = WalkShape(channels: channels, length: length)
        var outcome = Outcome(lengths: [length], channels: channels, shapes: [shape])
        for (index, entry) in entries.enumerated() {
            switch step(entry.rule, shape, index: index, batch: batch) {
            case .success(let next):
                shape = next
                outcome.lengths.append(next.length)
                outcome.shapes.append(next)
                outcome.channels = next.channels
            case .failure(let refusal):
                outcome.failure = (index, refusal.reason, refusal.channelMismatch)
                return outcome
            }
        }
        return outcome
    }

    private struct StepRefusal: Error {
        var reason: String
        var channelMismatch: Bool
    }

    /// One layer's step from `shape`.
    private func step(_ rule: ShapeRule, _ shape: WalkShape, index: Int, batch: Int) -> Result<WalkShape, StepRefusal> {
        if let change = rule.change {
            return change.apply(shape, batch).mapError { StepRefusal(reason: $0.message, channelMismatch: false) }
        }
        if shape.flat, rule.length != nil || rule.inChannels != nil {
            return .failure(StepRefusal(reason: "it slides over channels × length, but a Flatten before it made one row of "
                                        + "\(N.count(shape.length, "feature"))", channelMismatch: true))
        }
        if let needed = rule.inChannels, let have = shape.channels, needed != have {
            let from = index == 0 ? "the input has" : "layer \(entries[index - 1].path) gives"
            return .failure(StepRefusal(reason: "it expects \(N.count(needed, "input channel")) but \(from) \(have)", channelMismatch: true))
        }
        switch rule.length?.outputLength(shape.length) ?? .success(shape.length) {
        case .success(let next): return .success(WalkShape(channels: rule.outChannels(given: shape.channels), length: next, flat: shape.flat))
        case .failure(let refusal): return .failure(StepRefusal(reason: refusal.message, channelMismatch: false))
        }
    }

    /// The shortest input length every layer accepts (searched up to 65 536), or `nil`.
    func shortestAcceptedLength(channels: Int?) -> Int? {
        (1...65_536).first { walk(length: $0, channels: channels).failure == nil }
    }

    /// The channels the input needs: the first layer that fixes them decides.
    var inputChannels: Int? {
        for entry in entries { if let needed = entry.rule.inChannels { return needed } }
        return nil
    }
}

extension ShapeWalk {
    private static func shape(_ channels: Int?, _ length: Int) -> String {
        (channels.map { N.count($0, "channel") } ?? "any channels") + " × \(length)"
    }

    private static func shape(_ shape: WalkShape) -> String {
        shape.flat ? N.count(shape.length, "feature") + " in one row" : Self.shape(shape.channels, shape.length)
    }

    private var layerCount: String { N.count(entries.count, "layer") }

    /// The walk for an input of `length` samples and `channels` channels (`nil`: whatever the
    /// first layer needs), as text.
    func render(length: Int, channels given: Int?, batch: Int? = nil) -> String {
        let channels = given ?? inputChannels
        let outcome = walk(length: length, channels: channels, batch: batch ?? 1)
        let batchText = batch.map { ", a batch of \($0)" } ?? ""
        var lines = ["explain shape \(modelName): \(layerCount), input \(Self.shape(channels, length))\(batchText)"]
        for (index, entry) in entries.enumerated() {
            let rule = entry.rule
            let before = outcome.shapes[index]
            lines.append("  (\(entry.path)) \(entry.layer.description)")
            let formula = rule.change == nil ? rule.length?.formula(input: "\(before.length)", output: "L_out", inputLength: before.length) : nil
            if let failure = outcome.failure, failure.index == index {
                if !failure.channelMismatch, let formula {
                    lines.append("      " + formula + (rule.length?.rawValue(input: before.length).map { " = \($0)" } ?? ""))
                }
                lines.append("      fails here: " + failure.reason)
                break
            }
            let after = outcome.shapes[index + 1]
            if let change = rule.change {
                lines.append("      " + change.describe(before, after))
            } else if let formula {
                lines.append("      \(formula) = \(after.length)")
            } else {
                lines.append("      the length is unchanged")
            }
            lines.append("      → \(Self.shape(after))")
        }
        lines.append(closingLine(outcome, length: length, channels: channels))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Which layer refuses an input of `length` and what would help, or the output shape and
    /// how the length changes through the model.
    private func closingLine(_ outcome: Outcome, length: Int, channels: Int?) -> String {
        guard let failure = outcome.failure else {
            let last = outcome.shapes.last ?? WalkShape(channels: channels, length: length)
            let dimension = outcome.shapes.contains { $0.flat } ? "the last dimension" : "the length"
            return "output: \(Self.shape(last)); \(dimension) goes " + outcome.lengths.map(String.init).joined(separator: " → ")
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

    /// The walk without an input length: each layer's formula in terms of the length it gets.
    func renderSymbolic() -> String {
        var lines = ["explain shape \(modelName): \(layerCount); L0 is the input's length, Ln the length after the n-th layer"]
        var channels = inputChannels
        lines.append("  input: " + (channels.map { N.count($0, "channel") } ?? "any channels") + " × L0")
        for (index, entry) in entries.enumerated() {
            let input = "L\(index)", output = "L\(index + 1)"
            let rule = entry.rule
            lines.append("  (\(entry.path)) \(entry.layer.description)")
            if let change = rule.change {
                lines.append("      " + change.symbolic(input, output))
                continue
            }
            if let formula = rule.length?.formula(input: input, output: output, inputLength: nil) {
                lines.append("      " + formula + (rule.length?.simplified(input: input).map { " = \($0)" } ?? ""))
            } else {
                lines.append("      \(output) = \(input) (the length is unchanged)")
            }
            let next = rule.outChannels(given: channels)
            if let needed = rule.inChannels, let have = channels, needed != have {
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

