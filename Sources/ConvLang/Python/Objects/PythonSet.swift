import BigInt

/// Python's `set` (and `frozenset`): unordered, without duplicates, shared by every name bound
/// to it.
///
/// Elements are what a dict key can be (ints, floats, strings, bools, None and tuples of those),
/// equal as Python hashes them: `1`, `1.0` and `True` are one element. The table is CPython's
/// open-addressed one (Objects/setobject.c): the same hashes, probing, growth and dummy slots,
/// so a set of numbers iterates and prints in CPython's order (`{8, 3}` shows `{8, 3}`,
/// `set([10, 3, 8, 100])` shows `{8, 10, 3, 100}`). A string's hash, and None's, change from
/// one CPython process to the next (PYTHONHASHSEED, addresses), so no order of theirs is
/// CPython's; while a set holds one, it iterates in insertion order instead.
/// `@unchecked Sendable` under the interpreter's rule that it and its values are used by one
/// thread at a time.
public final class PythonSet: @unchecked Sendable {
    /// An element with its hash and the position it was inserted at.
    struct Entry {
        let value: Value
        let key: DictKey
        let hash: Int
        /// Whether `hash` is CPython's in every process (no string or None in it).
        let isStable: Bool
        /// Insertion order, for sets that hold an element of no stable hash.
        let serial: Int
    }

    private enum Slot {
        case empty, dummy, active(Entry)
    }

    /// CPython's PySet_MINSIZE, LINEAR_PROBES and PERTURB_SHIFT.
    private static let minimumSize = 8, linearProbes = 9, perturbShift: UInt = 5

    private var table: [Slot] = Array(repeating: .empty, count: minimumSize)
    /// Active and dummy slots (CPython's `fill`).
    private var fill = 0
    /// How many elements it holds (CPython's `used`).
    public private(set) var count = 0
    /// Where `pop` starts looking, as CPython's `finger`.
    private var finger = 0
    private var nextSerial = 0
    /// How many elements have no stable hash.
    private var unstableCount = 0
    /// Made by `frozenset(...)`: shown as `frozenset({1, 2})`, and its methods do not change it.
    public internal(set) var isFrozen = false

    private var mask: Int { table.count - 1 }

    public init() {}

    /// The elements in CPython's iteration order (insertion order while an element has no
    /// stable hash).
    public var elements: [Value] { entries.map(\.value) }

    /// The entries in iteration order.
    var entries: [Entry] {
        let active = slotEntries
        return unstableCount > 0 ? active.sorted { $0.serial < $1.serial } : active
    }

    /// The entries in slot order, as CPython's `set_next` walks them.
    private var slotEntries: [Entry] {
        table.compactMap { if case .active(let entry) = $0 { entry } else { nil } }
    }

    /// Whether `value` is an element; nil when it cannot be hashed.
    public func contains(_ value: Value) -> Bool? {
        guard let entry = Self.entry(value, serial: 0) else { return nil }
        return lookup(entry) != nil
    }

    /// Adds `value`; false (and nothing added) when it cannot be hashed.
    @discardableResult
    public func add(_ value: Value) -> Bool {
        guard let entry = Self.entry(value, serial: nextSerial) else { return false }
        nextSerial += 1
        addEntry(entry)
        return true
    }

    /// Removes `value`; false when it was not there (or cannot be hashed).
    @discardableResult
    public func discard(_ value: Value) -> Bool {
        guard let entry = Self.entry(value, serial: 0) else { return false }
        return discardEntry(entry)
    }

    /// Removes and gives the element in the first active slot from the finger on, as CPython's
    /// `set.pop`; nil when empty. While the set iterates in insertion order, the first inserted.
    public func pop() -> Value? {
        guard count > 0 else { return nil }
        if unstableCount > 0, let first = entries.first, let index = lookup(first) {
            table[index] = .dummy
            count -= 1
            if !first.isStable { unstableCount -= 1 }
            return first.value
        }
        var index = finger & mask
        while true {
            if case .active(let entry) = table[index] {
                table[index] = .dummy
                count -= 1
                if !entry.isStable { unstableCount -= 1 }
                finger = index + 1
                return entry.value
            }
            index = index == mask ? 0 : index + 1
        }
    }

    /// Removes every element (the table shrinks back to its first size, as CPython's).
    public func removeAll() {
        table = Array(repeating: .empty, count: Self.minimumSize)
        (fill, count, unstableCount) = (0, 0, 0)
    }

    /// A new set with the same elements, as `s.copy()` makes it (`frozen` for a frozenset).
    func copy(frozen: Bool? = nil) -> PythonSet {
        let copy = PythonSet()
        copy.merge(self)
        copy.isFrozen = frozen ?? isFrozen
        return copy
    }

    /// Takes `other`'s place: its elements and table (CPython's `set_swap_bodies`).
    func replaceContents(with other: PythonSet) {
        (table, fill, count, nextSerial, unstableCount) = (other.table, other.fill, other.count, other.nextSerial, other.unstableCount)
    }

    // MARK: - Adding many

    /// Adds every element of `other` (CPython's `set_merge`: one resize first, then the slots
    /// copied as they are, or placed afresh, or added one by one).
    func merge(_ other: PythonSet) {
        guard other !== self, other.count > 0 else { return }
        if (fill + other.count) * 5 >= mask * 3 { resize(toHold: (count + other.count) * 2) }
        let base = nextSerial
        nextSerial += other.nextSerial
        let renumbered = { (entry: Entry) in
            Entry(value: entry.value, key: entry.key, hash: entry.hash, isStable: entry.isStable, serial: base + entry.serial)
        }
        if fill == 0, mask == other.mask, other.fill == other.count {
            for (index, slot) in other.table.enumerated() {
                if case .active(let entry) = slot { table[index] = .active(renumbered(entry)) }
            }
            (fill, count, unstableCount) = (other.fill, other.count, other.unstableCount)
        } else if fill == 0 {
            (fill, count, unstableCount) = (other.count, other.count, other.unstableCount)
            for entry in other.slotEntries { insertClean(renumbered(entry)) }
        } else {
            for entry in other.slotEntries { addEntry(renumbered(entry)) }
        }
    }

    /// Adds the keys of `dict` (CPython resizes once for them first).
    func merge(keysOf dict: PythonDict) {
        if (fill + dict.count) * 5 >= mask * 3 { resize(toHold: (count + dict.count) * 2) }
        for key in dict.keys { add(key) }
    }

    /// Entries of `other` in the order CPython's loops over a set meet them, each with a serial
    /// that keeps `other`'s insertion order after this set's own elements.
    func adopting(_ other: PythonSet) -> [Entry] {
        let base = nextSerial
        nextSerial += other.nextSerial
        return other.slotEntries.map {
            Entry(value: $0.value, key: $0.key, hash: $0.hash, isStable: $0.isStable, serial: base + $0.serial)
        }
    }

    /// Adds `other`'s elements one by one in its slot order, as CPython's loops over a set do.
    func addAll(inSlotOrderOf other: PythonSet) {
        for entry in adopting(other) { addEntry(entry) }
    }

    /// Whether an entry equal to `entry` is here.
    func containsEntry(_ entry: Entry) -> Bool { lookup(entry) != nil }

    /// Adds an entry another set held (its hash already known).
    func addEntry(_ entry: Entry) {
        var index = entry.hash & mask
        var perturb = UInt(bitPattern: entry.hash)
        var freeSlot: Int?
        while true {
            let probes = index + Self.linearProbes <= mask ? Self.linearProbes : 0
            for probe in index...(index + probes) {
                switch table[probe] {
                case .empty:
                    count += 1
                    if !entry.isStable { unstableCount += 1 }
                    if let freeSlot {
                        table[freeSlot] = .active(entry)
                        return
                    }
                    table[probe] = .active(entry)
                    fill += 1
                    if fill * 5 >= mask * 3 { resize(toHold: count > 50000 ? count * 2 : count * 4) }
                    return
                case .dummy:
                    freeSlot = probe  // the last dummy met, as CPython's loop keeps
                case .active(let present):
                    if present.hash == entry.hash, present.key == entry.key { return }
                }
            }
            perturb >>= Self.perturbShift
            index = Int(truncatingIfNeeded: (UInt(index) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    /// Removes the element equal to `entry`'s; false when there is none.
    @discardableResult
    func discardEntry(_ entry: Entry) -> Bool {
        guard let index = lookup(entry), case .active(let present) = table[index] else { return false }
        table[index] = .dummy
        count -= 1
        if !present.isStable { unstableCount -= 1 }
        return true
    }

    /// Rebuilds the table when more than a quarter of its slots are dummies, as CPython does
    /// after `difference_update`.
    func purgeDummiesIfMany() {
        if fill - count > mask / 4 { resize(toHold: count > 50000 ? count * 2 : count * 4) }
    }

    // MARK: - The table

    /// The slot holding an element equal to `entry`'s, nil when absent.
    private func lookup(_ entry: Entry) -> Int? {
        var index = entry.hash & mask
        var perturb = UInt(bitPattern: entry.hash)
        while true {
            let probes = index + Self.linearProbes <= mask ? Self.linearProbes : 0
            for probe in index...(index + probes) {
                switch table[probe] {
                case .empty: return nil
                case .dummy: break
                case .active(let present):
                    if present.hash == entry.hash, present.key == entry.key { return probe }
                }
            }
            perturb >>= Self.perturbShift
            index = Int(truncatingIfNeeded: (UInt(index) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    /// A table of the smallest power of two above `minimumUsed` slots (at least 8), with the
    /// active entries placed again in slot order and the dummies dropped.
    private func resize(toHold minimumUsed: Int) {
        var size = Self.minimumSize
        while size <= minimumUsed { size <<= 1 }
        // CPython leaves a table of the smallest size alone when it has no dummies.
        if size == Self.minimumSize, table.count == size, fill == count { return }
        let old = slotEntries
        table = Array(repeating: .empty, count: size)
        fill = count
        for entry in old { insertClean(entry) }
    }

    /// Places an entry known to be absent in a table without dummies (CPython's
    /// `set_insert_clean`); counts are the caller's.
    private func insertClean(_ entry: Entry) {
        var index = entry.hash & mask
        var perturb = UInt(bitPattern: entry.hash)
        while true {
            if case .empty = table[index] {
                table[index] = .active(entry)
                return
            }
            if index + Self.linearProbes <= mask {
                for probe in (index + 1)...(index + Self.linearProbes) {
                    if case .empty = table[probe] {
                        table[probe] = .active(entry)
                        return
                    }
                }
            }
            perturb >>= Self.perturbShift
            index = Int(truncatingIfNeeded: (UInt(index) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    // MARK: - Hashing

    /// `value` as an element, nil when it cannot be hashed.
    static func entry(_ value: Value, serial: Int) -> Entry? {
        guard let key = DictKey(value) else { return nil }
        let (hash, isStable) = PythonHash.hash(key)
        return Entry(value: value, key: key, hash: hash, isStable: isStable, serial: serial)
    }

    /// Whether `value` can be an element.
    static func isHashable(_ value: Value) -> Bool { DictKey(value) != nil }
}

/// CPython's `hash()` of the values a set holds (Python/pyhash.c, Objects/tupleobject.c), on a
/// 64-bit build.
enum PythonHash {
    /// 2**61 - 1, the modulus of Python's numeric hash.
    private static let modulus: UInt64 = (1 << 61) - 1
    private static let bits: UInt64 = 61
    private static let infinity = 314_159

    /// The hash, and whether CPython gives it in every process: a string's is salted per process
    /// and None's is its address, so for those this is a stand-in that only keeps equal values
    /// together.
    static func hash(_ key: DictKey) -> (Int, isStable: Bool) {
        switch key {
        case .int(let n): (int(n), true)
        case .big(let n): (big(n.value), true)
        case .float(let x): x.isNaN ? (0, false) : (float(x), true)
        case .string(let text): (standIn(text), false)
        case .none: (0x5EC0_DE, false)
        case .tuple(let items): tuple(items)
        }
    }

    static func int(_ n: Int) -> Int {
        let reduced = Int(truncatingIfNeeded: n.magnitude % UInt(modulus))
        let hash = n < 0 ? -reduced : reduced
        return hash == -1 ? -2 : hash
    }

    static func big(_ n: BigInt) -> Int {
        let reduced = Int(truncatingIfNeeded: UInt64(n.magnitude % BigUInt(modulus)))
        let hash = n.sign == .minus ? -reduced : reduced
        return hash == -1 ? -2 : hash
    }

    /// `_Py_HashDouble`: the value of `x` mod 2**61 - 1, so a whole float hashes as its int.
    static func float(_ x: Double) -> Int {
        guard x.isFinite else { return x > 0 ? infinity : -infinity }
        var exponent = x.exponent + 1  // frexp's: x = m * 2**e with 0.5 <= |m| < 1
        var m = x.magnitude.significand / 2
        if x == 0 { (m, exponent) = (0, 0) }
        var hash: UInt64 = 0
        while m != 0 {
            hash = ((hash << 28) & modulus) | hash >> (bits - 28)
            m *= 268_435_456.0
            exponent -= 28
            let whole = UInt64(m)
            m -= Double(whole)
            hash += whole
            if hash >= modulus { hash -= modulus }
        }
        let shift = UInt64(exponent >= 0 ? exponent % Int(bits) : Int(bits) - 1 - ((-1 - exponent) % Int(bits)))
        hash = ((hash << shift) & modulus) | hash >> (bits - shift)
        let signed = x < 0 ? 0 &- hash : hash
        return signed == UInt64.max ? -2 : Int(bitPattern: UInt(signed))
    }

    /// CPython's xxHash-based `tuplehash`.
    private static func tuple(_ items: [DictKey]) -> (Int, isStable: Bool) {
        let prime1: UInt64 = 11_400_714_785_074_694_791, prime2: UInt64 = 14_029_467_366_897_019_727
        let prime5: UInt64 = 2_870_177_450_012_600_261
        var accumulator = prime5
        var isStable = true
        for item in items {
            let (lane, stable) = hash(item)
            isStable = isStable && stable
            accumulator &+= UInt64(bitPattern: Int64(lane)) &* prime2
            accumulator = (accumulator << 31) | (accumulator >> 33)
            accumulator &*= prime1
        }
        accumulator &+= UInt64(items.count) ^ (prime5 ^ 3_527_539)
        if accumulator == UInt64.max { return (1_546_275_796, isStable) }
        return (Int(Int64(bitPattern: accumulator)), isStable)
    }

    /// FNV-1a of the text: equal strings meet in the table; the order is not CPython's (no
    /// order is, from one process to the next).
    private static func standIn(_ text: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let value = Int(Int64(bitPattern: hash))
        return value == -1 ? -2 : value
    }
}

extension Value {
    /// The set this value is, nil for any other value.
    var pythonSet: PythonSet? {
        if case .set(let set) = self { return set }
        return nil
    }
}
