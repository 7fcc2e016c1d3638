/// The module-level names of a session: one slot per name, kept for good once made, so that
/// compiled code reads a global by its slot number instead of looking its name up.
///
/// A slot exists as soon as code that mentions the name is compiled; it is unbound (`nil`) until
/// something binds it, and unbound again after `forget` or `reset`. Each REPL entry sees the
/// bindings of the earlier ones, as before.
final class Globals {
    private var slots: [String: Int] = [:]
    private var names: [String] = []
    /// The name bound last and its slot: a script's next line often reads the name the line
    /// before bound (`a2 = a1 * 0.5`), which then needs no look-up in the table of all names,
    /// whose buckets are scattered in memory.
    private var lastBound: (name: String, slot: Int)?
    /// The values by slot; `nil` while unbound. Read directly by compiled code, on every pass
    /// of a loop: a run is single-threaded and never holds an access across a call, so the
    /// run-time exclusivity check is left out.
    @exclusivity(unchecked) private(set) var values: ContiguousArray<Value?> = []
    /// The bound names, in the order they were first bound.
    private(set) var order: [String] = []

    /// The slot of `name`, made (unbound) if the name has none yet.
    func slot(for name: String) -> Int {
        // One hash of the name, found or inserted: a script of many bindings makes a slot each.
        let next = values.count
        let slot = Self.value(of: &slots[name, default: next])
        if slot == next {
            names.append(name)
            values.append(nil)
        }
        return slot
    }

    /// Reads through the dictionary's in-place accessor, which inserts the default if missing.
    private static func value(of entry: inout Int) -> Int { entry }

    /// The value bound to `name`, if any.
    subscript(name: String) -> Value? {
        if let lastBound, lastBound.name == name { return values[lastBound.slot] }
        return slots[name].flatMap { values[$0] }
    }

    /// Binds `name`.
    func bind(_ name: String, _ value: Value) {
        let slot = slot(for: name)
        set(slot, to: value)
        lastBound = (name, slot)
    }

    /// Binds the global in `slot` (from ``slot(for:)``).
    @inline(__always)
    func set(_ slot: Int, to value: Value) {
        if values[slot] == nil { order.append(names[slot]) }
        values[slot] = value
    }

    /// Unbinds `name`; false when it was not bound.
    @discardableResult
    func forget(_ name: String) -> Bool {
        guard let slot = slots[name], values[slot] != nil else { return false }
        values[slot] = nil
        order.removeAll { $0 == name }
        return true
    }

    /// Unbinds every name (their slots stay, for code compiled earlier).
    func reset() {
        for slot in values.indices { values[slot] = nil }
        order = []
    }

    /// Makes room for `count` more names at once, so that a long script does not rehash the
    /// table again and again as it grows.
    func reserve(_ count: Int) {
        slots.reserveCapacity(slots.count + count)
        names.reserveCapacity(names.count + count)
        values.reserveCapacity(values.count + count)
    }
}
