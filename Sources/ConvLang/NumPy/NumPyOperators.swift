import ConvNumerics

/// Operators with a NumPy array operand, in NumPy's dtypes: arrays (and lists, which NumPy
/// makes arrays of) promote bool < int64 < float32 < float64 (int64 with float32 is float64);
/// a Python number does not widen an array of its kind (`float32 * 0.5` stays float32, `int64 +
/// 1` int64), an int array meeting a Python float is float64, `/` of integers float64, and
/// comparisons give bool. A 0-d result is a scalar, as NumPy's is.
///
/// A torch tensor meeting an array is computed as PyTorch would with the array's tensor.
enum NumPyOperators {
    /// One operand as NumPy sees it.
    private enum Operand {
        /// An array, or data made one: its dtype counts in promotion.
        case array(Tensor)
        /// A Python number: its kind counts only when the array's is lower.
        case scalar(Double, DType)

        var dtype: DType {
            switch self {
            case .array(let tensor): tensor.dtype
            case .scalar(_, let dtype): dtype
            }
        }
    }

    static func binary(
        _ op: BinaryOperator, _ left: Value, _ right: Value, operatorRange: SourceRange, leftRange: SourceRange,
        rightRange: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) -> Value? {
        if let result = dtypeEquality(op, left, right) { return result }
        guard left.numpyArray != nil || right.numpyArray != nil else { return nil }
        if [.is, .isNot, .in, .notIn, .and, .or].contains(op) { return nil }
        if left.asTensor != nil || right.asTensor != nil {
            let asTensor = { (value: Value) in value.numpyArray.map { Value.tensor($0.tensor) } ?? value }
            return try Operators.binary(op, asTensor(left), asTensor(right), operatorRange: operatorRange, leftRange: leftRange,
                                        rightRange: rightRange, context: context)
        }
        guard let a = try operand(left, at: leftRange), let b = try operand(right, at: rightRange) else { return nil }
        if op == .matrixMultiply, case .array(let x) = a, case .array(let y) = b {
            let product = try ProductFunctions.product(x.converted(to: .float64), y.converted(to: .float64), at: operatorRange,
                                                       context: context)
            return .numpyResult(product.converted(to: NumPyDTypes.promoted(x.dtype, y.dtype)))
        }
        guard let function = function(op) else {
            throw RuntimeError("unsupported operand type(s) for \(op.rawValue): '\(PythonText.typeName(left))' and '\(PythonText.typeName(right))'",
                               at: operatorRange, raising: .typeError)
        }
        let dtype = resultDType(op, a, b)
        return try combine(a, b, try integral(op, function, a, b, dtype, at: operatorRange), dtype, ufunc: nil, at: operatorRange,
                           context: context)
    }

    /// `np.NAME(x1, x2)` for the ufunc that is `op` (or, with `op` nil, `function` in the
    /// operands' promoted dtype, as `np.maximum`): the operator's arithmetic, promotion and
    /// errors, with NumPy's ufunc rules on top: two Python numbers are 0-d arrays (so the result
    /// is a NumPy scalar), and anything else NumPy takes as an array (a list, a tuple, a tensor)
    /// is one.
    static func ufunc(
        _ name: String, _ op: BinaryOperator?, _ function: ((Double, Double) -> Double)? = nil, _ left: Value, _ right: Value,
        at ranges: (SourceRange, SourceRange), context: EvaluationContext
    ) throws(RuntimeError) -> Value {
        func asArray(_ value: Value, _ range: SourceRange) throws(RuntimeError) -> Operand {
            .array(try NumPyLibrary.tensor(value, dtype: nil, what: "np.\(name)'s operand", at: range))
        }
        var a: Operand, b: Operand
        if let given = try operand(left, at: ranges.0) { a = given } else { a = try asArray(left, ranges.0) }
        if let given = try operand(right, at: ranges.1) { b = given } else { b = try asArray(right, ranges.1) }
        if case .scalar = a, case .scalar = b {
            a = try asArray(left, ranges.0)
            b = try asArray(right, ranges.1)
        }
        let range = ranges.0.union(ranges.1)
        guard let operation = function ?? op.flatMap(Self.function) else {
            throw RuntimeError("ufunc '\(name)' not supported for the input types", at: range, raising: .typeError)
        }
        let dtype = resultDType(op, a, b)
        return try combine(a, b, try integral(op, operation, a, b, dtype, at: range), dtype, ufunc: name, at: range, context: context)
    }

    /// `function` with NumPy's integer and boolean rules for `op`: `//` and `%` by an integer 0
    /// give 0 (where a float would be inf or nan), integers to negative integer powers and a
    /// boolean `-` are NumPy's errors.
    private static func integral(
        _ op: BinaryOperator?, _ function: @escaping (Double, Double) -> Double, _ a: Operand, _ b: Operand, _ dtype: DType,
        at range: SourceRange
    ) throws(RuntimeError) -> (Double, Double) -> Double {
        if op == .subtract && a.dtype == .bool && b.dtype == .bool {
            throw RuntimeError("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
                               at: range, raising: .typeError)
        }
        guard !dtype.isFloatingPoint, dtype != .bool else { return function }
        switch op {
        case .floorDivide?, .remainder?: return { x, y in y == 0 ? 0 : function(x, y) }
        case .power?:
            let exponents = switch b {
            case .array(let tensor): tensor.scalars
            case .scalar(let value, _): [value]
            }
            if exponents.contains(where: { $0 < 0 }) {
                throw RuntimeError("Integers to negative integer powers are not allowed.", at: range, raising: .valueError)
            }
            return function
        default: return function
        }
    }

    /// `a OP b` of two operands, at least one an array, in `dtype`.
    private static func combine(
        _ a: Operand, _ b: Operand, _ function: (Double, Double) -> Double, _ dtype: DType, ufunc: String?, at range: SourceRange,
        context: EvaluationContext
    ) throws(RuntimeError) -> Value {
        // NumPy's ufunc message ends with a space after the shapes, the operator's too.
        let combined: Tensor?
        switch (a, b) {
        case (.array(let x), .array(let y)):
            guard let shape = Broadcasting.shape(x.shape, y.shape) else {
                throw RuntimeError("operands could not be broadcast together with shapes \(NumPyShapes.tuple(x.shape, compact: true)) \(NumPyShapes.tuple(y.shape, compact: true)) ",
                                   at: range, raising: .valueError)
            }
            try context.checkElementCount(of: shape, at: range)
            combined = Broadcasting.combine(x.converted(to: .float64), y.converted(to: .float64), function)
        case (.array(let x), .scalar(let y, _)): combined = Broadcasting.combine(x.converted(to: .float64), y, function)
        case (.scalar(let x, _), .array(let y)): combined = Broadcasting.combine(x, y.converted(to: .float64), function)
        case (.scalar(let x, _), .scalar(let y, _)): combined = Tensor(scalar: function(x, y))
        }
        guard let combined else {
            throw RuntimeError("np.\(ufunc ?? "operator") could not combine its operands", at: range, raising: .valueError)
        }
        return try context.checkMemory(afterMaking: .numpyResult(combined.converted(to: dtype)), at: range)
    }

    static func unary(_ op: UnaryOperator, _ operand: Value, at range: SourceRange) throws(RuntimeError) -> Value? {
        guard let array = operand.numpyArray else { return nil }
        let tensor = array.tensor
        switch op {
        case .not: return .bool(!(try truth(array, at: range)))
        case .plus: return .array(tensor)
        case .negate:
            guard tensor.dtype != .bool else {
                throw RuntimeError("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
                                   at: range, raising: .typeError)
            }
            return .numpyResult(tensor.map { -$0 }.converted(to: tensor.dtype))
        case .invert:
            switch tensor.storage {
            case .bool(let flags): return .numpyResult(Tensor(shape: tensor.shape, scalars: flags.map { !$0 }) ?? tensor)
            case .int64(let values): return .numpyResult(Tensor(shape: tensor.shape, scalars: values.map { ~$0 }) ?? tensor)
            default:
                throw RuntimeError("ufunc 'invert' not supported for the input types", at: range, raising: .typeError)
            }
        }
    }

    /// `bool(a)`: the one element's truth; NumPy's ValueError for more than one (and for none).
    static func truth(_ array: NumPyArray, at range: SourceRange) throws(RuntimeError) -> Bool {
        guard array.tensor.count == 1 else {
            let message = array.tensor.count == 0
                ? "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty."
                : "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()"
            throw RuntimeError(message, at: range, raising: .valueError)
        }
        return array.tensor.scalars[0] != 0
    }

    private static func operand(_ value: Value, at range: SourceRange) throws(RuntimeError) -> Operand? {
        switch value {
        case .object(let box): return (box.object as? NumPyArray).map { .array($0.tensor) }
        case .number(let x): return .scalar(x, .float64)
        case .int(let i): return .scalar(Double(i), .int64)
        case .bool(let flag): return .scalar(flag ? 1 : 0, .bool)
        case .list, .tuple: return .array(try NumPyLibrary.tensor(value, dtype: nil, what: "an operand", at: range))
        default: return nil
        }
    }

    private static func function(_ op: BinaryOperator) -> ((Double, Double) -> Double)? {
        let integral = { (f: @escaping (Int64, Int64) -> Int64) -> (Double, Double) -> Double in
            { Double(f(Int64(exactly: $0.rounded()) ?? 0, Int64(exactly: $1.rounded()) ?? 0)) }
        }
        switch op {
        case .bitAnd: return integral { $0 & $1 }
        case .bitOr: return integral { $0 | $1 }
        case .bitXor: return integral { $0 ^ $1 }
        default: return Operators.arithmetic(op)
        }
    }

    /// NumPy's result dtype (NEP 50: Python numbers are "weak").
    private static func resultDType(_ op: BinaryOperator?, _ a: Operand, _ b: Operand) -> DType {
        if op?.isComparison == true { return .bool }
        let dtype: DType = switch (a, b) {
        case (.array, .array): NumPyDTypes.promoted(a.dtype, b.dtype)
        case (.array(let x), .scalar(_, let kind)), (.scalar(_, let kind), .array(let x)): weakPromoted(x.dtype, kind)
        case (.scalar, .scalar): NumPyDTypes.promoted(a.dtype, b.dtype)
        }
        guard let op else { return dtype }
        if op == .divide && !dtype.isFloatingPoint { return .float64 }
        if dtype == .bool && ![.bitAnd, .bitOr, .bitXor, .multiply, .add].contains(op) { return .int64 }
        return dtype
    }

    private static func weakPromoted(_ array: DType, _ scalar: DType) -> DType {
        switch scalar {
        case .float64, .float32: array.isFloatingPoint ? array : .float64
        case .int64, .int32: array == .bool ? .int64 : array
        case .bool: array
        }
    }

    /// `a.dtype == np.float32`, `a.dtype == "float64"`, `a.dtype != np.int64`.
    private static func dtypeEquality(_ op: BinaryOperator, _ left: Value, _ right: Value) -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        let isNumPyDType = { (value: Value) -> Bool in
            if case .object(let box) = value { return box.object is NumPyDType }
            return false
        }
        guard isNumPyDType(left) || isNumPyDType(right) else { return nil }
        let same = NumPyDTypes.dtype(of: left).map { $0 == NumPyDTypes.dtype(of: right) } ?? false
        return .bool(op == .equal ? same : !same)
    }
}
