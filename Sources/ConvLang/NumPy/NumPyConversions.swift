import ConvNumerics

/// The ways between PyTorch's tensors and NumPy's arrays: `t.numpy()` and `torch.from_numpy(a)`
/// keep the dtype (a float32 tensor is a float32 array and back). conv's tensors are values,
/// so the two do not share memory as PyTorch's do: a later change to one is not seen in the other.
enum NumPyConversions {
    /// `t.numpy()`, bound to the tensor `tensor` (a plain tensor or one with autograd identity).
    static func numpyMethod(of tensor: Value) -> Value {
        .function(Function(.boundBuiltin(receiver: tensor, toNumPy)))
    }

    private static let toNumPy = Builtin(
        name: "numpy", parameters: [], summary: "the tensor as a NumPy array of the same dtype",
        details: "t.numpy()\n\nThe tensor as a NumPy array of the same dtype, as PyTorch's; refused for a tensor that requires grad.",
        body: { call throws(RuntimeError) in
            if case .variable(let box) = call.receiver, box.requiresGrad {
                throw call.error("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
            }
            guard let tensor = call.receiver.asTensor else { throw call.error("numpy() needs a tensor", raising: .typeError) }
            return .array(tensor)
        })

    /// `torch.from_numpy(a)`: the array's tensor, in its dtype.
    static let fromNumPy = Builtin(
        name: "from_numpy", parameters: [.required("ndarray")], summary: "a tensor of a NumPy array's elements, in its dtype",
        details: """
        torch.from_numpy(ndarray)

        A tensor of the array's elements and dtype (a float64 array gives torch.float64), as PyTorch's.
        conv copies the elements: changing the array later does not change the tensor.
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            guard let array = call.value("ndarray").numpyArray else {
                throw call.error("expected np.ndarray (got \(PythonText.typeName(call.value("ndarray"))))", at: "ndarray",
                                 raising: .typeError)
            }
            return .tensor(array.tensor)
        })
}
