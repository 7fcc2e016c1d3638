/// Where a generated input's choices come from: the fuzzer's bytes, or a seed.
///
/// The generators ask for small numbers (`below(n)`) and never see where they came from, so the
/// same generator serves libFuzzer (whose mutations of the bytes become nearby programs) and the
/// test suite (whose fixed seeds repeat on every run). Once the bytes run out every choice is 0,
/// and every generator makes 0 its smallest, ending choice, so a short input is a short program.
public struct FuzzChoices {
    private let bytes: [UInt8]
    private var position = 0
    /// The SplitMix64 state when choices come from a seed.
    private var state: UInt64?

    /// Choices read from `bytes`, one or two bytes each.
    public init(bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    /// Choices from a seed: the same seed gives the same choices on every machine.
    public init(seed: UInt64) {
        self.bytes = []
        self.state = seed
    }

    /// A number in `0..<count` (0 when `count` is 1 or less).
    public mutating func below(_ count: Int) -> Int {
        guard count > 1 else { return 0 }
        let raw = next(wide: count > 256)
        return Int(raw % UInt64(count))
    }

    /// A number in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound &+ below(range.upperBound &- range.lowerBound &+ 1)
    }

    /// True with probability `percent` in 100 (never once the bytes run out).
    public mutating func chance(_ percent: Int) -> Bool {
        below(100) >= 100 - percent
    }

    /// One of `items`, which must not be empty.
    public mutating func pick<Item>(_ items: [Item]) -> Item {
        items[below(items.count)]
    }

    private mutating func next(wide: Bool) -> UInt64 {
        if var seeded = state {
            seeded &+= 0x9E37_79B9_7F4A_7C15
            state = seeded
            var z = seeded
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var value: UInt64 = 0
        for _ in 0..<(wide ? 2 : 1) where position < bytes.count {
            value = value << 8 | UInt64(bytes[position])
            position += 1
        }
        return value
    }
}
