import ConvNumerics

/// `torch.save(obj, f)` and `torch.load(f)`: a tensor, a state dict, or a checkpoint (dicts,
/// lists and tuples of tensors, numbers, strings, booleans and None) written to a file and read
/// back as it was, dtypes, shapes and key order included.
///
/// The file is conv's own format, not PyTorch's pickle archive: conv reads back what conv
/// wrote, which is what a tutorial's "save the best model, load it later" needs; a file made
/// by PyTorch is refused with a clear message. Layout: the header `CONVTORCH1\n`, then one value,
/// each a tag byte and its payload, integers little-endian:
/// `N` None, `T`/`F` booleans, `i` an int (8 bytes), `f` a float (8 bytes), `s` a string (4-byte
/// length, UTF-8), `l`/`u` a list/tuple (4-byte count, values), `d`/`o` a dict/OrderedDict (count,
/// key and value pairs), `t` a tensor (dtype byte, rank byte, 8 bytes per extent, the elements).
enum TorchSerialization {
    static let all: [Builtin] = [save, load]

    private static let header = Array("CONVTORCH1\n".utf8)

    static let save = Builtin(
        name: "torch.save", aliases: ["torch.save"], parameters: [.required("obj"), .required("f")],
        summary: "writes a tensor, state dict or checkpoint to a file torch.load reads back",
        details: """
        torch.save(obj, f)

          torch.save(model.state_dict(), "model.pt")
          model.load_state_dict(torch.load("model.pt"))

        obj is a tensor, or dicts, lists and tuples of tensors, numbers, strings, booleans and
        None. The file is conv's own format (conv reads it back; PyTorch cannot).
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            let path = try call.string("f")
            var bytes = header
            try encode(call.value("obj"), into: &bytes, depth: 0, at: call.range(of: "obj"))
            try DataBuiltins.write(bytes, to: path, call, argument: "f")
            return .none
        })

    static let load = Builtin(
        name: "torch.load", aliases: ["torch.load"],
        parameters: [.required("f"), .optional("map_location", default: .none), .optional("weights_only", default: .none, namedOnly: true)],
        summary: "reads back what torch.save wrote (conv's format; .npy and .csv files as load does)",
        details: """
        torch.load(f, map_location=None)

          state = torch.load("model.pt")

        Reads a file torch.save wrote in conv. A name ending in .npy or .csv is read as load
        reads it. map_location may name the CPU.
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            let path = try call.string("f")
            try DeviceArgument.check(call.value("map_location"), at: call.range(of: "map_location"))
            let bytes = try DataBuiltins.read(path, call, argument: "f")
            let lowered = path.lowercased()
            if !bytes.starts(with: header), lowered.hasSuffix(".npy") || lowered.hasSuffix(".csv") {
                var inner = BuiltinCall(builtin: DataBuiltins.load, values: [.string(path)], ranges: [call.ranges.first ?? nil],
                                        rest: [], namedRest: [], range: call.range, context: call.context)
                return try DataBuiltins.load.body(&inner)
            }
            guard bytes.starts(with: header) else {
                throw call.error("\"\(path)\" was not written by conv's torch.save", at: "f",
                                 notes: ["conv reads back the files its torch.save writes; PyTorch's own files are not supported"])
            }
            var reader = Reader(bytes: bytes, position: header.count, elementLimit: call.context.limits.maximumElements)
            guard let value = reader.value(depth: 0), reader.position == bytes.count else {
                throw call.error("\"\(path)\" is damaged: it is not a whole file of conv's torch.save", at: "f")
            }
            return value
        })

    /// Nesting deeper than this is refused on writing and taken as damage on reading.
    private static let deepest = 200

    private static func encode(_ value: Value, into bytes: inout [UInt8], depth: Int, at range: SourceRange) throws(RuntimeError) {
        guard depth < deepest else { throw RuntimeError("torch.save: the object nests too deeply", at: range) }
        switch value {
        case .none: bytes.append(UInt8(ascii: "N"))
        case .bool(let flag): bytes.append(UInt8(ascii: flag ? "T" : "F"))
        case .int(let n):
            bytes.append(UInt8(ascii: "i"))
            append(UInt64(bitPattern: Int64(n)), to: &bytes)
        case .number(let x):
            bytes.append(UInt8(ascii: "f"))
            append(x.bitPattern, to: &bytes)
        case .string(let text):
            bytes.append(UInt8(ascii: "s"))
            let utf8 = Array(text.utf8)
            append(UInt32(truncatingIfNeeded: utf8.count), count: 4, to: &bytes)
            bytes += utf8
        case .list(let list): try sequence(list.items, tag: "l", into: &bytes, depth: depth, at: range)
        case .tuple(let items): try sequence(items, tag: "u", into: &bytes, depth: depth, at: range)
        case .dict(let dict):
            bytes.append(UInt8(ascii: dict.isOrdered ? "o" : "d"))
            append(UInt32(truncatingIfNeeded: dict.count), count: 4, to: &bytes)
            for (key, item) in zip(dict.keys, dict.values) {
                try encode(key, into: &bytes, depth: depth + 1, at: range)
                try encode(item, into: &bytes, depth: depth + 1, at: range)
            }
        case let other where other.asTensor != nil:
            guard let tensor = other.asTensor, tensor.rank <= 255 else { throw RuntimeError("torch.save: too many dimensions", at: range) }
            bytes.append(UInt8(ascii: "t"))
            bytes.append(dtypeCode(tensor.dtype))
            bytes.append(UInt8(tensor.rank))
            for extent in tensor.shape { append(UInt64(extent), to: &bytes) }
            switch tensor.storage {
            case .float64(let values): for v in values { append(v.bitPattern, to: &bytes) }
            case .float32(let values): for v in values { append(UInt64(v.bitPattern), count: 4, to: &bytes) }
            case .int64(let values): for v in values { append(UInt64(bitPattern: v), to: &bytes) }
            case .int32(let values): for v in values { append(UInt64(UInt32(bitPattern: v)), count: 4, to: &bytes) }
            case .bool(let values): for v in values { bytes.append(v ? 1 : 0) }
            }
        default:
            throw RuntimeError("conv's torch.save writes tensors, numbers, strings, booleans, None and lists, tuples and dicts of them, not \(PythonText.typeName(value))",
                               at: range, notes: ["save a layer's weights with torch.save(model.state_dict(), path)"], raising: .typeError)
        }
    }

    private static func sequence(_ items: [Value], tag: Character, into bytes: inout [UInt8], depth: Int, at range: SourceRange) throws(RuntimeError) {
        bytes.append(tag.asciiValue ?? 0)
        append(UInt32(truncatingIfNeeded: items.count), count: 4, to: &bytes)
        for item in items { try encode(item, into: &bytes, depth: depth + 1, at: range) }
    }

    private static func append<I: UnsignedInteger & FixedWidthInteger>(_ value: I, count: Int = 8, to bytes: inout [UInt8]) {
        for index in 0..<count { bytes.append(UInt8(truncatingIfNeeded: UInt64(value) >> (8 * UInt64(index)))) }
    }

    private static let dtypes: [DType] = [.float64, .float32, .int64, .int32, .bool]

    private static func dtypeCode(_ dtype: DType) -> UInt8 { UInt8(dtypes.firstIndex(of: dtype) ?? 0) }

    /// Reads values back, every count and extent checked against what is left of the file.
    private struct Reader {
        let bytes: [UInt8]
        var position: Int
        let elementLimit: Int

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func integer(_ count: Int) -> UInt64? {
            guard count <= bytes.count - position else { return nil }
            var value: UInt64 = 0
            for index in 0..<count { value |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
            position += count
            return value
        }

        /// A count of items, each at least `size` bytes, that the rest of the file can hold.
        mutating func count(each size: Int) -> Int? {
            guard let raw = integer(4) else { return nil }
            let count = Int(raw)
            return count <= (bytes.count - position) / Swift.max(size, 1) ? count : nil
        }

        mutating func value(depth: Int) -> Value? {
            guard depth < TorchSerialization.deepest, let code = byte() else { return nil }
            let tag = Character(Unicode.Scalar(code))
            switch tag {
            case "N": return Value.none
            case "T": return .bool(true)
            case "F": return .bool(false)
            case "i": return integer(8).map { .int(Int(Int64(bitPattern: $0))) }
            case "f": return integer(8).map { .number(Double(bitPattern: $0)) }
            case "s":
                guard let length = count(each: 1) else { return nil }
                let utf8 = bytes[position..<(position + length)]
                position += length
                return String(validating: utf8, as: UTF8.self).map(Value.string)
            case "l", "u":
                guard let count = count(each: 1) else { return nil }
                var items: [Value] = []
                for _ in 0..<count {
                    guard let item = value(depth: depth + 1) else { return nil }
                    items.append(item)
                }
                return tag == "l" ? .list(PythonList(items)) : .tuple(items)
            case "d", "o":
                guard let count = count(each: 2) else { return nil }
                let dict = PythonDict()
                dict.isOrdered = tag == "o"
                for _ in 0..<count {
                    guard let key = value(depth: depth + 1), let item = value(depth: depth + 1), dict.store(item, for: key) else { return nil }
                }
                return .dict(dict)
            case "t": return tensor()
            default: return nil
            }
        }

        mutating func tensor() -> Value? {
            guard let code = byte(), Int(code) < TorchSerialization.dtypes.count, let rank = byte() else { return nil }
            let dtype = TorchSerialization.dtypes[Int(code)]
            var shape: [Int] = []
            var elements = 1
            for _ in 0..<rank {
                guard let raw = integer(8), raw <= UInt64(elementLimit) else { return nil }
                shape.append(Int(raw))
                let (product, overflow) = elements.multipliedReportingOverflow(by: Int(raw))
                guard !overflow, product <= elementLimit else { return nil }
                elements = product
            }
            let size = dtype == .bool ? 1 : (dtype == .float32 || dtype == .int32 ? 4 : 8)
            guard elements <= (bytes.count - position) / size else { return nil }
            let storage: TensorStorage
            switch dtype {
            case .float64: storage = .float64((0..<elements).map { _ in Double(bitPattern: integer(8) ?? 0) })
            case .float32: storage = .float32((0..<elements).map { _ in Float(bitPattern: UInt32(integer(4) ?? 0)) })
            case .int64: storage = .int64((0..<elements).map { _ in Int64(bitPattern: integer(8) ?? 0) })
            case .int32: storage = .int32((0..<elements).map { _ in Int32(bitPattern: UInt32(integer(4) ?? 0)) })
            case .bool:
                var flags: [Bool] = []
                for _ in 0..<elements {
                    guard let flag = byte(), flag <= 1 else { return nil }
                    flags.append(flag == 1)
                }
                storage = .bool(flags)
            }
            return Tensor(shape: shape, storage: storage).map(Value.tensor)
        }
    }
}
