/// The digits of a finite, non-negative double in Gay's `dtoa` form: `0.d₁d₂…dₙ × 10^point`,
/// with no trailing zeros; zero is the single digit 0 with point 1.
///
/// CPython prints every float from such digits (`_Py_dg_dtoa`), in one of three modes: the
/// shortest digits that read back as the same double (repr), a number of significant digits
/// (`e`, `g`), or a number of digits after the point (`f`). The last two round the exact binary
/// value half to even, so they are computed here from the double's exact decimal expansion.
///
/// Public so that other printouts built on Python's digits (NumPy's, whose Dragon4 makes the
/// same three choices) share them rather than computing digits again.
public struct DecimalDigits: Equatable, Sendable {
    /// Decimal digits, each 0...9, most significant first.
    public var digits: [UInt8]
    /// Where the decimal point goes: the value is `0.digits × 10^point`.
    public var point: Int

    /// Zero: the single digit 0, point 1.
    public static let zero = DecimalDigits(digits: [0], point: 1)

    /// Whether every digit is 0.
    public var isZero: Bool { digits.allSatisfy { $0 == 0 } }
}

extension DecimalDigits {
    /// The exact decimal expansion of `magnitude` (finite; its sign is ignored). Every double is
    /// `m × 2^e` with integer `m`, so it is `m × 2^e` (an integer) when `e ≥ 0` and
    /// `m × 5^-e / 10^-e` otherwise: at most 767 significant digits, computed exactly.
    public static func exact(_ magnitude: Double) -> DecimalDigits {
        let value = Swift.abs(magnitude)
        guard value != 0, value.isFinite else { return .zero }
        let exponentBits = Int(value.exponentBitPattern)
        let significand = value.significandBitPattern | (exponentBits == 0 ? 0 : 1 << 52)
        let binaryExponent = (exponentBits == 0 ? 1 : exponentBits) - 1075
        var number = DecimalNatural(significand)
        if binaryExponent >= 0 {
            number.multiply(byPowerOf: 2, exponent: binaryExponent)
        } else {
            number.multiply(byPowerOf: 5, exponent: -binaryExponent)
        }
        let digits = number.digits()
        let point = digits.count + min(binaryExponent, 0)
        return DecimalDigits(digits: digits, point: point).trimmed()
    }

    /// The same number without trailing zeros (zero stays the single digit 0, point 1).
    func trimmed() -> DecimalDigits {
        guard let last = digits.lastIndex(where: { $0 != 0 }) else { return .zero }
        let first = digits.firstIndex(where: { $0 != 0 }) ?? 0
        return DecimalDigits(digits: Array(digits[first...last]), point: point - first)
    }

    /// Rounded, half to even, to `count` significant digits (`count ≥ 1`): `dtoa` mode 2.
    public func roundedToSignificant(_ count: Int) -> DecimalDigits {
        rounded(keeping: Swift.max(count, 1))
    }

    /// Rounded, half to even, to `count` digits after the decimal point: `dtoa` mode 3.
    public func roundedToFraction(_ count: Int) -> DecimalDigits {
        rounded(keeping: point + count)
    }

    /// Keeps the first `kept` digits (a negative count keeps none) and rounds what is dropped
    /// into them, half to even; a tie on zero kept digits rounds to zero, which is even.
    private func rounded(keeping kept: Int) -> DecimalDigits {
        if kept >= digits.count || isZero { return self }
        if kept < 0 { return .zero }
        let first = digits[kept]
        let tail = digits[(kept + 1)...].contains { $0 != 0 }
        let previousIsOdd = kept > 0 && digits[kept - 1] % 2 == 1
        let roundsUp = first > 5 || (first == 5 && (tail || previousIsOdd))
        var result = Array(digits[..<kept])
        guard roundsUp else { return DecimalDigits(digits: result, point: point).trimmed() }
        var position = result.count - 1
        while position >= 0 && result[position] == 9 {
            result[position] = 0
            position -= 1
        }
        if position < 0 {
            return DecimalDigits(digits: [1], point: point + 1)
        }
        result[position] += 1
        return DecimalDigits(digits: result, point: point).trimmed()
    }
}

/// A natural number in base 10⁹ limbs, least significant first: just enough arithmetic to expand
/// a double exactly (multiplication by small powers) and read its decimal digits.
struct DecimalNatural {
    private static let base: UInt64 = 1_000_000_000
    private var limbs: [UInt64]

    init(_ value: UInt64) {
        limbs = []
        var rest = value
        repeat {
            limbs.append(rest % Self.base)
            rest /= Self.base
        } while rest > 0
    }

    /// Multiplies by `factor^exponent`, in steps whose product with a limb fits in 64 bits.
    mutating func multiply(byPowerOf factor: UInt64, exponent: Int) {
        // 2^31 and 5^13 are below 2^32; a limb is below 2^30; a product with carry is below 2^63.
        let stepExponent = factor == 2 ? 31 : 13
        var remaining = exponent
        while remaining > 0 {
            let step = Swift.min(remaining, stepExponent)
            var multiplier: UInt64 = 1
            for _ in 0..<step { multiplier *= factor }
            multiply(by: multiplier)
            remaining -= step
        }
    }

    private mutating func multiply(by multiplier: UInt64) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = limbs[index] * multiplier + carry
            limbs[index] = product % Self.base
            carry = product / Self.base
        }
        while carry > 0 {
            limbs.append(carry % Self.base)
            carry /= Self.base
        }
    }

    /// The decimal digits, most significant first, without leading zeros.
    func digits() -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(limbs.count * 9)
        for (offset, limb) in limbs.reversed().enumerated() {
            var chunk = [UInt8](repeating: 0, count: 9)
            var rest = limb
            for position in stride(from: 8, through: 0, by: -1) {
                chunk[position] = UInt8(rest % 10)
                rest /= 10
            }
            if offset == 0, let first = chunk.firstIndex(where: { $0 != 0 }) {
                result.append(contentsOf: chunk[first...])
            } else if offset > 0 {
                result.append(contentsOf: chunk)
            }
        }
        return result.isEmpty ? [0] : result
    }
}
