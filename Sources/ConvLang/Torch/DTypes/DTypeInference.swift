import ConvNumerics

/// The dtype PyTorch infers for data given as Python values (`torch.tensor(data)`,
/// `torch.full(size, fill_value)`): bool when every element is a bool, int64 when they are
/// ints (or ints and bools), the default floating dtype as soon as one is a float. A tensor
/// given whole keeps its dtype; a tensor inside a list counts as the kind of its elements.
enum DTypeInference {
    /// The inferred dtype, or nil when `value` holds no numbers to infer from (an empty list
    /// gives the default float in PyTorch; callers fall back to it).
    static func dtype(of value: Value, defaultFloat: DType) -> DType? {
        if let tensor = wholeTensor(value) { return tensor.dtype }
        guard let kind = kind(of: value, depth: 0) else { return nil }
        switch kind {
        case .bool: return .bool
        case .integer: return .int64
        case .floating: return defaultFloat
        }
    }

    /// The kinds of element, in PyTorch's order of promotion: bool < integer < floating.
    private enum Kind: Int, Comparable {
        case bool, integer, floating
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    private static func wholeTensor(_ value: Value) -> Tensor? {
        switch value {
        case .tensor(let tensor): tensor
        case .variable(let box): box.tensor
        default: value.numpyArray?.tensor
        }
    }

    private static func kind(of value: Value, depth: Int) -> Kind? {
        guard depth < PythonList.deepestNesting else { return nil }
        switch value {
        case .bool: return .bool
        case .int, .bigInt: return .integer
        case .number: return .floating
        case .tensor, .variable:
            guard let dtype = wholeTensor(value)?.dtype else { return nil }
            return dtype.isFloatingPoint ? .floating : (dtype == .bool ? .bool : .integer)
        case .list(let list): return list.items.compactMap { kind(of: $0, depth: depth + 1) }.max()
        case .tuple(let items): return items.compactMap { kind(of: $0, depth: depth + 1) }.max()
        default: return nil
        }
    }
}
