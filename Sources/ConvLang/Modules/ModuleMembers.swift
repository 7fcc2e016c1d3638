import ConvNumerics

/// How layers show their settings as members, and check a new weight or bias.
enum ModuleMembers {
    /// PyTorch stores a convolution's settings as 1-tuples: `m.stride` is `(2,)`.
    static func oneTuple(_ n: Int) -> Value { .tuple([number(n)]) }
    static func number(_ n: Int) -> Value { .number(Double(n)) }

    /// `value` as a layer's new weight, which must keep `shape`; a kernel vector stands for
    /// `(1, 1, k)`. `layout` follows the shape in the refusal, e.g. " (in, out/g, k)".
    static func assignedWeight(
        _ value: Value, shape: [Int], layout: String = "", at valueRange: SourceRange
    ) throws(RuntimeError) -> Tensor {
        let tensor = try Coercion.tensor(value, what: "the weight", at: valueRange)
        let reshaped = tensor.rank == 1 ? tensor.reshaped(to: [1, 1, tensor.count]) : tensor
        guard let reshaped, reshaped.shape == shape else {
            throw RuntimeError("the weight must have shape \(shape)\(layout), not \(tensor.shape)", at: valueRange)
        }
        return reshaped
    }

    /// `value` as a layer's new bias of `outChannels` values (one number fills them all), or
    /// `nil` for `None`.
    static func assignedBias(_ value: Value, outChannels: Int, at valueRange: SourceRange) throws(RuntimeError) -> Tensor? {
        if case .none = value { return nil }
        let tensor = try Coercion.tensor(value, what: "the bias", at: valueRange, allowNumber: true)
        let filled = tensor.count == 1 ? Tensor(repeating: tensor.scalars[0], shape: [outChannels]) : tensor
        guard let filled, filled.shape == [outChannels] else {
            throw RuntimeError("the bias must have shape [\(outChannels)], not \(tensor.shape)", at: valueRange)
        }
        return filled
    }
}
