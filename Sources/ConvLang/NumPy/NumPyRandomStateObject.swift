import ConvNumerics

/// `np.random.RandomState(seed)`: a generator of its own with the legacy functions as methods
/// (`rs.rand(2, 3)`, `rs.randint(0, 10, 5)`, `rs.shuffle(a)`, `rs.seed(1)`), drawing NumPy's
/// numbers bit for bit from its own MT19937 state, apart from `np.random`'s global one.
///
/// Each method is ``NumPyRandom``'s function of that name, run with this object's state in the
/// place of the global one (put back afterwards, whatever happens), so the two cannot drift.
final class NumPyRandomStateObject: TorchObject {
    var state: NumPyRandomState

    init(_ state: NumPyRandomState) { self.state = state }

    var typeName: String { "RandomState" }
    var description: String { "RandomState(MT19937)" }

    /// The methods, by the names NumPy gives them (`rand`, not `random.rand`).
    private static let methods: [String: Builtin] = Dictionary(uniqueKeysWithValues: NumPyRandom.all.map { function in
        let name = String(function.name.dropFirst("random.".count))
        var method = Builtin(name: name, parameters: function.parameters, summary: function.summary, details: function.details,
                             body: { call throws(RuntimeError) in
            guard case .object(let box) = call.receiver, let generator = box.object as? NumPyRandomStateObject else {
                throw call.error("\(name) is a method of a RandomState", raising: .typeError)
            }
            let global = call.context.numpyRandom
            call.context.numpyRandom = generator.state
            defer {
                generator.state = call.context.numpyRandom
                call.context.numpyRandom = global
            }
            return try function.body(&call)
        })
        method.takesPythonValues = function.takesPythonValues
        return (name, method)
    })

    var memberNames: [String] { Self.methods.keys.sorted() }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        Self.methods[name].map { .function(Function(.boundBuiltin(receiver: .object(ObjectBox(self)), $0))) }
    }

    /// The constructor, `np.random.RandomState(seed=None)`: unseeded, it starts from the run's
    /// seed, as `np.random` does.
    static let constructor: Builtin = {
        var builtin = Builtin(
            name: "random.RandomState", aliases: ["numpy.random.RandomState"], parameters: [.optional("seed", default: .none)],
            summary: "a NumPy legacy generator of its own, with rand, randn, randint, ... as methods",
            details: "np.random.RandomState(seed=None)\n\nA generator with np.random's legacy functions as methods, drawing "
                + "NumPy's numbers from its own state.\n  rs = np.random.RandomState(0); rs.rand(3)",
            body: { call throws(RuntimeError) in
                guard !call.value("seed").isNone else { return .object(ObjectBox(NumPyRandomStateObject(call.context.runNumPyRandom))) }
                let value = try call.integer("seed")
                guard value >= 0, value <= Int(UInt32.max) else {
                    throw call.error("Seed must be between 0 and 2**32 - 1", at: "seed", raising: .valueError)
                }
                return .object(ObjectBox(NumPyRandomStateObject(NumPyRandomState(seed: UInt32(value)))))
            })
        builtin.takesPythonValues = true
        return builtin
    }()
}
