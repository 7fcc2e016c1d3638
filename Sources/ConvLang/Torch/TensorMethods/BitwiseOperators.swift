import ConvNumerics

/// `a & b`, `a | b` and `a ^ b` with a tensor operand, as PyTorch computes them: logic on bool
/// tensors (`(x > 0) & (y < 1)` is a bool mask) and bitwise on integer ones, in the dtype
/// PyTorch's promotion gives (`mask & 1` is int64, an int32 tensor `& 1` stays int32); a
/// floating-point operand is PyTorch's NotImplementedError. The elements are combined as
/// float64 numbers, exact for integers up to 2⁵³.
enum BitwiseOperators {
    /// The result, or nil when no operand is a tensor or `op` is not `&`, `|` or `^`.
    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange,
                       context: EvaluationContext) throws(RuntimeError) -> Value? {
        let rule: (Int64, Int64) -> Int64
        let kernel: String
        switch op {
        case .bitAnd: (rule, kernel) = ({ $0 & $1 }, "bitwise_and_cpu")
        case .bitOr: (rule, kernel) = ({ $0 | $1 }, "bitwise_or_cpu")
        case .bitXor: (rule, kernel) = ({ $0 ^ $1 }, "bitwise_xor_cpu")
        default: return nil
        }
        guard left.asTensor != nil || right.asTensor != nil else { return nil }
        let operands = [left, right].map { value in value.asTensor.map(Value.tensor) ?? value }
        guard let a = TypePromotion.operand(operands[0], defaultFloat: context.defaultDType),
              let b = TypePromotion.operand(operands[1], defaultFloat: context.defaultDType),
              let dtype = TypePromotion.resultType([a, b]) else { return nil }
        guard !dtype.isFloatingPoint else {
            throw RuntimeError("\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'", at: range,
                               raising: .notImplementedError)
        }
        // A Python bool beside a tensor counts as 1 or 0.
        let numbers = operands.map { value -> Value in if case .bool(let flag) = value { .int(flag ? 1 : 0) } else { value } }
        let x = try Coercion.tensor(numbers[0], what: "the left operand", at: range, allowNumber: true)
        let y = try Coercion.tensor(numbers[1], what: "the right operand", at: range, allowNumber: true)
        guard let result = Broadcasting.combine(x, y, { Double(rule(Int64($0), Int64($1))) }) else {
            throw ElementwiseMethods.mismatch(x.shape, y.shape, at: range)
        }
        return try context.checkMemory(afterMaking: .tensor(result.converted(to: dtype)), at: range)
    }
}
