import ConvNumerics

/// What a tensor's printout says about it beyond its elements: autograd's marks and whether it
/// is an `nn.Parameter`. The formatter does not know autograd; callers pass these in.
public struct TensorMarks: Sendable, Equatable {
    /// `requires_grad=True` (shown only when there is no `grad_fn`).
    public var requiresGrad: Bool
    /// The class name of the tensor's `grad_fn`, such as `ConvolutionBackward0`.
    public var gradFunction: String?
    /// Printed as `Parameter containing:` and the tensor on the next line.
    public var isParameter: Bool

    /// Marks for a tensor; the default is a plain tensor.
    public init(requiresGrad: Bool = false, gradFunction: String? = nil, isParameter: Bool = false) {
        self.requiresGrad = requiresGrad
        self.gradFunction = gradFunction
        self.isParameter = isParameter
    }

    /// A plain tensor: no autograd marks, not a parameter.
    public static let plain = TensorMarks()
}

/// PyTorch's text of tensors, sizes and dtypes: what `print(t)` and `repr(t)` show (the two are
/// the same for tensors).
public enum TorchText {
    /// `repr(t)`: `tensor(...)` with PyTorch's element styles, wrapping and summarising, then the
    /// suffixes PyTorch adds (`size=` and `dtype=` for empty tensors, `dtype=` for a dtype other
    /// than the default float's, int64's and bool's (whose elements show them),
    /// `grad_fn=<...>` or `requires_grad=True`), wrapped onto a new line when they would pass
    /// the line width.
    /// `defaultDType` is `torch.get_default_dtype()`: tensors of that dtype print no `dtype=`.
    public static func tensor(
        _ tensor: Tensor, options: TorchPrintOptions = TorchPrintOptions(), marks: TensorMarks = .plain,
        defaultDType: DType = .float32
    ) -> String {
        let prefix = "tensor("
        let indent = prefix.utf8.count
        var suffixes: [String] = []
        let body: String
        if tensor.count == 0 {
            // An empty tensor shows its shape unless it is (0,), and any dtype but the default:
            // there are no elements to tell int64 or bool apart.
            if tensor.rank != 1 { suffixes.append("size=" + tuple(tensor.shape)) }
            if tensor.dtype != defaultDType { suffixes.append("dtype=" + tensor.dtype.torchName) }
            body = "[]"
        } else {
            if ![defaultDType, .int64, .bool].contains(tensor.dtype) { suffixes.append("dtype=" + tensor.dtype.torchName) }
            let layout = TensorLayout(
                shape: tensor.shape, elements: TensorElements(tensor), count: tensor.count, options: options)
            body = layout.render(indent: indent)
        }
        if let gradFunction = marks.gradFunction {
            suffixes.append("grad_fn=<\(gradFunction)>")
        } else if marks.requiresGrad {
            suffixes.append("requires_grad=True")
        }
        let text = appendingSuffixes(prefix + body, suffixes, indent: indent, lineWidth: options.lineWidth)
        return marks.isParameter ? "Parameter containing:\n" + text : text
    }

    /// `torch.Size([2, 3, 4])`, the text of `t.shape` and `t.size()`.
    public static func size(_ shape: [Int]) -> String {
        "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
    }

    /// `torch.float32`, the text of a dtype.
    public static func dtype(_ dtype: DType) -> String { dtype.torchName }

    /// Python's `str(tuple(shape))`: `(0, 3)`, `(0,)`.
    static func tuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// `_add_suffixes`: each suffix after `, ` on the last line, or on a new line indented under
    /// the first element when the line would pass the width. PyTorch measures the last line as
    /// `len(s) - s.rfind("\n") + 1`, two more than its length when there is no newline, and the
    /// same measure is kept here so that the wrapping point matches.
    static func appendingSuffixes(_ text: String, _ suffixes: [String], indent: Int, lineWidth: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        let lastNewline = scalars.lastIndex(of: "\n") ?? -1
        var lastLineLength = scalars.count - lastNewline + 1
        var result = text
        for suffix in suffixes {
            let length = suffix.unicodeScalars.count
            if lastLineLength + length + 2 > lineWidth {
                result += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + length
            } else {
                result += ", " + suffix
                lastLineLength += length + 2
            }
        }
        return result + ")"
    }
}
