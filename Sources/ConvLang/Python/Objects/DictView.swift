/// What `d.keys()`, `d.values()` and `d.items()` give: a live view of the dict, not a copy, so
/// it sees entries stored after it was made. It iterates, has a `len`, answers `in`, and shows
/// as Python shows it: `dict_keys(['a', 'b'])`, or `odict_keys([...])` for an OrderedDict (a
/// state dict's `.keys()`, which tutorials print).
final class DictView: TorchObject {
    /// Which part of each entry the view yields.
    enum Part: String {
        case keys, values, items
    }

    let dict: PythonDict
    let part: Part

    init(_ dict: PythonDict, _ part: Part) {
        (self.dict, self.part) = (dict, part)
    }

    /// `dict_keys`, `odict_values`, …: Python's class name.
    var typeName: String { (dict.isOrdered ? "odict_" : "dict_") + part.rawValue }

    /// The view's items now: keys, values, or `(key, value)` tuples, in insertion order.
    var items: [Value] {
        switch part {
        case .keys: dict.keys
        case .values: dict.values
        case .items: zip(dict.keys, dict.values).map { .tuple([$0, $1]) }
        }
    }

    /// Python's `item in view`: a key is looked up (TypeError when it cannot be hashed); a value
    /// or a pair is compared with each entry.
    func contains(_ item: Value, at range: SourceRange) throws(RuntimeError) -> Bool {
        guard part == .keys else { return items.contains { ValueEquality.equal($0, item) } }
        guard PythonDict.isHashable(item) else { throw PythonOperators.unhashable(item, at: range) }
        return dict[item] != nil
    }

    /// Shown through ``OpenContainers``, which gives the items their context's text; this is the
    /// fallback with the items' own descriptions.
    var description: String { typeName + "(" + PythonText.repr(.list(PythonList(items))) + ")" }

    func member(_ name: String) throws(RuntimeError) -> Value? { nil }

    var memberNames: [String] { [] }
}

extension Value {
    /// The dict view this value is, nil for any other value.
    var dictView: DictView? {
        if case .object(let box) = self { return box.object as? DictView }
        return nil
    }
}
