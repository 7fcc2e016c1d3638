import ConvNumerics
import PythonFormatting

/// `torch.finfo(dtype)` and `torch.iinfo(dtype)`: the limits of a floating or integer dtype,
/// as code reads them for a safe epsilon (`torch.finfo(x.dtype).eps`) or a mask value
/// (`torch.finfo(x.dtype).min`), with PyTorch's reprs.
final class TypeInfo: TorchObject, Sendable {
    let dtype: DType

    init(_ dtype: DType) { self.dtype = dtype }

    var isFloat: Bool { dtype.isFloatingPoint }
    var typeName: String { isFloat ? "finfo" : "iinfo" }

    /// PyTorch's repr: each limit written as C++'s default stream writes a double (six
    /// significant digits, Python's `%g`).
    var description: String {
        let name = dtype.rawValue
        func g(_ value: Double) -> String { (try? PythonFormat.format(value, spec: "g")) ?? "\(value)" }
        if isFloat {
            return "finfo(resolution=\(g(resolution)), min=\(g(-greatest)), max=\(g(greatest)), eps=\(g(epsilon)), "
                + "smallest_normal=\(g(tiny)), tiny=\(g(tiny)), dtype=\(name))"
        }
        return "iinfo(min=\(g(Double(integerLimits.min))), max=\(g(Double(integerLimits.max))), dtype=\(name))"
    }

    private var greatest: Double { dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude }
    private var epsilon: Double { dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne }
    private var tiny: Double { dtype == .float32 ? Double(Float.leastNormalMagnitude) : Double.leastNormalMagnitude }
    /// `10 ** -digits`, the decimal digits the dtype holds exactly (6 for float32, 15 for float64).
    private var resolution: Double { dtype == .float32 ? 1e-6 : 1e-15 }
    private var bits: Int {
        switch dtype {
        case .float64, .int64: 64
        case .float32, .int32: 32
        case .bool: 8
        }
    }
    private var integerLimits: (min: Int, max: Int) {
        switch dtype {
        case .int32: (Int(Int32.min), Int(Int32.max))
        case .bool: (0, 1)
        default: (Int.min, Int.max)
        }
    }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch (name, isFloat) {
        case ("bits", _): .int(bits)
        case ("dtype", _): .string(dtype.rawValue)
        case ("eps", true): .number(epsilon)
        case ("max", true): .number(greatest)
        case ("min", true): .number(-greatest)
        case ("tiny", true), ("smallest_normal", true): .number(tiny)
        case ("resolution", true): .number(resolution)
        case ("max", false): .int(integerLimits.max)
        case ("min", false): .int(integerLimits.min)
        default: nil
        }
    }

    var memberNames: [String] {
        isFloat ? ["bits", "dtype", "eps", "max", "min", "resolution", "smallest_normal", "tiny"] : ["bits", "dtype", "max", "min"]
    }

    func isEqual(to other: any TorchObject) -> Bool { (other as? TypeInfo)?.dtype == dtype }
}

/// The torch functions that describe dtypes and values rather than compute: `finfo`, `iinfo`,
/// `is_tensor`, `is_floating_point`, `is_nonzero`.
enum TypeInfoFunctions {
    static let all: [Builtin] = [finfo, iinfo, isTensor, isFloatingPoint, isNonzero]

    static let finfo = Builtin.tensorFunction(
        "finfo", [.optional("type", default: .none)], "the limits of a floating dtype (the default dtype without one)",
        example: "torch.finfo(torch.float32).eps") { call throws(RuntimeError) in
        let given = call.value("type")
        let dtype = given.isNone ? call.context.defaultDType : DTypeValues.dtype(of: given)
        guard let dtype, dtype.isFloatingPoint else {
            throw call.error("torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'",
                             at: "type", raising: .typeError)
        }
        return .object(ObjectBox(TypeInfo(dtype)))
    }

    static let iinfo = Builtin.tensorFunction(
        "iinfo", [.required("type")], "the limits of an integer dtype", example: "torch.iinfo(torch.int64).max") { call throws(RuntimeError) in
        guard let dtype = DTypeValues.dtype(of: call.value("type")), !dtype.isFloatingPoint else {
            throw call.error("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'",
                             at: "type", raising: .typeError)
        }
        return .object(ObjectBox(TypeInfo(dtype)))
    }

    static let isTensor = Builtin.tensorFunction(
        "is_tensor", [.required("obj")], "whether obj is a tensor", example: "torch.is_tensor(x)") { call throws(RuntimeError) in
        switch call.value("obj") {
        case .tensor, .variable: .bool(true)
        default: .bool(false)
        }
    }

    static let isFloatingPoint = Builtin.tensorFunction(
        "is_floating_point", [.required("input")], "whether input's dtype is a floating one",
        example: "torch.is_floating_point(x)") { call throws(RuntimeError) in
        .bool(try call.receivingTensor.dtype.isFloatingPoint)
    }

    static let isNonzero = Builtin.tensorFunction(
        "is_nonzero", [.required("input")], "whether a one-element tensor is not zero",
        example: "torch.is_nonzero(torch.tensor([1]))") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        guard x.count == 1 else {
            throw call.error(x.count == 0 ? "Boolean value of Tensor with no values is ambiguous"
                                          : "Boolean value of Tensor with more than one value is ambiguous")
        }
        return .bool(x.scalars[0] != 0)
    }
}
