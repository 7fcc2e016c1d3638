import ConvNumerics

/// Python's `list`: a mutable sequence that every name bound to it shares, so `ys = xs;
/// ys.append(1)` changes `xs` too.
///
/// `@unchecked Sendable` under the rule the whole interpreter follows: an interpreter and the
/// values it made are used by one thread at a time.
public final class PythonList: @unchecked Sendable {
    /// The items, in order.
    public var items: [Value]

    public init(_ items: [Value] = []) { self.items = items }

    /// The tensor a list of numbers (or of equal-shaped rows) stands for, wherever a tensor is
    /// expected: `[[1, 2], [3, 4]]` is a 2×2 float64 tensor; a list of tensors of one dtype is one of that dtype. Nil when the items are not numbers,
    /// tensors or such lists, or the rows differ in shape.
    var tensor: Tensor? { Self.tensor(from: items) }

    /// Lists nested deeper than this are no tensor: far beyond any real rank, and a list that
    /// contains itself (`xs.append(xs)`) would otherwise be walked for ever.
    static let deepestNesting = 64

    static func tensor(from items: [Value], depth: Int = 0) -> Tensor? {
        guard depth < deepestNesting else { return nil }
        guard let first = items.first else { return Tensor([]) }
        if first.asNumber != nil {
            var scalars: [Double] = []
            scalars.reserveCapacity(items.count)
            for item in items {
                guard let number = item.asNumber else { return nil }
                scalars.append(number)
            }
            return Tensor(scalars)
        }
        var rows: [Tensor] = []
        rows.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .tensor(let row): rows.append(row)
            case .list(let list):
                guard let row = tensor(from: list.items, depth: depth + 1) else { return nil }
                rows.append(row)
            default: return nil
            }
        }
        let head = rows[0].shape
        guard rows.allSatisfy({ $0.shape == head }) else { return nil }
        let stacked = Tensor(shape: [rows.count] + head, scalars: Array(rows.map(\.scalars).joined()))
        // Rows of one dtype (`[K]` of a float32 tensor) stack in it, as torch.stack does.
        let dtype = rows[0].dtype
        return rows.allSatisfy({ $0.dtype == dtype }) ? stacked?.converted(to: dtype) : stacked
    }
}

extension Value {
    /// A list as the tensor it stands for (see ``PythonList/tensor``), anything else unchanged:
    /// what a builtin or a layer that takes tensors receives, and how a list shows.
    var tensorIfList: Value {
        if case .list(let list) = self, let tensor = list.tensor { return .tensor(tensor) }
        if case .variable(let box) = self { return .tensor(box.tensor) }
        return self
    }
}
