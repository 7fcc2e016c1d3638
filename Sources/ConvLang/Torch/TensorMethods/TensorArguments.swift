import ConvNumerics

/// What the tensor methods and torch functions read from their arguments: the receiving
/// tensor, dimensions counted from either end, shapes written as `2, 3` or `(2, 3)`, with
/// PyTorch's wording when one is refused.
extension BuiltinCall {
    /// The tensor a method was called on (`x` in `x.view(2, 3)`), or the function's first
    /// argument: the one accessor through which every method reads its receiver.
    var receivingTensor: Tensor {
        get throws(RuntimeError) { try tensor(builtin.parameters.first?.name ?? "input", allowNumber: true) }
    }

    /// Argument `name` as a dimension of a tensor of `rank`, a negative one counted from the end.
    func dimension(_ name: String, rank: Int) throws(RuntimeError) -> Int {
        try TensorArguments.dimension(try integer(name), rank: rank, at: range(of: name))
    }

    /// Argument `name` as dimensions: an int, a tuple or list of ints, or none (every dimension).
    func dimensions(_ name: String, rank: Int) throws(RuntimeError) -> [Int]? {
        let raw: [Value]
        switch value(name) {
        case .none: return nil
        case .tuple(let items): raw = items
        case .size(let extents): raw = extents.map(Value.int)
        case .list(let list): raw = list.items
        case let single: raw = [single]
        }
        var dims: [Int] = []
        for item in raw {
            let dim = try TensorArguments.dimension(
                try Coercion.integer(item, what: "\(builtin.name)'s argument '\(name)'", at: range(of: name)), rank: rank, at: range(of: name))
            guard !dims.contains(dim) else {
                throw error("dim \(dim) appears multiple times in the list of dims", at: name)
            }
            dims.append(dim)
        }
        return dims
    }

    /// The sizes given as the variadic `name` (`view(2, 3)`) or as one tuple or list (`view((2, 3))`).
    func sizes(_ name: String) throws(RuntimeError) -> [Int] {
        var items = rest.map(\.value)
        if items.count == 1 {
            switch items[0] {
            case .tuple(let inner): items = inner
            case .size(let extents): items = extents.map(Value.int)
            case .list(let list): items = list.items
            default: break
            }
        }
        var sizes: [Int] = []
        for item in items {
            sizes.append(try Coercion.integer(item, what: "\(builtin.name)'s argument '\(name)'", at: range(of: name)))
        }
        return sizes
    }

    /// A tensor result, checked against the element limit and the memory budget.
    func made(_ tensor: Tensor) throws(RuntimeError) -> Value {
        try context.checkMemory(afterMaking: .tensor(tensor), at: range)
    }
}

/// Dimensions and shapes as PyTorch checks them.
enum TensorArguments {
    /// `dim` of a tensor of `rank` counted from 0; PyTorch's IndexError outside
    /// `[-rank, rank - 1]` (a rank-0 tensor takes 0 and -1).
    static func dimension(_ dim: Int, rank: Int, at range: SourceRange) throws(RuntimeError) -> Int {
        let extent = Swift.max(rank, 1)
        guard dim >= -extent, dim < extent else {
            throw RuntimeError("Dimension out of range (expected to be in range of [\(-extent), \(extent - 1)], but got \(dim))",
                               at: range, raising: .indexError)
        }
        return dim < 0 ? dim + extent : dim
    }

    /// `shape` with its one `-1` worked out so that it holds `count` elements; PyTorch's errors
    /// for a shape that cannot.
    static func inferred(_ shape: [Int], count: Int, at range: SourceRange) throws(RuntimeError) -> [Int] {
        var unknown: Int?
        var known = 1
        for (index, size) in shape.enumerated() {
            if size == -1 {
                guard unknown == nil else { throw RuntimeError("only one dimension can be inferred", at: range) }
                unknown = index
            } else if size < 0 {
                throw RuntimeError("invalid shape dimension \(size) at index \(index) of shape \(text(shape))", at: range)
            } else {
                let (product, overflow) = known.multipliedReportingOverflow(by: size)
                guard !overflow else { throw invalid(shape, count: count, at: range) }
                known = product
            }
        }
        guard let unknown else {
            guard known == count else { throw invalid(shape, count: count, at: range) }
            return shape
        }
        guard known > 0, count % known == 0 else { throw invalid(shape, count: count, at: range) }
        var result = shape
        result[unknown] = count / known
        return result
    }

    private static func invalid(_ shape: [Int], count: Int, at range: SourceRange) -> RuntimeError {
        RuntimeError("shape '\(text(shape))' is invalid for input of size \(count)", at: range)
    }

    /// `[2, 3]`, as PyTorch writes sizes in messages.
    static func text(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}
