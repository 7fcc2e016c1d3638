import ConvAutograd
import ConvNumerics

/// `torch.cross(a, b, dim=None)`, `x.cross(b, dim)` and `torch.linalg.cross(a, b, dim=-1)`: the
/// cross product of 3-vectors along `dim` (`LinalgCrossBackward0`). Without `dim`, `torch.cross`
/// takes the first dimension of length 3, as PyTorch still does (with a deprecation warning).
enum CrossProduct {
    /// The function and method.
    static let functions: [Builtin] = [cross]
    /// `torch.linalg.cross` only.
    static let functionsOnly: [Builtin] = [linalgCross]

    static let cross = crossFunction("cross", aliases: [], dim: .none)
    static let linalgCross = crossFunction("linalg_cross", aliases: ["torch.linalg.cross"], dim: .int(-1))

    private static func crossFunction(_ name: String, aliases: [String], dim: Value) -> Builtin {
        Builtin.tensorFunction(name, aliases: aliases, torch: name == "cross",
                               [.required("input"), .required("other"), .optional("dim", default: dim)],
                               "the cross product of 3-vectors along dim", example: "torch.linalg.cross(a, b)") { call throws(RuntimeError) in
            let (a, b) = (try PairwiseFunctions.operand(call, "input"), try PairwiseFunctions.operand(call, "other"))
            guard a.data.rank == b.data.rank else { throw call.error("linalg.cross: inputs must have the same number of dimensions.") }
            guard let shape = Broadcasting.shape(a.shape, b.shape) else {
                throw call.error("The size of tensor a (\(a.shape.last ?? 0)) must match the size of tensor b (\(b.shape.last ?? 0)) at non-singleton dimension \(a.data.rank - 1)")
            }
            let axis: Int
            if call.value("dim").isNone {
                guard let first = shape.firstIndex(of: 3) else { throw call.error("no dimension of size 3 in input") }
                axis = first
            } else {
                axis = try call.dimension("dim", rank: shape.count)
                guard a.shape[axis] == 3, b.shape[axis] == 3 else {
                    throw call.error("linalg.cross: inputs dimension \(try call.integer("dim")) must have length 3. Got \(a.shape[axis]) and \(b.shape[axis])")
                }
            }
            return try AccumulatedProducts.run(call, [a, b], node: "LinalgCrossBackward0") { v throws(AutogradError) in
                let x = try v[0].shape == shape ? v[0] : v[0].expand(shape)
                let y = try v[1].shape == shape ? v[1] : v[1].expand(shape)
                func part(_ i: Int, _ j: Int) throws(AutogradError) -> Variable {
                    try x.select(dim: axis, index: i).mul(try y.select(dim: axis, index: j))
                        .sub(try x.select(dim: axis, index: j).mul(try y.select(dim: axis, index: i)))
                }
                return try Functional.stack([try part(1, 2), try part(2, 0), try part(0, 1)], dim: axis)
            }
        }
    }
}
