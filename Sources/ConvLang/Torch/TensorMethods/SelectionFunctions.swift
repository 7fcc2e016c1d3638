import ConvNumerics

/// PyTorch's functions that pick elements or positions out of a tensor by their values:
/// `nonzero` (and `as_tuple=True`) and `argwhere`, the int64 positions of the elements that are
/// not zero; `masked_select`, the elements where a bool mask is true, as one dimension; and
/// `unique`, the distinct values in ascending order with, on request, where each element went
/// (`return_inverse=True`) and how often each value occurs (`return_counts=True`).
///
/// `masked_select` and `unique`'s values are recorded on a tensor that requires grad
/// (``AutogradComparison``); the positions carry no gradient.
enum SelectionFunctions {
    static let functions: [Builtin] = [nonzero, argwhere, maskedSelect, unique]

    /// The names whose results carry no gradient.
    static let valueOnlyNames: Set<String> = ["nonzero", "argwhere"]

    private static let input = Builtin.Parameter.required("input")

    static let nonzero = Builtin.tensorFunction(
        "nonzero", [input, .optional("as_tuple", default: .bool(false), namedOnly: true)],
        "the positions of the elements that are not zero: one row each (int64), or one tensor per dimension with as_tuple=True",
        example: "torch.nonzero(x > 0)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let rows = positions(x)
        guard try call.bool("as_tuple") else { return try call.made(try table(rows, rank: x.rank, call)) }
        // A 0-d tensor answers as the one-element vector it is taken for.
        let rank = Swift.max(x.rank, 1)
        var columns: [Value] = []
        for axis in 0..<rank {
            columns.append(try call.made(Tensor([Int64](rows.map { x.rank == 0 ? 0 : Int64($0[axis]) }))))
        }
        return .tuple(columns)
    }

    static let argwhere = Builtin.tensorFunction(
        "argwhere", [input], "the positions of the elements that are not zero, one row each (int64)",
        example: "torch.argwhere(x)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        return try call.made(try table(positions(x), rank: x.rank, call))
    }

    /// The index of every element that is not zero, in row-major order.
    private static func positions(_ x: Tensor) -> [[Int]] {
        var rows: [[Int]] = []
        var index = [Int](repeating: 0, count: x.rank)
        for value in x.scalars {
            if value != 0 { rows.append(index) }
            Tensor.advance(&index, rowMajorIn: x.shape)
        }
        return rows
    }

    /// The positions as an int64 tensor of one row per position.
    private static func table(_ rows: [[Int]], rank: Int, _ call: BuiltinCall) throws(RuntimeError) -> Tensor {
        guard let result = Tensor(shape: [rows.count, rank], scalars: rows.flatMap { $0.map(Int64.init) }) else {
            throw call.error("internal: \(rows.count) positions did not fill their table")
        }
        return result
    }

    static let maskedSelect = Builtin.tensorFunction(
        "masked_select", [input, .required("mask")], "the elements where mask (bool, broadcast with input) is true, as one dimension",
        example: "torch.masked_select(x, x > 0)") { call throws(RuntimeError) in
        let (x, flags) = try maskSelection(try call.receivingTensor, call)
        let scalars = x.scalars
        return try call.made(Tensor(flags.indices.filter { flags[$0] }.map { scalars[$0] }).converted(to: x.dtype))
    }

    /// The input broadcast with the mask, and the mask's flags over it; PyTorch's refusals of
    /// a mask that is not bool and of shapes that do not broadcast.
    static func maskSelection(_ x: Tensor, _ call: BuiltinCall) throws(RuntimeError) -> (Tensor, [Bool]) {
        let mask = try ComparisonFunctions.tensorArgument(call, "mask", position: 2)
        guard mask.dtype == .bool else { throw call.error("masked_select: expected BoolTensor for mask", at: "mask") }
        guard let shape = Broadcasting.shape(x.shape, mask.shape),
              let both = Broadcasting.combine(x, mask, { value, _ in value }),
              let flags = Broadcasting.combine(mask, x, { flag, _ in flag }) else {
            // PyTorch names the mask first.
            throw ElementwiseMethods.mismatch(mask.shape, x.shape, call)
        }
        guard let shaped = both.converted(to: x.dtype).reshaped(to: shape) else { return (x, []) }
        return (shaped, flags.scalars.map { $0 != 0 })
    }

    static let unique = Builtin.tensorFunction(
        "unique",
        [input, .optional("sorted", default: .bool(true)), .optional("return_inverse", default: .bool(false)),
         .optional("return_counts", default: .bool(false)), .optional("dim", default: .none)],
        "the distinct elements in ascending order; with return_inverse=True where each element went, with return_counts=True how often each occurs",
        example: "torch.unique(x, return_counts=True)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        _ = try call.bool("sorted")
        let (inverse, counts) = (try call.bool("return_inverse"), try call.bool("return_counts"))
        guard case .none = call.value("dim") else {
            throw call.error("conv computes torch.unique over all the elements (dim=None), not along a dimension", at: "dim",
                             notes: ["torch.unique(x) gives the distinct elements of the whole tensor"])
        }
        let scalars = x.scalars
        // Ascending, as PyTorch's CPU kernel gives them whether or not sorted=True; each NaN is
        // a value of its own, after the numbers.
        let numbers = Array(Set(scalars.filter { !$0.isNaN })).sorted()
        let nanCount = scalars.count { $0.isNaN }
        let values = numbers + [Double](repeating: .nan, count: nanCount)
        var slot: [Double: Int] = [:]
        for (k, value) in numbers.enumerated() { slot[value] = k }
        var nextNaN = numbers.count
        let places = scalars.map { value in
            guard value.isNaN else { return slot[value] ?? 0 }
            defer { nextNaN += 1 }
            return nextNaN
        }
        var results: [Value] = [try call.made(Tensor(values).converted(to: x.dtype))]
        if inverse {
            guard let inverseTensor = Tensor(shape: x.shape, scalars: places.map(Int64.init)) else {
                throw call.error("internal: the inverse of shape \(x.shape) did not fill its tensor")
            }
            results.append(try call.made(inverseTensor))
        }
        if counts {
            var tally = [Int64](repeating: 0, count: values.count)
            for k in places where k < tally.count { tally[k] += 1 }
            results.append(try call.made(Tensor(tally)))
        }
        return results.count == 1 ? results[0] : .tuple(results)
    }
}
