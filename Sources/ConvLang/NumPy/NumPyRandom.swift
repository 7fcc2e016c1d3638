import ConvNumerics

/// `np.random`'s legacy functions (`seed`, `rand`, `randn`, `randint`, `normal`, `uniform`,
/// `permutation`, `shuffle`, `choice`), drawing from the run's ``NumPyRandomState``: after
/// `np.random.seed(s)` they give NumPy's numbers bit for bit. A call without `size` gives one
/// Python number, as NumPy's do. `np.random.default_rng` (another generator) is not here.
enum NumPyRandom {
    static let all: [Builtin] = [seed, rand, randn, random, randomSample, randint, normal, uniform, permutation, shuffle, choice]

    private static func function(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String, example: String,
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        var builtin = Builtin(name: "random.\(name)", aliases: ["numpy.random.\(name)"], parameters: parameters, summary: summary,
                              details: "np.random.\(name)(...)\n\n\(summary), as NumPy's legacy random functions.\n  \(example)",
                              body: body)
        builtin.takesPythonValues = true
        return builtin
    }

    static let seed = function("seed", [.optional("seed", default: .none)], "seeds np.random's generator",
                               example: "np.random.seed(0)") { call throws(RuntimeError) in
        guard !call.value("seed").isNone else { return .none }
        let value = try call.integer("seed")
        guard value >= 0, value <= Int(UInt32.max) else {
            throw call.error("Seed must be between 0 and 2**32 - 1", at: "seed", raising: .valueError)
        }
        call.context.numpyRandom = NumPyRandomState(seed: UInt32(value))
        return .none
    }

    static let rand = function("rand", [.variadic("dims")], "uniform floats in [0, 1) of shape dims",
                               example: "np.random.rand(2, 3)") { call throws(RuntimeError) in
        try floats(call, shape: try dims(call)) { state in state.nextDouble() }
    }

    static let randn = function("randn", [.variadic("dims")], "standard normal floats of shape dims",
                                example: "np.random.randn(100)") { call throws(RuntimeError) in
        try floats(call, shape: try dims(call)) { state in state.nextGauss() }
    }

    static let random = sampling("random")
    static let randomSample = sampling("random_sample")

    private static func sampling(_ name: String) -> Builtin {
        function(name, [.optional("size", default: .none)], "uniform floats in [0, 1)", example: "np.random.\(name)(5)") { call throws(RuntimeError) in
            try floats(call, shape: try size(call)) { state in state.nextDouble() }
        }
    }

    static let normal = function(
        "normal", [.optional("loc", default: .number(0)), .optional("scale", default: .number(1)), .optional("size", default: .none)],
        "normal floats of mean loc and standard deviation scale", example: "np.random.normal(0, 0.1, size=100)"
    ) { call throws(RuntimeError) in
        let loc = try call.number("loc"), scale = try call.number("scale")
        guard scale >= 0 else { throw call.error("scale < 0", at: "scale", raising: .valueError) }
        return try floats(call, shape: try size(call)) { state in loc + scale * state.nextGauss() }
    }

    static let uniform = function(
        "uniform", [.optional("low", default: .number(0)), .optional("high", default: .number(1)), .optional("size", default: .none)],
        "uniform floats in [low, high)", example: "np.random.uniform(-1, 1, size=(2, 3))"
    ) { call throws(RuntimeError) in
        let low = try call.number("low"), high = try call.number("high")
        return try floats(call, shape: try size(call)) { state in low + (high - low) * state.nextDouble() }
    }

    static let randint = function(
        "randint", [.required("low"), .optional("high", default: .none), .optional("size", default: .none),
                    .optional("dtype", default: .none)],
        "uniform integers in [low, high), or [0, low) without high", example: "np.random.randint(0, 10, size=5)"
    ) { call throws(RuntimeError) in
        var low = try call.integer("low"), high = 0
        if call.value("high").isNone { (low, high) = (0, low) } else { high = try call.integer("high") }
        guard low < high else { throw call.error("low >= high", at: call.value("high").isNone ? "low" : "high", raising: .valueError) }
        let dtype = try NumPyDTypes.given(call) ?? .int64
        guard dtype == .int64 else { throw call.error("conv's np.random.randint makes int64 integers", at: "dtype", raising: .typeError) }
        let (low64, high64) = (Int64(low), Int64(high))
        guard let shape = try size(call) else { return .int(Int(call.context.numpyRandom.integer(low: low64, high: high64))) }
        try call.context.checkElementCount(of: shape, dtype: .int64, at: call.range)
        var values: [Int64] = []
        values.reserveCapacity(shape.reduce(1, *))
        for _ in 0..<shape.reduce(1, *) { values.append(call.context.numpyRandom.integer(low: low64, high: high64)) }
        return .array(Tensor(shape: shape, storage: .int64(values)) ?? Tensor(values))
    }

    static let permutation = function(
        "permutation", [.required("x")], "a shuffled copy of x along its first axis, or of arange(x) for an int",
        example: "np.random.permutation(10)"
    ) { call throws(RuntimeError) in
        let source: Tensor
        if case .int(let n) = call.value("x") {
            guard n >= 0 else { throw call.error("negative dimensions are not allowed", at: "x", raising: .valueError) }
            try call.context.checkElementCount(of: [n], dtype: .int64, at: call.range)
            source = Tensor((0..<n).map(Int64.init))
        } else {
            source = try NumPyLibrary.tensor(call, "x")
        }
        return .array(shuffled(source, &call.context.numpyRandom))
    }

    static let shuffle = function("shuffle", [.required("x")], "shuffles an array (along its first axis) or a list in place",
                                  example: "np.random.shuffle(a)") { call throws(RuntimeError) in
        switch call.value("x") {
        case .list(let list):
            var items = list.items
            call.context.numpyRandom.shuffle(count: items.count) { items.swapAt($0, $1) }
            list.items = items
        case let value where value.numpyArray != nil:
            guard let array = value.numpyArray, array.tensor.rank > 0 else {
                throw call.error("shuffle needs an array with at least one dimension", at: "x", raising: .valueError)
            }
            array.tensor = shuffled(array.tensor, &call.context.numpyRandom)
        case let other:
            throw call.error("np.random.shuffle needs an array or a list, not \(PythonText.typeName(other))", at: "x", raising: .typeError)
        }
        return .none
    }

    static let choice = function(
        "choice", [.required("a"), .optional("size", default: .none), .optional("replace", default: .bool(true)),
                   .optional("p", default: .none)],
        "samples of a (or of arange(a) for an int), with or without replacement, weighted by p",
        example: "np.random.choice(5, 3, replace=False)"
    ) { call throws(RuntimeError) in
        let population: Tensor
        if case .int(let n) = call.value("a") {
            guard n > 0 else { throw call.error("a must be a positive integer unless no samples are taken", at: "a", raising: .valueError) }
            try call.context.checkElementCount(of: [n], dtype: .int64, at: call.range)
            population = Tensor((0..<n).map(Int64.init))
        } else {
            population = try NumPyLibrary.tensor(call, "a")
            guard population.rank == 1, population.count > 0 else {
                throw call.error("a must be 1-dimensional and not empty", at: "a", raising: .valueError)
            }
        }
        let count = population.count
        let shape = try size(call)
        let wanted = shape?.reduce(1, *) ?? 1
        let replace = try call.bool("replace")
        var picks: [Int] = []
        if !call.value("p").isNone {
            let weights = try NumPyLibrary.tensor(call, "p").converted(to: .float64).scalars
            guard weights.count == count, weights.allSatisfy({ $0 >= 0 }), Swift.abs(weights.reduce(0, +) - 1) <= 1e-8 else {
                throw call.error("probabilities must be non-negative, one per element of a, and sum to 1", at: "p", raising: .valueError)
            }
            guard replace else { throw call.error("conv's np.random.choice takes p= with replace=True only", at: "replace") }
            // NumPy's way: the cumulative sums, normalised, searched for uniform draws.
            var cdf: [Double] = []
            var total = 0.0
            for weight in weights { total += weight; cdf.append(total) }
            let last = cdf[count - 1]
            cdf = cdf.map { $0 / last }
            for _ in 0..<wanted {
                let u = call.context.numpyRandom.nextDouble()
                picks.append(Swift.min(cdf.firstIndex { $0 > u } ?? count - 1, count - 1))
            }
        } else if replace {
            for _ in 0..<wanted { picks.append(Int(call.context.numpyRandom.integer(low: 0, high: Int64(count)))) }
        } else {
            guard wanted <= count else {
                throw call.error("Cannot take a larger sample than population when 'replace=False'", at: "size", raising: .valueError)
            }
            var order = Array(0..<count)
            call.context.numpyRandom.shuffle(count: count) { order.swapAt($0, $1) }
            picks = Array(order.prefix(wanted))
        }
        let chosen = TensorGeometry.gather(population, shape: shape ?? [], sources: picks) ?? population
        return shape == nil ? .numpyElement(chosen, at: 0) : .array(chosen)
    }

    // MARK: - Shapes and filling

    /// `rand(2, 3)`'s dimensions: none for one number.
    private static func dims(_ call: BuiltinCall) throws(RuntimeError) -> [Int]? {
        guard !call.rest.isEmpty else { return nil }
        var shape: [Int] = []
        for (value, range) in call.rest {
            let extent = try Coercion.integer(value, what: "a dimension", at: range)
            guard extent >= 0 else { throw RuntimeError("negative dimensions are not allowed", at: range, raising: .valueError) }
            shape.append(extent)
        }
        return shape
    }

    /// `size=`: nil for one number, else the shape (an int or a tuple).
    private static func size(_ call: BuiltinCall) throws(RuntimeError) -> [Int]? {
        guard !call.value("size").isNone else { return nil }
        let shape = try NumPyShapes.sizes(call.value("size"), what: "size", at: call.range(of: "size"))
        guard shape.allSatisfy({ $0 >= 0 }) else { throw call.error("negative dimensions are not allowed", at: "size", raising: .valueError) }
        return shape
    }

    /// One float (`shape` nil) or a float64 array of `shape`, each element one `draw`, in order.
    private static func floats(_ call: BuiltinCall, shape: [Int]?, _ draw: (inout NumPyRandomState) -> Double) throws(RuntimeError) -> Value {
        guard let shape else { return .number(draw(&call.context.numpyRandom)) }
        try call.context.checkElementCount(of: shape, dtype: .float64, at: call.range)
        let count = shape.reduce(1, *)
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(draw(&call.context.numpyRandom)) }
        return .array(Tensor(shape: shape, scalars: values) ?? Tensor(values))
    }

    /// `tensor` with its rows (entries along the first axis) shuffled as NumPy's `shuffle` does.
    private static func shuffled(_ tensor: Tensor, _ state: inout NumPyRandomState) -> Tensor {
        guard let rows = tensor.shape.first else { return tensor }
        var order = Array(0..<rows)
        state.shuffle(count: rows) { order.swapAt($0, $1) }
        let rowSize = tensor.count / Swift.max(rows, 1)
        let sources = order.flatMap { row in (row * rowSize)..<((row + 1) * rowSize) }
        return TensorGeometry.gather(tensor, shape: tensor.shape, sources: sources) ?? tensor
    }
}
