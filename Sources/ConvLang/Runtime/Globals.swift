/// The module-level names of a session: one slot per name, kept for good once made, so that
/// compiled code reads a global by its slot number instead of looking its name up.
///
/// A slot exists as soon as code that mentions the name is compiled; it is unbound (`nil`) until
/// something binds it, and unbound again after `forget` or `reset`. Each REPL entry sees the
/// bindings of the earlier ones, as before.
final class Globals {
    /// The slots by name: an open-addressing table, at most half full, probed in turn from the
    /// name's hash. An entry holds its slot plus one in the low ``slotBits`` bits (0: empty) and
    /// the top bits of the name's hash above them, so that passing other names' entries reads
    /// nothing else. A script of 100,000 bindings makes a slot per line; Swift's dictionary
    /// hashed each name with SipHash and touched three scattered arrays per insertion, this
    /// hashes the name's few bytes and touches one entry of the table. Like ``values``, the
    /// table and the records are never accessed across a call, so their run-time exclusivity
    /// checks are left out.
    @exclusivity(unchecked) private var table = [UInt64](repeating: 0, count: 64)
    /// The bits of a table entry that hold the slot: room for a trillion names, which no
    /// memory holds (each takes a string and a value).
    private static let slotBits: UInt64 = 40
    /// How far a multiplied hash is shifted to index ``table`` (64 less its size's exponent).
    @exclusivity(unchecked) private var shift = 58
    /// Each slot's name and its hash, by slot.
    @exclusivity(unchecked) private var entries: [(name: String, hash: UInt64)] = []
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
        let hash = Self.hash(name)
        let (found, position) = find(name, hash: hash)
        if let found { return found }
        let slot = entries.count
        entries.append((name, hash))
        values.append(nil)
        table[position] = Self.entry(slot, hash)
        if entries.count > table.count / 2 { rebuild(holding: entries.count) }
        return slot
    }

    /// The slot of `name` if it has one, and the position in ``table`` where the search ended
    /// (where a new slot for it goes).
    @inline(__always)
    private func find(_ name: String, hash: UInt64) -> (slot: Int?, position: Int) {
        let mask = table.count - 1
        var position = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
        let tag = hash >> Self.slotBits
        while true {
            let entry = table[position]
            if entry == 0 { return (nil, position) }
            if entry >> Self.slotBits == tag {
                let slot = Int(truncatingIfNeeded: entry & (1 << Self.slotBits - 1)) - 1
                if entries[slot].name == name { return (slot, position) }
            }
            position = (position + 1) & mask
        }
    }

    /// The table entry of `slot`, for a name of hash `hash`.
    @inline(__always)
    private static func entry(_ slot: Int, _ hash: UInt64) -> UInt64 {
        (hash >> slotBits) << slotBits | UInt64(truncatingIfNeeded: slot + 1) & (1 << slotBits - 1)
    }

    /// FNV-1a over the name's UTF-8 bytes, read in place.
    private static func hash(_ name: String) -> UInt64 {
        func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            return hash
        }
        return name.utf8.withContiguousStorageIfAvailable { fnv($0) } ?? fnv(name.utf8)
    }

    /// Makes ``table`` big enough that `count` names fill at most half of it, and places every
    /// slot in it again.
    private func rebuild(holding count: Int) {
        var size = table.count
        var exponent = 64 - shift
        // The bound keeps the doubling from overflowing; no program comes near it.
        while size / 2 < count, exponent < 48 {
            size *= 2
            exponent += 1
        }
        guard size != table.count else { return }
        table = [UInt64](repeating: 0, count: size)
        shift = 64 - exponent
        let mask = size - 1
        for (slot, entry) in entries.enumerated() {
            var position = Int(truncatingIfNeeded: (entry.hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
            while table[position] != 0 { position = (position + 1) & mask }
            table[position] = Self.entry(slot, entry.hash)
        }
    }

    /// The slot of `name`, if it has one.
    private func existingSlot(_ name: String) -> Int? { find(name, hash: Self.hash(name)).slot }

    /// The value bound to `name`, if any.
    subscript(name: String) -> Value? {
        if let lastBound, lastBound.name == name { return values[lastBound.slot] }
        return existingSlot(name).flatMap { values[$0] }
    }

    /// Binds `name`.
    func bind(_ name: String, _ value: Value) {
        bind(name, inSlot: slot(for: name), value)
    }

    /// Binds `name`, whose slot is `slot` (from ``slot(for:)``).
    func bind(_ name: String, inSlot slot: Int, _ value: Value) {
        set(slot, to: value)
        lastBound = (name, slot)
    }

    /// Binds the global in `slot` (from ``slot(for:)``).
    @inline(__always)
    func set(_ slot: Int, to value: Value) {
        if values[slot] == nil { order.append(entries[slot].name) }
        values[slot] = value
    }

    /// Unbinds `name`; false when it was not bound.
    @discardableResult
    func forget(_ name: String) -> Bool {
        guard let slot = existingSlot(name), values[slot] != nil else { return false }
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
        let (total, overflow) = entries.count.addingReportingOverflow(count)
        guard !overflow else { return }
        rebuild(holding: total)
        entries.reserveCapacity(total)
        values.reserveCapacity(total)
        order.reserveCapacity(order.count + count)
    }
}
