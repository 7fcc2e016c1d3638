import ConvNumerics

/// `torch.Generator()`: a random stream of its own, as code keeps one for reproducible samples
/// apart from the global one (`g = torch.Generator().manual_seed(42)`,
/// `torch.randn(3, generator=g)`, `torch.multinomial(p, 1, generator=g)`). It is PyTorch's CPU
/// generator (``TorchGenerator``), so its numbers are PyTorch's bit for bit.
///
/// A draw given `generator=` runs the torch function's own body with this stream in the place
/// of the run's (put back afterwards, whatever happens), so the two cannot drift apart.
final class TorchGeneratorObject: TorchObject {
    var generator: TorchGenerator
    private(set) var initialSeed: UInt64

    /// PyTorch's seed for a generator made without one (`default_rng_seed_val`).
    static let defaultSeed: UInt64 = 67_280_421_310_721

    /// Whether this object stands for the run's own stream, as `torch.manual_seed`'s result is
    /// PyTorch's default generator: draws given it, and seeding it, use the run's stream.
    let isGlobal: Bool

    init(seed: UInt64 = defaultSeed, isGlobal: Bool = false) {
        generator = TorchGenerator(seed: seed)
        initialSeed = seed
        self.isGlobal = isGlobal
    }

    var typeName: String { "Generator" }
    var description: String { "<torch._C.Generator object>" }
    var memberNames: [String] { ["device", "initial_seed", "manual_seed"] }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "device": return .object(ObjectBox(DeviceObject.cpu))
        default: return Self.methods[name].map { .function(Function(.boundBuiltin(receiver: .object(ObjectBox(self)), $0))) }
        }
    }

    private static let methods: [String: Builtin] = [
        "manual_seed": Builtin(name: "manual_seed", parameters: [.required("seed")], summary: "seeds this generator; gives it back",
                               details: "g.manual_seed(seed)\n\nSeeds the generator, as torch.manual_seed seeds the global one.",
                               body: { call throws(RuntimeError) in
            let generator = try receiver(call)
            let seed = try call.integer("seed")
            generator.generator = TorchGenerator(seed: UInt64(bitPattern: Int64(seed)))
            if generator.isGlobal { call.context.generator = generator.generator }
            generator.initialSeed = UInt64(bitPattern: Int64(seed))
            return call.receiver
        }),
        "initial_seed": Builtin(name: "initial_seed", parameters: [], summary: "the seed this generator was last seeded with",
                                details: "g.initial_seed()", body: { call throws(RuntimeError) in
            let seed = try receiver(call).initialSeed
            return seed <= UInt64(Int.max) ? .int(Int(seed)) : .int(Int(bitPattern: UInt(seed)))
        }),
    ]

    private static func receiver(_ call: BuiltinCall) throws(RuntimeError) -> TorchGeneratorObject {
        guard case .object(let box) = call.receiver, let generator = box.object as? TorchGeneratorObject else {
            throw call.error("\(call.builtin.name) is a method of a torch.Generator", raising: .typeError)
        }
        return generator
    }

    /// `generator=` of a draw: none draws from the run's stream; a `torch.Generator` lends its
    /// stream to `body`; anything else is PyTorch's TypeError.
    static func drawing(_ call: BuiltinCall, _ body: () throws(RuntimeError) -> Value) throws(RuntimeError) -> Value {
        let given = call.value("generator")
        if given.isNone { return try body() }
        guard case .object(let box) = given, let object = box.object as? TorchGeneratorObject else {
            throw call.error("\(call.builtin.name)(): argument 'generator' must be torch.Generator, not \(PythonText.typeName(given))",
                             at: "generator", raising: .typeError)
        }
        if object.isGlobal { return try body() }
        let global = call.context.generator
        call.context.generator = object.generator
        defer {
            object.generator = call.context.generator
            call.context.generator = global
        }
        return try body()
    }
}

/// The torch functions of generators: `torch.Generator(device="cpu")` and `torch.multinomial`.
enum GeneratorBuiltins {
    /// Reached by their dotted names only; `multinomial` is a tensor method too (``TensorMethods``).
    static let dottedOnly: [Builtin] = [constructor]

    static let constructor: Builtin = {
        var builtin = Builtin(
            name: "Generator", aliases: ["torch.Generator"], parameters: [.optional("device", default: .string("cpu"))],
            summary: "a random stream of its own, for generator= of the draws",
            details: "torch.Generator(device=\"cpu\")\n\nA generator of PyTorch's CPU numbers apart from the global one; seed it "
                + "with g.manual_seed(s) and pass generator=g to torch.rand, randn, randint, randperm, normal, bernoulli and "
                + "multinomial.\n  g = torch.Generator().manual_seed(42); torch.randn(3, generator=g)",
            body: { call throws(RuntimeError) in
                try DeviceArgument.check(call.value("device"), at: call.range(of: "device"))
                return .object(ObjectBox(TorchGeneratorObject()))
            })
        builtin.takesPythonValues = true
        return builtin
    }()

    static let multinomial = Builtin.tensorFunction(
        "multinomial", [.required("input"), .required("num_samples"), .optional("replacement", default: .bool(false)),
                        .optional("generator", default: .none, namedOnly: true)],
        "num_samples indices drawn from each row of weights input", example: "torch.multinomial(p, 1)") { call throws(RuntimeError) in
        let weights = try call.receivingTensor
        let samples = try call.integer("num_samples")
        let replacement = try call.bool("replacement")
        return try TorchGeneratorObject.drawing(call) { () throws(RuntimeError) -> Value in
            let drawn: Tensor
            do throws(RandomError) {
                drawn = try call.context.generator.multinomial(weights, samples: samples, replacement: replacement)
            } catch {
                throw RandomArguments.refusal(error, call)
            }
            return try call.made(drawn)
        }
    }
}
