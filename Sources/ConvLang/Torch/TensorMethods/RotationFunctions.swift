import ConvAutograd
import ConvNumerics

/// `torch.flipud`, `fliplr`, `rot90` and `ravel`, as functions and methods: `flip` along the
/// first or second dimension (`FlipBackward0`), a quarter turn in the plane of two dimensions
/// (`Rot90Backward0`) and the elements as one row (`ViewBackward0`).
enum RotationFunctions {
    static let functions: [Builtin] = [flipud, fliplr, rot90, ravel]

    private static let input = Builtin.Parameter.required("input")

    static let flipud = flipping("flipud", dim: 0, "the rows in reverse order (flip along dim 0)")
    static let fliplr = flipping("fliplr", dim: 1, "the columns in reverse order (flip along dim 1)")

    private static func flipping(_ name: String, dim: Int, _ summary: String) -> Builtin {
        Builtin.tensorFunction(name, [input], summary, example: "torch.\(name)(x)") { call throws(RuntimeError) in
            let x = try PairwiseFunctions.operand(call, "input")
            guard x.data.rank > dim else { throw call.error("Input must be >= \(dim + 1)-d.") }
            return try AccumulatedProducts.run(call, [x], node: "FlipBackward0") { v throws(AutogradError) in try v[0].flip([dim]) }
        }
    }

    /// `torch.rot90(x, k=1, dims=[0, 1])`: `k` quarter turns from the first dimension toward the
    /// second, as PyTorch composes them (`flip` then `transpose`).
    static let rot90 = Builtin.tensorFunction(
        "rot90", [input, .optional("k", default: .int(1)), .optional("dims", default: .tuple([.int(0), .int(1)]))],
        "x turned k quarter turns in the plane of dims", example: "torch.rot90(x, 1, [0, 1])") { call throws(RuntimeError) in
        let x = try PairwiseFunctions.operand(call, "input")
        let k = try call.integer("k")
        let raw: [Value] = switch call.value("dims") {
        case .list(let list): list.items
        case .tuple(let items): items
        case let other: [other]
        }
        guard raw.count == 2 else { throw call.error("expected total rotation dims == 2, but got dims = \(raw.count)", at: "dims") }
        guard x.data.rank >= 2 else { throw call.error("expected total dims >= 2, but got total dims = \(x.data.rank)") }
        var dims: [Int] = []
        for item in raw {
            dims.append(try TensorArguments.dimension(try Coercion.integer(item, what: "rot90's dims", at: call.range(of: "dims")),
                                                      rank: x.data.rank, at: call.range(of: "dims")))
        }
        guard dims[0] != dims[1] else {
            throw call.error("expected rotation dims to be different, but got dim0 = \(dims[0]) and dim1 = \(dims[1])", at: "dims")
        }
        let turns = ((k % 4) + 4) % 4
        return try AccumulatedProducts.run(call, [x], node: "Rot90Backward0") { v throws(AutogradError) in
            switch turns {
            case 1: try v[0].flip([dims[1]]).transpose(dims[0], dims[1])
            case 2: try v[0].flip(dims)
            case 3: try v[0].flip([dims[0]]).transpose(dims[0], dims[1])
            default: v[0].clone()
            }
        }
    }

    /// `torch.ravel(x)`: the elements as one dimension (`ViewBackward0`).
    static let ravel = Builtin.tensorFunction("ravel", [input], "the elements in one dimension", example: "torch.ravel(x)") { call throws(RuntimeError) in
        let x = try PairwiseFunctions.operand(call, "input")
        guard x.dtype.isFloatingPoint else { return .tensor(TensorGeometry.reshaped(x.data, [x.data.count])) }
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.view([x.data.count]) }
    }
}
