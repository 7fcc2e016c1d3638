import ConvAutograd
import ConvNumerics

/// `F.interpolate` and `F.one_hot`, PyTorch's functional forms for resampling a signal and for
/// turning class indices into rows of zeros and a one.
enum ResamplingBuiltins {
    static let all: [Builtin] = [interpolate, oneHot]

    /// `F.interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None,
    /// recompute_scale_factor=None, antialias=False)` on `(N, C, L)` inputs.
    static let interpolate = Builtin(
        name: "interpolate", aliases: ["torch.nn.functional.interpolate"],
        parameters: [.required("x", "input"), .optional("size", default: .none), .optional("scale_factor", default: .none),
                     .optional("mode", default: .string("nearest")), .optional("align_corners", default: .none),
                     .optional("recompute_scale_factor", default: .none), .optional("antialias", default: .bool(false))],
        summary: "resamples the last dimension to a new length, as PyTorch's F.interpolate",
        details: """
        F.interpolate(x, size=None, scale_factor=None, mode="nearest", align_corners=None)

        Resamples a (N, C, L) signal to length size, or floor(L * scale_factor): mode "nearest"
        repeats samples, "nearest-exact" picks the sample whose centre is nearest, "linear"
        blends the two neighbours (align_corners=True maps the end samples onto each other),
        "area" averages windows as adaptive_avg_pool1d does.
          F.interpolate(torch.tensor([[[1., 2., 4.]]]), scale_factor=2, mode="linear")
        """,
        body: { call throws(RuntimeError) in
            let x = try AutogradValues.variable(call.value("x"), what: "interpolate's argument 'input'", at: call.range(of: "x"))
            let request = try Resampling(call, shape: x.shape)
            if let refusal = request.dtypeProblem(x.dtype) { throw call.error(refusal, at: "x", raising: .notImplementedError) }
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try request.apply(to: x) }
        })

    /// `F.one_hot(tensor, num_classes=-1)`: int64 rows with a one at each class index.
    static let oneHot = Builtin(
        name: "one_hot", aliases: ["torch.nn.functional.one_hot"],
        parameters: [.required("x", "tensor", "input"), .optional("num_classes", default: .int(-1))],
        summary: "class indices as rows of zeros with a one, as PyTorch's F.one_hot",
        details: """
        F.one_hot(indices, num_classes=-1)

        An int64 tensor with one more dimension, of length num_classes (or the largest index
        plus one): each index becomes a row of zeros with a one at that index.
          F.one_hot(torch.tensor([0, 2, 1]), 3)
        """,
        body: { call throws(RuntimeError) in
            let indices = try call.tensor("x")
            let classes = try call.integer("num_classes", in: -1...Int.max)
            guard indices.dtype == .int64 else {
                throw call.error("one_hot is only applicable to index tensor of type LongTensor.", at: "x")
            }
            let values = indices.scalars.map { Int(exactly: $0) ?? -1 }
            let count: Int
            if classes == -1 {
                guard let largest = values.max() else {
                    throw call.error("Can not infer total number of classes from empty tensor.", at: "x")
                }
                count = largest + 1
            } else {
                count = classes
            }
            if values.contains(where: { $0 < 0 }) { throw call.error("Class values must be non-negative.", at: "x") }
            if values.contains(where: { $0 >= count }) { throw call.error("Class values must be smaller than num_classes.", at: "x") }
            let shape = indices.shape + [count]
            try call.context.checkElementCount(of: shape, at: call.range)
            var rows = [Int64](repeating: 0, count: values.count * count)
            for (row, index) in values.enumerated() { rows[row * count + index] = 1 }
            guard let made = Tensor(shape: shape, scalars: rows) else { throw call.error("one_hot: the result's shape does not hold its values") }
            return .tensor(made)
        })
}

/// What one `F.interpolate` call or `nn.Upsample` asks for, checked as PyTorch checks it: a
/// length or a scale factor (not both), a mode, and whether the corners align.
struct Resampling: Sendable, Equatable {
    var size: Int?
    var scale: Double?
    var mode: String
    var alignCorners: Bool?
    var recomputeScale = false

    /// The modes PyTorch lists in its refusal of an unknown one.
    private static let knownModes = "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact"

    /// The request of `F.interpolate`'s arguments, refused where PyTorch refuses it.
    init(_ call: BuiltinCall, shape: [Int]) throws(RuntimeError) {
        let spatial = Array(shape.dropFirst(2))
        size = try Self.single(call, "size", integer: true, spatial: spatial).map { Int($0) }
        scale = try Self.single(call, "scale_factor", integer: false, spatial: spatial)
        mode = try call.string("mode")
        alignCorners = call.value("align_corners") == .none ? nil : try call.bool("align_corners")
        recomputeScale = call.value("recompute_scale_factor") == .none ? false : try call.bool("recompute_scale_factor")
        if call.value("antialias") != .none, try call.bool("antialias") {
            throw call.error("Anti-alias option is restricted to bilinear, bicubic, and lanczos modes and requires a 4-D tensor as input",
                             at: "antialias", raising: .valueError)
        }
        if let problem = problem(rank: shape.count) {
            throw call.error(problem.message, at: problem.argument, raising: problem.kind)
        }
    }

    init(size: Int?, scale: Double?, mode: String, alignCorners: Bool?) {
        (self.size, self.scale, self.mode, self.alignCorners) = (size, scale, mode, alignCorners)
    }

    /// PyTorch's refusal of this request for an input of `rank` dimensions, if it refuses it.
    func problem(rank: Int) -> (message: String, argument: String?, kind: PythonErrorClass)? {
        if size == nil, scale == nil { return ("either size or scale_factor should be defined", nil, .valueError) }
        if size != nil, scale != nil { return ("only one of size or scale_factor should be defined", nil, .valueError) }
        let interpolating = ["linear", "bilinear", "bicubic", "trilinear"]
        if alignCorners != nil, !interpolating.contains(mode) {
            return ("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear",
                    "align_corners", .valueError)
        }
        let needs = ["linear": 3, "bilinear": 4, "bicubic": 4, "trilinear": 5]
        if let wanted = needs[mode], rank >= 3, rank <= 5, rank != wanted {
            return ("Got \(rank)D input, but \(mode) mode needs \(wanted)D input", "mode", .notImplementedError)
        }
        guard rank >= 3, rank <= 5, ResamplingMode(rawValue: mode) != nil || mode == "area" else {
            return ("Input Error: Only 3D, 4D and 5D input Tensors supported (got \(rank)D) for the modes: \(Self.knownModes) (got \(mode))",
                    "mode", .notImplementedError)
        }
        if rank != 3 { return ("conv resamples signals of shape (N, C, L) only; this input has \(rank) dimensions", nil, .notImplementedError) }
        return nil
    }

    /// PyTorch's refusal of an input of `dtype`: its kernels resample floating-point data only.
    func dtypeProblem(_ dtype: DType) -> String? {
        guard !dtype.isFloatingPoint else { return nil }
        let kernel = mode == "linear" ? "compute_indices_weights_linear" : "compute_indices_weights_nearest"
        return "\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'"
    }

    /// The output length for an input of `length`: `size`, or `floor(length · scale_factor)`.
    func outputLength(for length: Int) -> Int {
        if let size { return size }
        let scaled = (Double(length) * (scale ?? 1)).rounded(.down)
        return scaled.isFinite && abs(scaled) < 1e15 ? Int(scaled) : -1
    }

    /// `x` resampled, through the engine (so with its gradient).
    func apply(to x: Variable) throws(AutogradError) -> Variable {
        if let problem = problem(rank: x.data.rank) ?? dtypeProblem(x.dtype).map({ ($0, nil, .notImplementedError) }) {
            throw .invalidArgument(problem.message)
        }
        let length = x.shape.last ?? 0
        let outLength = outputLength(for: length)
        guard length > 0, outLength > 0 else {
            throw .invalidArgument("Input and output sizes should be greater than 0, but got input (W: \(length)) and output (W: \(outLength))")
        }
        if mode == "area" { return try Functional.adaptiveAvgPool1d(x, outputSize: outLength) }
        let resampling = ResamplingMode(rawValue: mode) ?? .nearest
        // With recompute_scale_factor the kernel sees only the two lengths, as with a size.
        let taps = ResamplingTaps(inputLength: length, outputLength: outLength, mode: resampling,
                                  alignCorners: alignCorners ?? false, scale: recomputeScale ? nil : scale, dtype: x.dtype)
        return try Functional.interpolate(x, taps: taps, mode: resampling)
    }

    /// `size` or `scale_factor`: a number, or a tuple or list of one (for the one dimension);
    /// PyTorch's refusal for more, naming the input's `spatial` sizes.
    static func single(_ call: BuiltinCall, _ name: String, integer: Bool, spatial: [Int]) throws(RuntimeError) -> Double? {
        let value = call.value(name)
        if value == .none { return nil }
        var items: [Value] = [value]
        switch value {
        case .tuple(let elements): items = elements
        case .list(let list): items = list.items
        default: break
        }
        guard items.count == 1 else {
            let (noun, what) = name == "size" ? ("output", "output size of") : ("scale_factor", "scale_factor of shape")
            throw call.error("Input and \(noun) must have the same number of spatial dimensions, but got input with spatial "
                             + "dimensions of [\(spatial.map(String.init).joined(separator: ", "))] and \(what) \(PythonText.repr(value)). Please provide input tensor in "
                             + "(N, C, d1, d2, ...,dK) format and \(name == "size" ? "output size in (o1, o2, ...,oK)" : "scale_factor in (s1, s2, ...,sK)") format.",
                             at: name, raising: .valueError)
        }
        let what = "interpolate's argument '\(name)'"
        if integer { return Double(try Coercion.integer(items[0], what: what, at: call.range(of: name))) }
        return try Coercion.number(items[0], what: what, at: call.range(of: name))
    }
}
