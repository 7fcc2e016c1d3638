/// NumPy's `.npy` file format, read and written as bytes (no file access here).
///
/// A file is the magic `\x93NUMPY`, a version byte pair, a little-endian header length
/// (2 bytes in version 1, 4 bytes in versions 2 and 3), a header that is a Python dict
/// literal such as `{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }`, then the raw
/// elements. Reading accepts versions 1, 2 and 3; little- and big-endian `float16/32/64`,
/// `int8...int64`, `uint8...uint64` and `bool`; C and Fortran order. Every element becomes a
/// `Double` (64-bit integers beyond 2^53 are rounded), unless the caller asks to keep the
/// float32, int64 and bool dtypes. Writing produces version 1 (version 2
/// when the header does not fit), `'<f8'`, C order, the header padded to 64 bytes as NumPy
/// pads it.
public enum NPYFormat {
    /// Why bytes could not be read as an array, or an array could not be written.
    public enum Failure: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
        /// The file does not start with `\x93NUMPY`.
        case notNPY
        /// A format version other than 1.0, 2.0 or 3.0.
        case unsupportedVersion(major: UInt8, minor: UInt8)
        /// The file ends before the part named.
        case truncated(what: String)
        /// The header dict could not be understood; says where and why.
        case malformedHeader(String)
        /// The element type is one we cannot read (structured, complex, strings, objects...).
        case unsupportedType(String)
        /// The data section is not `expected` bytes long.
        case dataSize(expected: Int, actual: Int)
        /// More elements than the caller allows.
        case tooLarge(elements: Int?, limit: Int)
        /// The memory budget, or the operating system, had no room for the array.
        case outOfMemory(MemoryRefusal)

        public var description: String {
            switch self {
            case .notNPY: return "not a NumPy .npy file (it does not start with \\x93NUMPY)"
            case .unsupportedVersion(let major, let minor):
                return "unsupported .npy format version \(major).\(minor); versions 1.0, 2.0 and 3.0 can be read"
            case .truncated(let what): return "the .npy file is cut short in its \(what)"
            case .malformedHeader(let why): return "the .npy header is malformed: \(why)"
            case .unsupportedType(let descr):
                return "unsupported .npy element type \(descr); float16/32/64, int8...int64, uint8...uint64 and bool can be read"
            case .dataSize(let expected, let actual):
                return "the .npy data should be \(expected) bytes for its shape and type, but it is \(actual) bytes"
            case .tooLarge(let elements?, let limit):
                return "the array has \(elements) elements, more than the limit of \(limit)"
            case .tooLarge(nil, _):
                return "the array has more elements than can be counted"
            case .outOfMemory(let refusal):
                return refusal.description
            }
        }
    }

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    // MARK: - Reading

    /// Reads a `.npy` file's bytes as a float64 tensor of the stored shape.
    ///
    /// With `keepingDType`, a file of float32 (`f4`), int64 (`i8`) or bool (`b1`) elements
    /// gives a tensor of that dtype instead, bit for bit, as `torch.from_numpy` would; every
    /// other element type still gives float64.
    public static func decode(
        _ bytes: [UInt8], elementLimit: Int = Int.max, memory: MemoryBudget = .unlimited, keepingDType: Bool = false
    ) throws(Failure) -> Tensor {
        let (header, dataStart) = try splitHeader(bytes)
        let fields = try NPYHeader.parse(header)
        let type = try NPYElementType(descr: fields.descr)
        let count = try Tensor.elementCount(of: fields.shape, limit: elementLimit, refusing: Failure.self)
        try memory.reserve(count, of: keepingDType ? type.dtype ?? .float64 : .float64, refusing: Failure.self)
        let available = bytes.count - dataStart
        guard let needed = count.multipliedChecked(by: type.size), needed == available else {
            throw .dataSize(expected: count.multipliedSaturating(by: type.size), actual: available)
        }
        func elements<Element>(_ read: (Int) -> Element) -> [Element] {
            let stored = (0..<count).map { index in read(dataStart + index * type.size) }
            return fields.fortranOrder ? reorderFromFortran(stored, shape: fields.shape) : stored
        }
        let storage: TensorStorage = switch keepingDType ? type.dtype : nil {
        case .float32?: .float32(elements { Float(bitPattern: UInt32(truncatingIfNeeded: type.bits(bytes, at: $0))) })
        case .int64?: .int64(elements { Int64(bitPattern: type.bits(bytes, at: $0)) })
        case .bool?: .bool(elements { type.bits(bytes, at: $0) != 0 })
        default: .float64(elements { type.read(bytes, at: $0) })
        }
        guard let tensor = Tensor(shape: fields.shape, storage: storage) else { throw .tooLarge(elements: nil, limit: elementLimit) }
        return tensor
    }

    /// The header text and where the data begins, after checking the magic and version.
    private static func splitHeader(_ bytes: [UInt8]) throws(Failure) -> (String, Int) {
        guard bytes.count >= 8 else {
            throw bytes.starts(with: magic.prefix(bytes.count)) && !bytes.isEmpty ? .truncated(what: "preamble") : .notNPY
        }
        guard bytes.starts(with: magic) else { throw .notNPY }
        let (major, minor) = (bytes[6], bytes[7])
        guard minor == 0, (1...3).contains(major) else { throw .unsupportedVersion(major: major, minor: minor) }
        let lengthBytes = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else { throw .truncated(what: "header length") }
        var length = 0
        for offset in (0..<lengthBytes).reversed() { length = length << 8 | Int(bytes[8 + offset]) }
        let start = 8 + lengthBytes
        guard bytes.count - start >= length else { throw .truncated(what: "header") }
        let raw = bytes[start..<(start + length)]
        // Versions 1 and 2 store the header in Latin-1, version 3 in UTF-8.
        let text = major == 3
            ? String(decoding: raw, as: UTF8.self)
            : String(String.UnicodeScalarView(raw.map { Unicode.Scalar($0) }))
        return (text, start + length)
    }

    /// Fortran (column-major) elements to row-major order.
    static func reorderFromFortran<Element>(_ scalars: [Element], shape: [Int]) -> [Element] {
        // With at least one element every prefix product of the shape fits in an Int.
        guard shape.count > 1, let first = scalars.first else { return scalars }
        var result = [Element](repeating: first, count: scalars.count)
        var columnMajor = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.dropFirst() { columnMajor[axis] = columnMajor[axis - 1] * shape[axis - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        for flat in 0..<scalars.count {
            var source = 0
            for axis in shape.indices { source += index[axis] * columnMajor[axis] }
            result[flat] = scalars[source]
            Tensor.advance(&index, rowMajorIn: shape)
        }
        return result
    }

    // MARK: - Writing

    /// A version 1 `.npy` file (version 2 if the header needs it) holding `tensor` as `'<f8'`
    /// in C order; a tensor of another dtype is written as its ``Tensor/scalars``.
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        let shapeText: String = switch tensor.rank {
        case 0: "()"
        case 1: "(\(tensor.shape[0]),)"
        default: "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        }
        let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText), }"
        let version: UInt8 = dict.utf8.count + 1 + 10 > Int(UInt16.max) ? 2 : 1
        let preamble = 6 + 2 + (version == 1 ? 2 : 4)
        // Pad with spaces so the data starts at a multiple of 64, then end with a newline.
        let unpadded = preamble + dict.utf8.count + 1
        let padding = (64 - unpadded % 64) % 64
        let header = Array(dict.utf8) + [UInt8](repeating: 0x20, count: padding) + [0x0A]
        var bytes = magic + [version, 0]
        var length = header.count
        for _ in 0..<(version == 1 ? 2 : 4) {
            bytes.append(UInt8(length & 0xFF))
            length >>= 8
        }
        bytes += header
        bytes.reserveCapacity(bytes.count + tensor.count * 8)
        for value in tensor.scalars {
            var bits = value.bitPattern
            for _ in 0..<8 {
                bytes.append(UInt8(bits & 0xFF))
                bits >>= 8
            }
        }
        return bytes
    }
}
