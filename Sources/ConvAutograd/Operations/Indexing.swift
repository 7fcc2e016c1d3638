import ConvNumerics

/// Operations that take elements by position or write them there (`gather`, `index_select`,
/// `take`, `narrow`, `roll`, `tril`, `diag`, `scatter`, `scatter_add`) and the running sum and
/// product along a dimension (`cumsum`, `cumprod`), with PyTorch's gradients.
extension Variable {
    /// A result of `shape` whose element `i` is `self`'s element at flat offset `sources[i]`,
    /// or 0 where that is negative (`name`: `GatherBackward0`, `IndexSelectBackward0`,
    /// `SliceBackward0`, `RollBackward0`, `TrilBackward0`, `DiagEmbedBackward0`, ...). Each
    /// element's gradient is the sum, in order, of the upstream gradients of the places it went to.
    public func placed(_ sources: [Int], shape outShape: [Int], name: String) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, operation: name)
        let x = data
        let count = x.count
        guard sources.count == Tensor.elementCount(of: outShape), sources.allSatisfy({ $0 < count }) else {
            throw .invalidArgument("internal: positions do not fit a tensor of shape \(x.shape)")
        }
        func forward<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
            let elements = x.array(t)
            return try .make(outShape, sources.map { $0 < 0 ? 0 : elements[$0] })
        }
        let out = try TensorMath.onFloats(dtype, { () throws(AutogradError) in try forward(Float.self) },
                                          { () throws(AutogradError) in try forward(Double.self) })
        let inputShape = shape
        return .record(name, out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            func run<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
                let upstream = g.array(t)
                var grad = [S](repeating: 0, count: count)
                for (index, source) in sources.enumerated() where source >= 0 { grad[source] += upstream[index] }
                return try .make(inputShape, grad)
            }
            return [try TensorMath.onFloats(dtype, { () throws(AutogradError) in try run(Float.self) },
                                            { () throws(AutogradError) in try run(Double.self) })]
        }
    }

    /// `self` with `src`'s elements at `sources` written to (or, when `add`, added to) the flat
    /// offsets `targets`, in order; `value` in place of `src` when it is nil (`ScatterBackward0`,
    /// `ScatterBackward1` for a value, `ScatterAddBackward0`). `self`'s gradient is the
    /// upstream gradient, zeroed where an element was overwritten; `src`'s is the upstream
    /// gradient at the targets, as PyTorch's `grad.gather(dim, index)`.
    public func scattered(
        _ src: Variable?, value: Double, targets: [Int], sources: [Int], add: Bool
    ) throws(AutogradError) -> Variable {
        let name = add ? "ScatterAddBackward0" : src == nil ? "ScatterBackward1" : "ScatterBackward0"
        let dtype = if let src { try floatingDType(data, src.data, operation: name) } else { try floatingDType(data, operation: name) }
        let (x, from) = (data, src?.data)
        let (count, fromCount) = (x.count, from?.count ?? 1)
        guard targets.count == sources.count, targets.allSatisfy({ $0 >= 0 && $0 < count }),
              sources.allSatisfy({ $0 >= 0 && $0 < fromCount }) else {
            throw .invalidArgument("internal: scatter positions do not fit a tensor of shape \(x.shape)")
        }
        func forward<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
            var out = x.array(t)
            let written = from.map { $0.array(t) } ?? [S(value)]
            for (target, source) in zip(targets, sources) { out[target] = add ? out[target] + written[source] : written[source] }
            return try .make(x.shape, out)
        }
        let out = try TensorMath.onFloats(dtype, { () throws(AutogradError) in try forward(Float.self) },
                                          { () throws(AutogradError) in try forward(Double.self) })
        let (inputShape, srcShape) = (shape, src?.shape)
        let inputs = [self] + (src.map { [$0] } ?? [])
        return .record(name, out, inputs: inputs, savesTensors: false) { g throws(AutogradError) in
            func run<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> [Tensor?] {
                let upstream = g.array(t)
                var own = upstream
                if !add { for target in targets { own[target] = 0 } }
                var grads: [Tensor?] = [try .make(inputShape, own)]
                if let srcShape {
                    var taken = [S](repeating: 0, count: fromCount)
                    for (target, source) in zip(targets, sources) { taken[source] = upstream[target] }
                    grads.append(try .make(srcShape, taken))
                }
                return grads
            }
            return try TensorMath.onFloats(dtype, { () throws(AutogradError) in try run(Float.self) },
                                           { () throws(AutogradError) in try run(Double.self) })
        }
    }

    /// The running sum along `dim` (`CumsumBackward0`), accumulated in float64 as PyTorch's CPU
    /// kernel accumulates: each element's gradient is the sum of the upstream gradients from
    /// its position to the end of its line.
    public func cumsum(dim: Int) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, operation: "cumsum")
        let lines = try Lines(shape, dim: dim)
        let out = try Tensor.make(shape, lines.scan(data.converted(to: .float64).scalars, reversed: false, +)).converted(to: dtype)
        let inputShape = shape
        return .record("CumsumBackward0", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try Tensor.make(inputShape, lines.scan(g.converted(to: .float64).scalars, reversed: true, +)).converted(to: dtype)]
        }
    }

    /// The running product along `dim` (`CumprodBackward0`). Without zeros in the input, the
    /// gradient is PyTorch's `reversed_cumsum(grad * output) / input` in the input's dtype;
    /// with zeros, each element's is the sum over later positions of the upstream gradient times
    /// the product of the others.
    public func cumprod(dim: Int) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, operation: "cumprod")
        let lines = try Lines(shape, dim: dim)
        let x = data
        let out = try Tensor.make(shape, lines.scan(x.converted(to: .float64).scalars, reversed: false, *)).converted(to: dtype)
        let inputShape = shape
        return .record("CumprodBackward0", out, inputs: [self], saving: .inputs) { g throws(AutogradError) in
            let values = x.converted(to: .float64).scalars
            guard values.contains(0) else {
                func run<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
                    let weighted = zip(g.array(t), out.array(t)).map { $0 * $1 }
                    let summed = try Tensor.make(inputShape, lines.scan(weighted.map { Double($0) }, reversed: true, +)).converted(to: dtype)
                    return try .make(inputShape, zip(summed.array(t), x.array(t)).map { $0 / $1 })
                }
                return [try TensorMath.onFloats(dtype, { () throws(AutogradError) in try run(Float.self) },
                                                { () throws(AutogradError) in try run(Double.self) })]
            }
            let upstream = g.converted(to: .float64).scalars
            var grad = [Double](repeating: 0, count: values.count)
            for line in lines.offsets {
                for (i, at) in line.enumerated() {
                    var total = 0.0
                    var others = 1.0
                    for (j, later) in line.enumerated() {
                        if j != i { others *= values[later] }
                        if j >= i { total += upstream[later] * others }
                    }
                    grad[at] = total
                }
            }
            return [try Tensor.make(inputShape, grad).converted(to: dtype)]
        }
    }
}

/// The lines of a tensor along one dimension: for each, the flat offsets of its elements in order.
public struct Lines: Sendable {
    public let offsets: [[Int]]
    public let count: Int

    /// No lines.
    public static var empty: Lines { Lines(offsets: [], count: 0) }

    private init(offsets: [[Int]], count: Int) {
        self.offsets = offsets
        self.count = count
    }

    public init(_ shape: [Int], dim: Int) throws(AutogradError) {
        let axis = try wrapDimension(dim, rank: shape.count)
        let extent = shape.isEmpty ? 1 : shape[axis]
        let inner = shape.isEmpty ? 1 : product(shape[(axis + 1)...])
        let total = product(shape)
        let outer = total / Swift.max(extent * inner, 1)
        var offsets: [[Int]] = []
        for o in 0..<outer {
            for i in 0..<inner { offsets.append((0..<extent).map { (o * extent + $0) * inner + i }) }
        }
        self.offsets = offsets
        count = total
    }

    /// `values` with each line replaced by its running `combine` from its start (or its end).
    public func scan(_ values: [Double], reversed: Bool, _ combine: (Double, Double) -> Double) -> [Double] {
        var out = values
        for line in offsets {
            var running: Double?
            for at in reversed ? line.reversed() : line {
                let next = running.map { combine($0, values[at]) } ?? values[at]
                out[at] = next
                running = next
            }
        }
        return out
    }
}
