import ConvNumerics

/// Reductions as PyTorch's: over every element (a 0-d tensor) or along `dim=` (an int or a
/// tuple), keeping the reduced dimensions with size 1 when `keepdim=True`. `max` and `min`
/// along a dimension give `(values, indices)`, which unpack and answer `.values` and
/// `.indices`; `argmax`, `argmin` and indices are int64, as PyTorch's.
///
/// conv's own `sum`, `mean`, `min` and `max` (the top-level builtins, also `torch.sum` and the
/// rest) keep giving a number for a whole reduction; the methods here give PyTorch's 0-d tensor.
enum ReductionMethods {
    /// The torch functions, which are methods too.
    static let functions: [Builtin] = [prod, argmax, argmin, std, variance, amax, amin]
    /// Methods whose top-level names are conv's own builtins of the same name.
    static let methodsOnly: [Builtin] = [sum, floatingOnly(mean), max, min]

    /// The methods computing numbers from the elements, whose result takes PyTorch's dtype
    /// (``MethodResultDTypes``).
    static let numericNames = ["sum", "mean", "max", "min", "prod", "std", "var", "amax", "amin"]

    private static let input = Builtin.Parameter.required("input")
    private static let dimParameters: [Builtin.Parameter] = [input, .optional("dim", "axis", default: .none), .optional("keepdim", "keepdims", default: .bool(false))]

    /// The elements grouped by the output element they reduce to.
    struct Groups {
        /// The result's shape (with size-1 dimensions when keepdim).
        var shape: [Int]
        /// The elements of each output element, in order along the reduced dimensions.
        var groups: [ArraySlice<Double>]
    }

    /// Groups `x`'s elements along `dims` (every dimension when nil).
    static func groups(_ x: Tensor, dims: [Int]?, keepdim: Bool) -> Groups {
        // Every element in one group (`x.sum()`): nothing to work out.
        if dims == nil {
            return Groups(shape: keepdim ? [Int](repeating: 1, count: x.rank) : [], groups: [x.converted(to: .float64).scalars[...]])
        }
        let reduced = Set((dims ?? Array(x.shape.indices)).filter { $0 < x.rank })
        let kept = x.shape.indices.filter { !reduced.contains($0) }
        let moved = kept + x.shape.indices.filter { reduced.contains($0) }
        // Reducing trailing dimensions (or all of them) needs no reordering of the elements.
        let source = x.converted(to: .float64)
        let scalars = moved == Array(x.shape.indices) ? source.scalars : TensorGeometry.permuted(source, moved).scalars
        let inner = reduced.map { x.shape[$0] }.reduce(1, *)
        let outer = kept.map { x.shape[$0] }.reduce(1, *)
        let groups = (0..<outer).map { scalars[($0 * inner)..<(($0 + 1) * inner)] }
        let shape = keepdim ? x.shape.indices.map { reduced.contains($0) ? 1 : x.shape[$0] } : kept.map { x.shape[$0] }
        return Groups(shape: shape, groups: groups)
    }

    /// A reduction of each group to one number; `whole`, when it gives one, is the reduction of
    /// every element.
    private static func reducing(
        _ name: String, torch: Bool, extra: [Builtin.Parameter] = [], _ summary: String, example: String,
        whole: (@Sendable (Tensor) -> Tensor?)? = nil,
        _ reduce: @escaping @Sendable (ArraySlice<Double>, BuiltinCall) throws(RuntimeError) -> Double
    ) -> Builtin {
        .tensorFunction(name, torch: torch, dimParameters + extra, summary, example: example) { call throws(RuntimeError) in
            let x = try call.receivingTensor
            let dims = try call.dimensions("dim", rank: x.rank)
            let keepdim = try call.bool("keepdim")
            if dims == nil, let reduced = whole?(x) {
                return .tensor(keepdim ? reduced.reshaped(to: [Int](repeating: 1, count: x.rank)) ?? reduced : reduced)
            }
            let grouped = groups(x, dims: dims, keepdim: keepdim)
            var values: [Double] = []
            for group in grouped.groups { values.append(try reduce(group, call)) }
            return .tensor(TensorGeometry.float64(grouped.shape, values))
        }
    }

    static let sum = reducing("sum", torch: false, "the sum of the elements (along dim)", example: "x.sum(dim=1, keepdim=True)",
                              whole: wholeSum) { group, _ in
        group.reduce(0, +)
    }

    /// `x.sum()` of a floating-point tensor, as a 0-d tensor of its dtype, added in PyTorch's
    /// order (``TorchSummation``) so that its rounding is PyTorch's; nil for the other dtypes
    /// (their sum takes the general path).
    static func wholeSum(_ x: Tensor) -> Tensor? {
        // (Storage made directly: the generic initialisers cost more than the sum of a window.)
        switch x.storage {
        case .float32(let elements): Tensor(shape: [], storage: .float32([TorchSummation.sum(elements)]))
        case .float64(let elements): Tensor(shape: [], storage: .float64([TorchSummation.sum(elements)]))
        default: nil
        }
    }
    /// The mean of any dtype's elements (NumPy's arrays take it); the tensor method refuses
    /// integers, as PyTorch's does (``floatingOnly(_:)``).
    static let mean = reducing("mean", torch: false, "the mean of the elements (along dim)", example: "x.mean(0)") { group, _ in
        group.isEmpty ? .nan : group.reduce(0, +) / Double(group.count)
    }

    /// `reduction` refusing an int64 or bool tensor, as PyTorch's `mean` does: it cannot tell
    /// which floating dtype the result should have.
    private static func floatingOnly(_ reduction: Builtin) -> Builtin {
        var checked = Builtin(
            name: reduction.name, aliases: reduction.aliases, parameters: reduction.parameters, summary: reduction.summary,
            details: reduction.details,
            body: { call throws(RuntimeError) in
                let dtype = try call.receivingTensor.dtype
                guard dtype.isFloatingPoint else {
                    throw RuntimeError("\(reduction.name)(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(LayerDTypes.scalarTypeName(dtype))",
                                       at: call.range, raising: .notImplementedError)
                }
                return try reduction.body(&call)
            })
        checked.takesPythonValues = reduction.takesPythonValues
        return checked
    }
    static let prod = reducing("prod", torch: true, "the product of the elements (along dim)", example: "x.prod(1)") { group, _ in
        group.reduce(1, *)
    }

    /// `amax` and `amin`: the largest (smallest) value over `dim` (every dimension when none
    /// is given), without indices; NaN wins, as in PyTorch.
    static let amax = reducing("amax", torch: true, "the largest value (along dim), without indices", example: "x.amax(dim=1)") { group, _ in
        group.contains { $0.isNaN } ? .nan : group.max() ?? .nan
    }
    static let amin = reducing("amin", torch: true, "the smallest value (along dim), without indices", example: "x.amin(dim=1)") { group, _ in
        group.contains { $0.isNaN } ? .nan : group.min() ?? .nan
    }

    static let std = spread("std", "the standard deviation (along dim), unbiased unless unbiased=False or correction=0") { $0.squareRoot() }
    static let variance = spread("var", "the variance (along dim), unbiased unless unbiased=False or correction=0") { $0 }

    /// `std` and `var`: `correction=` (1 by default) or the older `unbiased=`; PyTorch's
    /// `x.std(False)` reads the flag as unbiased.
    private static func spread(_ name: String, _ summary: String, _ finish: @escaping @Sendable (Double) -> Double) -> Builtin {
        .tensorFunction(name, [input, .optional("dim", "axis", default: .none), .optional("unbiased", default: .none),
                               .optional("keepdim", "keepdims", default: .bool(false)), .optional("correction", default: .none, namedOnly: true)],
                        summary, example: "x.\(name)(dim=1)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            let (dims, correction) = try spreadArguments(call, rank: x.rank)
            let grouped = groups(x, dims: dims, keepdim: try call.bool("keepdim"))
            let values = grouped.groups.map { group -> Double in
                let mean = group.reduce(0, +) / Double(group.count)
                let squares = group.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                return finish(squares / Swift.max(0, Double(group.count) - correction))
            }
            return .tensor(TensorGeometry.float64(grouped.shape, values))
        }
    }

    /// The dimensions and correction a call of `std` or `var` asks for: `correction=` (1 by
    /// default) or the older `unbiased=`, which `x.std(False)` gives in the place of `dim`.
    static func spreadArguments(_ call: BuiltinCall, rank: Int) throws(RuntimeError) -> (dims: [Int]?, correction: Double) {
        var unbiased = call.value("unbiased")
        var dims: [Int]?
        if case .bool = call.value("dim") { unbiased = call.value("dim") } else { dims = try call.dimensions("dim", rank: rank) }
        var correction = 1.0
        if case .bool(let flag) = unbiased { correction = flag ? 1 : 0 }
        if call.isGiven("correction"), case .none = call.value("correction") {} else if call.isGiven("correction") {
            correction = try call.number("correction")
        }
        return (dims, correction)
    }

    // MARK: - Extremes

    static let max = extreme("max", largest: true)
    static let min = extreme("min", largest: false)
    static let argmax = argExtreme("argmax", largest: true)
    static let argmin = argExtreme("argmin", largest: false)

    /// The position of the largest (smallest) element of `group`: the first one, a NaN first of all, as PyTorch's.
    static func position(in group: ArraySlice<Double>, largest: Bool) -> Int? {
        var best: Int?
        for (offset, value) in zip(group.indices, group) {
            guard let current = best else { best = offset; continue }
            let held = group[current]
            if held.isNaN { break }
            if value.isNaN || (largest ? value > held : value < held) { best = offset }
        }
        return best.map { $0 - group.startIndex }
    }

    /// `x.max()`, `x.max(dim)` (values and indices) and `x.max(other)` (elementwise).
    private static func extreme(_ name: String, largest: Bool) -> Builtin {
        .tensorFunction(name, torch: false, dimParameters, "the \(name)imum element, or the \(name)imum along dim with its indices",
                        example: "values, indices = x.\(name)(dim=1)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            // `x.max(other)`: `other` may be a tensor with autograd identity (its values here).
            if let other = call.value("dim").asTensor {
                guard let result = Broadcasting.combine(x, other, largest ? { Swift.max($0, $1) } : { Swift.min($0, $1) }) else {
                    throw ElementwiseMethods.mismatch(x.shape, other.shape, call)
                }
                return .tensor(result)
            }
            guard case .none = call.value("dim") else {
                let dim = try call.dimension("dim", rank: x.rank)
                let (values, indices) = try extremes(x, dim: dim, keepdim: try call.bool("keepdim"), largest: largest, call)
                return ReturnTuple.value(name, values: .tensor(values), indices: .tensor(indices))
            }
            guard x.count > 0 else {
                throw call.error("\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
            }
            let scalars = x.scalars[...]
            return .tensor(TensorGeometry.float64([], [scalars[position(in: scalars, largest: largest) ?? 0]]))
        }
    }

    private static func extremes(
        _ x: Tensor, dim: Int, keepdim: Bool, largest: Bool, _ call: BuiltinCall
    ) throws(RuntimeError) -> (Tensor, Tensor) {
        let grouped = groups(x, dims: [dim], keepdim: keepdim)
        guard x.rank == 0 || x.shape[dim] > 0 || grouped.groups.isEmpty else {
            throw call.error("\(call.builtin.name)(): Expected reduction dim \(dim) to have non-zero size.")
        }
        var values: [Double] = [], indices: [Int] = []
        for group in grouped.groups {
            let index = position(in: group, largest: largest) ?? 0
            values.append(group[group.startIndex + index]); indices.append(index)
        }
        return (TensorGeometry.float64(grouped.shape, values), TensorGeometry.int64(grouped.shape, indices))
    }

    private static func argExtreme(_ name: String, largest: Bool) -> Builtin {
        .tensorFunction(name, dimParameters, "the index of the \(largest ? "largest" : "smallest") element (along dim), as int64",
                        example: "x.\(name)(dim=1)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            if case .none = call.value("dim") {
                guard x.count > 0 else {
                    throw call.error("\(name)(): Expected reduction dim to be specified for input.numel() == 0.")
                }
                let index = position(in: x.scalars[...], largest: largest) ?? 0
                let shape = try call.bool("keepdim") ? [Int](repeating: 1, count: x.rank) : []
                return .tensor(TensorGeometry.int64(shape, [index]))
            }
            let dim = try call.dimension("dim", rank: x.rank)
            return .tensor(try extremes(x, dim: dim, keepdim: try call.bool("keepdim"), largest: largest, call).1)
        }
    }
}
