import Foundation

/// `torch.multinomial(probabilities, n, replacement)`: indices drawn from each row's
/// distribution (weights need not sum to 1), by PyTorch's two CPU algorithms.
///
/// - One sample, or samples without replacement: the exponential race. Each weight `p` is
///   divided by an exponential draw `q = −log1p(−u)` (a 53-bit uniform `u` per element, in
///   float64, rounded to the dtype), and the largest `p / q` wins (the `n` largest without
///   replacement, largest first).
/// - Several samples with replacement: each row's running sums, divided by the total (the last
///   set to exactly 1), and for each sample a 53-bit uniform found by binary search: the first
///   index whose running sum is not below it.
extension TorchGenerator {
    public mutating func multinomial(_ probabilities: Tensor, samples: Int, replacement: Bool) throws(RandomError) -> Tensor {
        let rank = probabilities.rank
        guard rank == 1 || rank == 2 else { throw .multinomial("prob_dist must be 1 or 2 dim") }
        guard probabilities.dtype.isFloatingPoint else {
            throw .multinomial("multinomial only supports floating-point dtypes for input, got: \(probabilities.dtype.scalarTypeName)")
        }
        guard samples > 0 else { throw .multinomial("cannot sample n_sample <= 0 samples") }
        let categories = probabilities.shape[rank - 1]
        guard replacement || samples <= categories else {
            throw .multinomial("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        }
        let rows = rank == 1 ? 1 : probabilities.shape[0]
        let weights = probabilities.converted(to: .float64).scalars
        if weights.contains(where: { !$0.isFinite || $0 < 0 }) {
            throw .multinomial("probability tensor contains either `inf`, `nan` or element < 0")
        }
        for row in 0..<rows where weights[(row * categories)..<((row + 1) * categories)].allSatisfy({ $0 == 0 }) {
            throw .multinomial("invalid multinomial distribution (sum of probabilities <= 0)")
        }
        let single = probabilities.dtype == .float32
        var result: [Int64] = []
        result.reserveCapacity(rows * samples)
        if !replacement || samples == 1 {
            // One exponential per element, drawn over the whole tensor first, as PyTorch fills q.
            var ratios = [Double](repeating: 0, count: weights.count)
            for index in weights.indices {
                let q = -log1p(-nextUnitDouble())
                ratios[index] = single ? Double(Float(weights[index]) / Float(q)) : weights[index] / q
            }
            for row in 0..<rows {
                let slice = Array(ratios[(row * categories)..<((row + 1) * categories)])
                // The largest first; among equals the lower index, as PyTorch's argmax and topk.
                let order = slice.indices.sorted { slice[$0] > slice[$1] || (slice[$0] == slice[$1] && $0 < $1) }
                result += order.prefix(samples).map(Int64.init)
            }
        } else {
            for row in 0..<rows {
                let slice = weights[(row * categories)..<((row + 1) * categories)]
                var running = [Double](repeating: 0, count: categories)
                if single {
                    var total: Float = 0
                    for (offset, weight) in slice.enumerated() { total += Float(weight); running[offset] = Double(total) }
                    for offset in running.indices { running[offset] = Double(Float(running[offset]) / total) }
                } else {
                    var total = 0.0
                    for (offset, weight) in slice.enumerated() { total += weight; running[offset] = total }
                    for offset in running.indices { running[offset] /= total }
                }
                running[categories - 1] = 1
                for _ in 0..<samples {
                    let u = nextUnitDouble()
                    var (low, high) = (0, categories)
                    while high > low {
                        let middle = low + (high - low) / 2
                        if running[middle] < u { low = middle + 1 } else { high = middle }
                    }
                    result.append(Int64(low))
                }
            }
        }
        let shape = rank == 1 ? [samples] : [rows, samples]
        return Tensor(shape: shape, scalars: result) ?? Tensor([Int64]())
    }
}
