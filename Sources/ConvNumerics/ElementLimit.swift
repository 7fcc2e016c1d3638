/// A refusal that can say a result would hold too many elements: `elements` is `nil` when the
/// count does not even fit in an `Int`.
protocol ElementLimitRefusal: Error {
    static func tooLarge(elements: Int?, limit: Int) -> Self
    /// The result's memory was refused by the budget or the operating system.
    static func outOfMemory(_ refusal: MemoryRefusal) -> Self
}

extension ConvolutionError: ElementLimitRefusal {}
extension ConvolutionTransposeError: ElementLimitRefusal {}
extension PoolingError: ElementLimitRefusal {}
extension NPYFormat.Failure: ElementLimitRefusal {}

extension Tensor {
    /// The number of elements of `shape`, refused as `refusal.tooLarge` when it overflows
    /// `Int` or exceeds `limit`.
    static func elementCount<Refusal: ElementLimitRefusal>(
        of shape: [Int], limit: Int, refusing refusal: Refusal.Type
    ) throws(Refusal) -> Int {
        guard let count = elementCount(of: shape) else { throw .tooLarge(elements: nil, limit: limit) }
        guard count <= limit else { throw .tooLarge(elements: count, limit: limit) }
        return count
    }
}

extension MemoryBudget {
    /// ``reserve(_:)`` for `count` elements of `dtype`, refused as `refusal.outOfMemory`.
    func reserve<Refusal: ElementLimitRefusal>(
        _ count: Int, of dtype: DType, refusing refusal: Refusal.Type
    ) throws(Refusal) {
        do {
            try reserve(Self.bytes(of: count, dtype))
        } catch {
            throw .outOfMemory(error)
        }
    }
}
