import ConvNumerics

/// A dtype as a value of the language: `torch.float32`, `x.dtype`. There is one object per
/// dtype, so `x.dtype == torch.float32` and `x.dtype is torch.float32` hold as in PyTorch, and
/// its repr is PyTorch's (`torch.float32`).
final class DTypeObject: TorchObject, Sendable {
    let dtype: DType

    init(_ dtype: DType) { self.dtype = dtype }

    var typeName: String { "dtype" }
    var description: String { dtype.torchName }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "is_floating_point": .bool(dtype.isFloatingPoint)
        case "is_signed": .bool(dtype != .bool)
        case "itemsize": .int(dtype.byteSize)
        default: nil
        }
    }

    var memberNames: [String] { ["is_floating_point", "is_signed", "itemsize"] }
}

/// The dtypes as the language names and reads them: `torch.float32` and its other spellings,
/// `dtype=` arguments, and PyTorch's legacy tensor types (`torch.FloatTensor`).
enum DTypeValues {
    /// One shared object per dtype (``DTypeObject``).
    private static let objects: [DType: ObjectBox] =
        Dictionary(uniqueKeysWithValues: DType.allCases.map { ($0, ObjectBox(DTypeObject($0))) })

    /// The value of `dtype`: the object `torch.float32` denotes.
    static func value(_ dtype: DType) -> Value {
        objects[dtype].map(Value.object) ?? .string(dtype.torchName)
    }

    /// `torch.NAME` for every dtype conv has, by `NAME`.
    static let names: [String: DType] = [
        "float32": .float32, "float": .float32, "float64": .float64, "double": .float64,
        "int64": .int64, "long": .int64, "int32": .int32, "int": .int32, "bool": .bool,
    ]

    /// PyTorch's legacy tensor type of each dtype (`torch.FloatTensor`), as `x.type()` names it.
    static func legacyTypeName(_ dtype: DType) -> String {
        switch dtype {
        case .float64: "torch.DoubleTensor"
        case .float32: "torch.FloatTensor"
        case .int64: "torch.LongTensor"
        case .int32: "torch.IntTensor"
        case .bool: "torch.BoolTensor"
        }
    }

    /// The dtype a legacy tensor type's name (`FloatTensor`, `torch.FloatTensor`) stands for.
    static func legacyType(named name: String) -> DType? {
        let short = name.hasPrefix("torch.") ? String(name.dropFirst("torch.".count)) : name
        return DType.allCases.first { legacyTypeName($0) == "torch." + short }
    }

    /// The dtype `value` denotes: a dtype object, a legacy tensor type (`torch.FloatTensor`), or
    /// its name as a string (`"torch.float32"`, `"float32"`); nil for anything else.
    static func dtype(of value: Value) -> DType? {
        switch value {
        case .object(let box): return (box.object as? DTypeObject)?.dtype
        case .function(let function): return legacyType(named: function.name)
        case .string(let text):
            let name = text.hasPrefix("torch.") ? String(text.dropFirst("torch.".count)) : text
            return names[name] ?? legacyType(named: text)
        default: return nil
        }
    }
}
