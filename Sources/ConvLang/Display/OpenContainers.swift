/// The lists and dicts a text is being made of, innermost last: a container met again inside
/// itself (`xs.append(xs)`) shows a marker (`[...]`, as Python shows it) instead of recursing for
/// ever. Shared by Python's repr and conv's display.
struct OpenContainers {
    private var open: Set<ObjectIdentifier> = []
    /// How many containers the text is inside. Past ``maximumDepth`` a container shows as `...`:
    /// where Python's repr raises RecursionError (a list nested 200,000 deep), conv's text stops
    /// going deeper rather than overflow the stack.
    private var depth = 0
    static let maximumDepth = 1_000

    /// `body`'s text for `container`, or `marker` when the container is already being shown.
    mutating func enclosing(_ container: AnyObject, marker: String, _ body: (inout OpenContainers) -> String) -> String {
        let id = ObjectIdentifier(container)
        guard open.insert(id).inserted else { return marker }
        defer { open.remove(id) }
        return body(&self)
    }

    /// The texts of `items`, joined; each made by `text` with these open containers.
    mutating func joined<Item>(_ items: [Item], separator: String, _ text: (Item, inout OpenContainers) -> String) -> String {
        var parts: [String] = []
        parts.reserveCapacity(items.count)
        for item in items { parts.append(text(item, &self)) }
        return parts.joined(separator: separator)
    }

    /// The text of a tuple, list or dict with each item made by `item`: `(1,)`, `[1, [...]]`,
    /// `{k: v}`; nil for any other value. Python's repr and conv's display differ only in how
    /// they show the items.
    mutating func containerText(_ value: Value, item: (Value, inout OpenContainers) -> String) -> String? {
        switch value {
        case .tuple, .list, .dict, .set: break
        case .object(let box) where box.object is DictView: break
        default: return nil
        }
        guard depth < Self.maximumDepth else { return "..." }
        depth += 1
        defer { depth -= 1 }
        switch value {
        case .tuple(let items):
            let inner = joined(items, separator: ", ", item)
            return items.count == 1 ? "(" + inner + ",)" : "(" + inner + ")"
        case .list(let list):
            return enclosing(list, marker: "[...]") { open in "[" + open.joined(list.items, separator: ", ", item) + "]" }
        case .dict(let dict) where dict.isCollectionsKind:
            return enclosing(dict, marker: "...") { open in CollectionsModule.text(of: dict, &open, item) }
        case .dict(let dict) where dict.isOrdered:
            guard dict.count > 0 else { return "OrderedDict()" }
            let pairs = Array(zip(dict.keys, dict.values)).map { Value.tuple([$0, $1]) }
            return enclosing(dict, marker: "...") { open in "OrderedDict([" + open.joined(pairs, separator: ", ", item) + "])" }
        case .object(let box) where box.object is DictView:
            guard let view = box.object as? DictView else { return nil }
            return enclosing(view.dict, marker: "...") { open in
                view.typeName + "([" + open.joined(view.items, separator: ", ", item) + "])"
            }
        case .set(let set):
            // A set holds no container, so it never meets itself.
            let name = set.isFrozen ? "frozenset" : "set"
            guard set.count > 0 else { return name + "()" }
            let braces = "{" + joined(set.elements, separator: ", ", item) + "}"
            return set.isFrozen ? "frozenset(" + braces + ")" : braces
        case .dict(let dict):
            return enclosing(dict, marker: "{...}") { open in
                "{" + open.joined(Array(zip(dict.keys, dict.values)), separator: ", ") { pair, open in
                    item(pair.0, &open) + ": " + item(pair.1, &open)
                } + "}"
            }
        default:
            return nil
        }
    }
}
