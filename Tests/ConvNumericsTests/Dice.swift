import ConvNumerics

/// Seeded random choices for the agreement tests, drawn from the mt19937 stream itself so a
/// failing problem can be replayed from its seed.
struct Dice {
    var generator: TorchGenerator

    init(seed: UInt64) { generator = TorchGenerator(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(generator.nextUInt32() % UInt32(range.count))
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }

    /// `count` values uniform in `[-2, 2)`.
    mutating func values(_ count: Int) -> [Double] {
        (0..<count).map { _ in Double(generator.uniformFloat(from: -2, to: 2)) }
    }

    /// A tensor of `shape` filled with ``values(_:)``.
    mutating func tensor(_ shape: [Int]) -> Tensor? {
        Tensor(shape: shape, scalars: values(Tensor.elementCount(of: shape) ?? 0))
    }
}
