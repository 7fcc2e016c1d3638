import ConvNumerics

/// Values as JSON, for `--json` and hosts: numbers at full precision (shortest round-trip
/// form), tensors as nested arrays, tuples as arrays, layers as objects with their settings,
/// weight and bias. NaN and infinities, which JSON cannot spell, become `null`, so that every
/// reader takes the arrays; a record lists where they were (see ``typedFields(_:)``).
public enum JSONEncoding {
    public static func encode(_ value: Value) -> String { encode(value, depth: 0) }

    /// Containers nested deeper than this encode as the string `"..."`, as their text shows
    /// (see ``OpenContainers/maximumDepth``): a list nested 200,000 deep is written, not a
    /// stack overflow.
    static let maximumDepth = OpenContainers.maximumDepth

    private static func encode(_ value: Value, depth: Int) -> String {
        let inner = { (item: Value) in encode(item, depth: depth + 1) }
        switch value {
        case .tuple, .list, .dict, .set: if depth >= maximumDepth { return string("...") }
        default: break
        }
        return switch value {
        case .number(let x): number(x)
        case .int(let i): String(i)
        // Exact digits; past Python's digit limit, a string that says how large it was.
        case .bigInt(let n): IntegerText.decimal(n.value) ?? string(IntegerText.display(n))
        case .range(let r): object([("type", string("range")), ("start", "\(r.start)"), ("stop", "\(r.stop)"), ("step", "\(r.step)")])
        case .tensor(let t): tensor(t)
        case .variable(let box): tensor(box.tensor)
        case .object(let box): object([("type", string(box.object.typeName)), ("repr", string(box.description))])
        case .string(let s): string(s)
        case .bool(let b): b ? "true" : "false"
        case .none: "null"
        case .tuple(let items): "[" + items.map(inner).joined(separator: ",") + "]"
        case .size(let extents): "[" + extents.map(String.init).joined(separator: ",") + "]"
        case .returnTuple(let named): encode(.tuple(named.items), depth: depth)
        case .list(let list): list.tensor.map(tensor) ?? "[" + list.items.map(inner).joined(separator: ",") + "]"
        case .dict(let dict):
            object([("type", string("dict")),
                    ("items", "[" + zip(dict.keys, dict.values).map { "[" + inner($0) + "," + inner($1) + "]" }.joined(separator: ",") + "]")])
        case .set(let set): object([("type", string(value.typeName)), ("items", "[" + set.elements.map(inner).joined(separator: ",") + "]")])
        case .function(let f): object([("type", string("function")), ("name", string(f.name)), ("signature", string(f.signature))])
        case .layer(let layer): encode(layer)
        case .namespace(let n): object([("type", string("module")), ("name", string(n.name))])
        case .pythonClass(let c): object([("type", string("class")), ("name", string(c.name))])
        case .instance(let i): object([("type", string(i.pythonClass.name)), ("repr", string(PythonDisplay.repr(i)))])
        }
    }

    static func encode(_ layer: Layer) -> String {
        object([("type", string(layer.typeName))] + layer.module.jsonFields)
    }

    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    public static func tensor(_ t: Tensor) -> String {
        if t.rank == 0 { return number(t.scalars.first ?? .nan) }
        var out = ""
        out.reserveCapacity(t.count * 8)
        let strides = Tensor.strides(of: t.shape)
        let elements = t.scalars  // widened once, not per element
        func emit(_ axis: Int, _ offset: Int) {
            out += "["
            for i in 0..<t.shape[axis] {
                if i > 0 { out += "," }
                let next = offset + i * strides[axis]
                if axis == t.rank - 1 { out += number(elements[next]) } else { emit(axis + 1, next) }
            }
            out += "]"
        }
        emit(0, 0)
        return out
    }

    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += CFormatting.unicodeEscape(scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// An object from keys and values already in JSON, in the order given.
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}
