import ConvNumerics
import NumPyFormatting

/// A NumPy array (`numpy.ndarray`): a tensor with NumPy's display, type name, dtype rules and
/// reference semantics. `b = a; b[0] = 5` changes `a` too, as in NumPy; builtins, layers and
/// torch functions that take tensors receive the tensor it holds.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
///
/// A NumPy scalar (`np.float64(2.5)`, what indexing an element and whole reductions give) is one
/// too, 0-d and marked ``isScalar``: it computes as a 0-d array does (NumPy's dtypes), reads as
/// its number wherever Python wants one (``Value/asNumber``), and shows as NumPy 2 shows
/// scalars: `2.5` in `str`, `np.float64(2.5)` in `repr`.
final class NumPyArray: TorchObject, NumPyShown, @unchecked Sendable {
    /// The elements, shape and dtype (float64, float32, int64 or bool).
    var tensor: Tensor
    /// Whether it is a NumPy scalar (`numpy.float64`) rather than an array.
    let isScalar: Bool

    init(_ tensor: Tensor, isScalar: Bool = false) {
        self.tensor = tensor
        self.isScalar = isScalar
    }

    var typeName: String { isScalar ? NumPyDTypes.scalarName(tensor.dtype) : "ndarray" }
    /// The repr under NumPy's default print options (`--json` records, `:vars`).
    var description: String { repr(NumPyPrintOptions()) }

    func str(_ options: NumPyPrintOptions) -> String { isScalar ? NumPyText.scalar(tensor) : NumPyText.str(tensor, options: options) }
    func repr(_ options: NumPyPrintOptions) -> String {
        guard isScalar else { return NumPyText.repr(tensor, options: options) }
        if let flags = tensor.boolScalars, let flag = flags.first { return flag ? "np.True_" : "np.False_" }
        return "np.\(NumPyDTypes.scalarName(tensor.dtype))(\(NumPyText.scalar(tensor)))"
    }

    func member(_ name: String) throws(RuntimeError) -> Value? { NumPyMembers.member(name, of: self) }
    var memberNames: [String] { NumPyMembers.names }
}

/// What NumPy's objects show under the print options in effect: arrays and dtypes, whose
/// `str` and `repr` differ (`[1. 2.]` and `array([1., 2.])`, `float64` and `dtype('float64')`).
protocol NumPyShown {
    func str(_ options: NumPyPrintOptions) -> String
    func repr(_ options: NumPyPrintOptions) -> String
}

extension Value {
    /// A new NumPy array holding `tensor`.
    static func array(_ tensor: Tensor) -> Value { .object(ObjectBox(NumPyArray(tensor))) }

    /// The NumPy array this value is, nil for any other value.
    var numpyArray: NumPyArray? {
        if case .object(let box) = self { return box.object as? NumPyArray }
        return nil
    }

    /// The Python number a NumPy scalar stands for (`float(np.float64(2.5))`), nil for any
    /// other value.
    var numpyScalarValue: Value? {
        guard let array = numpyArray, array.isScalar, array.tensor.count == 1 else { return nil }
        return .numpyScalar(array.tensor, at: 0)
    }

    /// The value NumPy gives for a result: a NumPy scalar for a 0-d tensor, an array otherwise.
    static func numpyResult(_ tensor: Tensor) -> Value {
        guard tensor.rank == 0, tensor.count == 1 else { return .array(tensor) }
        return .object(ObjectBox(NumPyArray(tensor, isScalar: true)))
    }

    /// Element `offset` of `tensor` as the NumPy scalar NumPy's indexing gives (`np.float64(2.5)`).
    static func numpyElement(_ tensor: Tensor, at offset: Int) -> Value {
        .object(ObjectBox(NumPyArray(TensorGeometry.gather(tensor, shape: [], sources: [offset]) ?? tensor, isScalar: true)))
    }

    /// Element `offset` of `tensor` as the Python number `tolist()` and `item()` give.
    static func numpyScalar(_ tensor: Tensor, at offset: Int) -> Value {
        switch tensor.storage {
        case .float64(let values): .number(values[offset])
        case .float32(let values): .number(Double(values[offset]))
        case .int64(let values): .int(Int(values[offset]))
        case .int32(let values): .int(Int(values[offset]))
        case .bool(let values): .bool(values[offset])
        }
    }

    /// NumPy's text of this value when it is one of NumPy's objects, nil otherwise.
    func numpyText(repr: Bool, options: NumPyPrintOptions) -> String? {
        guard case .object(let box) = self, let shown = box.object as? any NumPyShown else { return nil }
        return repr ? shown.repr(options) : shown.str(options)
    }

    /// Whether NumPy's display decides how this value shows (alone, or inside tuples and lists
    /// up to a few levels deep: a list may contain itself).
    var showsNumPy: Bool { showsNumPy(depth: 0) }

    private func showsNumPy(depth: Int) -> Bool {
        guard depth < 4 else { return false }
        return switch self {
        case .object(let box): box.object is any NumPyShown
        case .tuple(let items): items.contains { $0.showsNumPy(depth: depth + 1) }
        case .list(let list): list.items.contains { $0.showsNumPy(depth: depth + 1) }
        default: false
        }
    }
}
