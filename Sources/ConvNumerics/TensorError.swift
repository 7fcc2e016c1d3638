/// Why an elementwise operation, a reduction or an activation was refused.
///
/// Each case carries the shapes and dtypes involved; ``description`` renders a sentence that
/// names them and the fix.
public enum TensorError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The shapes do not broadcast: read from the right, some pair of extents differs and
    /// neither is 1.
    case shapeMismatch(left: [Int], right: [Int])
    /// The operands have different dtypes; nothing is converted implicitly.
    case dtypeMismatch(left: DType, right: DType)
    /// `operation` computes only in float32 or float64 (int64 and bool arithmetic is not
    /// supported yet).
    case unsupportedDType(DType, operation: String)
    /// A reduction's axis is not in `0..<rank`.
    case axisOutOfRange(axis: Int, rank: Int)
    /// `min` or `max` of no elements.
    case emptyReduction(operation: String)

    /// A sentence naming the shapes or dtypes and the fix.
    public var description: String {
        switch self {
        case .shapeMismatch(let left, let right):
            return "cannot broadcast shapes \(left) and \(right): read from the right, "
                + "each pair of sizes must be equal or one of them 1"
        case .dtypeMismatch(let left, let right):
            return RefusalWording.dtypeMismatch("the left operand", left, "the right operand", right)
        case .unsupportedDType(let dtype, let operation):
            return RefusalWording.unsupportedDType(dtype, operation: operation)
        case .axisOutOfRange(let axis, let rank):
            return "dim \(axis) is out of range for a tensor of rank \(rank)"
        case .emptyReduction(let operation):
            return "\(operation) of no elements has no value"
        }
    }
}
