import ConvAutograd
import ConvNumerics

/// `Flatten(start_dim=1, end_dim=-1)`: PyTorch's `nn.Flatten`, dimensions `start_dim` to
/// `end_dim` merged into one: `(N, C, L)` becomes `(N, C·L)`, as a classifier head needs.
final class Flatten: EngineModule {
    let trainingFlag = TrainingFlag()
    let startDim: Int
    let endDim: Int

    init(startDim: Int, endDim: Int) { (self.startDim, self.endDim) = (startDim, endDim) }

    var description: String { "Flatten(start_dim=\(startDim), end_dim=\(endDim))" }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        try x.flatten(startDim: startDim, endDim: endDim)
    }

    /// The walk follows the usual head, `Flatten()` of `(N, C, L)`; other dimensions keep the shape it knows.
    var shapeRule: ShapeRule { startDim == 1 && endDim == -1 ? .changing(.flatten) : .unchanged }

    var members: [(name: String, value: Value)] { [("start_dim", .int(startDim)), ("end_dim", .int(endDim))] }
    var jsonFields: [(String, String)] { [("start_dim", "\(startDim)"), ("end_dim", "\(endDim)")] }

    static let constructor = Builtin(
        name: "Flatten", aliases: ["torch.nn.Flatten"],
        parameters: [.optional("start_dim", default: .int(1)), .optional("end_dim", default: .int(-1))],
        summary: "merges dimensions into one, as PyTorch's nn.Flatten",
        details: """
        Flatten(start_dim=1, end_dim=-1)

        Merges dimensions start_dim to end_dim into one: (N, C, L) becomes (N, C*L), so that a
        Linear layer can follow a convolution. No weights.

        Example:
          Flatten()(zeros(2, 4, 8)).shape      # (2, 32)
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            .layer(Layer(Flatten(startDim: try call.integer("start_dim"), endDim: try call.integer("end_dim"))))
        })
}

/// `Unflatten(dim, unflattened_size)`: PyTorch's `nn.Unflatten`, one dimension split into
/// several (one size may be -1).
final class Unflatten: EngineModule {
    let trainingFlag = TrainingFlag()
    let dim: Int
    let sizes: [Int]

    init(dim: Int, sizes: [Int]) { (self.dim, self.sizes) = (dim, sizes) }

    var description: String { "Unflatten(dim=\(dim), unflattened_size=\(PythonText.repr(.tuple(sizes.map(Value.int)))))" }

    var shapeRule: ShapeRule { .changing(.unflatten(dim: dim, sizes: sizes)) }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        let rank = x.data.rank
        guard dim >= -Swift.max(rank, 1), dim < Swift.max(rank, 1) else { throw .dimensionOutOfRange(dim: dim, rank: rank) }
        let axis = dim < 0 ? dim + rank : dim
        let extent = x.shape[axis]
        let known = sizes.filter { $0 != -1 }.reduce(1, *)
        var resolved = sizes
        if let free = sizes.firstIndex(of: -1), known != 0, extent % known == 0 { resolved[free] = extent / known }
        guard resolved.allSatisfy({ $0 >= 0 }), resolved.reduce(1, *) == extent else {
            throw .invalidArgument("unflatten: Provided sizes [\(sizes.map(String.init).joined(separator: ", "))] don't multiply up to the size of dim \(dim) "
                + "(\(extent)) in the input tensor")
        }
        return try x.view(Array(x.shape[..<axis]) + resolved + Array(x.shape[(axis + 1)...]))
    }

    var members: [(name: String, value: Value)] {
        [("dim", .int(dim)), ("unflattened_size", .tuple(sizes.map(Value.int)))]
    }

    static let constructor = Builtin(
        name: "Unflatten", aliases: ["torch.nn.Unflatten"],
        parameters: [.required("dim"), .required("unflattened_size")],
        summary: "splits one dimension into several, as PyTorch's nn.Unflatten",
        details: """
        Unflatten(dim, unflattened_size)

        Splits dimension dim into the sizes given (a tuple; one may be -1): the inverse of Flatten.

        Example:
          Unflatten(1, (4, 8))(zeros(2, 32)).shape     # (2, 4, 8)
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            let given = call.value("unflattened_size")
            let items: [Value] = switch given {
            case .tuple(let items): items
            case .list(let list): list.items
            case .tensor(let tensor) where tensor.rank == 1: tensor.scalars.map(Value.number)
            default: [given]
            }
            var sizes: [Int] = []
            for item in items { sizes.append(try Coercion.integer(item, what: "unflattened_size", at: call.range(of: "unflattened_size"))) }
            return .layer(Layer(Unflatten(dim: try call.integer("dim"), sizes: sizes)))
        })
}
