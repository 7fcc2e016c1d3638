import ConvNumerics

/// A value with its type, for records: `type`, `dtype`, `shape`, `value`, and where NaN and the
/// infinities were (`nonfinite`), so that `[1, 2]`, `(1, 2)` and `print(1, 2)` stay apart and a
/// reader can rebuild every number exactly.
extension JSONEncoding {
    /// The typed fields of `value`, in order: `type`, `dtype` (`float64` for numbers, `int64` for ints, the
    /// tensor's own, `bool` for bools, else null), `shape` (`[]` for a number or a bool, the tensor's
    /// shape, else null) and `value`; then `nonfinite` when a number or tensor holds NaN or an
    /// infinity, and `items` (each typed) for a tuple or a list that is not a tensor's numbers.
    static func typedFields(_ value: Value) -> [(String, String)] { typedFields(value, depth: 0) }

    /// Items are typed this many levels down (as deep as a list can stand for a tensor); below,
    /// a sequence's `value` alone is written, so a record stays proportional to its value.
    private static let typedDepth = PythonList.deepestNesting

    private static func typedFields(_ value: Value, depth: Int) -> [(String, String)] {
        // A list of numbers is recorded as the tensor it stands for, as it shows.
        if case .list = value, case .tensor = value.tensorIfList { return typedFields(value.tensorIfList, depth: depth) }
        if case .variable(let box) = value { return typedFields(.tensor(box.tensor), depth: depth) }
        var fields: [(String, String)] = [("type", string(value.typeName))]
        switch value {
        case .number(let x):
            fields += [("dtype", string("float64")), ("shape", "[]"), ("value", number(x))]
            fields += nonfiniteField([x])
        case .tensor(let t):
            fields += [("dtype", string(t.dtype.rawValue)), ("shape", "[" + t.shape.map(String.init).joined(separator: ",") + "]"),
                       ("value", tensor(t))]
            fields += nonfiniteField(t.scalars)
        case .int(let i):
            fields += [("dtype", string("int64")), ("shape", "[]"), ("value", String(i))]
        case .bool:
            fields += [("dtype", string("bool")), ("shape", "[]"), ("value", encode(value))]
        case .tuple(let items): fields += sequenceFields(value, items, depth: depth)
        case .size(let extents): fields += sequenceFields(value, extents.map(Value.int), depth: depth)
        case .returnTuple(let named): fields += sequenceFields(value, named.items, depth: depth)
        case .list(let list): fields += sequenceFields(value, list.items, depth: depth)
        default:
            fields += [("dtype", "null"), ("shape", "null"), ("value", encode(value))]
        }
        return fields
    }

    /// The fields after `type` of a tuple or list: its value and each item typed.
    private static func sequenceFields(_ value: Value, _ items: [Value], depth: Int) -> [(String, String)] {
        let fields = [("dtype", "null"), ("shape", "null"), ("value", encode(value))]
        guard depth < typedDepth else { return fields }
        let typed = items.map { object(typedFields($0, depth: depth + 1)) }
        return fields + [("items", "[" + typed.joined(separator: ",") + "]")]
    }

    /// `nonfinite`: `{"NaN": [...], "Infinity": [...], "-Infinity": [...]}`, the flat (row-major)
    /// indices of each kind, only the kinds present; nothing when every number is finite.
    private static func nonfiniteField(_ scalars: [Double]) -> [(String, String)] {
        var nan: [Int] = [], positive: [Int] = [], negative: [Int] = []
        for (index, x) in scalars.enumerated() where !x.isFinite {
            if x.isNaN { nan.append(index) } else if x > 0 { positive.append(index) } else { negative.append(index) }
        }
        let kinds = [("NaN", nan), ("Infinity", positive), ("-Infinity", negative)].filter { !$0.1.isEmpty }
        guard !kinds.isEmpty else { return [] }
        let entries = kinds.map { ($0.0, "[" + $0.1.map(String.init).joined(separator: ",") + "]") }
        return [("nonfinite", object(entries))]
    }
}
