/// PyTorch's `torch.return_types`: what `x.max(dim=1)`, `min`, `sort`, `topk` and `median` along
/// a dimension give, a named tuple of `values` and `indices`.
///
/// It is a tuple in every use (unpacking, `r[0]`, `len`, iteration, `==`), answers `.values`
/// and `.indices`, and shows as PyTorch prints it in PyTorch's display
/// (`torch.return_types.max(\nvalues=tensor([5, 6]),\nindices=tensor([1, 2]))`) and as the
/// tuple `(values, indices)` in conv's. A reference, so that ``Value`` stays small.
public final class ReturnTuple: Sendable {
    /// The function that made it: `max`, `sort`, ...
    let name: String
    /// The items, in the order of ``fieldNames``.
    let items: [Value]

    /// The fields of every `torch.return_types` conv makes.
    static let fieldNames = ["values", "indices"]

    init(name: String, items: [Value]) {
        self.name = name
        self.items = items
    }

    /// `torch.return_types.NAME(values=..., indices=...)` as a value.
    static func value(_ name: String, values: Value, indices: Value) -> Value {
        .returnTuple(ReturnTuple(name: name, items: [values, indices]))
    }

    /// `.values` or `.indices`; nil for any other name.
    func member(_ name: String) -> Value? {
        Self.fieldNames.firstIndex(of: name).map { items[$0] }
    }

    /// PyTorch's text, each field on its own line after the type's name, given each item's
    /// text.
    func text(_ itemText: (Value) -> String) -> String {
        let fields = zip(Self.fieldNames, items).map { "\($0)=\(itemText($1))" }
        return "torch.return_types.\(name)(\n" + fields.joined(separator: ",\n") + ")"
    }
}
