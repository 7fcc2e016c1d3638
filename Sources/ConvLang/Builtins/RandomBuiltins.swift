import ConvNumerics

/// Random draws from the seeded generator, each as PyTorch draws it on the CPU: rand, randn,
/// rand_like, randn_like, randint, randint_like, randperm, normal, bernoulli, dropout.
///
/// Every draw continues the one stream `seed` starts, which layers take their weights from
/// too, so a program's numbers equal PyTorch's after `torch.manual_seed` bit for bit.
enum RandomBuiltins {
    static let all: [Builtin] = [rand, randn, randLike, randnLike, randint, randintLike, randperm, normal, bernoulli, dropout]

    private static let dtypeParameter = Builtin.Parameter.optional("dtype", default: .none, namedOnly: true)

    static let rand = Builtin(
        name: "rand", aliases: ["torch.rand"], parameters: [.variadic("shape"), dtypeParameter],
        summary: "uniform random numbers in [0, 1), the same stream as torch.rand",
        details: """
        rand(shape..., dtype=torch.float32)

        Draws from the seeded generator exactly as torch.rand does (float32 values, or float64
        with dtype=torch.float64), so after seed(S) the numbers equal torch.manual_seed(S);
        torch.rand(...), and layers made before or after take their weights from the same stream.
          seed(0); rand(3)
        """,
        body: { call throws(RuntimeError) in
            let shape = try TensorBuiltins.shapeArgument(call)
            let dtype = try RandomArguments.dtype(call)
            return try RandomArguments.draw(call) { generator throws(RandomError) in try generator.rand(shape: shape, dtype: dtype) }
        })

    static let randn = Builtin(
        name: "randn", aliases: ["torch.randn"], parameters: [.variadic("shape"), dtypeParameter],
        summary: "standard normal random numbers, the same stream as torch.randn",
        details: """
        randn(shape..., dtype=torch.float32)

        Draws as torch.randn does, bit for bit: fewer than 16 numbers by float64 Box–Muller (the
        second number of each pair is kept for the next draw, as PyTorch keeps it), 16 or more
        by PyTorch's vectorised float32 kernel (or its float64 one with dtype=torch.float64).
          seed(0); randn(2, 3)
        """,
        body: { call throws(RuntimeError) in
            let shape = try TensorBuiltins.shapeArgument(call)
            let dtype = try RandomArguments.dtype(call)
            return try RandomArguments.draw(call) { generator throws(RandomError) in try generator.normal(shape: shape, dtype: dtype) }
        })

    static let randLike = like(name: "rand_like", what: "uniform numbers in [0, 1)") { generator, tensor throws(RandomError) in
        try generator.uniformFilled(tensor)
    }

    static let randnLike = like(name: "randn_like", what: "standard normal numbers") { generator, tensor throws(RandomError) in
        try generator.normalFilled(tensor)
    }

    private static func like(
        name: String, what: String, _ fill: @escaping @Sendable (inout TorchGenerator, Tensor) throws(RandomError) -> Tensor
    ) -> Builtin {
        Builtin(
            name: name, aliases: ["torch.\(name)"], parameters: [.required("input"), dtypeParameter],
            summary: "\(what) in the shape of a tensor, as torch.\(name)",
            details: """
            \(name)(input, dtype=torch.float32)

            \(what.prefix(1).uppercased() + what.dropFirst()) in input's shape, drawn as torch.\(name) draws them.
              seed(0); \(name)(zeros(2, 3))
            """,
            body: { call throws(RuntimeError) in
                let input = try RandomArguments.tensor(call, "input", as: try RandomArguments.dtype(call))
                return try RandomArguments.draw(call) { generator throws(RandomError) in try fill(&generator, input) }
            })
    }

    static let randint = Builtin(
        name: "randint", aliases: ["torch.randint"],
        parameters: [.variadic("bounds"), .optional("size", default: .none, namedOnly: true), dtypeParameter],
        summary: "random integers in [low, high), as torch.randint",
        details: """
        randint(high, size) or randint(low, high, size, dtype=torch.int64)

        Each number is low + draw % (high - low), as PyTorch draws it (a 64-bit draw when the
        range reaches 2^32).
          seed(0); randint(1, 7, (10,))
        """,
        body: { call throws(RuntimeError) in
            var items = call.rest
            var sizeValue = call.value("size")
            if !call.isGiven("size"), let last = items.popLast() {
                guard case .tuple = last.value else {
                    throw call.error("randint's size must be a tuple, e.g. randint(0, 10, (5,))", notes: ["usage: \(call.builtin.signature)"])
                }
                sizeValue = last.value
            }
            let shape = try shape(sizeValue, call)
            guard (1...2).contains(items.count) else {
                throw call.error("randint takes (high, size) or (low, high, size)", notes: ["usage: \(call.builtin.signature)"])
            }
            let bounds = try items.map { item throws(RuntimeError) in
                Int64(try Coercion.integer(item.value, what: "randint's bound", at: item.range))
            }
            let dtype = try RandomArguments.dtype(call, default: .int64)
            let (low, high) = bounds.count == 2 ? (bounds[0], bounds[1]) : (0, bounds[0])
            return try RandomArguments.draw(call) { generator throws(RandomError) in
                try generator.randint(low: low, high: high, shape: shape, dtype: dtype)
            }
        })

    static let randintLike = Builtin(
        name: "randint_like", aliases: ["torch.randint_like"],
        parameters: [.required("input"), .required("low"), .optional("high", default: .none), dtypeParameter],
        summary: "random integers in [low, high) in the shape of a tensor, as torch.randint_like",
        details: """
        randint_like(input, high) or randint_like(input, low, high)

          seed(0); randint_like(zeros(4), 0, 5)
        """,
        body: { call throws(RuntimeError) in
            // With two arguments the second is `high`, as in PyTorch.
            let first = Int64(try call.integer("low"))
            let (low, high) = call.isGiven("high") ? (first, Int64(try call.integer("high"))) : (0, first)
            let input = try RandomArguments.tensor(call, "input", as: try RandomArguments.dtype(call))
            return try RandomArguments.draw(call) { generator throws(RandomError) in
                try generator.randomFilled(input, from: low, to: high)
            }
        })

    static let randperm = Builtin(
        name: "randperm", aliases: ["torch.randperm"], parameters: [.required("n")],
        summary: "a random permutation of 0 … n-1, as torch.randperm",
        details: """
        randperm(n)

          seed(0); randperm(5)
        """,
        body: { call throws(RuntimeError) in
            let n = try call.integer("n")
            try call.context.checkElementCount(of: [Swift.max(n, 0)], at: call.range(of: "n"))
            return try RandomArguments.draw(call) { generator throws(RandomError) in try generator.randperm(n) }
        })

    static let normal = Builtin(
        name: "normal", aliases: ["torch.normal"],
        parameters: [.required("mean"), .optional("std", default: .number(1)), .optional("size", default: .none),
                     dtypeParameter],
        summary: "normal random numbers with given means and standard deviations, as torch.normal",
        details: """
        normal(mean, std=1, size=none, dtype=torch.float32)

        mean and std are numbers or tensors (broadcast together); with two numbers, size= gives
        the shape. Drawn as torch.normal draws: normal_(0, std) then + mean for a tensor of
        means, standard normals times std plus mean for a tensor of deviations.
          seed(0); normal(2.0, 0.5, size=(4,))
          normal(arange(4), 0.1)
        """,
        body: { call throws(RuntimeError) in
            let dtype = try RandomArguments.dtype(call)
            switch (call.value("mean").asNumber, call.value("std").asNumber) {
            case (let mean?, let std?):
                guard call.isGiven("size") else { throw call.error("normal of two numbers needs size=, e.g. normal(0, 1, size=(3,))") }
                let shape = try shape(call.value("size"), call)
                return try RandomArguments.draw(call) { generator throws(RandomError) in
                    try generator.normal(shape: shape, dtype: dtype, mean: mean, std: std)
                }
            case (nil, let std?):
                let mean = try RandomArguments.tensor(call, "mean", as: dtype)
                return try RandomArguments.draw(call) { generator throws(RandomError) in try generator.normal(mean: mean, std: std) }
            case (let mean?, nil):
                let std = try RandomArguments.tensor(call, "std", as: dtype)
                return try RandomArguments.draw(call) { generator throws(RandomError) in try generator.normal(mean: mean, std: std) }
            case (nil, nil):
                let mean = try RandomArguments.tensor(call, "mean", as: dtype)
                let std = try RandomArguments.tensor(call, "std", as: dtype)
                return try RandomArguments.draw(call) { generator throws(RandomError) in try generator.normal(mean: mean, std: std) }
            }
        })

    static let bernoulli = Builtin(
        name: "bernoulli", aliases: ["torch.bernoulli"], parameters: [.required("input"), .optional("p", default: .none), dtypeParameter],
        summary: "0 or 1 per element, 1 with the element's probability, as torch.bernoulli",
        details: """
        bernoulli(input) or bernoulli(input, p)

        Each element of input is a probability; or, with p, every element has probability p
        (drawn as tensor.bernoulli_(p) draws).
          seed(0); bernoulli([0.1, 0.5, 0.9])
        """,
        body: { call throws(RuntimeError) in
            let input = try RandomArguments.tensor(call, "input", as: try RandomArguments.dtype(call))
            guard call.isGiven("p") else {
                return try RandomArguments.draw(call) { generator throws(RandomError) in try generator.bernoulli(input) }
            }
            let p = try call.number("p")
            return try RandomArguments.draw(call) { generator throws(RandomError) in try generator.bernoulliFilled(input, p: p) }
        })

    static let dropout = Builtin(
        name: "dropout", aliases: ["torch.dropout", "torch.nn.functional.dropout"],
        parameters: [.required("input"), .optional("p", default: .number(0.5)), .optional("training", "train", default: .bool(true)),
                     dtypeParameter],
        summary: "zero each element with probability p and scale the rest by 1/(1-p), as F.dropout",
        details: """
        dropout(input, p=0.5, training=true)

        PyTorch's training-mode dropout, bit for bit: an element is kept when a float64 uniform
        is below 1 - p, and multiplied by the float32 value of 1/(1 - p). training=false, p=0
        return input unchanged and draw nothing.
          seed(0); dropout(ones(8), p=0.25)
        """,
        body: { call throws(RuntimeError) in
            let input = try RandomArguments.tensor(call, "input", as: try RandomArguments.dtype(call))
            let p = try call.number("p")
            let training = try call.bool("training")
            return try RandomArguments.draw(call) { generator throws(RandomError) in
                try generator.dropout(input, p: p, training: training)
            }
        })

    /// A `size` argument: `(2, 3)`, `[2, 3]`, or one number; checked against the element limit.
    private static func shape(_ value: Value, _ call: BuiltinCall) throws(RuntimeError) -> [Int] {
        let items: [Value] = switch value {
        case .tuple(let inner): inner
        case .tensor(let t) where t.rank == 1: t.scalars.map { .number($0) }
        default: [value]
        }
        var shape: [Int] = []
        for item in items {
            shape.append(try Coercion.integer(item, what: "a size", at: call.range(of: "size"), in: 0...Int.max))
        }
        try call.context.checkElementCount(of: shape, at: call.range)
        return shape
    }
}
