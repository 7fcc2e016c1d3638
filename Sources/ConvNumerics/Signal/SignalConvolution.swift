/// NumPy's `convolve` and `correlate` for 1-D signals, with NumPy's exact results.
///
/// Unlike conv's PyTorch-style `conv` (cross-correlation, output length set by padding), these
/// follow the signal-processing conventions:
///
/// - `convolve(a, v)` flips `v` (true convolution) and is symmetric in its arguments;
/// - `correlate(a, v)` computes `c[t] = Σ_n a[n+t]·v[n]`; swapping the arguments reverses it;
/// - the mode sets the length, with `M = len(a)`, `N = len(v)`: `full` `M+N−1`, `same`
///   `max(M, N)`, `valid` `max(M, N) − min(M, N) + 1` (the shorter input slides inside the
///   longer one, whichever it is).
///
/// For `same`, the shorter length `n` decides the centring: the longer input is zero-padded by
/// `n/2` on the left and `n−1−n/2` on the right, so for an even `n` the extra sample is on the
/// left (PyTorch's `padding='same'` puts it on the right).
public enum SignalConvolution {
    /// How long the result is.
    public enum Mode: String, Sendable, CaseIterable, Hashable {
        /// Every overlap, `M + N − 1` samples.
        case full
        /// As long as the longer input, centred.
        case same
        /// Only complete overlaps, `max − min + 1` samples.
        case valid
    }

    /// Why a call was refused.
    public enum Failure: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
        /// NumPy refuses empty inputs; `argument` is `a` or `v`.
        case emptyInput(argument: String)
        /// The result would hold more than `limit` elements.
        case tooLarge(limit: Int)
        /// The caller raised the ``InterruptFlag`` (or its deadline passed).
        case interrupted

        public var description: String {
            switch self {
            case .emptyInput(let argument): "\(argument) cannot be empty"
            case .tooLarge(let limit): "the result would hold more than \(limit) elements"
            case .interrupted: "interrupted"
            }
        }
    }

    /// `numpy.convolve(a, v, mode)`: the longer input stays, the shorter one is reversed and
    /// slid along it.
    public static func convolve(
        _ a: [Double], _ v: [Double], mode: Mode = .full, elementLimit: Int = Int.max, interrupt: InterruptFlag? = nil
    ) throws(Failure) -> [Double] {
        guard !a.isEmpty else { throw .emptyInput(argument: "a") }
        guard !v.isEmpty else { throw .emptyInput(argument: "v") }
        let (long, short) = v.count > a.count ? (v, a) : (a, v)
        return try correlateLongFirst(long, short.reversed(), mode: mode, elementLimit: elementLimit, interrupt: interrupt)
    }

    /// `numpy.correlate(a, v, mode)`: `c[t] = Σ_n a[n+t]·v[n]`. When `v` is longer the
    /// arguments are swapped and the result reversed, as NumPy does.
    public static func correlate(
        _ a: [Double], _ v: [Double], mode: Mode = .valid, elementLimit: Int = Int.max, interrupt: InterruptFlag? = nil
    ) throws(Failure) -> [Double] {
        guard !a.isEmpty else { throw .emptyInput(argument: "a") }
        guard !v.isEmpty else { throw .emptyInput(argument: "v") }
        guard v.count > a.count else {
            return try correlateLongFirst(a, v, mode: mode, elementLimit: elementLimit, interrupt: interrupt)
        }
        return try correlateLongFirst(v, a, mode: mode, elementLimit: elementLimit, interrupt: interrupt).reversed()
    }

    /// The output length for inputs of lengths `m` and `n` (both at least 1).
    public static func outputLength(_ m: Int, _ n: Int, mode: Mode) -> Int {
        let (long, short) = (Swift.max(m, n), Swift.min(m, n))
        switch mode {
        case .full: return long.addingSaturating(short - 1)
        case .same: return long
        case .valid: return long - short + 1
        }
    }

    /// Correlation of `long` with `short` (`short.count ≤ long.count`), with `long`
    /// zero-padded as the mode says: `out[t] = Σ_j long[t − left + j] · short[j]`.
    private static func correlateLongFirst(
        _ long: [Double], _ short: [Double], mode: Mode, elementLimit: Int, interrupt: InterruptFlag?
    ) throws(Failure) -> [Double] {
        let n = short.count
        let left: Int = switch mode {
        case .full: n - 1
        case .same: n / 2
        case .valid: 0
        }
        let count = outputLength(long.count, n, mode: mode)
        guard count <= elementLimit, count < Int.max else { throw .tooLarge(limit: elementLimit) }
        var output = [Double](repeating: 0, count: count)
        // Poll the flag about every million multiply-adds: two long signals take hours.
        var workSincePoll = 0
        for t in 0..<count {
            workSincePoll += n
            if workSincePoll >= 1 << 20 {
                workSincePoll = 0
                if interrupt?.isRaised == true { throw .interrupted }
            }
            let origin = t - left
            let first = Swift.max(0, -origin)
            let end = Swift.min(n, long.count - origin)
            var sum = 0.0
            if first < end {
                for j in first..<end { sum += long[origin + j] * short[j] }
            }
            output[t] = sum
        }
        return output
    }
}
