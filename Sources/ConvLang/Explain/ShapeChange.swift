/// What flows between two layers in a shape walk, the batch left out: channels × length, or,
/// after a `Flatten`, one row of features.
struct WalkShape: Equatable {
    /// `nil` when no layer has fixed them yet ("any channels").
    var channels: Int?
    /// The length, or the number of features once flat.
    var length: Int
    /// Whether the tensor is `(N, F)`: a `Flatten` merged channels and length.
    var flat = false
}

/// A layer that works on the whole shape rather than on the length alone (`Flatten`,
/// `Linear`, `BatchNorm1d`, `LayerNorm`, `Unflatten`): the shape it gives, or why it refuses,
/// and the sentence that shows the numbers.
struct ShapeChange {
    /// The shape after the layer for the shape before it; the batch is `batch` (1 unless given).
    var apply: (_ shape: WalkShape, _ batch: Int) -> Result<WalkShape, LayerRefusal>
    /// The numbers of a successful step: `4 channels × 16 = 64 features`.
    var describe: (_ before: WalkShape, _ after: WalkShape) -> String
    /// The step in terms of the length it gets (`input`, `L5`) and gives (`output`), for a walk
    /// without an input length.
    var symbolic: (_ input: String, _ output: String) -> String

    private typealias N = ExplanationNumbers

    /// `Flatten()`: `(N, C, L)` becomes `(N, C·L)`.
    static var flatten: ShapeChange {
        ShapeChange(
            apply: { shape, _ in
                guard !shape.flat else { return .success(shape) }
                guard let channels = shape.channels else {
                    return .failure(LayerRefusal(message: "the channels are not known, so neither is C·L; give them as C="))
                }
                let (product, overflow) = channels.multipliedReportingOverflow(by: shape.length)
                guard !overflow else { return .failure(LayerRefusal(message: "C·L is too large to count")) }
                return .success(WalkShape(channels: nil, length: product, flat: true))
            },
            describe: { before, after in
                before.flat ? "already flat: \(N.count(after.length, "feature"))"
                    : "\(N.count(before.channels ?? 0, "channel")) × \(before.length) merge into \(before.channels ?? 0)·\(before.length) = \(N.count(after.length, "feature"))"
            },
            symbolic: { input, output in "\(output) = C·\(input) features in one row (channels and length merged)" })
    }

    /// `Unflatten(1, (C, L))`: `(N, C·L)` back to `(N, C, L)`.
    static func unflatten(dim: Int, sizes: [Int]) -> ShapeChange {
        ShapeChange(
            apply: { shape, _ in
                guard dim == 1 || dim == -1, sizes.count == 2, shape.flat else {
                    return .failure(LayerRefusal(message: "explain shape follows Unflatten(1, (C, L)) of a flat row only"))
                }
                let known = sizes.filter { $0 != -1 }.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
                let resolved = sizes.map { $0 == -1 && known > 0 ? shape.length / known : $0 }
                let (product, overflow) = resolved[0].multipliedReportingOverflow(by: resolved[1])
                guard !overflow, product == shape.length else {
                    return .failure(LayerRefusal(message: "unflattened_size must multiply to \(shape.length), the features it gets, "
                                                 + "but it is \(resolved[0])·\(resolved[1])"))
                }
                return .success(WalkShape(channels: resolved[0], length: resolved[1]))
            },
            describe: { before, after in
                "\(N.count(before.length, "feature")) = \(after.channels ?? 0)·\(after.length) split into \(N.count(after.channels ?? 0, "channel")) × \(after.length)"
            },
            symbolic: { _, output in "\(output) = \(sizes.last ?? 0): one row split into \(sizes.map(String.init).joined(separator: " × "))" })
    }

    /// `Linear(in, out)`: the last dimension must be `in`; it becomes `out`.
    static func linear(inFeatures: Int, outFeatures: Int) -> ShapeChange {
        ShapeChange(
            apply: { shape, batch in
                guard shape.length == inFeatures else {
                    // PyTorch multiplies (rows × last dimension) by (in × out).
                    let rows = batch.multipliedReportingOverflow(by: shape.flat ? 1 : (shape.channels ?? 1)).partialValue
                    var message = "mat1 and mat2 shapes cannot be multiplied (\(rows)x\(shape.length) and \(inFeatures)x\(outFeatures)): "
                        + "in_features is \(inFeatures) but the last dimension is \(shape.length)"
                    message += shape.flat ? "; Linear(\(shape.length), \(outFeatures)) takes this input" : ""
                    return .failure(LayerRefusal(message: message))
                }
                return .success(WalkShape(channels: shape.channels, length: outFeatures, flat: shape.flat))
            },
            describe: { before, after in
                let what = before.flat ? "the \(before.length) features it gets" : "the length \(before.length) (Linear acts on the last dimension)"
                return "in_features = \(inFeatures) = \(what) ✓ → " + (after.flat ? N.count(after.length, "feature") : "length \(after.length)")
            },
            symbolic: { input, output in "\(output) = \(outFeatures) (needs the last dimension \(input) = in_features = \(inFeatures))" })
    }

    /// `BatchNorm1d(F)`: `F` channels of `(N, C, L)`, or `F` features of `(N, F)`; the shape is kept.
    static func batchNorm(features: Int) -> ShapeChange {
        ShapeChange(
            apply: { shape, _ in
                let have = shape.flat ? shape.length : shape.channels
                if let have, have != features {
                    return .failure(LayerRefusal(message: "running_mean should contain \(have) elements not \(features): "
                                                 + "BatchNorm1d(\(features)) gets \(N.count(have, shape.flat ? "feature" : "channel"))"))
                }
                return .success(shape.flat ? shape : WalkShape(channels: features, length: shape.length))
            },
            describe: { before, _ in
                "normalises each of \(before.flat ? N.count(features, "feature") : N.count(features, "channel")); the shape is kept"
            },
            symbolic: { input, output in "\(output) = \(input) (needs \(N.count(features, "channel")), or features after a Flatten)" })
    }

    /// `LayerNorm(shape)`: the last dimensions must be `shape`; the shape is kept.
    static func layerNorm(normalizedShape: [Int]) -> ShapeChange {
        ShapeChange(
            apply: { shape, batch in
                let last: [Int?] = shape.flat ? [shape.length] : [shape.channels, shape.length]
                let matches = normalizedShape.count <= last.count
                    && zip(last.suffix(normalizedShape.count), normalizedShape).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
                guard matches else {
                    let full = [batch] + last.map { $0 ?? 1 }
                    return .failure(LayerRefusal(message: "Given normalized_shape=\(normalizedShape), expected input with shape "
                        + "[*, \(normalizedShape.map(String.init).joined(separator: ", "))], but got input of size\(full)"))
                }
                return .success(shape)
            },
            describe: { _, _ in "normalises each row over the last \(normalizedShape.count == 1 ? "dimension" : "\(normalizedShape.count) dimensions") \(normalizedShape); the shape is kept" },
            symbolic: { input, output in "\(output) = \(input) (needs the last dimensions to be \(normalizedShape))" })
    }
}

/// An adaptive pooling: whatever the input length, the output has `outputSize` samples.
struct AdaptiveLength: LengthRule {
    var outputSize: Int

    func outputLength(_ length: Int) -> Result<Int, LayerRefusal> {
        length >= 1 ? .success(outputSize) : .failure(LayerRefusal(message: "the input has no samples to pool"))
    }

    func formula(input: String, output: String, inputLength: Int?) -> String? {
        "\(output) = output_size, whatever \(input) is (windows of about \(input)/\(outputSize) samples)"
    }

    func simplified(input: String) -> String? { "\(outputSize)" }

    func rawValue(input length: Int) -> Int? { outputSize }
}
