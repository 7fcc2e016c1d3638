import ConvNumerics
import NumPyFormatting

/// NumPy's dtypes as values: `np.float64` (a scalar type, `<class 'numpy.float64'>`) and
/// `a.dtype` (a dtype, printed `float64`, repr `dtype('float64')`). Both compare equal to each
/// other and to the dtype's name, as in NumPy (`a.dtype == np.float32`, `a.dtype == "int64"`).
final class NumPyDType: TorchObject, NumPyShown, Sendable {
    let dtype: DType
    /// `np.float64` itself rather than `a.dtype`.
    let isScalarType: Bool

    init(_ dtype: DType, isScalarType: Bool) {
        self.dtype = dtype
        self.isScalarType = isScalarType
    }

    var typeName: String { isScalarType ? "type" : "dtype[\(NumPyDTypes.scalarName(dtype))]" }
    var description: String { repr(NumPyPrintOptions()) }

    func str(_ options: NumPyPrintOptions) -> String { isScalarType ? repr(options) : NumPyText.dtypeName(dtype) }
    func repr(_ options: NumPyPrintOptions) -> String {
        isScalarType ? "<class 'numpy.\(NumPyDTypes.scalarName(dtype))'>" : "dtype('\(NumPyText.dtypeName(dtype))')"
    }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "name": .string(NumPyText.dtypeName(dtype))
        case "itemsize": .int(dtype.byteSize)
        case "kind": .string(dtype.isFloatingPoint ? "f" : (dtype == .bool ? "b" : "i"))
        default: nil
        }
    }

    var memberNames: [String] { ["itemsize", "kind", "name"] }
}

/// The dtypes NumPy code names and how `dtype=` arguments read.
enum NumPyDTypes {
    /// `np.NAME` for each dtype conv has.
    static let names: [String: DType] = [
        "float64": .float64, "double": .float64, "float32": .float32, "single": .float32,
        "int64": .int64, "int_": .int64, "bool_": .bool, "bool": .bool,
    ]

    private static let scalarTypes: [DType: ObjectBox] =
        Dictionary(uniqueKeysWithValues: DType.allCases.map { ($0, ObjectBox(NumPyDType($0, isScalarType: true))) })
    private static let dtypes: [DType: ObjectBox] =
        Dictionary(uniqueKeysWithValues: DType.allCases.map { ($0, ObjectBox(NumPyDType($0, isScalarType: false))) })

    /// `np.float64`.
    static func scalarType(_ dtype: DType) -> Value { scalarTypes[dtype].map(Value.object) ?? .none }
    /// `a.dtype`.
    static func dtypeValue(_ dtype: DType) -> Value { dtypes[dtype].map(Value.object) ?? .none }

    /// `np.float64(2.5)`, `np.int64(3)`, `np.bool_(1)`: a NumPy scalar of the type from one
    /// number (a float to an int truncates, as NumPy's does), or zero without one.
    static func scalar(_ type: NumPyDType?, _ arguments: [(label: String?, value: Value)], at range: SourceRange) throws(RuntimeError) -> Value {
        guard let type, arguments.count <= 1, arguments.allSatisfy({ $0.label == nil }) else {
            throw RuntimeError("a NumPy scalar type takes one number", at: range, raising: .typeError)
        }
        let number = try arguments.first.map { argument throws(RuntimeError) in
            try Coercion.number(argument.value, what: "numpy.\(scalarName(type.dtype))'s argument", at: range)
        } ?? 0
        let whole = type.dtype.isFloatingPoint || type.dtype == .bool ? number : number.rounded(.towardZero)
        return .numpyResult(Tensor(scalar: whole).converted(to: type.dtype))
    }

    /// The scalar type's name: `bool` is `numpy.bool` in NumPy 2.
    static func scalarName(_ dtype: DType) -> String { dtype.rawValue }

    /// The dtype a `dtype=` argument names: NumPy's types and dtypes, their names as strings,
    /// Python's `float`, `int` and `bool`, and torch's dtypes; nil for anything else.
    static func dtype(of value: Value) -> DType? {
        switch value {
        case .object(let box):
            if let numpy = box.object as? NumPyDType { return numpy.dtype }
            return DTypeValues.dtype(of: value)
        case .string(let name):
            return names[name] ?? ["float": .float64, "int": .int64, "f8": .float64, "f4": .float32, "i8": .int64][name]
        case .function(let function):
            return ["float": .float64, "int": .int64, "bool": .bool][function.name]
        case .pythonClass(let pythonClass):
            return ["float": .float64, "int": .int64, "bool": .bool][pythonClass.name]
        default:
            return nil
        }
    }

    /// The dtype `dtype=` of `call` names, nil when it is not given or None; a located
    /// TypeError for anything conv's NumPy does not have.
    static func given(_ call: BuiltinCall, _ name: String = "dtype") throws(RuntimeError) -> DType? {
        let value = call.value(name)
        if value.isNone { return nil }
        guard let dtype = dtype(of: value) else {
            throw call.error("conv's NumPy has the dtypes float64, float32, int64 and bool, not \(PythonText.repr(value))",
                             at: name, raising: .typeError)
        }
        return dtype
    }

    /// NumPy's promotion of two array dtypes: bool < int64 < float32 < float64, with int64 and
    /// float32 meeting in float64.
    static func promoted(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        let order: [DType] = [.bool, .int64, .float32, .float64]
        let (low, high) = (order.firstIndex(of: a) ?? 3) < (order.firstIndex(of: b) ?? 3) ? (a, b) : (b, a)
        return low == .int64 && high == .float32 ? .float64 : high
    }
}
