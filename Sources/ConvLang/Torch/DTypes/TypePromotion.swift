import ConvNumerics

/// PyTorch's type promotion for the operators (`+ - * / // % **` and comparisons) on tensors
/// and Python numbers: `torch.result_type`'s rules for conv's five dtypes.
///
/// The operands are ranked: tensors with dimensions first, then rank-0 tensors, then Python
/// numbers (an int is int64, a float the default dtype, a bool bool). A lower rank changes the
/// result only when it is of a higher category (bool < integer < floating): `int64 tensor * 2.5`
/// is float32, `float32 tensor * 2` stays float32, `float32 tensor + float64 rank-0 tensor` stays
/// float32. True division of integers gives the default float; a comparison gives bool.
///
/// The short language keeps its float64: in conv's display (`float64Comparisons`), when every
/// tensor operand is float64 the result is the float64 it always was, comparisons included (1
/// and 0), so its programs print as before; in PyTorch's display a comparison is bool, as there.
enum TypePromotion {
    /// The dtype PyTorch gives `left op right`, or nil when no operand is a tensor.
    static func result(_ op: BinaryOperator, _ left: Value, _ right: Value, defaultFloat: DType, float64Comparisons: Bool) -> DType? {
        let operands = [operand(left, defaultFloat: defaultFloat), operand(right, defaultFloat: defaultFloat)]
        guard operands.contains(where: { $0?.rank != .scalar }) else { return nil }
        let tensorDTypes = operands.compactMap { $0?.rank == .scalar ? nil : $0?.dtype }
        guard let promoted = resultType(operands.compactMap { $0 }) else { return nil }
        if op.isComparison { return float64Comparisons && tensorDTypes.allSatisfy { $0 == .float64 } ? .float64 : .bool }
        if op == .divide, !promoted.isFloatingPoint { return defaultFloat }
        return promoted
    }

    /// PyTorch's refusal of `left op right` on bool operands, or nil when it computes it:
    /// subtraction with a bool tensor, and `//`, `%` and `**` whose result would be bool.
    static func refusal(_ op: BinaryOperator, _ left: Value, _ right: Value, defaultFloat: DType) -> String? {
        guard let a = operand(left, defaultFloat: defaultFloat), let b = operand(right, defaultFloat: defaultFloat),
              a.rank != .scalar || b.rank != .scalar else { return nil }
        switch op {
        case .subtract where a.dtype == .bool && b.dtype == .bool:
            return "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."
        case .subtract where a.dtype == .bool || b.dtype == .bool:
            return "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
        case .floorDivide, .remainder, .power:
            guard resultType([a, b]) == .bool, !(op == .power && b.rank == .scalar) else { return nil }
            let kernel = op == .floorDivide ? "div_floor_cpu" : op == .remainder ? "remainder_cpu" : "pow"
            return "\"\(kernel)\" not implemented for 'Bool'"
        default:
            return nil
        }
    }

    /// Where an operand ranks in promotion.
    enum Rank: Int { case dimensioned, zeroDimensional, scalar }

    struct Operand: Equatable {
        let dtype: DType
        let rank: Rank
    }

    /// A value as an operand: a tensor (or a list, the float64 tensor it stands for) or a Python
    /// number; nil for anything else.
    static func operand(_ value: Value, defaultFloat: DType) -> Operand? {
        switch value.tensorIfList {
        case .tensor(let tensor): Operand(dtype: tensor.dtype, rank: tensor.rank == 0 ? .zeroDimensional : .dimensioned)
        case .int, .bigInt: Operand(dtype: .int64, rank: .scalar)
        case .bool: Operand(dtype: .bool, rank: .scalar)
        case .number: Operand(dtype: defaultFloat, rank: .scalar)
        default: nil
        }
    }

    /// `torch.result_type` over the operands.
    static func resultType(_ operands: [Operand]) -> DType? {
        func promoted(_ rank: Rank) -> DType? {
            operands.filter { $0.rank == rank }.map(\.dtype).reduce(nil) { (sofar: DType?, next: DType) in
                sofar.map { promote($0, next) } ?? next
            }
        }
        return combine(promoted(.dimensioned), combine(promoted(.zeroDimensional), promoted(.scalar)))
    }

    /// `promoteTypes` for conv's dtypes: bool < int32 < int64 < float32 < float64.
    static func promote(_ a: DType, _ b: DType) -> DType {
        order(a) >= order(b) ? a : b
    }

    /// PyTorch's `combine_categories`: the higher-ranked dtype, unless the lower one is of a
    /// higher category.
    static func combine(_ higher: DType?, _ lower: DType?) -> DType? {
        guard let higher else { return lower }
        guard let lower else { return higher }
        if higher.isFloatingPoint { return higher }
        if higher == .bool || lower.isFloatingPoint { return promote(higher, lower) }
        return higher
    }

    private static func order(_ dtype: DType) -> Int {
        switch dtype {
        case .bool: 0
        case .int32: 1
        case .int64: 2
        case .float32: 3
        case .float64: 4
        }
    }
}
