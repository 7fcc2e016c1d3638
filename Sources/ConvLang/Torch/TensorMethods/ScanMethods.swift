import ConvAutograd
import ConvNumerics

/// Running results and orders along a dimension, as PyTorch's: `cumsum`, `cumprod`, `cummax`,
/// `cummin` (a `torch.return_types` of values and indices), `argsort`, `kthvalue` and `diff`.
enum ScanMethods {
    static let functions: [Builtin] = [cumsum, cumprod, cummax, cummin, argsort, kthvalue, diff]

    private static let input = Builtin.Parameter.required("input")

    /// The lines of `x` along `dim` (already checked), as flat offsets.
    static func lines(_ x: Tensor, dim: Int) -> Lines {
        (try? Lines(x.shape, dim: dim)) ?? Lines.empty
    }

    // MARK: - cumsum, cumprod

    static let cumsum = running("cumsum", "the running sum along dim", sum: true)
    static let cumprod = running("cumprod", "the running product along dim", sum: false)

    /// An integer or bool input counts in int64, as PyTorch's; floats accumulate in float64, as
    /// PyTorch's CPU kernel does, and each result is rounded to the input's dtype.
    private static func running(_ name: String, _ summary: String, sum: Bool) -> Builtin {
        .tensorFunction(name, [input, .required("dim"), .optional("dtype", default: .none, namedOnly: true)], summary,
                        example: "x.\(name)(dim=0)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            let dim = try call.dimension("dim", rank: x.rank)
            let dtype = DTypeValues.dtype(of: call.value("dtype")) ?? (x.dtype.isFloatingPoint ? x.dtype : .int64)
            let source = x.converted(to: dtype)
            let split = lines(x, dim: dim)
            guard !dtype.isFloatingPoint else {
                let scanned = split.scan(source.converted(to: .float64).scalars, reversed: false, sum ? (+) : (*))
                return .tensor(TensorGeometry.float64(x.shape, scanned).converted(to: dtype))
            }
            var values = source.converted(to: .int64).elements(as: Int64.self) ?? []
            for line in split.offsets {
                for (previous, at) in zip(line, line.dropFirst()) {
                    values[at] = sum ? values[previous] &+ values[at] : values[previous] &* values[at]
                }
            }
            return .tensor((Tensor(shape: x.shape, scalars: values) ?? x).converted(to: dtype))
        }
    }

    // MARK: - cummax, cummin

    static let cummax = extremes("cummax", largest: true)
    static let cummin = extremes("cummin", largest: false)

    private static func extremes(_ name: String, largest: Bool) -> Builtin {
        .tensorFunction(name, [input, .required("dim")],
                        "the running \(largest ? "maximum" : "minimum") along dim, with the position it came from",
                        example: "values, indices = x.\(name)(0)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            let (placement, positions) = extremePlacement(x, dim: try call.dimension("dim", rank: x.rank), largest: largest)
            return ReturnTuple.value(name, values: .tensor(IndexingMethods.placed(x, placement)),
                                     indices: .tensor(TensorGeometry.int64(x.shape, positions)))
        }
    }

    /// For each element, the offset of the running extreme so far and its position in the
    /// line: a later equal element takes over, and a NaN stays once met, as in PyTorch.
    static func extremePlacement(_ x: Tensor, dim: Int, largest: Bool) -> (IndexingMethods.Placement, [Int]) {
        let values = x.converted(to: .float64).scalars
        var sources = [Int](repeating: 0, count: x.count), positions = [Int](repeating: 0, count: x.count)
        for line in lines(x, dim: dim).offsets {
            var best = -1, position = 0
            for (j, at) in line.enumerated() {
                let value = values[at]
                if best < 0 || (!values[best].isNaN && (value.isNaN || (largest ? value >= values[best] : value <= values[best]))) {
                    best = at; position = j
                }
                sources[at] = best; positions[at] = position
            }
        }
        return (IndexingMethods.Placement(shape: x.shape, sources: sources), positions)
    }

    // MARK: - argsort, kthvalue

    static let argsort = Builtin.tensorFunction(
        "argsort", [input, .optional("dim", default: .int(-1)), .optional("descending", default: .bool(false)),
                    .optional("stable", default: .bool(false), namedOnly: true)],
        "the positions that would sort each line along dim", example: "x.argsort(dim=1, descending=True)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let dim = try call.dimension("dim", rank: x.rank)
        let descending = try call.bool("descending")
        _ = try call.bool("stable")
        let values = x.converted(to: .float64).scalars
        var positions = [Int](repeating: 0, count: x.count)
        for line in lines(x, dim: dim).offsets {
            let order = SortingMethods.ordered(ArraySlice(line.map { values[$0] }), descending: descending)
            for (at, position) in zip(line, order) { positions[at] = position }
        }
        return .tensor(TensorGeometry.int64(x.shape, positions))
    }

    static let kthvalue = Builtin.tensorFunction(
        "kthvalue", [input, .required("k"), .optional("dim", default: .int(-1)), .optional("keepdim", default: .bool(false))],
        "the k-th smallest element along dim, with its position", example: "values, indices = x.kthvalue(2, dim=1)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let (placement, positions) = try kthPlacement(call, x)
        return ReturnTuple.value("kthvalue", values: .tensor(IndexingMethods.placed(x, placement)),
                                 indices: .tensor(TensorGeometry.int64(placement.shape, positions)))
    }

    /// The offset of each line's k-th smallest element and its position in the line, in the
    /// result's shape.
    static func kthPlacement(_ call: BuiltinCall, _ x: Tensor) throws(RuntimeError) -> (IndexingMethods.Placement, [Int]) {
        let dim = try call.dimension("dim", rank: x.rank)
        let k = try call.integer("k")
        let extent = x.rank == 0 ? 1 : x.shape[dim]
        guard extent > 0 else {
            throw call.error("kthvalue(): Expected reduction dim \(dim) to have non-zero size.", raising: .indexError)
        }
        guard k >= 1, k <= extent else { throw call.error("kthvalue(): selected number k out of range for dimension \(dim)", at: "k") }
        let values = x.converted(to: .float64).scalars
        var sources: [Int] = [], positions: [Int] = []
        for line in lines(x, dim: dim).offsets {
            let position = quickSelect(line.map { values[$0] }, k - 1)
            sources.append(line[position]); positions.append(position)
        }
        var shape = x.shape
        if x.rank > 0 {
            if try call.bool("keepdim") { shape[dim] = 1 } else { shape.remove(at: dim) }
        }
        // The lines run with dim innermost; the result is laid out with the others in order.
        return (IndexingMethods.Placement(shape: shape, sources: sources), positions)
    }

    /// The position in `line` of its `k`-th smallest element (from 0), where PyTorch's CPU
    /// kernel finds it: its own quickselect (median of three, NaN above every number), whose
    /// choice among equal elements is the answer's index.
    static func quickSelect(_ line: [Double], _ k: Int) -> Int {
        var values = line, indices = Array(line.indices)
        func above(_ a: Double, _ b: Double) -> Bool { (a.isNaN && !b.isNaN) || a > b }
        func swap(_ i: Int, _ j: Int) { values.swapAt(i, j); indices.swapAt(i, j) }
        var (left, right) = (0, values.count - 1)
        while right > left {
            if right == left + 1 {
                if above(values[left], values[right]) { swap(left, right) }
                break
            }
            swap(left + (right - left) / 2, left + 1)
            if above(values[left + 1], values[right]) { swap(left + 1, right) }
            if above(values[left], values[right]) { swap(left, right) }
            if above(values[left + 1], values[left]) { swap(left + 1, left) }
            var (i, j) = (left + 1, right)
            let pivot = values[left]
            while true {
                repeat { i += 1 } while i < values.count && above(pivot, values[i])
                repeat { j -= 1 } while j > 0 && above(values[j], pivot)
                if j < i { break }
                swap(i, j)
            }
            swap(left, j)
            if j <= k { left = i }
            if j >= k { right = j - 1 }
        }
        return indices.indices.contains(k) ? indices[k] : 0
    }

    // MARK: - diff

    static let diff = Builtin.tensorFunction(
        "diff", [input, .optional("n", default: .int(1)), .optional("dim", default: .int(-1)), .optional("prepend", default: .none),
                 .optional("append", default: .none)],
        "the differences of neighbours along dim (n times), after prepend and append", example: "x.diff(dim=0)") { call throws(RuntimeError) in
        try differenced(call, call.value("input"), try call.receivingTensor)
    }

    /// `input[1:] - input[:-1]` along `dim`, `n` times (`!=` for bools), each slice a
    /// `SliceBackward0` and each difference a `SubBackward0` when `input` requires grad.
    static func differenced(_ call: BuiltinCall, _ input: Value, _ x: Tensor) throws(RuntimeError) -> Value {
        guard x.rank > 0 else { throw call.error("diff expects input to be at least one-dimensional") }
        let n = try call.integer("n")
        guard n >= 0 else { throw call.error("order must be non-negative but got \(n)", at: "n") }
        let dim = try call.dimension("dim", rank: x.rank)
        var current = try joined(call, input, x, dim: dim)
        for _ in 0..<n {
            guard let tensor = current.asTensor else { break }
            let length = Swift.max(tensor.shape[dim] - 1, 0)
            let later = try sliced(call, current, IndexingMethods.slice(tensor.shape, dim: dim, from: tensor.shape[dim] > 0 ? 1 : 0, count: length))
            let earlier = try sliced(call, current, IndexingMethods.slice(tensor.shape, dim: dim, from: 0, count: length))
            current = try Operators.binary(tensor.dtype == .bool ? .notEqual : .subtract, later, earlier, operatorRange: call.range,
                                           leftRange: call.range, rightRange: call.range, context: call.context)
        }
        return current
    }

    private static func sliced(_ call: BuiltinCall, _ value: Value, _ placement: IndexingMethods.Placement) throws(RuntimeError) -> Value {
        if case .variable(let box) = value, box.requiresGrad {
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                try box.variable.placed(placement.sources, shape: placement.shape, name: "SliceBackward0")
            }
        }
        return .tensor(IndexingMethods.placed(try Coercion.tensor(value, what: "the tensor", at: call.range), placement))
    }

    /// `input` with `prepend` before it and `append` after it along `dim`, in their common dtype
    /// (`CatBackward0` when one requires grad).
    private static func joined(_ call: BuiltinCall, _ input: Value, _ x: Tensor, dim: Int) throws(RuntimeError) -> Value {
        let names = ["prepend", "append"].filter { !call.value($0).isNone }
        guard !names.isEmpty else { return input }
        var parts: [(Value, Tensor)] = []
        for name in names {
            let part = try call.tensor(name)
            guard part.rank == x.rank else { throw call.error("diff expects prepend or append to be the same dimension as input", at: name) }
            for axis in x.shape.indices where axis != dim && part.shape[axis] != x.shape[axis] {
                throw call.error("diff expects the shape of tensor to prepend or append to match that of input except along the differencing dimension; input.size(\(axis)) = \(x.shape[axis]), but got tensor.size(\(axis)) = \(part.shape[axis])", at: name)
            }
            parts.append((call.value(name), part))
        }
        let ordered = names.first == "prepend" ? [parts[0], (input, x)] + parts.dropFirst() : [(input, x)] + parts
        let dtypes = ordered.map(\.1.dtype)
        let floats = dtypes.filter(\.isFloatingPoint)
        let common = floats.contains(.float64) ? .float64 : floats.first ?? (dtypes.contains(.int64) ? .int64 : x.dtype)
        let recorded = ordered.contains { if case .variable(let box) = $0.0 { box.requiresGrad } else { false } }
        guard recorded && GradMode.isEnabled else {
            return .tensor(JoiningFunctions.joined(ordered.map { $0.1.converted(to: common) }, along: dim))
        }
        let variables = ordered.map { item -> Variable in
            if case .variable(let box) = item.0, box.variable.dtype == common { return box.variable }
            return Variable(constant: item.1.converted(to: common))
        }
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try Functional.cat(variables, dim: dim) }
    }
}
