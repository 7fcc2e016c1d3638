import ConvAutograd
import ConvNumerics

/// The margin and embedding losses: `margin_ranking_loss`, `hinge_embedding_loss`,
/// `soft_margin_loss`, `cosine_embedding_loss`, `multilabel_soft_margin_loss` and
/// `triplet_margin_loss`, composed as PyTorch's ATen composes them.
enum EmbeddingLosses {
    private static let reduction = ComposedLoss.reduction

    static let all: [ComposedLoss] = [marginRanking, hingeEmbedding, softMargin, cosineEmbedding, multilabelSoftMargin, tripletMargin]

    /// `max(0, −y·(x1 − x2) + margin)`.
    static let marginRanking = ComposedLoss(
        function: "margin_ranking_loss", layer: "MarginRankingLoss", inputs: ["input1", "input2", "target"],
        options: [.optional("margin", default: .number(0)), reduction],
        summary: "the ranking loss max(0, -y*(x1 - x2) + margin)"
    ) { tensors, settings throws(AutogradError) in
        let (x1, x2, y) = (tensors[0], tensors[1], tensors[2])
        let output = try y.neg().mul(x1.sub(x2)).add(settings.number("margin")).clamp(min: 0, max: nil, name: "ClampMinBackward0")
        return try settings.reduced(output)
    }

    /// `x` where `y = 1`, `max(0, margin − x)` where `y = −1`.
    static let hingeEmbedding = ComposedLoss(
        function: "hinge_embedding_loss", layer: "HingeEmbeddingLoss", inputs: ["input", "target"],
        options: [.optional("margin", default: .number(1)), reduction],
        summary: "the hinge loss of distances: x where y = 1, max(0, margin - x) where y = -1"
    ) { tensors, settings throws(AutogradError) in
        let (x, y) = (tensors[0], tensors[1])
        let zeros = x.constant(0, shape: x.shape)
        let marginClamp = try x.reverseSub(settings.number("margin")).clamp(min: 0, max: nil, name: "ClampMinBackward0")
        let outputMargin = try marginClamp.selected(where: y.mask { $0 != 1 }, otherwise: zeros)
        let outputSelf = try x.selected(where: y.mask { $0 != -1 }, otherwise: zeros)
        return try settings.reduced(outputMargin.add(outputSelf))
    }

    /// `log(1 + e^(−y·x))`.
    static let softMargin = ComposedLoss(
        function: "soft_margin_loss", layer: "SoftMarginLoss", inputs: ["input", "target"], options: [reduction],
        summary: "the two-class logistic loss log(1 + exp(-y*x))"
    ) { tensors, settings throws(AutogradError) in
        try Functional.softMarginLoss(tensors[0], tensors[1].data, reduction: LossReduction(rawValue: settings.reduction) ?? .mean)
    }

    /// `1 − cos(x1, x2)` where `y = 1`, `max(0, cos(x1, x2) − margin)` where `y = −1`.
    static let cosineEmbedding = ComposedLoss(
        function: "cosine_embedding_loss", layer: "CosineEmbeddingLoss", inputs: ["input1", "input2", "target"],
        options: [.optional("margin", default: .number(0)), reduction],
        summary: "the cosine loss: 1 - cos(x1, x2) where y = 1, max(0, cos(x1, x2) - margin) where y = -1"
    ) { tensors, settings throws(AutogradError) in
        let (x1, x2, y) = (tensors[0], tensors[1], tensors[2])
        let rank = y.data.rank
        guard rank <= 1, x1.data.rank == rank + 1, x2.data.rank == rank + 1 else {
            throw .invalidArgument(rank == 1
                ? "1D target tensor expects 2D input tensors, but found inputs with sizes \(list(x1.shape)) and \(list(x2.shape))."
                : "0D target tensor expects 1D input tensors, but found inputs with sizes \(list(x1.shape)) and \(list(x2.shape)).")
        }
        let epsilon = 1e-12
        let productSum = try x1.mul(x2).sum(dims: [rank])
        let magnitude1 = try x1.mul(x1).sum(dims: [rank]).add(epsilon)
        let magnitude2 = try x2.mul(x2).sum(dims: [rank]).add(epsilon)
        let cosine = try productSum.div(magnitude1.mul(magnitude2).sqrt())
        let zeros = cosine.constant(0, shape: cosine.shape)
        let positive = try cosine.reverseSub(1)
        let negative = try cosine.sub(settings.number("margin")).clamp(min: 0, max: nil, name: "ClampMinBackward0")
        let outputPositive = try positive.selected(where: y.mask { $0 == 1 }, otherwise: zeros)
        let outputNegative = try negative.selected(where: y.mask { $0 == -1 }, otherwise: zeros)
        return try settings.reduced(outputPositive.add(outputNegative))
    }

    /// `−(y·logσ(x) + (1 − y)·logσ(−x))`, averaged over the classes.
    static let multilabelSoftMargin = ComposedLoss(
        function: "multilabel_soft_margin_loss", layer: "MultiLabelSoftMarginLoss", inputs: ["input", "target"],
        options: [.optional("weight", default: .none), reduction],
        summary: "the multi-label one-versus-all logistic loss"
    ) { tensors, settings throws(AutogradError) in
        let (x, y) = (tensors[0], tensors[1])
        var loss = try y.mul(Functional.logSigmoid(x)).add(y.reverseSub(1).mul(Functional.logSigmoid(x.neg()))).neg()
        if let weight = settings.weight { loss = try loss.mul(Variable(constant: weight.converted(to: x.data.dtype))) }
        let classDim = Swift.max(x.data.rank - 1, 0)
        let classes = x.data.rank == 0 ? 1 : x.shape[classDim]
        return try settings.reduced(try loss.sum(dims: [classDim]).div(Double(classes)))
    }

    /// `max(0, margin + d(a, p) − d(a, n))` with `d` the p-norm distance of `a − b + eps`.
    static let tripletMargin = ComposedLoss(
        function: "triplet_margin_loss", layer: "TripletMarginLoss", inputs: ["anchor", "positive", "negative"],
        options: [.optional("margin", default: .number(1)), .optional("p", default: .number(2)), .optional("eps", default: .number(1e-6)),
                  .optional("swap", default: .bool(false)), reduction],
        summary: "the triplet loss max(0, margin + d(a, p) - d(a, n))",
        check: { settings, layer in
            let margin = settings.number("margin"), text = PythonText.str(.number(settings.number("margin")))
            return margin > 0 ? nil : layer ? "TripletMarginLoss: expected margin to be greater than 0, got \(text) instead"
                : "margin must be greater than 0, got \(text)"
        }
    ) { tensors, settings throws(AutogradError) in
        let (anchor, positive, negative) = (tensors[0], tensors[1], tensors[2])
        let (p, eps) = (settings.number("p"), settings.number("eps"))
        func distance(_ a: Variable, _ b: Variable) throws(AutogradError) -> Variable {
            let difference = try a.sub(b).add(eps)
            return try difference.vectorNorm(order: p, dims: [Swift.max(difference.data.rank - 1, 0)])
        }
        let distancePositive = try distance(anchor, positive)
        var distanceNegative = try distance(anchor, negative)
        if settings.flag("swap") { distanceNegative = try distanceNegative.minimum(try distance(positive, negative)) }
        let output = try distancePositive.add(settings.number("margin")).sub(distanceNegative).clamp(min: 0, max: nil, name: "ClampMinBackward0")
        return try settings.reduced(output)
    }

    private static func list(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}
