import ConvAutograd
import ConvNumerics

/// The comparison and selection methods PyTorch differentiates, recorded on a tensor that
/// requires grad: `maximum`/`minimum` (`MaximumBackward0`, `MinimumBackward0`, a tie's gradient
/// split in half), `fmax`/`fmin` (a NaN loses), `unique`'s values (`Unique2Backward0`, which
/// PyTorch cannot differentiate either), `nan_to_num` (`NanToNumBackward0`), `masked_select` (`MaskedSelectBackward0`)
/// and `clip`/`clip_`, clamp's other name (`ClampBackward1`). The values are the plain methods'
/// (``ComparisonFunctions``, ``SelectionFunctions``).
enum AutogradComparison {
    /// The recorded methods, for ``AutogradMethods``.
    static let recorded: [Builtin] = [
        AutogradMethods.recorded("maximum") { call, x, _ throws(RuntimeError) in try extreme(call, x, largest: true, ignoringNaN: false) },
        AutogradMethods.recorded("minimum") { call, x, _ throws(RuntimeError) in try extreme(call, x, largest: false, ignoringNaN: false) },
        AutogradMethods.recorded("fmax") { call, x, _ throws(RuntimeError) in try extreme(call, x, largest: true, ignoringNaN: true) },
        AutogradMethods.recorded("fmin") { call, x, _ throws(RuntimeError) in try extreme(call, x, largest: false, ignoringNaN: true) },
        AutogradMethods.recorded("unique") { call, x, plain throws(RuntimeError) in
            // The values record the node; the inverse and the counts are int64 positions.
            switch plain {
            case .tensor(let values): return Value.result(x.uniqueValues(values))
            case .tuple(var items):
                guard let values = items.first?.asTensor else { return plain }
                items[0] = Value.result(x.uniqueValues(values))
                return .tuple(items)
            default: return plain
            }
        },
        AutogradMethods.recorded("nan_to_num") { call, x, plain throws(RuntimeError) in
            guard x.data.dtype.isFloatingPoint else { return plain }
            let (nan, posinf, neginf) = try ComparisonFunctions.nanToNumReplacements(call, dtype: x.data.dtype)
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.nanToNum(nan: nan, posinf: posinf, neginf: neginf) }
        },
        AutogradMethods.recorded("masked_select") { call, x, _ throws(RuntimeError) in
            let (broadcast, flags) = try SelectionFunctions.maskSelection(x.data, call)
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                let source = broadcast.shape == x.data.shape ? x : try x.expand(broadcast.shape)
                return try source.maskedSelect(flags)
            }
        },
    ]

    /// `x.clip(...)` and `x.clip_(...)` on a tensor with autograd identity: clamp's own members.
    static let members: [Builtin] = [ComparisonFunctions.renamed(AutogradInPlace.clamp, "clip")]
        + AutogradInPlace.methods.filter { $0.name == "clamp_" }.map { ComparisonFunctions.renamed($0, "clip_") }

    /// `x.maximum(other)`, with either operand requiring grad.
    private static func extreme(_ call: BuiltinCall, _ x: Variable, largest: Bool, ignoringNaN: Bool) throws(RuntimeError) -> Value {
        let other = try AutogradValues.variable(call.value("other"), what: "other", at: call.range(of: "other"))
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            if ignoringNaN { return try x.nanIgnoringExtremum(other, largest: largest) }
            return largest ? try x.maximum(other) : try x.minimum(other)
        }
    }
}
