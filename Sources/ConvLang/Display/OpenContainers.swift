/// The lists and dicts a text is being made of, innermost last: a container met again inside
/// itself (`xs.append(xs)`) shows a marker (`[...]`, as Python shows it) instead of recursing for
/// ever. Shared by Python's repr and conv's display.
struct OpenContainers {
    private var open: Set<ObjectIdentifier> = []

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
}
