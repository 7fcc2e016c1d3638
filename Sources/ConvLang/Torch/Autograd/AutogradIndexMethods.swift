import ConvAutograd
import ConvNumerics

/// The recorded forms of ``IndexingMethods`` and ``ScanMethods`` on a tensor that requires
/// grad, with PyTorch's node names: each reads its arguments as the plain method does (the same
/// placement, checks and errors) and hands the placement to the engine.
enum AutogradIndexMethods {
    static let methods: [Builtin] = [
        placing("gather", "GatherBackward0") { call, x throws(RuntimeError) in try IndexingMethods.gatherPlacement(call, x) },
        placing("index_select", "IndexSelectBackward0") { call, x throws(RuntimeError) in try IndexingMethods.indexSelectPlacement(call, x) },
        placing("take", "TakeBackward0") { call, x throws(RuntimeError) in try IndexingMethods.takePlacement(call, x) },
        placing("narrow", "SliceBackward0") { call, x throws(RuntimeError) in try IndexingMethods.narrowPlacement(call, x) },
        placing("roll", "RollBackward0") { call, x throws(RuntimeError) in try IndexingMethods.rollPlacement(call, x) },
        placing("tril", "TrilBackward0") { call, x throws(RuntimeError) in try IndexingMethods.trianglePlacement(call, x, lower: true) },
        placing("triu", "TriuBackward0") { call, x throws(RuntimeError) in try IndexingMethods.trianglePlacement(call, x, lower: false) },
        // An int count repeats through a view (`ViewBackward0`), a tensor of counts through `index_select`.
        AutogradMethods.recorded("repeat_interleave") { call, x, _ throws(RuntimeError) in
            let placement = try IndexingMethods.repeatPlacement(call, x.data)
            let name = call.value("repeats").asTensor == nil ? "ViewBackward0" : "IndexSelectBackward0"
            return try place(call, x, placement, name)
        },
        // A vector made a matrix (`DiagEmbedBackward0`), or a matrix's diagonal (PyTorch 2.15's `DiagonalBackward0_copy`).
        AutogradMethods.recorded("diag") { call, x, _ throws(RuntimeError) in
            let placement = try IndexingMethods.diagPlacement(call, x.data)
            return try place(call, x, placement, x.data.rank == 1 ? "DiagEmbedBackward0" : "DiagonalBackward0_copy")
        },
        AutogradMethods.recorded("scatter") { call, x, _ throws(RuntimeError) in try scattered(call, x, add: false) },
        AutogradMethods.recorded("scatter_add") { call, x, _ throws(RuntimeError) in try scattered(call, x, add: true) },
        running("cumsum") { x, dim throws(AutogradError) in try x.cumsum(dim: dim) },
        running("cumprod") { x, dim throws(AutogradError) in try x.cumprod(dim: dim) },
        extreme("cummax", "CummaxBackward0", largest: true),
        extreme("cummin", "CumminBackward0", largest: false),
        AutogradMethods.recorded("kthvalue") { call, x, plain throws(RuntimeError) in
            guard case .returnTuple(let named) = plain, named.items.count == 2 else { return plain }
            let (placement, _) = try ScanMethods.kthPlacement(call, x.data)
            return .returnTuple(ReturnTuple(name: named.name, items: [try place(call, x, placement, "KthvalueBackward0"), named.items[1]]))
        },
        AutogradMethods.recorded("diff") { call, x, _ throws(RuntimeError) in
            let input: Value = if case .variable = call.receiver { call.receiver } else { .variable(VariableBox(x)) }
            return try ScanMethods.differenced(call, input, x.data)
        },
        // `self.reshape(-1, 1) * vec2`, as PyTorch computes it (`MulBackward0`).
        AutogradMethods.recorded("outer") { call, x, _ throws(RuntimeError) in
            let other = try AutogradValues.variable(call.value("vec2"), what: "vec2", at: call.range(of: "vec2"))
            try IndexingMethods.outerCheck(call, x.data, other.data)
            let column = try AutogradMethods.run(call) { () throws(AutogradError) in try x.view([x.data.count, 1]) }
            return try Operators.binary(.multiply, column, call.value("vec2"), operatorRange: call.range, leftRange: call.range,
                                        rightRange: call.range(of: "vec2"), context: call.context)
        },
    ]

    private static func place(
        _ call: BuiltinCall, _ x: Variable, _ placement: IndexingMethods.Placement, _ name: String
    ) throws(RuntimeError) -> Value {
        try AutogradMethods.run(call) { () throws(AutogradError) in try x.placed(placement.sources, shape: placement.shape, name: name) }
    }

    private static func placing(
        _ name: String, _ node: String, _ placement: @escaping @Sendable (BuiltinCall, Tensor) throws(RuntimeError) -> IndexingMethods.Placement
    ) -> Builtin {
        AutogradMethods.recorded(name) { call, x, _ throws(RuntimeError) in try place(call, x, try placement(call, x.data), node) }
    }

    private static func scattered(_ call: BuiltinCall, _ x: Variable, add: Bool) throws(RuntimeError) -> Value {
        let scattering = try IndexingMethods.scattering(call, x.data, add: add)
        let src = scattering.src == nil ? nil : try AutogradValues.variable(call.value("src"), what: "src", at: call.range(of: "src"))
        return try AutogradMethods.run(call) { () throws(AutogradError) in
            try x.scattered(src, value: scattering.value, targets: scattering.targets, sources: scattering.sources, add: add)
        }
    }

    /// `x.cumsum(dim)`, `x.cumprod(dim, dtype=torch.float64)`: with `dtype=`, the input is
    /// converted first (`ToCopyBackward0`), as PyTorch converts it.
    private static func running(_ name: String, _ operation: @escaping @Sendable (Variable, Int) throws(AutogradError) -> Variable) -> Builtin {
        AutogradMethods.recorded(name) { call, x, plain throws(RuntimeError) in
            let dim = try call.dimension("dim", rank: x.data.rank)
            guard let dtype = plain.asTensor?.dtype else { return plain }
            guard dtype.isFloatingPoint else { throw call.error("Autograd not support dtype: \(dtype.scalarTypeName)", at: "dtype") }
            return try AutogradMethods.run(call) { () throws(AutogradError) in
                try operation(dtype == x.dtype ? x : try x.converted(to: dtype), dim)
            }
        }
    }

    private static func extreme(_ name: String, _ node: String, largest: Bool) -> Builtin {
        AutogradMethods.recorded(name) { call, x, plain throws(RuntimeError) in
            guard case .returnTuple(let named) = plain, named.items.count == 2 else { return plain }
            let (placement, _) = ScanMethods.extremePlacement(x.data, dim: try call.dimension("dim", rank: x.data.rank), largest: largest)
            return .returnTuple(ReturnTuple(name: named.name, items: [try place(call, x, placement, node), named.items[1]]))
        }
    }
}
