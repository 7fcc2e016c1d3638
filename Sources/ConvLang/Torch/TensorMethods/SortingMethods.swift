import ConvNumerics

/// `sort`, `topk` and `median` as PyTorch's: the values in the input's dtype and their int64
/// positions along `dim`, given as a `torch.return_types` named tuple (``ReturnTuple``).
/// Equal elements keep their order (a stable sort); NaN sorts above every number, as in PyTorch.
enum SortingMethods {
    static let functions: [Builtin] = [sort, topk, median]

    private static let input = Builtin.Parameter.required("input")

    /// Each line of `x` along `dim` (with `dim` moved last), and the shape those lines make.
    private struct Lines {
        var lines: [ArraySlice<Double>]
        /// `x`'s shape with `dim` moved last.
        var movedShape: [Int]
        /// The axis order that moved `dim` last.
        var order: [Int]
    }

    private static func lines(_ x: Tensor, dim: Int) -> Lines {
        let grouped = ReductionMethods.groups(x, dims: x.rank == 0 ? [] : [dim], keepdim: false)
        let order = x.shape.indices.filter { $0 != dim } + (x.rank == 0 ? [] : [dim])
        return Lines(lines: grouped.groups, movedShape: order.map { x.shape[$0] }, order: order)
    }

    /// The positions of `line` in order: ascending (NaN last) or descending (NaN first), stable.
    static func ordered(_ line: ArraySlice<Double>, descending: Bool) -> [Int] {
        let values = Array(line)
        return values.indices.sorted { a, b in
            let (x, y) = (values[a], values[b])
            if x.isNaN || y.isNaN { return descending ? (x.isNaN && !y.isNaN) : (!x.isNaN && y.isNaN) }
            return descending ? x > y : x < y
        }
    }

    /// The named tuple of values (in `x`'s dtype) and indices laid out in `movedShape`, with
    /// the moved axis put back where `dim` was.
    private static func result(
        _ name: String, _ x: Tensor, _ lines: Lines, values: [Double], indices: [Int], lastExtent: Int
    ) -> Value {
        var shape = lines.movedShape
        if x.rank > 0 { shape[shape.count - 1] = lastExtent }
        let back = x.shape.indices.map { axis in lines.order.firstIndex(of: axis) ?? axis }
        let valuesTensor = TensorGeometry.permuted(TensorGeometry.float64(shape, values), back).converted(to: x.dtype)
        let indicesTensor = TensorGeometry.permuted(TensorGeometry.int64(shape, indices), back)
        return ReturnTuple.value(name, values: .tensor(valuesTensor), indices: .tensor(indicesTensor))
    }

    static let sort = Builtin.tensorFunction(
        "sort", [input, .optional("dim", "axis", default: .int(-1)), .optional("descending", default: .bool(false)),
                 .optional("stable", default: .bool(false), namedOnly: true)],
        "the elements sorted along dim, with their positions", example: "values, indices = x.sort(dim=1, descending=True)"
    ) { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let dim = try TensorArguments.dimension(try call.integer("dim"), rank: x.rank, at: call.range(of: "dim"))
        let (split, descending) = (lines(x, dim: dim), try call.bool("descending"))
        var values: [Double] = [], indices: [Int] = []
        for line in split.lines {
            let order = ordered(line, descending: descending)
            values += order.map { line[line.startIndex + $0] }
            indices += order
        }
        return result("sort", x, split, values: values, indices: indices, lastExtent: x.rank == 0 ? 1 : x.shape[dim])
    }

    static let topk = Builtin.tensorFunction(
        "topk", [input, .required("k"), .optional("dim", "axis", default: .int(-1)), .optional("largest", default: .bool(true)),
                 .optional("sorted", default: .bool(true))],
        "the k largest (or smallest) elements along dim, with their positions, largest first",
        example: "values, indices = x.topk(2, dim=1)"
    ) { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let dim = try TensorArguments.dimension(try call.integer("dim"), rank: x.rank, at: call.range(of: "dim"))
        let k = try call.integer("k")
        let extent = x.rank == 0 ? 1 : x.shape[dim]
        guard k >= 0, k <= extent else { throw call.error("selected index k out of range", at: "k") }
        let split = lines(x, dim: dim)
        let largest = try call.bool("largest")
        let sorted = try call.bool("sorted")
        var values: [Double] = [], indices: [Int] = []
        for line in split.lines {
            let order = top(line, k, largest: largest, sorted: sorted)
            values += order.map { line[line.startIndex + $0] }
            indices += order
        }
        return result("topk", x, split, values: values, indices: indices, lastExtent: k)
    }

    /// The positions of the `k` largest (or smallest) elements of `line`, in the order PyTorch's
    /// CPU kernel leaves them: `std::partial_sort` when k·64 ≤ the extent (sorted either way),
    /// else `std::nth_element`, then `std::sort` of the first k − 1 only when `sorted`; with
    /// PyTorch's comparison (NaN above every number). Equal elements come in that order too.
    private static func top(_ line: ArraySlice<Double>, _ k: Int, largest: Bool, sorted: Bool) -> [Int] {
        guard k > 0 else { return [] }
        var queue = line.indices.map { (value: line[$0], index: $0 - line.startIndex) }
        let algorithms = IntroSelect<(value: Double, index: Int)> { x, y in
            largest ? (x.value.isNaN && !y.value.isNaN) || x.value > y.value : (!x.value.isNaN && y.value.isNaN) || x.value < y.value
        }
        if k * 64 <= queue.count {
            algorithms.partialSort(&queue, middle: k)
        } else {
            algorithms.select(&queue, nth: k - 1)
            if sorted { algorithms.sort(&queue, 0, k - 1) }
        }
        return queue.prefix(k).map(\.index)
    }

    /// `x.median()`: the lower of the two middle elements (NaN when there is one), as a 0-d
    /// tensor; `x.median(dim)`: the median of each line with its position.
    static let median = Builtin.tensorFunction(
        "median", [input, .optional("dim", "axis", default: .none), .optional("keepdim", "keepdims", default: .bool(false))],
        "the median (the lower middle element), or along dim with its positions", example: "values, indices = x.median(dim=1)"
    ) { call throws(RuntimeError) in
        let x = try call.receivingTensor
        guard case .none = call.value("dim") else {
            let dim = try call.dimension("dim", rank: x.rank)
            let grouped = ReductionMethods.groups(x, dims: [dim], keepdim: try call.bool("keepdim"))
            guard x.rank == 0 || x.shape[dim] > 0 || grouped.groups.isEmpty else {
                throw call.error("median(): Expected reduction dim \(dim) to have non-zero size.")
            }
            var values: [Double] = [], indices: [Int] = []
            for group in grouped.groups {
                let index = middle(of: group)
                values.append(group[group.startIndex + index]); indices.append(index)
            }
            return ReturnTuple.value("median", values: .tensor(TensorGeometry.float64(grouped.shape, values).converted(to: x.dtype)),
                                     indices: .tensor(TensorGeometry.int64(grouped.shape, indices)))
        }
        let all = x.scalars[...]
        let value = all.isEmpty ? Double.nan : all[all.startIndex + middle(of: all)]
        return .tensor(TensorGeometry.float64([], [value]).converted(to: x.dtype))
    }

    /// The position of the lower middle element of `group` in sorted order (a NaN's, when it has one).
    private static func middle(of group: ArraySlice<Double>) -> Int {
        let order = ordered(group, descending: false)
        if let nan = order.first(where: { group[group.startIndex + $0].isNaN }) { return nan }
        return order.isEmpty ? 0 : order[(order.count - 1) / 2]
    }
}
