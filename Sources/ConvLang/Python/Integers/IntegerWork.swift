import BigInt
import ConvNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The big-int operations whose cost grows faster than their operands, each bounded before it
/// starts: the result's bytes against the memory budget (``EvaluationContext/reserveMemory(_:at:)``),
/// and the machine-word operations it takes counted as evaluation steps
/// (``EvaluationContext/countSteps(_:at:)``), so that the step limit, the time limit and an
/// interrupt stop a program that builds ever larger ints, as they stop a loop.
///
/// Python has no such bounds: it computes `10 ** 10 ** 9` for as long as it takes, or runs out
/// of memory. conv ends with the limit's diagnostic instead.
struct IntegerWork {
    let context: EvaluationContext
    let range: SourceRange

    /// Word operations counted as one evaluation step: the default limit of ten million steps
    /// allows a few billion, seconds of work.
    static let wordOperationsPerStep = 256

    /// Counts an operation that reads each word of `a` and `b` once (a sum, a comparison).
    func linear(_ a: BigInt, _ b: BigInt) throws(RuntimeError) {
        try count(a.magnitude.words.count + b.magnitude.words.count)
    }

    /// `a * b`.
    func product(_ a: BigInt, _ b: BigInt) throws(RuntimeError) -> BigInt {
        try reserve(bits: a.magnitude.bitWidth + b.magnitude.bitWidth)
        try count(Self.multiplication(a.magnitude.words.count, b.magnitude.words.count))
        return a * b
    }

    /// Python's `divmod(a, b)`.
    func floorDivide(_ a: BigInt, _ b: BigInt) throws(RuntimeError) -> (quotient: BigInt, remainder: BigInt) {
        let words = a.magnitude.words.count, divisorWords = b.magnitude.words.count
        try count(Swift.max(words - divisorWords + 1, 1).multipliedReportingOverflow(by: divisorWords).partialValue)
        return try IntegerArithmetic.floorDivmod(a, b, at: range)
    }

    /// `base ** exponent` for an exponent ≥ 0, by squaring, each product counted; the result's
    /// size is checked against the memory budget before the first one.
    func power(_ base: BigInt, _ exponent: BigInt) throws(RuntimeError) -> BigInt {
        // 0, 1 and -1 stay small whatever the exponent.
        if base.magnitude <= 1 || exponent.isZero {
            if exponent.isZero { return 1 }
            return base.sign == .minus && exponent.magnitude[bitAt: 0] ? -1 : base.magnitude.isZero ? 0 : 1
        }
        // |base| ≥ 2, so the result has at least `exponent` bits.
        guard let times = Int(exactly: exponent) else { throw tooLarge() }
        let bits = Double(times) * Self.approximateLog2(base.magnitude)
        try reserve(bits: bits < Double(Int.max) ? Int(bits) : .max)
        if base.magnitude == 2 {
            try count(times / UInt.bitWidth)
            return base.sign == .minus && times & 1 == 1 ? -(BigInt(1) << times) : BigInt(1) << times
        }
        var result: BigInt = 1, factor = base, remaining = times
        while remaining > 0 {
            if remaining & 1 == 1 { result = try product(result, factor) }
            remaining >>= 1
            if remaining > 0 { factor = try product(factor, factor) }
            try context.checkInterrupt(at: range)
        }
        return result
    }

    /// `a << shift`, shift ≥ 0.
    func shiftLeft(_ a: BigInt, _ shift: BigInt) throws(RuntimeError) -> BigInt {
        if a.isZero { return 0 }
        guard let count = Int(exactly: shift), count < Int.max - a.magnitude.bitWidth else { throw tooLarge() }
        try reserve(bits: a.magnitude.bitWidth + count)
        try self.count(count / UInt.bitWidth)
        return a << count
    }

    /// Refuses an int of `bits` bits the memory budget has no room for.
    func reserve(bits: Int) throws(RuntimeError) {
        try context.reserveMemory(bits / 8 + 8, at: range)
    }

    /// The memory limit's error for an int whose size does not even fit in a machine word.
    private func tooLarge() -> RuntimeError {
        guard let limit = context.limits.maximumMemory else { return RuntimeError(memoryRefusal: .systemRefused(needed: .max), at: range) }
        return RuntimeError(memoryRefusal: .overBudget(needed: .max, inUse: MemoryBudget.heapBytesInUse, limit: limit), at: range)
    }

    private func count(_ wordOperations: Int) throws(RuntimeError) {
        let steps = wordOperations / Self.wordOperationsPerStep
        if steps > 0 { try context.countSteps(steps, at: range) }
    }

    /// The word operations of an `m`-word by `n`-word product as ``BigUInt`` multiplies:
    /// schoolbook while either has at most ``BigUInt/directMultiplicationLimit`` words,
    /// Karatsuba's three half-size products above that.
    static func multiplication(_ m: Int, _ n: Int) -> Int {
        let limit = BigUInt.directMultiplicationLimit
        guard Swift.min(m, n) > limit else { return m.multipliedReportingOverflow(by: n).partialValue }
        let halvings = Double(Swift.max(m, n)) / Double(limit)
        let cost = pow(halvings, 1.585) * Double(limit * limit)
        return cost < Double(Int.max) ? Int(cost) : .max
    }

    /// log2(n) for n ≥ 1, near enough to size a power's result.
    static func approximateLog2(_ n: BigUInt) -> Double {
        let width = n.bitWidth
        let shift = Swift.max(width - 53, 0)
        return log2(Double(UInt64(n >> shift))) + Double(shift)
    }
}
