import ConvNumerics

/// What one element of a tensor is to the program: indexing a tensor down to one element
/// (`x[0]`, `x[1, 2]`) and walking a rank-1 tensor (`for v in x`).
///
/// In PyTorch an element is a 0-d tensor of the tensor's dtype (`tensor(1.)`, `tensor(5)`), and
/// so it is here, with one exception that keeps the short language as it always was: in conv's
/// display (a program that does not import torch) an element of a float64 tensor, the short
/// language's tensors, is a Python float (`let x = [2, 3, 4]; print(x[0])` shows `2.0`).
/// The display is the session's choice of which world it is in: after `import torch` (or with
/// `--display torch`) every tensor is PyTorch's, float64 ones included.
struct ElementRule {
    /// Whether an element of a float64 tensor is a Python float.
    let float64AsNumbers: Bool
    /// The run walking the elements, for iterables that call back into the program or draw
    /// random numbers as they are walked (a `DataLoader`); nil outside a run.
    let context: EvaluationContext?

    init(_ context: EvaluationContext) {
        float64AsNumbers = context.display.mode == .conv
        self.context = context
    }

    init(float64AsNumbers: Bool) {
        self.float64AsNumbers = float64AsNumbers
        context = nil
    }

    /// The element at flat `offset` of `tensor`'s storage, for `0 ≤ offset < tensor.count`.
    func element(of tensor: Tensor, atOffset offset: Int) -> Value {
        switch tensor.storage {
        case .float64(let elements):
            float64AsNumbers ? .number(elements[offset]) : .tensor(Tensor(scalar: elements[offset]))
        case .float32(let elements): .tensor(Tensor(scalar: elements[offset]))
        case .int64(let elements): .tensor(Tensor(scalar: elements[offset]))
        case .int32(let elements): .tensor(Tensor(scalar: elements[offset]))
        case .bool(let elements): .tensor(Tensor(scalar: elements[offset]))
        }
    }
}
