import ConvNumerics

/// Python data of ints as an integer tensor, every int kept exactly.
///
/// The general path from data to a tensor goes through `Double`, which holds ints exactly only up
/// to 2^53: `torch.tensor([2**63 - 1])` would read back as -2^63. PyTorch unpacks each int as a C
/// `long long`, so an int64 tensor made from ints holds them all exactly, and an int beyond 64
/// bits is its "Overflow when unpacking long long".
enum IntegerData {
    /// The int64 tensor `data` stands for when it is an int, a bool, an integer tensor, or lists
    /// and tuples of these with rows of one shape; nil for anything else (floats, other values),
    /// which the general path then reads or refuses. Rows of different shapes are PyTorch's error.
    static func int64Tensor(_ data: Value, what: String, at range: SourceRange) throws(RuntimeError) -> Tensor? {
        var elements: [Int64] = []
        guard let shape = try collect(data, into: &elements, depth: 0, what: what, at: range) else { return nil }
        return Tensor(shape: shape, scalars: elements)
    }

    /// `int64Tensor` narrowed to int32, refusing an element int32 cannot hold as PyTorch does
    /// (PyTorch checks the value; it does not wrap it).
    static func int32Tensor(_ data: Value, what: String, at range: SourceRange) throws(RuntimeError) -> Tensor? {
        guard let wide = try int64Tensor(data, what: what, at: range), let elements = wide.int64Scalars else { return nil }
        var narrow: [Int32] = []
        narrow.reserveCapacity(elements.count)
        for element in elements {
            guard let value = Int32(exactly: element) else {
                throw RuntimeError("value cannot be converted to type int32 without overflow", at: range)
            }
            narrow.append(value)
        }
        return Tensor(shape: wide.shape, scalars: narrow)
    }

    /// Appends the elements of `value` in row-major order and returns its shape, or nil when it
    /// is not integer data of a regular shape.
    private static func collect(
        _ value: Value, into elements: inout [Int64], depth: Int, what: String, at range: SourceRange
    ) throws(RuntimeError) -> [Int]? {
        let items: [Value]
        switch value {
        case .int(let integer):
            elements.append(Int64(integer))
            return []
        case .bool(let flag):
            elements.append(flag ? 1 : 0)
            return []
        case .bigInt:
            throw IntegerArithmetic.unpackingOverflow(what, at: range)
        case .tensor, .variable:
            guard let tensor = value.asTensor, !tensor.dtype.isFloatingPoint,
                  let exact = tensor.converted(to: .int64).int64Scalars else { return nil }
            elements.append(contentsOf: exact)
            return tensor.shape
        case .list(let list): items = list.items
        case .tuple(let inner): items = inner
        default: return nil
        }
        guard depth < PythonList.deepestNesting else { return nil }
        var rowShape: [Int]?
        for item in items {
            guard let shape = try collect(item, into: &elements, depth: depth + 1, what: what, at: range) else { return nil }
            if let rowShape, rowShape != shape {
                // (PyTorch reads rows after an empty one in ways of its own; the general path decides.)
                if rowShape.contains(0) || shape.contains(0) { return nil }
                throw ragged(expected: rowShape, got: shape, item: item, depth: depth + 1, at: range)
            }
            rowShape = shape
        }
        return [items.count] + (rowShape ?? [])
    }

    /// PyTorch's refusal of rows of different shapes, which reads the shape from the first row:
    /// a row of another length, a number where a row was, or a row where a number was.
    private static func ragged(expected: [Int], got: [Int], item: Value, depth: Int, at range: SourceRange) -> RuntimeError {
        if got.isEmpty { return RuntimeError("not a sequence", at: range, raising: .typeError) }
        if expected.isEmpty {
            return RuntimeError("'\(PythonText.typeName(item))' object cannot be interpreted as an integer", at: range, raising: .typeError)
        }
        let dim = expected.indices.first { $0 < got.count && expected[$0] != got[$0] } ?? 0
        return RuntimeError("expected sequence of length \(expected[dim]) at dim \(depth + dim) (got \(got[dim]))", at: range,
                            raising: .valueError)
    }
}
