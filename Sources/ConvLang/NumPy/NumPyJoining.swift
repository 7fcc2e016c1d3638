import ConvNumerics

/// `np.stack`, `np.concatenate`, `np.vstack` and `np.hstack`: arrays (or lists, tensors)
/// joined in NumPy's promoted dtype.
enum NumPyJoining {
    static let all: [Builtin] = [stack, concatenate, vstack, hstack, round]

    /// `np.round(a, decimals)` (also `np.around`): ``NumPyMembers/rounded(_:decimals:)``.
    static let round = NumPyLibrary.function(
        "round", [.required("a"), .optional("decimals", default: .int(0))], "each element rounded to decimals digits (halves to even)",
        example: "np.round(np.array([0.125, 2.5]), 2)"
    ) { call throws(RuntimeError) in
        .numpyResult(NumPyMembers.rounded(try NumPyLibrary.tensor(call, "a"), decimals: try call.integer("decimals", in: -400...400)))
    }

    static let stack = NumPyLibrary.function(
        "stack", [.required("arrays"), .optional("axis", default: .int(0))], "arrays of one shape joined along a new axis",
        example: "np.stack([a, b])    # shape (2, *a.shape)"
    ) { call throws(RuntimeError) in
        let parts = try arrays(call)
        guard parts.allSatisfy({ $0.shape == parts[0].shape }) else {
            throw call.error("all input arrays must have the same shape", at: "arrays", raising: .valueError)
        }
        let axis = try NumPyJoining.axis(call, rank: parts[0].rank + 1)
        let expanded = parts.map { part in
            var shape = part.shape
            shape.insert(1, at: axis)
            return TensorGeometry.reshaped(part, shape)
        }
        return .array(JoiningFunctions.joined(expanded, along: axis))
    }

    static let concatenate = NumPyLibrary.function(
        "concatenate", [.required("arrays"), .optional("axis", default: .int(0))], "arrays joined along an existing axis",
        example: "np.concatenate([a, b])"
    ) { call throws(RuntimeError) in
        let parts = try arrays(call)
        let axis = try NumPyJoining.axis(call, rank: parts[0].rank)
        return .array(try joined(parts, along: axis, call))
    }

    static let vstack = NumPyLibrary.function(
        "vstack", [.required("tup")], "arrays joined as rows (1-d ones become rows first)", example: "np.vstack([a, b])"
    ) { call throws(RuntimeError) in
        let parts = try arrays(call, "tup").map { $0.rank == 1 ? TensorGeometry.reshaped($0, [1, $0.count]) : $0 }
        return .array(try joined(parts, along: 0, call))
    }

    static let hstack = NumPyLibrary.function(
        "hstack", [.required("tup")], "arrays joined along their second axis (the first for 1-d ones)", example: "np.hstack([a, b])"
    ) { call throws(RuntimeError) in
        let parts = try arrays(call, "tup")
        return .array(try joined(parts, along: parts[0].rank == 1 ? 0 : 1, call))
    }

    /// The arrays of argument `name`, each as NumPy reads it, in their promoted dtype.
    private static func arrays(_ call: BuiltinCall, _ name: String = "arrays") throws(RuntimeError) -> [Tensor] {
        var parts: [Tensor] = []
        for item in try call.items(name) {
            parts.append(try NumPyLibrary.tensor(item, dtype: nil, what: "np.\(call.builtin.name)'s arrays", at: call.range(of: name)))
        }
        guard let first = parts.first else { throw call.error("need at least one array to \(call.builtin.name)", at: name, raising: .valueError) }
        guard first.rank > 0 || call.builtin.name == "stack" else {
            throw call.error("zero-dimensional arrays cannot be concatenated", at: name, raising: .valueError)
        }
        let dtype = parts.dropFirst().reduce(first.dtype) { NumPyDTypes.promoted($0, $1.dtype) }
        return parts.map { $0.converted(to: dtype) }
    }

    private static func axis(_ call: BuiltinCall, rank: Int) throws(RuntimeError) -> Int {
        let axis = try call.integer("axis")
        guard axis >= -rank, axis < rank else {
            throw call.error("axis \(axis) is out of bounds for array of dimension \(rank)", at: "axis", raising: .indexError)
        }
        return axis < 0 ? axis + rank : axis
    }

    /// `parts` joined along `axis`, their other extents equal.
    private static func joined(_ parts: [Tensor], along axis: Int, _ call: BuiltinCall) throws(RuntimeError) -> Tensor {
        for (index, part) in parts.enumerated() {
            guard part.rank == parts[0].rank else {
                throw call.error("all the input arrays must have same number of dimensions, but the array at index 0 has \(parts[0].rank) dimension(s) and the array at index \(index) has \(part.rank) dimension(s)",
                                 raising: .valueError)
            }
            for dim in 0..<part.rank where dim != axis && part.shape[dim] != parts[0].shape[dim] {
                throw call.error("all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(dim), the array at index 0 has size \(parts[0].shape[dim]) and the array at index \(index) has size \(part.shape[dim])",
                                 raising: .valueError)
            }
        }
        return JoiningFunctions.joined(parts, along: axis)
    }
}
