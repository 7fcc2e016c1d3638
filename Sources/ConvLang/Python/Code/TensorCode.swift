import ConvNumerics

/// The small tensor operations a loop over windows spends its passes on (`Y[i] =
/// (X[i:i+w] * K).sum()`), each done straight on plain tensors, in their dtype, with the results
/// the general paths give. Anything else (a tensor with autograd identity, a list, a NumPy
/// array, other subscripts or arguments) takes the general path, which evaluates nothing twice.

/// `base[start:stop]` on a tensor: the rows of its first axis, one copy of a contiguous run.
final class RowSliceCode: ExprCode, @unchecked Sendable {
    let base: ExprCode
    let start: ExprCode?
    let stop: ExprCode?
    let subscripts: [Subscript]
    let range: SourceRange

    init?(_ expr: Expr, base: ExprCode, subscripts: [Subscript], range: SourceRange, _ compiler: CodeCompiler) {
        guard subscripts.count == 1, case .slice(let start, let stop, nil, _) = subscripts[0] else { return nil }
        (self.base, self.subscripts, self.range) = (base, subscripts, range)
        (self.start, self.stop) = (start.map(compiler.compile), stop.map(compiler.compile))
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        let value = try base.evaluate(frame, evaluator)
        guard case .tensor(let tensor) = value, let extent = tensor.shape.first else {
            return try evaluator.index(value, base.expr, subscripts, range: range, frame)
        }
        let bounds = SliceBounds(extent: extent, step: 1)
        let lower = bounds.clamp(try bound(start, frame, evaluator), isStart: true)
        let upper = bounds.clamp(try bound(stop, frame, evaluator), isStart: false)
        // (Clamped bounds always fit the axis.)
        return .tensor(tensor.rows(lower..<Swift.max(lower, upper)) ?? tensor)
    }

    private func bound(_ code: ExprCode?, _ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Int? {
        guard let code else { return nil }
        return try Evaluator.sliceBound(try code.evaluate(frame, evaluator), at: code.expr.range)
    }
}

/// `name[index] = value` on a function's local holding a floating-point vector, with an index
/// that is a name or a constant (so that handing over to the general path, which evaluates it
/// again, changes nothing): the element is written in place.
final class ItemAssignCode: StmtCode, @unchecked Sendable {
    let slot: Int
    let index: ExprCode
    let value: ExprCode
    let target: Target

    init?(_ statement: Stmt, target: Target, value: ExprCode, _ compiler: CodeCompiler) {
        guard case .index(.name(let name, _), let subscripts, _) = target, subscripts.count == 1,
              case .local(let slot) = compiler.slot(of: name), case .index(let index) = subscripts[0] else { return nil }
        switch index {
        case .name, .integer: break
        default: return nil
        }
        (self.slot, self.index, self.value, self.target) = (slot, compiler.compile(index), value, target)
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        let result = try value.evaluate(frame, evaluator)
        // An index that is not an integer (a mask, a list of positions) takes the general path.
        guard let frame, let extent = Self.vectorExtent(frame[slot]), let element = Self.element(result),
              case .int = try index.evaluate(frame, evaluator) else {
            var locals = frame
            try evaluator.assign(result, to: target, &locals)
            return .normal
        }
        let position = try Evaluator.position(try index.evaluate(frame, evaluator), extent: extent, at: index.expr.range)
        // Out of its slot, the tensor is the only reference to its storage: no copy.
        guard case .tensor(var tensor) = frame.take(slot) else { return .normal }
        _ = tensor.replaceElement(at: position, with: element)
        frame[slot] = .tensor(tensor)
        return .normal
    }

    /// The length of a plain float32 or float64 vector; nil for any other value.
    private static func vectorExtent(_ value: Value?) -> Int? {
        guard case .tensor(let tensor)? = value, tensor.rank == 1, tensor.dtype.isFloatingPoint else { return nil }
        return tensor.shape[0]
    }

    /// The number the general path would write: a float, an int, or a one-element plain tensor,
    /// read as a `Double` (the write then rounds it to the vector's dtype).
    private static func element(_ value: Value) -> Double? {
        switch value {
        case .number(let number): return number
        case .int(let integer): return Double(integer)
        case .tensor(let tensor) where tensor.count == 1:
            switch tensor.storage {
            case .float64(let elements): return elements.first
            case .float32(let elements): return elements.first.map(Double.init)
            case .int64(let elements): return elements.first.map(Double.init)
            case .int32(let elements): return elements.first.map(Double.init)
            case .bool: return nil
            }
        default: return nil
        }
    }
}

/// `x.sum()` and `torch.sum(x)` of a plain floating-point tensor, the whole reduction, without
/// binding the method to the tensor and its arguments to parameters.
final class WholeSumCode: ExprCode, @unchecked Sendable {
    /// The tensor (`x` of `x.sum()`, or the argument of `torch.sum(x)`).
    let operand: ExprCode
    /// For `torch.sum(x)`: the callee, checked to be torch's `sum` each time.
    let function: ExprCode?
    /// The call as the general path runs it.
    let general: CallCode
    /// Where `sum` is written after the dot.
    let nameRange: SourceRange

    init?(_ expr: Expr, callee: Expr, arguments: [Argument], general: CallCode, _ compiler: CodeCompiler) {
        guard case .member(let object, "sum", let nameRange, _) = callee else { return nil }
        switch arguments.count {
        case 0: (operand, function) = (compiler.compile(object), nil)
        case 1 where arguments[0].label == nil: (operand, function) = (compiler.compile(arguments[0].value), compiler.compile(callee))
        default: return nil
        }
        self.nameRange = nameRange
        self.general = general
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        if let function {
            // `torch.sum(x)`: the callee first, as Python evaluates it.
            let callee = try function.evaluate(frame, evaluator)
            let argument = try operand.evaluate(frame, evaluator)
            if Self.isTorchSum(callee), case .tensor(let tensor) = argument, let sum = ReductionMethods.wholeSum(tensor) {
                return .tensor(sum)
            }
            return try general.call(callee, [argument], frame, evaluator)
        }
        let object = try operand.evaluate(frame, evaluator)
        if case .tensor(let tensor) = object, let sum = ReductionMethods.wholeSum(tensor) { return .tensor(sum) }
        let method = try evaluator.member("sum", of: object, nameRange: nameRange, objectExpr: operand.expr)
        return try general.call(method, [], frame, evaluator)
    }

    /// Whether `callee` is `torch.sum` (which, given a tensor, is the tensor's method).
    private static func isTorchSum(_ callee: Value) -> Bool {
        guard case .function(let function) = callee, case .builtin(let builtin) = function.kind else { return false }
        return builtin.isTorchFunctionForm && builtin.name == "sum"
    }
}

/// `a OP b` for `+ - * /` on two plain tensors of one shape and one floating-point dtype (a
/// window times a kernel), computed in that dtype; nil for any other operands. The results
/// equal the general path's, which computes in float64 and rounds once: for these four
/// operations float64 holds enough bits that the two roundings agree.
enum SameShapeArithmetic {
    @inline(__always)
    static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value? {
        guard case .tensor(let x) = a, case .tensor(let y) = b, x.shape == y.shape else { return nil }
        let storage: TensorStorage
        switch (x.storage, y.storage) {
        case (.float32(let p), .float32(let q)):
            guard let elements = combine(p, q, op) else { return nil }
            storage = .float32(elements)
        case (.float64(let p), .float64(let q)):
            guard let elements = combine(p, q, op) else { return nil }
            storage = .float64(elements)
        default:
            return nil
        }
        return Tensor(shape: x.shape, storage: storage).map(Value.tensor)
    }

    private static func combine<Scalar: BinaryFloatingPoint>(_ p: [Scalar], _ q: [Scalar], _ op: BinaryOperator) -> [Scalar]? {
        switch op {
        case .add: zip(p, q).map(+)
        case .subtract: zip(p, q).map(-)
        case .multiply: zip(p, q).map(*)
        case .divide: zip(p, q).map(/)
        default: nil
        }
    }
}
