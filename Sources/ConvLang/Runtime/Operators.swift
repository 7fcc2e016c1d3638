import ConvNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Unary and binary operators on values, with NumPy/PyTorch broadcasting for tensors.
enum Operators {
    static func unary(_ op: UnaryOperator, _ operand: Value, at range: SourceRange) throws(RuntimeError) -> Value {
        if let result = try NumPyOperators.unary(op, operand, at: range) { return result }
        // Python refuses `-[1, 2]`; conv negates the tensor the list stands for.
        if op == .negate, let result = try AutogradOperators.negate(operand, at: range) { return result }
        if op == .plus, case .variable = operand { return operand }
        if op != .not, case .list = operand, case .tensor(let tensor) = operand.tensorIfList {
            return try unary(op, .tensor(tensor), at: range)
        }
        if op == .invert, let result = try invert(operand, at: range) { return result }
        switch (op, operand) {
        case (.not, _): return .bool(!(try truth(operand, at: range)))
        case (.plus, .number), (.plus, .tensor), (.plus, .int): return operand
        case (.plus, .bool(let b)): return .int(b ? 1 : 0)
        case (.negate, .number(let x)): return .number(-x)
        case (.plus, .bigInt): return operand
        case (.negate, .int), (.negate, .bigInt): return IntegerArithmetic.operand(operand).map(IntegerArithmetic.negate) ?? operand
        case (.negate, .bool(let b)): return .int(b ? -1 : 0)
        case (.invert, .int), (.invert, .bigInt), (.invert, .bool):
            return IntegerArithmetic.operand(operand).map(IntegerArithmetic.invert) ?? operand
        case (.negate, .tensor(let t)): return .tensor(t.map { -$0 }.converted(to: t.dtype == .bool ? .float64 : t.dtype))
        default:
            if let pending = RuntimeError.notEvaluatedYet(operator: op.rawValue, at: range) { throw pending }
            throw RuntimeError("cannot apply '\(op.rawValue)' to \(operand.typeDescription)", at: range, raising: .typeError)
        }
    }

    /// `~mask` flips a bool tensor; on an integer tensor it is the bitwise not, `-x - 1`; nil
    /// when `operand` is not a tensor.
    private static func invert(_ operand: Value, at range: SourceRange) throws(RuntimeError) -> Value? {
        let tensor: Tensor
        switch operand {
        case .tensor(let t): tensor = t
        case .variable(let box): tensor = box.tensor
        default: return nil
        }
        let storage: TensorStorage
        switch tensor.storage {
        case .bool(let flags): storage = .bool(flags.map { !$0 })
        case .int64(let values): storage = .int64(values.map { ~$0 })
        case .int32(let values): storage = .int32(values.map { ~$0 })
        default:
            throw RuntimeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors", at: range, raising: .typeError)
        }
        return .tensor(Tensor(shape: tensor.shape, storage: storage) ?? tensor)
    }

    static func binary(
        _ op: BinaryOperator, _ left: Value, _ right: Value, operatorRange: SourceRange,
        leftRange: SourceRange, rightRange: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) -> Value {
        if let result = try NumPyOperators.binary(op, left, right, operatorRange: operatorRange, leftRange: leftRange,
                                                  rightRange: rightRange, context: context) {
            return result
        }
        if left.isSize || right.isSize {
            return try sizeBinary(op, left, right, operatorRange: operatorRange, leftRange: leftRange, rightRange: rightRange, context: context)
        }
        if let result = try BitwiseOperators.binary(op, left, right, at: operatorRange, context: context) { return result }
        if let result = try AutogradOperators.binary(op, left, right, at: operatorRange) { return result }
        if let result = try StringOperators.binary(op, left, right, at: operatorRange, context: context) { return result }
        if let result = try nonNumeric(op, left, right, at: operatorRange) { return result }
        if let result = try PythonOperators.binary(op, left, right, at: operatorRange, context: context) { return result }
        if op == .power, let result = scalarPower(left, right) {
            return try context.checkMemory(afterMaking: .tensor(result), at: operatorRange)
        }
        // Arithmetic Python refuses on a list computes elementwise on the tensor it stands for.
        let written = (left: left, right: right)
        let left = left.tensorIfList, right = right.tensorIfList
        if op == .matrixMultiply, case .tensor(let a) = left, case .tensor(let b) = right {
            return try context.checkMemory(afterMaking: .tensor(ProductFunctions.product(a, b, at: operatorRange, context: context)), at: operatorRange)
        }
        if let a = IntegerArithmetic.operand(left), let b = IntegerArithmetic.operand(right),
           let result = try IntegerArithmetic.binary(op, a, b, at: operatorRange, context: context) {
            return result
        }
        if let result = IntegerArithmetic.exactComparison(op, left, right) { return result }
        if let refusal = TypePromotion.refusal(op, written.left, written.right, defaultFloat: context.defaultDType) {
            throw RuntimeError(refusal, at: operatorRange, raising: .notImplementedError)
        }
        try refuseIntegerDivisionByZero(op, written.left, written.right, at: operatorRange, context: context)
        // A big int meets a float or a tensor as the float it rounds to, as Python converts it.
        let inFloat32 = computesInFloat32(op, written.left, written.right, defaultFloat: context.defaultDType)
        let value = try floatingPoint(op, inFloat32(try IntegerArithmetic.asFloat(left, at: leftRange)),
                                      inFloat32(try IntegerArithmetic.asFloat(right, at: rightRange)),
                                      written: written, operatorRange: operatorRange, leftRange: leftRange, rightRange: rightRange,
                                      context: context)
        // The elements were computed as Doubles; the result takes the dtype PyTorch's promotion gives.
        guard case .tensor(let tensor) = value,
              let dtype = TypePromotion.result(op, written.left, written.right, defaultFloat: context.defaultDType,
                                               float64Comparisons: ElementRule(context).float64AsNumbers) else { return value }
        return .tensor(tensor.converted(to: dtype))
    }

    /// `x ** e` for a floating-point tensor and a Python number, in the tensor's dtype by the
    /// rules of PyTorch's kernel for a number exponent (`x ** 3` is `x * x * x` in float32);
    /// nil for any other operands.
    static func scalarPower(_ base: Value, _ exponent: Value) -> Tensor? {
        guard case .tensor(let x) = base else { return nil }
        let e: Double
        switch exponent {
        case .int(let i): e = Double(i)
        case .number(let n): e = n
        default: return nil
        }
        guard x.dtype.isFloatingPoint else { return nil }
        return try? Broadcasting.combine(x, e, .power)
    }

    /// PyTorch computes `+ - * /` and comparisons in the operands' common dtype, so when that is
    /// float32 every operand is rounded to float32 first: `x * 0.001` multiplies by 0.001 as a
    /// float32, and `x == 0.1` holds for `x = torch.tensor([0.1])`. For these operations, two
    /// float32 values computed in float64 and rounded once give exactly the float32 operation's
    /// result (float64 has more than twice float32's digits), so rounding the operands is all it
    /// takes to give PyTorch's bits. The identity when the common dtype is not float32.
    private static func computesInFloat32(
        _ op: BinaryOperator, _ left: Value, _ right: Value, defaultFloat: DType
    ) -> (Value) -> Value {
        let identity: (Value) -> Value = { $0 }
        guard op.isComparison || op == .add || op == .subtract || op == .multiply || op == .divide,
              let a = TypePromotion.operand(left, defaultFloat: defaultFloat),
              let b = TypePromotion.operand(right, defaultFloat: defaultFloat),
              a.rank != .scalar || b.rank != .scalar,
              let common = TypePromotion.resultType([a, b]) else { return identity }
        guard common == .float32 || (op == .divide && !common.isFloatingPoint && defaultFloat == .float32) else { return identity }
        return { value in
            switch value {
            case .number(let x): .number(Double(Float(x)))
            case .int(let i): .number(Double(Float(i)))
            case .tensor(let t) where t.dtype != .float32 && t.dtype != .bool: .tensor(t.converted(to: .float32))
            default: value
            }
        }
    }

    /// PyTorch's refusals of integer tensor arithmetic that has no integer result: `//` or `%`
    /// by a zero (`ZeroDivisionError`, as a RuntimeError) and `**` a negative Python int.
    private static func refuseIntegerDivisionByZero(
        _ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) {
        guard op == .floorDivide || op == .remainder || op == .power,
              let dtype = TypePromotion.result(op, left, right, defaultFloat: context.defaultDType, float64Comparisons: true),
              dtype == .int64 || dtype == .int32 else { return }
        if op == .power {
            if case .int(let exponent) = right, exponent < 0 {
                throw RuntimeError("Integers to negative integer powers are not allowed.", at: range)
            }
            return
        }
        let divisor: [Double] = if case .tensor(let t) = right.tensorIfList { t.scalars } else { right.asNumber.map { [$0] } ?? [] }
        if divisor.contains(0) { throw RuntimeError("ZeroDivisionError", at: range) }
    }

    /// An operator with a `torch.Size` operand works on the tuple it is; joining or repeating
    /// one gives a torch.Size again (`x.shape[:2] + (5,)`, `x.shape * 2`), as in PyTorch.
    private static func sizeBinary(
        _ op: BinaryOperator, _ left: Value, _ right: Value, operatorRange: SourceRange,
        leftRange: SourceRange, rightRange: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) -> Value {
        let asTuple = { (value: Value) in value.tupleItems.map(Value.tuple) ?? value }
        let result = try binary(op, asTuple(left), asTuple(right), operatorRange: operatorRange,
                                leftRange: leftRange, rightRange: rightRange, context: context)
        guard op == .add || op == .multiply, case .tuple(let items) = result else { return result }
        var extents: [Int] = []
        for item in items {
            guard case .int(let extent) = item else { return result }
            extents.append(extent)
        }
        return .size(extents)
    }

    /// Arithmetic and comparisons on floats and tensors, broadcasting; `written` are the operands
    /// as the program gave them, for Python's TypeError.
    private static func floatingPoint(
        _ op: BinaryOperator, _ left: Value, _ right: Value, written: (left: Value, right: Value), operatorRange: SourceRange,
        leftRange: SourceRange, rightRange: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) -> Value {
        guard let function = arithmetic(op) else {
            if let pending = RuntimeError.notEvaluatedYet(operator: op.rawValue, at: operatorRange) { throw pending }
            throw RuntimeError("cannot apply '\(op.rawValue)' here", at: operatorRange)
        }
        let isComparison = op.isComparison
        switch (numeric(left), numeric(right)) {
        case (.number(let x)?, .number(let y)?):
            let result = function(x, y)
            return isComparison ? .bool(result != 0) : .number(result)
        case (.tensor(let a)?, .number(let y)?):
            return try context.checkMemory(afterMaking: .tensor(Broadcasting.combine(a, y, function)), at: operatorRange)
        case (.number(let x)?, .tensor(let b)?):
            return try context.checkMemory(afterMaking: .tensor(Broadcasting.combine(x, b, function)), at: operatorRange)
        case (.tensor(let a)?, .tensor(let b)?):
            guard let shape = Broadcasting.shape(a.shape, b.shape) else {
                throw RuntimeError("cannot combine shapes \(a.shape) and \(b.shape) with '\(op.rawValue)'", at: operatorRange,
                                   notes: ["shapes broadcast when, read from the right, each pair of sizes is equal or one of them is 1"])
            }
            try context.checkElementCount(of: shape, at: operatorRange)
            guard let result = Broadcasting.combine(a, b, function) else {
                throw RuntimeError("cannot combine shapes \(a.shape) and \(b.shape)", at: operatorRange)
            }
            return .tensor(result)
        default:
            let bad = numeric(left) == nil ? (left, leftRange) : (right, rightRange)
            throw RuntimeError(unsupported(op, written.left, written.right), at: bad.1, raising: .typeError)
        }
    }

    /// Python's TypeError text for operands an operator does not take: `can only concatenate
    /// str (not "int") to str`, `'<' not supported between instances of 'str' and 'int'`,
    /// `unsupported operand type(s) for -: 'str' and 'int'`.
    static func unsupported(_ op: BinaryOperator, _ left: Value, _ right: Value) -> String {
        let (a, b) = (PythonText.typeName(left), PythonText.typeName(right))
        switch op {
        case .add where ["str", "list", "tuple"].contains(a): return "can only concatenate \(a) (not \"\(b)\") to \(a)"
        case .less, .lessEqual, .greater, .greaterEqual: return "'\(op.rawValue)' not supported between instances of '\(a)' and '\(b)'"
        default: return "unsupported operand type(s) for \(op.rawValue): '\(a)' and '\(b)'"
        }
    }

    /// Operators on strings, none, bools and tuples: concatenation and equality.
    private static func nonNumeric(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange) throws(RuntimeError) -> Value? {
        switch (op, left, right) {
        case (.add, .string(let a), .string(let b)): return .string(a + b)
        case (.add, .tuple(let a), .tuple(let b)): return .tuple(a + b)
        case (.equal, _, _) where !isNumeric(left.tensorIfList) || !isNumeric(right.tensorIfList):
            return .bool(ValueEquality.equal(left, right))
        case (.notEqual, _, _) where !isNumeric(left.tensorIfList) || !isNumeric(right.tensorIfList):
            return .bool(!ValueEquality.equal(left, right))
        default: return nil
        }
    }

    private static func isNumeric(_ value: Value) -> Bool {
        if case .bigInt = value { return true }
        return numeric(value) != nil
    }

    /// Numbers, ints, bools (as 0 and 1) and tensors take part in arithmetic; an int meeting a
    /// float or a tensor takes part as a float.
    private static func numeric(_ value: Value) -> Value? {
        switch value {
        case .number, .tensor: value
        case .int(let i): .number(Double(i))
        case .bool(let b): .number(b ? 1 : 0)
        default: nil
        }
    }

    /// The scalar function of an arithmetic or comparison operator. Comparisons give 1 or 0.
    static func arithmetic(_ op: BinaryOperator) -> ((Double, Double) -> Double)? {
        switch op {
        case .add: { $0 + $1 }
        case .subtract: { $0 - $1 }
        case .multiply: { $0 * $1 }
        case .divide: { $0 / $1 }
        case .floorDivide: { ($0 / $1).rounded(.down) }
        case .remainder: { ArithmeticOperation.remainder($0, $1) }
        case .power: { pow($0, $1) }
        case .equal: { $0 == $1 ? 1 : 0 }
        case .notEqual: { $0 != $1 ? 1 : 0 }
        case .less: { $0 < $1 ? 1 : 0 }
        case .lessEqual: { $0 <= $1 ? 1 : 0 }
        case .greater: { $0 > $1 ? 1 : 0 }
        case .greaterEqual: { $0 >= $1 ? 1 : 0 }
        case .and, .or: nil
        case .matrixMultiply, .bitAnd, .bitOr, .bitXor, .shiftLeft, .shiftRight, .is, .isNot, .in, .notIn: nil
        }
    }

    /// Python's truthiness; a tensor is true or false only when it has exactly one element.
    static func truth(_ value: Value, at range: SourceRange) throws(RuntimeError) -> Bool {
        switch value {
        case .bool(let b): return b
        case .number(let x): return x != 0
        case .int(let i): return i != 0
        case .bigInt: return true
        case .range(let range): return range.count != 0
        case .none: return false
        case .string(let s): return !s.isEmpty
        case .tuple(let items): return !items.isEmpty
        case .size(let extents): return !extents.isEmpty
        case .returnTuple: return true
        case .list(let list): return !list.items.isEmpty
        case .dict(let dict): return dict.count != 0
        case .set(let set): return set.count != 0
        case .tensor(let t) where t.count == 1: return t.scalars[0] != 0
        case .variable(let box): return try truth(.tensor(box.tensor), at: range)
        case .tensor(let t):
            throw RuntimeError("Boolean value of Tensor with \(t.count == 0 ? "no values" : "more than one value") is ambiguous", at: range,
                               notes: ["use all(...) or any(...)"])
        case .object(let box):
            guard let array = box.object as? NumPyArray else { return true }
            return try NumPyOperators.truth(array, at: range)
        case .function, .layer, .namespace, .pythonClass, .instance: return true
        }
    }
}

/// Structural equality for `==` on values that are not numbers or tensors.
enum ValueEquality {
    /// How deeply containers are compared: lists that contain themselves (`xs.append(xs)`) would
    /// otherwise be compared for ever. Python raises RecursionError there; conv calls them
    /// unequal, far below the depth any real data has.
    static let deepestComparison = 500

    static func equal(_ a: Value, _ b: Value, depth: Int = 0) -> Bool {
        guard depth < deepestComparison else { return false }
        let equal = { (x: Value, y: Value) in Self.equal(x, y, depth: depth + 1) }
        // A NumPy scalar equals the Python number it stands for (`2.5 in [a[0]]`).
        if let x = a.numpyScalarValue { return equal(x, b) }
        if let y = b.numpyScalarValue { return equal(a, y) }
        return switch (a, b) {
        case (.string(let x), .string(let y)): x.unicodeScalars.elementsEqual(y.unicodeScalars)  // by code point, as Python
        case (.bool(let x), .bool(let y)): x == y
        case (.none, .none): true
        case (.number(let x), .number(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.int(let x), .number(let y)), (.number(let y), .int(let x)): IntegerArithmetic.equal(.small(x), y)
        case (.bigInt(let x), .bigInt(let y)): x.value == y.value
        case (.bigInt(let x), .number(let y)), (.number(let y), .bigInt(let x)): IntegerArithmetic.equal(.big(x.value), y)
        case (.tensor(let x), .tensor(let y)): x == y
        // `t in [1, 2]`, `xs.count(t)`: Python asks `item == t`, whose one-element tensor is true
        // or false by its value, as in PyTorch.
        case (.tensor(let t), .int), (.tensor(let t), .number), (.tensor(let t), .bool):
            t.count == 1 && t.scalars[0] == b.asNumber
        case (.int, .tensor(let t)), (.number, .tensor(let t)), (.bool, .tensor(let t)):
            t.count == 1 && t.scalars[0] == a.asNumber
        case (.tuple(let x), .tuple(let y)): x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        // A torch.Size equals the tuple of the same ints (it is one), never a list; so does a
        // torch.return_types value its tuple.
        case (.size, .size), (.size, .tuple), (.tuple, .size), (.returnTuple, .returnTuple), (.returnTuple, .tuple), (.tuple, .returnTuple):
            equal(.tuple(a.tupleItems ?? []), .tuple(b.tupleItems ?? []))
        case (.list(let x), .list(let y)): x === y || (x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { equal($0, $1) })
        case (.dict(let x), .dict(let y)):
            x === y || (x.count == y.count && zip(x.keys, x.values).allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false })
        // A set equals a set or frozenset of the same elements.
        case (.set(let x), .set(let y)): x === y || (x.count == y.count && x.elements.allSatisfy { y.contains($0) == true })
        case (.bool(let x), .int(let y)), (.int(let y), .bool(let x)): (x ? 1 : 0) == y
        case (.bool(let x), .number(let y)), (.number(let y), .bool(let x)): (x ? 1 : 0) == y
        case (.layer(let x), .layer(let y)): x == y
        case (.object(let x), .object(let y)): x.object.isEqual(to: y.object)
        case (.function(let x), .function(let y)): x === y
        case (.pythonClass(let x), .pythonClass(let y)): x === y
        case (.instance(let x), .instance(let y)): x === y
        default: false
        }
    }
}
