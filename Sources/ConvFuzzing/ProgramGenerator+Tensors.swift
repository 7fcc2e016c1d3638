/// Tensors and the convolution and pooling builtins, with random and sometimes invalid
/// parameters (a stride of 0, a negative padding, groups that do not divide the channels), and
/// `explain`.
extension ProgramGenerator {
    mutating func tensorExpression(depth: Int) -> String {
        let leaf = depth >= bounds.expressionDepth
        switch choices.below(leaf ? 3 : 9) {
        case 0: return "[\((0..<choices.int(in: 0...6)).map { _ in floatOrInt() }.joined(separator: ", "))]"
        case 1 where !scope.tensors.isEmpty: return choices.pick(scope.tensors)
        case 1, 2: return "\(choices.pick(["zeros", "ones", "rand", "randn", "torch.rand", "torch.zeros"]))(\(shape()))"
        case 3: return "arange(\(choices.int(in: 0...12)))"
        case 4: return "\(tensorExpression(depth: depth + 1)) \(choices.pick(["+", "-", "*", "/"])) \(choices.chance(50) ? floatOrInt() : tensorExpression(depth: depth + 1))"
        case 5: return "\(choices.pick(["relu", "sigmoid", "tanh", "F.relu", "torch.tanh", "abs"]))(\(tensorExpression(depth: depth + 1)))"
        case 6: return "\(tensorExpression(depth: depth + 1))[\(choices.pick(["0", "-1", "1:", ":2", "::2", "0, 1"]))]"
        // Most convolutions are kept for statements, where a `try` may guard their refusals.
        case 7 where choices.chance(30): return convolutionCall()
        case 8 where choices.chance(30): return poolingCall()
        default: return "\(choices.pick(["zeros", "ones", "rand"]))(\(shape()))"
        }
    }

    mutating func floatOrInt() -> String {
        choices.chance(50) ? String(choices.int(in: -4...9)) : choices.pick(["0.5", "-1.25", "2.0", "1e-3", "3.75"])
    }

    /// Batch, channels and length, small; sometimes rank 1 or 2.
    mutating func shape() -> String {
        let length = choices.int(in: 0...20)
        switch choices.below(3) {
        case 0: return "\(length)"
        case 1: return "\(choices.int(in: 1...4)), \(length)"
        default: return "\(choices.int(in: 1...2)), \(choices.int(in: 1...4)), \(length)"
        }
    }

    /// A convolution of a random input and weight in one of its spellings, with parameters that
    /// are usually valid.
    mutating func convolutionCall() -> String {
        let groups = choices.pick([1, 1, 1, 2, 3])
        let inChannels = groups * choices.int(in: 1...2) + (choices.chance(10) ? 1 : 0)
        let outChannels = groups * choices.int(in: 1...2)
        let kernel = choices.int(in: choices.chance(5) ? 0...1 : 1...5)
        let input = "rand(\(choices.int(in: 1...2)), \(inChannels), \(choices.int(in: choices.chance(5) ? 0...0 : 1...24)))"
        let weight = "rand(\(outChannels), \(max(inChannels / groups, 1)), \(kernel))"
        let stride = choices.int(in: choices.chance(5) ? -1...0 : 1...3)
        let dilation = choices.int(in: choices.chance(5) ? 0...0 : 1...3)
        let padding = choices.pick(["0", "1", "2", quoted("same"), quoted("valid"), "-1", "(1, 2)"])
        switch choices.below(4) {
        case 0: return "conv(\(input), \(weight), s=\(stride), p=\(padding), d=\(dilation), g=\(groups))"
        case 1: return "F.conv1d(\(input), \(weight), stride=\(stride), padding=\(padding), dilation=\(dilation), groups=\(groups))"
        case 2:
            let mode = choices.pick(["zeros", "reflect", "replicate", "circular"])
            return "nn.Conv1d(\(inChannels), \(outChannels), \(kernel), stride=\(stride), padding=\(padding), groups=\(groups), padding_mode=\(quoted(mode)))(\(input))"
        default:
            let outputPadding = choices.int(in: 0...2)
            return "conv_transpose1d(\(input), rand(\(inChannels), \(outChannels / groups), \(kernel)), s=\(stride), p=\(choices.int(in: 0...2)), output_padding=\(outputPadding), g=\(groups))"
        }
    }

    mutating func poolingCall() -> String {
        let input = "rand(\(choices.int(in: 1...2)), \(choices.int(in: 1...3)), \(choices.int(in: 0...16)))"
        let kernel = choices.int(in: choices.chance(5) ? -1...0 : 1...4)
        let stride = choices.int(in: 1...3)
        let padding = choices.int(in: 0...2)
        switch choices.below(3) {
        case 0: return "max_pool1d(\(input), \(kernel), s=\(stride), p=\(padding)\(choices.chance(30) ? ", ceil_mode=True" : ""))"
        case 1: return "avg_pool1d(\(input), \(kernel), s=\(stride), p=\(padding), count_include_pad=\(choices.pick(["True", "False"])))"
        default: return "nn.MaxPool1d(\(kernel), stride=\(stride), padding=\(padding), dilation=\(choices.int(in: 1...2)))(\(input))"
        }
    }

    /// A convolution or pooling whose result is printed, or kept and then reduced.
    mutating func convolutionStatement() {
        let call = choices.chance(60) ? convolutionCall() : poolingCall()
        switch choices.below(3) {
        case 0: emit("print(\(call).shape)")
        case 1:
            let name = fresh("y")
            emit("\(name) = \(call)")
            scope.tensors.append(name)
            emit("print(\(name).shape, \(choices.pick(["sum", "max", "min", "len"]))(\(name)))")
        default: emit(call)
        }
    }

    /// `explain` of a convolution, a pooling, or a model's lengths.
    mutating func explainStatement() {
        if !scope.models.isEmpty, choices.chance(30) {
            return emit("explain shape \(choices.pick(scope.models))(L=\(choices.int(in: 0...30)))")
        }
        let input = "[\((0..<choices.int(in: 0...5)).map { _ in String(choices.int(in: -2...5)) }.joined(separator: ", "))]"
        let kernel = "[\((0..<choices.int(in: 1...3)).map { _ in floatOrInt() }.joined(separator: ", "))]"
        switch choices.below(4) {
        case 0: emit("explain conv(\(input), \(kernel), s=\(choices.int(in: 1...3)), p=\(choices.int(in: 0...2)), d=\(choices.int(in: 1...2)))")
        case 1: emit("explain max_pool1d(\(input), \(choices.int(in: 1...3)), p=\(choices.int(in: 0...1)))")
        case 2: emit("explain avg_pool1d(\(input), \(choices.int(in: 1...3)), s=\(choices.int(in: 1...2)), ceil_mode=\(choices.pick(["True", "False"])))")
        default: emit("explain conv_transpose1d(\(input), \(kernel), s=\(choices.int(in: 1...3)), p=\(choices.int(in: 0...1)))")
        }
    }
}
