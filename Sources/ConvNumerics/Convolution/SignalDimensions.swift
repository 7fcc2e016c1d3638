/// A signal's `(N, C, L)` extents. Convolution, transposed convolution and `explain` all take
/// a signal `(L)`, one item's channels `(C, L)` or a batch `(N, C, L)`, and read it this one way.
public struct SignalDimensions: Sendable, Equatable {
    public var batch: Int
    public var channels: Int
    public var length: Int

    /// `nil` unless `shape` has rank 1, 2 or 3; a vector is one channel of one item, `(C, L)` one item.
    public init?(shape: [Int]) {
        switch shape.count {
        case 1: (batch, channels, length) = (1, 1, shape[0])
        case 2: (batch, channels, length) = (1, shape[0], shape[1])
        case 3: (batch, channels, length) = (shape[0], shape[1], shape[2])
        default: return nil
        }
    }

    /// A kernel's extents `(first, second, k)`: convolution reads them as `(out, in/g, k)`,
    /// transposed convolution as `(in, out/g, k)`. A vector is a kernel for one input and one
    /// output channel; `nil` for any rank but 1 or 3.
    static func kernel(shape: [Int]) -> (first: Int, second: Int, kernel: Int)? {
        switch shape.count {
        case 1: (1, 1, shape[0])
        case 3: (shape[0], shape[1], shape[2])
        default: nil
        }
    }

    /// The result's shape, keeping the input's rank: `(N, out, L_out)` for a batch,
    /// `(out, L_out)` for one item, `(L_out)` when a vector went in and one channel comes out.
    static func outputShape(inputRank: Int, batch: Int, channels: Int, length: Int) -> [Int] {
        switch inputRank {
        case 3: [batch, channels, length]
        case 1 where channels == 1: [length]
        default: [channels, length]
        }
    }
}
