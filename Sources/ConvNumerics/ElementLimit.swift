/// A refusal that can say a result would hold too many elements: `elements` is `nil` when the
/// count does not even fit in an `Int`.
protocol ElementLimitRefusal: Error {
    static func tooLarge(elements: Int?, limit: Int) -> Self
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
