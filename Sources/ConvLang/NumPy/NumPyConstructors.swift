import ConvNumerics

/// `np.zeros`, `np.ones`, `np.empty` and `np.full`: arrays of a shape (an int or a tuple),
/// float64 unless `dtype=` says otherwise (`full` takes its value's dtype, as NumPy does).
enum NumPyConstructors {
    static let zeros = filled("zeros", 0)
    static let ones = filled("ones", 1)
    /// conv's `empty` is zeros: NumPy's would show whatever memory held.
    static let empty = filled("empty", 0)

    private static func filled(_ name: String, _ value: Double) -> Builtin {
        NumPyLibrary.function(name, [.required("shape"), .optional("dtype", default: .none)],
                              name == "empty" ? "an array of a shape (conv fills it with zeros)" : "an array of \(Int(value))s of a shape",
                              example: "np.\(name)((2, 3))") { call throws(RuntimeError) in
            try made(call, fill: value, dtype: try NumPyDTypes.given(call) ?? .float64)
        }
    }

    static let full = NumPyLibrary.function(
        "full", [.required("shape"), .required("fill_value"), .optional("dtype", default: .none)],
        "an array of a shape holding fill_value everywhere", example: "np.full(3, 7)    # array([7, 7, 7])"
    ) { call throws(RuntimeError) in
        let value = try NumPyLibrary.tensor(call, "fill_value")
        guard value.count == 1 else { throw call.error("np.full's fill_value must be one number", at: "fill_value", raising: .valueError) }
        return try made(call, fill: value.scalars[0], dtype: try NumPyDTypes.given(call) ?? value.dtype)
    }

    private static func made(_ call: BuiltinCall, fill: Double, dtype: DType) throws(RuntimeError) -> Value {
        let shape = try NumPyShapes.sizes(call.value("shape"), what: "np.\(call.builtin.name)'s shape", at: call.range(of: "shape"))
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw call.error("negative dimensions are not allowed", at: "shape", raising: .valueError)
        }
        try call.context.checkElementCount(of: shape, dtype: dtype, at: call.range)
        guard let tensor = Tensor(repeating: fill, shape: shape) else {
            throw call.error("an array of shape \(NumPyShapes.tuple(shape)) is too large to make", at: "shape", kind: .limit(.elements))
        }
        return try call.context.checkMemory(afterMaking: .array(tensor.converted(to: dtype)), at: call.range)
    }
}
