import ConvNumerics

/// NumPy's text of arrays: `str(a)` (`print(a)`) and `repr(a)`, exactly as NumPy 2 writes them.
///
/// `str` is the brackets with spaces between elements (`[1.  2.5 3. ]`, rows on their own
/// lines); `repr` is `array(...)` with commas, wrapped one column earlier for its `)`, followed
/// by `shape=` when the array is empty with another shape than `(0,)` or is summarised, and
/// `dtype=` when its elements do not tell it (anything but float64, int64 and bool, or empty).
public enum NumPyText {
    /// `str(a)`: a 0-d array as its scalar (`2.5`), an empty one as `[]`.
    public static func str(_ tensor: Tensor, options: NumPyPrintOptions = NumPyPrintOptions()) -> String {
        if tensor.rank == 0 { return scalar(tensor) }
        if tensor.count == 0 { return "[]" }
        return layout(tensor, separator: " ", options: options).render(prefixWidth: 0, lineWidth: options.lineWidth)
    }

    /// `repr(a)`: `array([1. , 2.5])`, `array([1., 2.], dtype=float32)`, `array(2.5)`.
    public static func repr(_ tensor: Tensor, options: NumPyPrintOptions = NumPyPrintOptions()) -> String {
        let prefix = "array("
        let body: String
        if tensor.count == 0 {
            body = "[]"
        } else {
            let layout = layout(tensor, separator: ", ", options: options)
            body = tensor.rank == 0 ? layout.scalar()
                : layout.render(prefixWidth: prefix.utf8.count, lineWidth: options.lineWidth - 1)
        }
        var extras: [String] = []
        if (tensor.count == 0 && tensor.shape != [0]) || tensor.count > options.threshold {
            extras.append("shape=" + tuple(tensor.shape))
        }
        if ![.float64, .int64, .bool].contains(tensor.dtype) || tensor.count == 0 {
            extras.append("dtype=" + dtypeName(tensor.dtype))
        }
        guard !extras.isEmpty else { return prefix + body + ")" }
        let text = prefix + body + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).last?.count ?? 0
        let spacer = lastLine + extra.utf8.count + 1 > options.lineWidth ? "\n" + String(repeating: " ", count: prefix.utf8.count) : " "
        return text + spacer + extra
    }

    /// `str` of the scalar a 0-d array (or an element) is: `2.5`, `1e+20`, `3`, `True`; a
    /// float32 with its own shortest digits (`0.1`).
    public static func scalar(_ tensor: Tensor) -> String {
        guard tensor.count > 0 else { return "" }
        switch tensor.storage {
        case .float64(let values): return Dragon4.scalarText(values[0], isFloat32: false)
        case .float32(let values): return Dragon4.scalarText(Double(values[0]), isFloat32: true)
        case .int64(let values): return String(values[0])
        case .int32(let values): return String(values[0])
        case .bool(let values): return values[0] ? "True" : "False"
        }
    }

    /// NumPy's name of a dtype, as `a.dtype` prints: `float64`, `float32`, `int64`, `bool`.
    public static func dtypeName(_ dtype: DType) -> String { dtype.rawValue }

    /// Python's text of a shape tuple: `(3,)`, `(0, 3)`, `()`.
    public static func tuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    private static func layout(_ tensor: Tensor, separator: String, options: NumPyPrintOptions) -> ArrayLayout {
        ArrayLayout(shape: tensor.shape, elements: ArrayElements(tensor), count: tensor.count, separator: separator, options: options)
    }
}
