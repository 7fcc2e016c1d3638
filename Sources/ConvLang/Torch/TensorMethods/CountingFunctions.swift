import Foundation
import ConvAutograd
import ConvNumerics

/// Counting and binning, as PyTorch gives them: `torch.bincount` and `histc` (functions and
/// methods), `searchsorted` and `bucketize` (int64 positions, int32 with `out_int32=True`),
/// `logspace`, and `std_mean`/`var_mean` (both results recorded as `StdMeanBackward0` or
/// `VarMeanBackward0`).
enum CountingFunctions {
    /// Functions that are methods too.
    static let functions: [Builtin] = [bincount, histc]
    /// Torch functions only.
    static let functionsOnly: [Builtin] = [searchsorted, bucketize, logspace, stdMean, varMean]

    private static let input = Builtin.Parameter.required("input")

    /// `torch.bincount(x, weights=None, minlength=0)`: how often each value 0, 1, ... occurs in
    /// a 1-D tensor of non-negative integers (int64), or the sum of the weights at each.
    static let bincount = Builtin.tensorFunction(
        "bincount", [input, .optional("weights", default: .none), .optional("minlength", default: .int(0))],
        "how often each value 0, 1, 2, ... occurs (or the sum of its weights)", example: "torch.bincount(labels)") { call throws(RuntimeError) in
        let x = try call.tensor("input")
        let minlength = try call.integer("minlength")
        guard minlength >= 0 else { throw call.error("minlength should be >= 0", at: "minlength") }
        let values = x.scalars
        guard !x.dtype.isFloatingPoint else { throw call.error("\"bincount_cpu\" not implemented for '\(x.dtype.scalarTypeName)'", at: "input") }
        guard x.rank == 1, !x.dtype.isFloatingPoint, x.dtype != .bool, values.allSatisfy({ $0 >= 0 }) else {
            throw call.error("bincount only supports 1-d non-negative integral inputs.", at: "input")
        }
        let length = Swift.max(minlength, Int(values.max() ?? -1) + 1)
        try call.context.checkElementCount(of: [length], at: call.range)
        var counts = [Double](repeating: 0, count: length)
        guard !call.value("weights").isNone else {
            for value in values { counts[Int(value)] += 1 }
            return .tensor(Tensor(counts).converted(to: .int64))
        }
        let weights = try call.tensor("weights")
        guard weights.rank == 1, weights.count == values.count else {
            throw call.error("weights should be 1-d and have the same length as input", at: "weights")
        }
        let w = weights.scalars
        for (value, weight) in zip(values, w) { counts[Int(value)] += weight }
        return .tensor(Tensor(counts).converted(to: weights.dtype.isFloatingPoint ? weights.dtype : .float64))
    }

    /// `torch.histc(x, bins=100, min=0, max=0)`: counts of the elements in `bins` equal bins
    /// from `min` to `max` (the data's own range when both are 0), in the input's dtype.
    static let histc = Builtin.tensorFunction(
        "histc", [input, .optional("bins", default: .int(100)), .optional("min", default: .int(0)), .optional("max", default: .int(0))],
        "counts of the elements in equal bins between min and max", example: "torch.histc(x, bins=10, min=0, max=1)") { call throws(RuntimeError) in
        let x = try call.tensor("input")
        guard x.dtype.isFloatingPoint else {
            throw call.error("\"histogram_cpu\" not implemented for '\(x.dtype.scalarTypeName)'", at: "input", raising: .notImplementedError)
        }
        let bins = try call.integer("bins")
        guard bins > 0 else { throw call.error("torch.histogram(): bins must be > 0, but got \(bins) for dimension 0", at: "bins") }
        try call.context.checkElementCount(of: [bins], at: call.range)
        var (low, high) = (try call.number("min"), try call.number("max"))
        let values = x.scalars
        if low == high, let smallest = values.min(), let largest = values.max() { (low, high) = (smallest, largest) }
        if low == high { (low, high) = (low - 1, high + 1) }
        guard low < high else { throw call.error("torch.histc: max must be larger than min", at: "max") }
        var counts = [Double](repeating: 0, count: bins)
        for value in values where value >= low && value <= high {
            counts[Swift.min(bins - 1, Int((value - low) * Double(bins) / (high - low)))] += 1
        }
        return .tensor(Tensor(counts).converted(to: x.dtype))
    }

    /// `torch.searchsorted(sorted_sequence, values, right=False, side=None, out_int32=False)`:
    /// where each value would go in the sorted innermost rows to keep them sorted.
    static let searchsorted = Builtin.tensorFunction(
        "searchsorted", [.required("sorted_sequence"), .required("input"), .optional("out_int32", default: .bool(false), namedOnly: true),
                         .optional("right", default: .bool(false), namedOnly: true), .optional("side", default: .none, namedOnly: true),
                         .optional("sorter", default: .none, namedOnly: true)],
        "the positions that keep sorted_sequence sorted", example: "torch.searchsorted(edges, x)") { call throws(RuntimeError) in
        let sequence = try call.tensor("sorted_sequence")
        let values = try call.tensor("input", allowNumber: true)
        var right = try call.bool("right")
        if !call.value("side").isNone {
            let side = try call.string("side")
            guard side == "left" || side == "right" else {
                throw call.error("torch.searchsorted(): side can only be 'left' or 'right' but got \(side)", at: "side")
            }
            if right, side == "left" {
                throw call.error("torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True")
            }
            right = side == "right"
        }
        guard call.value("sorter").isNone else { throw call.error("conv's searchsorted does not take sorter=", at: "sorter") }
        guard sequence.rank >= 1 else { throw call.error("torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 dimension") }
        if sequence.rank > 1 {
            guard values.rank == sequence.rank, Array(values.shape.dropLast()) == Array(sequence.shape.dropLast()) else {
                throw call.error("torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor \(TensorArguments.text(sequence.shape)) and input value tensor \(TensorArguments.text(values.shape))")
            }
        }
        return .tensor(positions(values, in: sequence, right: right, int32: try call.bool("out_int32")))
    }

    /// `torch.bucketize(input, boundaries, right=False, out_int32=False)`: the bucket of each
    /// element, `boundaries[i-1] < x <= boundaries[i]` (`<` on the right with `right=True`).
    static let bucketize = Builtin.tensorFunction(
        "bucketize", [input, .required("boundaries"), .optional("out_int32", default: .bool(false), namedOnly: true),
                      .optional("right", default: .bool(false), namedOnly: true)],
        "the bucket of each element between sorted boundaries", example: "torch.bucketize(x, edges)") { call throws(RuntimeError) in
        let values = try call.tensor("input", allowNumber: true)
        let boundaries = try call.tensor("boundaries")
        guard boundaries.rank == 1 else {
            throw call.error("boundaries tensor must be 1 dimension, but got dim(\(boundaries.rank))", at: "boundaries")
        }
        return .tensor(positions(values, in: boundaries, right: try call.bool("right"), int32: try call.bool("out_int32")))
    }

    /// For each value, the first index of its row of `sequence` holding a larger one (`right`)
    /// or one at least as large; a 1-D sequence serves every value.
    private static func positions(_ values: Tensor, in sequence: Tensor, right: Bool, int32: Bool) -> Tensor {
        let width = sequence.shape.last ?? 0
        let (boundaries, items) = (sequence.scalars, values.scalars)
        let perRow = sequence.rank > 1 ? (values.shape.last ?? 1) : Swift.max(items.count, 1)
        let found: [Double] = items.indices.map { index in
            let start = sequence.rank > 1 ? (index / Swift.max(perRow, 1)) * width : 0
            var (low, high) = (0, width)
            while low < high {
                let middle = (low + high) / 2
                let bound = boundaries[start + middle]
                if right ? bound <= items[index] : bound < items[index] { low = middle + 1 } else { high = middle }
            }
            return Double(low)
        }
        return TensorGeometry.reshaped(Tensor(found), values.shape).converted(to: int32 ? .int32 : .int64)
    }

    /// `torch.logspace(start, end, steps, base=10.0)`: `base` raised to `steps` evenly spaced
    /// exponents from `start` to `end`.
    static let logspace = Builtin.tensorFunction(
        "logspace", [.required("start"), .required("end"), .required("steps"), .optional("base", default: .number(10)),
                     .optional("dtype", default: .none, namedOnly: true), .optional("requires_grad", default: .bool(false), namedOnly: true)],
        "base ** each of steps evenly spaced exponents from start to end", example: "torch.logspace(-3, 0, 4)") { call throws(RuntimeError) in
        let (start, end, base) = (try call.number("start"), try call.number("end"), try call.number("base"))
        let steps = try call.integer("steps")
        guard steps >= 0 else { throw call.error("number of steps must be non-negative", at: "steps") }
        try call.context.checkElementCount(of: [steps], at: call.range)
        let dtype = try RandomArguments.dtype(call, default: call.context.defaultDType)
        let exponents = TensorBuiltins.linspaceValues(start: start, stop: end, count: steps)
        let values = exponents.map { Foundation.pow(base, $0) }
        let tensor = Tensor(values).converted(to: dtype)
        guard try call.bool("requires_grad") else { return .tensor(tensor) }
        do throws(AutogradError) { return Value.result(try Variable(tensor, requiresGrad: true)) } catch {
            throw AutogradValues.located(error, at: call.range)
        }
    }

    static let stdMean = moments("std_mean", node: "StdMeanBackward0", root: true)
    static let varMean = moments("var_mean", node: "VarMeanBackward0", root: false)

    /// `torch.std_mean(x, dim=None, unbiased=, correction=, keepdim=)`: the standard deviation
    /// (or variance) and the mean, as a tuple; each recorded as the one node PyTorch has.
    private static func moments(_ name: String, node: String, root: Bool) -> Builtin {
        Builtin.tensorFunction(
            name, [input, .optional("dim", default: .none), .optional("unbiased", default: .none),
                   .optional("keepdim", default: .bool(false)), .optional("correction", default: .none, namedOnly: true)],
            "the \(root ? "standard deviation" : "variance") and the mean, together", example: "torch.\(name)(x, dim=0)") { call throws(RuntimeError) in
            let x = try PairwiseFunctions.operand(call, "input")
            guard x.dtype.isFloatingPoint else {
                throw call.error("\(name) only support floating point and complex dtypes")
            }
            var unbiasedValue = call.value("unbiased")
            var dimValue = call.value("dim")
            // `torch.std_mean(x, False)`: the second positional argument is `unbiased`.
            if case .bool = dimValue { (unbiasedValue, dimValue) = (dimValue, .none) }
            var correction = 1.0
            if case .bool(let flag) = unbiasedValue { correction = flag ? 1 : 0 }
            if !call.value("correction").isNone { correction = try call.number("correction") }
            let keep = try call.bool("keepdim")
            var dims: [Int]?
            if !dimValue.isNone {
                var probe = call
                probe.values[1] = dimValue
                dims = try probe.dimensions("dim", rank: x.data.rank)
            }
            let spread = try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                try Variable.fused(node, [x]) { v throws(AutogradError) in
                    root ? try v[0].std(dims: dims, correction: correction, keepDimensions: keep)
                        : try v[0].variance(dims: dims, correction: correction, keepDimensions: keep)
                }
            }
            let mean = try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                try Variable.fused(node, [x]) { v throws(AutogradError) in
                    guard let dims else { return keep ? try v[0].mean(dims: Array(0..<v[0].data.rank), keepDimensions: true) : try v[0].mean() }
                    return try v[0].mean(dims: dims, keepDimensions: keep)
                }
            }
            return .tuple([spread, mean])
        }
    }
}
