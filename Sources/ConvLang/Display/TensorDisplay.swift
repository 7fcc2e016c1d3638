import ConvNumerics
import NumPyFormatting
import TorchFormatting

/// How a run shows tensors: conv's own display, or PyTorch's printout (`tensor([1., 2.])`).
///
/// The mode is a session setting: the host picks it (``Interpreter/Configuration/display``),
/// and with ``Interpreter/Configuration/displayFollowsImports`` a program that imports
/// `torch` switches its session to ``torch``. Only tensors change; every other value shows the
/// same in both modes.
public enum DisplayMode: String, Sendable, CaseIterable {
    /// conv's display: 8 significant digits, NumPy-like rows (`[0.5, -1.25]`).
    case conv
    /// PyTorch's `print`/`repr` of tensors, with `torch.set_printoptions`' options.
    case torch
}

/// The display in effect during a run: the mode and the options `torch.set_printoptions` set.
struct TensorDisplay: Sendable {
    var mode: DisplayMode = .conv
    var options = TorchPrintOptions()
    /// `torch.get_default_dtype()`, whose tensors PyTorch prints without `dtype=`.
    var defaultDType: DType = .float32
    /// The options `np.set_printoptions` set, for NumPy's arrays (shown as NumPy prints them in
    /// either mode).
    var numpy = NumPyPrintOptions()

    /// conv's display.
    static let conv = TensorDisplay()

    /// The most elements printed whole, whatever the threshold: `profile="full"` on a tensor of
    /// a hundred million elements would otherwise stall the session for minutes writing text
    /// nobody reads, and formatting cannot be interrupted.
    static let largestWholePrint = 1_000_000

    /// A tensor's text under this display: the one place the mode decides it. `marks` are the
    /// autograd and Parameter marks PyTorch's printout adds (conv's display shows none).
    func text(of tensor: Tensor, marks: TensorMarks = .plain) -> String {
        switch mode {
        case .conv:
            return ValueFormatter.format(tensor)
        case .torch:
            var options = options
            // `!(x <= cap)` also catches a NaN threshold, which never summarises in PyTorch.
            if !(options.threshold <= Double(Self.largestWholePrint)) { options.threshold = Double(Self.largestWholePrint) }
            return TorchText.tensor(tensor, options: options, marks: marks, defaultDType: defaultDType)
        }
    }

    /// A `torch.Size`'s text: PyTorch's `torch.Size([1, 2])`, or in conv's display the tuple
    /// `(1, 2)` that `shape(x)` shows.
    func text(ofSize extents: [Int]) -> String {
        let items = extents.map(String.init).joined(separator: ", ")
        switch mode {
        case .conv: return extents.count == 1 ? "(" + items + ",)" : "(" + items + ")"
        case .torch: return "torch.Size([" + items + "])"
        }
    }
}
