import BigInt

/// Python's `dict`: keys in insertion order, shared by every name bound to it.
///
/// Keys are ints, floats, strings, bools, None and tuples of those, compared as Python hashes
/// them: `1`, `1.0` and `True` are one key. `@unchecked Sendable` under the interpreter's rule
/// that it and its values are used by one thread at a time.
public final class PythonDict: @unchecked Sendable {
    /// The keys, in insertion order (a key keeps its place when its value changes).
    public private(set) var keys: [Value] = []
    /// The values, in the keys' order.
    public private(set) var values: [Value] = []
    private var positions: [DictKey: Int] = [:]
    /// Made by `OrderedDict(...)` or `state_dict()`: the same dict, shown as Python shows an
    /// OrderedDict (`OrderedDict([('a', 1)])`, `odict_keys([...])`).
    public var isOrdered = false
    /// What reading a missing key gives, for `collections`' dict kinds; nil for a plain dict
    /// (a KeyError).
    var missing: MissingKey?

    /// `collections.Counter` and `collections.defaultdict`: dicts whose missing keys read as 0,
    /// or as a new value of the factory (stored under the key).
    enum MissingKey {
        /// A Counter: a missing key counts 0 and is not stored.
        case zero
        /// A defaultdict: `factory()` is stored under the missing key (no factory: a KeyError).
        case factory(Value)
    }

    /// Whether it is a Counter or a defaultdict.
    var isCollectionsKind: Bool { if case .none = missing { false } else { true } }

    /// Python's class name: `dict`, `OrderedDict`, `Counter` or `defaultdict`.
    var className: String {
        switch missing {
        case .zero: "Counter"
        case .factory: "defaultdict"
        case nil: isOrdered ? "OrderedDict" : "dict"
        }
    }

    public init() {}

    /// A dict of string keys, as `**kwargs` collects them; a later duplicate replaces the value.
    public convenience init(named entries: [(String, Value)]) {
        self.init()
        for (name, value) in entries { _ = store(value, for: .string(name)) }
    }

    /// How many entries it holds.
    public var count: Int { keys.count }

    /// The value stored for `key`; nil when absent or when the key cannot be hashed.
    public subscript(key: Value) -> Value? {
        guard let hashed = DictKey(key), let position = positions[hashed] else { return nil }
        return values[position]
    }

    /// Stores `value` for `key`; false (and nothing stored) when the key cannot be hashed.
    @discardableResult
    public func store(_ value: Value, for key: Value) -> Bool {
        guard let hashed = DictKey(key) else { return false }
        if let position = positions[hashed] {
            values[position] = value
        } else {
            positions[hashed] = keys.count
            keys.append(key)
            values.append(value)
        }
        return true
    }

    /// Removes `key` and gives its value; nil when absent.
    @discardableResult
    public func remove(_ key: Value) -> Value? {
        guard let hashed = DictKey(key), let position = positions.removeValue(forKey: hashed) else { return nil }
        keys.remove(at: position)
        let value = values.remove(at: position)
        for later in position..<keys.count {
            if let moved = DictKey(keys[later]) { positions[moved] = later }
        }
        return value
    }

    /// Removes every entry.
    public func removeAll() {
        keys = []
        values = []
        positions = [:]
    }

    /// A new dict with the same entries (Python's `d.copy()`).
    func copy() -> PythonDict {
        let copy = PythonDict()
        (copy.keys, copy.values, copy.positions, copy.isOrdered) = (keys, values, positions, isOrdered)
        return copy
    }

    /// Whether `key` can be a dict key at all (Python's "unhashable type").
    static func isHashable(_ key: Value) -> Bool { DictKey(key) != nil }
}

/// A dict key as Python hashes it: a bool and a whole float are the int they equal.
enum DictKey: Hashable {
    case int(Int)
    /// An int beyond 64 bits, or a whole float that large (`2.0 ** 70` is the key `2 ** 70`).
    case big(BigInteger)
    case float(Double)
    case string(String)
    case none
    case tuple([DictKey])

    init?(_ value: Value) {
        switch value {
        case .int(let i): self = .int(i)
        case .bigInt(let n): self = .big(n)
        case .bool(let b): self = .int(b ? 1 : 0)
        case .number(let x):
            if let exact = Int(exactly: x) {
                self = .int(exact)
            } else if x.isFinite, x.rounded(.towardZero) == x, case .bigInt(let n) = Value.integer(BigInt(x)) {
                self = .big(n)
            } else {
                self = .float(x)
            }
        case .string(let s): self = .string(s)
        case .none: self = .none
        // A NumPy scalar hashes as the Python number it equals (`d[np.float64(2.5)]` is `d[2.5]`).
        case .object where value.numpyScalarValue != nil: self.init(value.numpyScalarValue ?? .none)
        case .size(let extents): self = .tuple(extents.map(DictKey.int))
        case .returnTuple(let named): self.init(.tuple(named.items))
        case .tuple(let items):
            var keys: [DictKey] = []
            for item in items {
                guard let key = DictKey(item) else { return nil }
                keys.append(key)
            }
            self = .tuple(keys)
        default: return nil
        }
    }
}
