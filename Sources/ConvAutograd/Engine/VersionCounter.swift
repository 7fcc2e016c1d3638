import ConvNumerics

/// PyTorch's version counter: how many times a tensor's values were changed in place.
///
/// A tensor and the variables its in-place operations leave share one counter (they are the
/// same tensor to the program), and every change bumps it. A node that saved a tensor for its
/// backward remembers the version it saw (``SavedVersion``); a backward pass that finds another
/// version refuses to use the changed values, as PyTorch does.
final class VersionCounter {
    /// The number of in-place changes so far.
    private(set) var value = 0
    /// PyTorch's name of the node that made the tensor's current values (nil for a leaf): the
    /// refusal names it.
    var producer: String?

    init(producer: String? = nil) { self.producer = producer }

    func bump() { value += 1 }
}

/// A tensor a node's backward reads, as the version it had when the node saved it.
struct SavedVersion {
    let counter: VersionCounter
    let expected: Int
    let shape: [Int]
    let dtype: DType
    /// Whether it is the node's own output (PyTorch then names the node, not the tensor's
    /// current producer).
    let isOutput: Bool

    init(_ variable: Variable, isOutput: Bool) {
        counter = variable.versionCounter
        expected = counter.value
        (shape, dtype, self.isOutput) = (variable.shape, variable.dtype, isOutput)
    }

    /// The same output, now the tensor an in-place operation changed (at its new version).
    init(output: SavedVersion, rebasedOnto counter: VersionCounter) {
        self.counter = counter
        expected = counter.value
        (shape, dtype, isOutput) = (output.shape, output.dtype, true)
    }

    /// Refuses a tensor changed in place since `node` saved it.
    func check(savedBy node: String) throws(AutogradError) {
        guard counter.value != expected else { return }
        throw .modifiedInPlace(ModifiedTensor(
            dtype: dtype, shape: shape, producer: isOutput ? node : counter.producer, version: counter.value,
            expected: expected))
    }
}

/// What PyTorch's refusal says of a saved tensor that was changed in place.
public struct ModifiedTensor: Equatable, Sendable {
    let dtype: DType
    let shape: [Int]
    /// The node whose output it is (PyTorch's class name), nil for a leaf.
    let producer: String?
    let version: Int
    let expected: Int

    /// PyTorch 2.15's text.
    var description: String {
        let type = switch dtype {
        case .float32: "torch.FloatTensor"
        case .float64: "torch.DoubleTensor"
        case .int64: "torch.LongTensor"
        default: "torch.BoolTensor"
        }
        let size = "[" + shape.map(String.init).joined(separator: ", ") + "]"
        let output = producer.map { ", which is output 0 of \(Self.shortName($0))," } ?? ""
        return "one of the variables needed for gradient computation has been modified by an inplace operation: "
            + "[\(type) \(size)]\(output) is at version \(version); expected version \(expected) instead. Hint: enable "
            + "anomaly detection to find the operation that failed to compute its gradient, with "
            + "torch.autograd.set_detect_anomaly(True, check_nan=False)."
    }

    /// A node's name as PyTorch 2.15's message gives it: `ReluBackward0` is `Relu`,
    /// `ClampBackward1` is `Clamp1`, and the nodes PyTorch writes by hand keep their C++ name
    /// (`torch::autograd::CopySlices`).
    static func shortName(_ name: String) -> String {
        if name == "CopySlices" || name == "CopyBackwards" { return "torch::autograd::" + name }
        let digits = String(name.reversed().prefix(while: \.isNumber).reversed())
        let stem = name.dropLast(digits.count)
        guard stem.hasSuffix("Backward") else { return name }
        return String(stem.dropLast("Backward".count)) + (digits == "0" ? "" : digits)
    }
}
