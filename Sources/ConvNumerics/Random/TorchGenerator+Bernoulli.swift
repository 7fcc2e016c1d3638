/// Bernoulli draws: `torch.bernoulli`, `Tensor.bernoulli_` and the masks of training-mode
/// dropout.
///
/// An element is 1 when a uniform `u < p`. `torch.bernoulli(p)` draws a uniform of `p`'s dtype
/// per element (24 bits for float32 probabilities, 53 for float64); `bernoulli_(p)` with a
/// number draws 53-bit uniforms. (PyTorch builds with MKL use an MKL generator for
/// `bernoulli_(p)` on Intel processors; this is the portable path every other CPU takes.)
extension TorchGenerator {
    /// `torch.bernoulli(probabilities)`: 0 or 1 per element, in the probabilities' dtype.
    public mutating func bernoulli(_ probabilities: Tensor) throws(RandomError) -> Tensor {
        switch probabilities.storage {
        case .float32(let p):
            try Self.checkProbabilities(p.lazy.map(Double.init))
            return probabilities.refilled(p.map { nextUnitFloat() < $0 ? Float(1) : 0 })
        case .float64(let p):
            try Self.checkProbabilities(p)
            return probabilities.refilled(p.map { nextUnitDouble() < $0 ? 1.0 : 0 })
        case .int64, .int32, .bool:
            throw .unsupportedDType(probabilities.dtype, operation: "bernoulli")
        }
    }

    /// `tensor.bernoulli_(p)`: 0 or 1 per element, in the tensor's dtype.
    public mutating func bernoulliFilled(_ tensor: Tensor, p: Double) throws(RandomError) -> Tensor {
        try Self.checkProbabilities(CollectionOfOne(p))
        return tensor.refilled(bernoulliMask(count: tensor.count, p: p).map { Int64($0 ? 1 : 0) })
            .converted(to: tensor.dtype)
    }

    /// `F.dropout(input, p, training)` (and `nn.Dropout` in training mode): each element kept
    /// when a 53-bit uniform is below `1 − p`, and then multiplied by `1/(1 − p)` rounded to the
    /// input's dtype, else multiplied by 0. `p = 0`, an empty input or `training: false`
    /// return the input and draw nothing; `p = 1` multiplies everything by 0 and draws nothing.
    public mutating func dropout(_ input: Tensor, p: Double, training: Bool = true) throws(RandomError) -> Tensor {
        guard p >= 0, p <= 1 else { throw .dropoutProbabilityOutOfRange(p) }
        guard input.dtype.isFloatingPoint else { throw .unsupportedDType(input.dtype, operation: "dropout") }
        guard training, p != 0, input.count > 0 else { return input }
        let keep = 1 - p
        let mask = p == 1 ? [Bool](repeating: false, count: input.count) : bernoulliMask(count: input.count, p: keep)
        switch input.storage {
        case .float32(let x):
            // PyTorch divides the float32 mask by the float32 value of 1 − p.
            let scale = 1 / Float(keep)
            return input.refilled(zip(x, mask).map { $0 * ($1 ? scale : 0) })
        case .float64(let x):
            let scale = 1 / keep
            return input.refilled(zip(x, mask).map { $0 * ($1 ? scale : 0) })
        case .int64, .int32, .bool:
            return input
        }
    }

    /// `count` draws of `u < p` from 53-bit uniforms.
    private mutating func bernoulliMask(count: Int, p: Double) -> [Bool] {
        (0..<count).map { _ in nextUnitDouble() < p }
    }

    private static func checkProbabilities<Values: Sequence<Double>>(_ values: Values) throws(RandomError) {
        for p in values where !(p >= 0 && p <= 1) { throw .probabilityOutOfRange(p) }
    }
}
