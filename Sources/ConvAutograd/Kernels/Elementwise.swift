import ConvNumerics

/// A binary arithmetic operation, as a type so that each broadcasting loop is specialised for
/// it (no per-element call through a closure or a switch).
protocol BinaryScalarOperation {
    static func apply<S: GradScalar>(_ x: S, _ y: S) -> S
}

enum AddOperation: BinaryScalarOperation {
    @inline(__always) static func apply<S: GradScalar>(_ x: S, _ y: S) -> S { x + y }
}
enum SubtractOperation: BinaryScalarOperation {
    @inline(__always) static func apply<S: GradScalar>(_ x: S, _ y: S) -> S { x - y }
}
enum MultiplyOperation: BinaryScalarOperation {
    @inline(__always) static func apply<S: GradScalar>(_ x: S, _ y: S) -> S { x * y }
}
enum DivideOperation: BinaryScalarOperation {
    @inline(__always) static func apply<S: GradScalar>(_ x: S, _ y: S) -> S { x / y }
}

/// The four broadcasting arithmetic operations autograd records.
enum BinaryKind: Sendable {
    case add, subtract, multiply, divide

    var name: String {
        switch self {
        case .add: "add"
        case .subtract: "sub"
        case .multiply: "mul"
        case .divide: "div"
        }
    }
}

/// Raw tensor arithmetic (no autograd): what forward and backward passes compute with.
enum TensorMath {
    /// The dtype of `a op b` under PyTorch's promotion, for operands of which one at least is
    /// floating point: a float beats an integer whatever the shapes (`w * torch.arange(3)` stays
    /// float32); between float32 and float64 a dimensioned tensor beats a zero-dimensional one
    /// (`w * torch.tensor(2.0, dtype=torch.float64)` stays float32), and otherwise float64 wins.
    /// The engine gives each input's gradient back in the input's own dtype.
    static func promotedDType(_ a: Tensor, _ b: Tensor, operation: String) throws(AutogradError) -> DType {
        switch (a.dtype.isFloatingPoint, b.dtype.isFloatingPoint) {
        case (true, false): return a.dtype
        case (false, true): return b.dtype
        case (false, false): throw .unsupportedDType(operation: operation, a.dtype)
        case (true, true):
            if a.dtype == b.dtype { return a.dtype }
            if a.rank == 0, b.rank > 0 { return b.dtype }
            if b.rank == 0, a.rank > 0 { return a.dtype }
            return .float64
        }
    }

    /// `a op b` with PyTorch's broadcasting, in the dtype PyTorch's promotion gives the pair
    /// (``promotedDType(_:_:operation:)``).
    static func binary(_ a: Tensor, _ b: Tensor, _ kind: BinaryKind) throws(AutogradError) -> Tensor {
        let dtype = try promotedDType(a, b, operation: kind.name)
        guard let shape = Broadcasting.shape(a.shape, b.shape) else {
            throw .shapeMismatch(operation: kind.name, left: a.shape, right: b.shape)
        }
        let (a, b) = (a.converted(to: dtype), b.converted(to: dtype))
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let x = a.array(type), y = b.array(type)
            let out: [S] = switch kind {
            case .add: combine(AddOperation.self, x, a.shape, y, b.shape, shape)
            case .subtract: combine(SubtractOperation.self, x, a.shape, y, b.shape, shape)
            case .multiply: combine(MultiplyOperation.self, x, a.shape, y, b.shape, shape)
            case .divide: combine(DivideOperation.self, x, a.shape, y, b.shape, shape)
            }
            return try .make(shape, out)
        }
        return dtype == .float32 ? try run(Float.self) : try run(Double.self)
    }

    /// `a op s` (or `s op a` when `scalarFirst`), `s` taken in `a`'s dtype.
    static func binary(_ a: Tensor, scalar s: Double, _ kind: BinaryKind, scalarFirst: Bool = false) throws(AutogradError) -> Tensor {
        let dtype = try floatingDType(a, operation: kind.name)
        let other: Tensor = dtype == .float32 ? Tensor(scalar: Float(s)) : Tensor(scalar: s)
        return scalarFirst ? try binary(other, a, kind) : try binary(a, other, kind)
    }

    /// The broadcasting loop: equal shapes and one-element operands in one pass, otherwise rows
    /// of the innermost dimension walked with an odometer over the outer ones.
    static func combine<Op: BinaryScalarOperation, S: GradScalar>(
        _ op: Op.Type, _ x: [S], _ xShape: [Int], _ y: [S], _ yShape: [Int], _ shape: [Int]
    ) -> [S] {
        let count = product(shape)
        if xShape == yShape {
            return [S](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count { out[i] = Op.apply(x[i], y[i]) }
                initialized = count
            }
        }
        if y.count == 1, x.count == count {
            let v = y[0]
            return [S](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count { out[i] = Op.apply(x[i], v) }
                initialized = count
            }
        }
        if x.count == 1, y.count == count {
            let v = x[0]
            return [S](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count { out[i] = Op.apply(v, y[i]) }
                initialized = count
            }
        }
        let walk = BroadcastWalk(shape: shape, xShape: xShape, yShape: yShape)
        return [S](unsafeUninitializedCapacity: count) { out, initialized in
            walk.forEachRow { start, xOffset, yOffset in
                for i in 0..<walk.inner {
                    out[start + i] = Op.apply(x[xOffset + i * walk.xInner], y[yOffset + i * walk.yInner])
                }
            }
            initialized = count
        }
    }

    /// `f` applied to every element, in the tensor's dtype.
    static func map<S: GradScalar>(_ a: Tensor, _ type: S.Type, _ f: (S) -> S) throws(AutogradError) -> Tensor {
        try .make(a.shape, a.array(type).map(f))
    }

    /// `f(x, y)` for two tensors of one shape and dtype, element by element.
    static func zipMap<S: GradScalar>(_ a: Tensor, _ b: Tensor, _ type: S.Type, _ f: (S, S) -> S) throws(AutogradError) -> Tensor {
        let x = a.array(type), y = b.array(type)
        guard x.count == y.count else { throw .shapeMismatch(operation: "elementwise", left: a.shape, right: b.shape) }
        let out = [S](unsafeUninitializedCapacity: x.count) { buffer, initialized in
            for i in 0..<x.count { buffer[i] = f(x[i], y[i]) }
            initialized = x.count
        }
        return try .make(a.shape, out)
    }

    /// `f(x, y, z)` for three tensors of one shape and dtype.
    static func zipMap3<S: GradScalar>(
        _ a: Tensor, _ b: Tensor, _ c: Tensor, _ type: S.Type, _ f: (S, S, S) -> S
    ) throws(AutogradError) -> Tensor {
        let x = a.array(type), y = b.array(type), z = c.array(type)
        guard x.count == y.count, x.count == z.count else {
            throw .shapeMismatch(operation: "elementwise", left: a.shape, right: b.shape)
        }
        let out = [S](unsafeUninitializedCapacity: x.count) { buffer, initialized in
            for i in 0..<x.count { buffer[i] = f(x[i], y[i], z[i]) }
            initialized = x.count
        }
        return try .make(a.shape, out)
    }

    /// Runs `body` in `Float` or `Double` as `dtype` says; any other dtype is refused, since the
    /// kernels read their operands as floats.
    static func onFloats<R>(
        _ dtype: DType,
        _ f32: () throws(AutogradError) -> R,
        _ f64: () throws(AutogradError) -> R
    ) throws(AutogradError) -> R {
        // Comparisons rather than a switch: the optimiser, inlining a switch here into a caller
        // that reads a tensor's dtype, breaks the ownership of the tensor's storage and the
        // release build does not compile.
        if dtype == .float32 { return try f32() }
        guard dtype == .float64 else { throw .unsupportedDType(operation: "this operation", dtype) }
        return try f64()
    }
}

/// How two broadcast operands' offsets move while the output is walked row by row.
struct BroadcastWalk {
    let shape: [Int]
    let xStrides: [Int]
    let yStrides: [Int]
    /// The innermost extent (a row) and each operand's step along it (0 when broadcast).
    let inner: Int
    let xInner: Int
    let yInner: Int

    init(shape: [Int], xShape: [Int], yShape: [Int]) {
        self.shape = shape
        xStrides = Broadcasting.alignedStrides(of: xShape, rank: shape.count)
        yStrides = Broadcasting.alignedStrides(of: yShape, rank: shape.count)
        inner = shape.last ?? 1
        xInner = xStrides.last ?? 0
        yInner = yStrides.last ?? 0
    }

    /// Calls `body(outputStart, xOffset, yOffset)` for every row, in row-major order.
    func forEachRow(_ body: (Int, Int, Int) -> Void) {
        let rows = inner == 0 ? 0 : product(shape) / inner
        let outer = Swift.max(shape.count - 1, 0)
        var index = [Int](repeating: 0, count: outer)
        var xOffset = 0, yOffset = 0
        for row in 0..<rows {
            body(row * inner, xOffset, yOffset)
            var axis = outer - 1
            while axis >= 0 {
                index[axis] += 1
                xOffset += xStrides[axis]
                yOffset += yStrides[axis]
                if index[axis] < shape[axis] { break }
                xOffset -= xStrides[axis] * shape[axis]
                yOffset -= yStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}

extension Broadcasting {
    /// Strides of `shape` seen at `rank` dimensions, 0 along broadcast (size-1 or missing) axes.
    static func alignedStrides(of shape: [Int], rank: Int) -> [Int] {
        let natural = Tensor.strides(of: shape)
        var strides = [Int](repeating: 0, count: rank)
        for axis in shape.indices where shape[axis] != 1 {
            strides[rank - shape.count + axis] = natural[axis]
        }
        return strides
    }
}
