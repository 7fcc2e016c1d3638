/// One element type a `.npy` file can hold, from its `descr` such as `'<f8'` or `'|u1'`.
struct NPYElementType: Equatable {
    enum Kind: Equatable { case float, signed, unsigned, bool }

    var kind: Kind
    var size: Int
    var bigEndian: Bool

    /// Parses `descr`: a byte order (`<`, `>`, `|`, `=`), a kind (`f`, `i`, `u`, `b`) and a
    /// size in bytes.
    init(descr: String) throws(NPYFormat.Failure) {
        let characters = Array(descr)
        guard characters.count >= 3, let order = characters.first else { throw .unsupportedType(descr) }
        let kindCharacter = characters[1]
        guard let size = Int(String(characters[2...])) else { throw .unsupportedType(descr) }
        let kinds: [Character: Kind] = ["f": .float, "i": .signed, "u": .unsigned, "b": .bool]
        guard let kind = kinds[kindCharacter] else { throw .unsupportedType(descr) }
        let validSizes: [Int] = switch kind {
        case .float: [2, 4, 8]
        case .signed, .unsigned: [1, 2, 4, 8]
        case .bool: [1]
        }
        guard validSizes.contains(size) else { throw .unsupportedType(descr) }
        switch order {
        case "<", "=": bigEndian = false
        case ">": bigEndian = true
        case "|" where size == 1: bigEndian = false
        default: throw .unsupportedType(descr)
        }
        self.kind = kind
        self.size = size
    }

    /// The tensor dtype that holds this element type exactly and as PyTorch's `from_numpy`
    /// would (`<f4` float32, `<i8` int64, `|b1` bool, `<f8` float64), or `nil` for the types
    /// conv has no dtype for.
    var dtype: DType? {
        switch (kind, size) {
        case (.float, 8): .float64
        case (.float, 4): .float32
        case (.signed, 8): .int64
        case (.bool, _): .bool
        default: nil
        }
    }

    /// The element's bytes at `offset` in the machine's order, in the low `size` bytes; the
    /// caller checked the bounds.
    func bits(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var bits: UInt64 = 0
        for index in 0..<size {
            let byte = UInt64(bytes[offset + (bigEndian ? index : size - 1 - index)])
            bits = bits << 8 | byte
        }
        return bits
    }

    /// The element at byte `offset` as a `Double`; the caller checked the bounds.
    func read(_ bytes: [UInt8], at offset: Int) -> Double {
        let bits = bits(bytes, at: offset)
        switch (kind, size) {
        case (.bool, _): return bits == 0 ? 0 : 1
        case (.unsigned, _): return Double(bits)
        case (.signed, _):
            // Sign-extend the `size`-byte value.
            let shift = UInt64(64 - 8 * size)
            return Double(Int64(bitPattern: bits << shift) >> Int64(shift))
        case (.float, 2): return Self.doubleFromHalf(UInt16(truncatingIfNeeded: bits))
        case (.float, 4): return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        default: return Double(bitPattern: bits)
        }
    }

    /// IEEE 754 binary16 to `Double`, written out so it does not depend on the platform's
    /// `Float16` support.
    static func doubleFromHalf(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 == 0 ? 1 : -1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
