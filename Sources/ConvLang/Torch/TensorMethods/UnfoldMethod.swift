import ConvAutograd
import ConvNumerics

/// `x.unfold(dimension, size, step)`: every window of `size` elements along `dimension`, `step`
/// apart, as a new last dimension — the windows a 1-D convolution slides over, the way code
/// written without `conv1d` finds them (`(x.unfold(-1, 3, 1) * w).sum(-1)`). Gradients add back
/// into the elements the windows share (`UnfoldBackward0`). One builtin serves a plain tensor
/// and one with autograd identity.
enum UnfoldMethod {
    static let unfold = Builtin.tensorFunction(
        "unfold", torch: false, [.required("input"), .required("dimension"), .required("size"), .required("step")],
        "the windows of size elements along dimension, step apart, as a new last dimension",
        example: "torch.arange(6.).unfold(0, 3, 1)") { call throws(RuntimeError) in
        let input = call.value("input")
        guard let data = input.asTensor else { throw call.error("unfold needs a tensor", raising: .typeError) }
        let shape = data.shape
        let rank = max(shape.count, 1)
        let dim = try TensorArguments.dimension(try call.integer("dimension"), rank: rank, at: call.range(of: "dimension"))
        let (size, step) = (try call.integer("size"), try call.integer("step"))
        let extent = shape.isEmpty ? 1 : shape[dim]
        guard size >= 0 else { throw call.error("size is \(size) but must be >= 0", at: "size") }
        guard size <= extent else {
            throw call.error("maximum size for tensor at dimension \(dim) is \(extent) but size is \(size)", at: "size")
        }
        guard step > 0 else { throw call.error("step is \(step) but must be > 0", at: "step") }
        let windows = (extent - size) / step + 1
        var outShape = shape.isEmpty ? [] : shape
        if !outShape.isEmpty { outShape[dim] = windows }
        outShape.append(size)
        try call.context.checkElementCount(of: outShape, at: call.range)
        let offsets = gatherOffsets(shape: shape.isEmpty ? [1] : shape, dim: dim, windows: windows, size: size, step: step)
        let variable: Variable = if case .variable(let box) = input { box.variable } else { Variable(constant: data) }
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            try variable.elements(at: offsets, shape: outShape, name: "UnfoldBackward0")
        }
    }

    /// The flat offset in a row-major tensor of `shape` of each element of the unfolded result,
    /// in the result's order: the other dimensions as they were, window `w` in place of `dim`,
    /// then position `k` within the window (element `w·step + k` along `dim`).
    private static func gatherOffsets(shape: [Int], dim: Int, windows: Int, size: Int, step: Int) -> [Int] {
        let strides = Tensor.strides(of: shape)
        var outShape = shape
        outShape[dim] = windows
        let outer = outShape.reduce(1, *)
        var offsets: [Int] = []
        offsets.reserveCapacity(outer * size)
        var index = [Int](repeating: 0, count: shape.count)
        for _ in 0..<outer {
            var base = 0
            for axis in 0..<shape.count {
                base += (axis == dim ? index[axis] * step : index[axis]) * strides[axis]
            }
            for k in 0..<size { offsets.append(base + k * strides[dim]) }
            Tensor.advance(&index, rowMajorIn: outShape)
        }
        return offsets
    }
}
