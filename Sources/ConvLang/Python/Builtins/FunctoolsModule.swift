/// Python's `functools`, as tutorials use it: `reduce`, `partial`, the caching decorators
/// (`@lru_cache`, `@lru_cache(maxsize=None)`, `@cache`) that really keep results, `@wraps(f)` in
/// a decorator the program writes, and `cmp_to_key` for `sorted(key=)`.
enum FunctoolsModule {
    static let all: [Builtin] = [reduce, partial, lruCache, cache, wraps, cmpToKey]

    private static func function(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String, _ example: String,
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        PythonConversions.moduleFunction("functools", name, parameters, summary, example, body)
    }

    private static func evaluator(_ call: BuiltinCall) throws(RuntimeError) -> Evaluator {
        guard let evaluator = call.context.evaluator else { throw call.error("cannot call back into the program here") }
        return evaluator
    }

    /// The one positional argument of a call to a decorator or key maker; `message` otherwise.
    static func single(_ arguments: [Evaluator.EvaluatedArgument], _ message: String, at range: SourceRange) throws(RuntimeError) -> Value {
        guard arguments.count == 1, arguments[0].label == nil else { throw RuntimeError(message, at: range, raising: .typeError) }
        return arguments[0].value
    }

    /// Whether Python could call `value`.
    static func isCallable(_ value: Value) -> Bool {
        switch value {
        case .function, .pythonClass, .layer: true
        case .object(let box): box.object is any CallableObject
        case .instance(let instance): instance.pythonClass.lookup("__call__") != nil
        default: false
        }
    }

    static let reduce = function(
        "reduce", [.required("function"), .required("iterable"), .optional("initial", default: .none)],
        "function applied cumulatively to the items, left to right", "reduce(lambda a, b: a * b, [1, 2, 3, 4]) gives 24"
    ) { call throws(RuntimeError) in
        let evaluator = try evaluator(call)
        let items: ItemStream
        do {
            items = try ItemStream(call.value("iterable"), at: call.range(of: "iterable"), call.context)
        } catch {
            throw call.error("reduce() arg 2 must support iteration", at: "iterable", raising: .typeError)
        }
        var total: Value? = call.isGiven("initial") ? call.value("initial") : nil
        while let item = try items.next(evaluator, at: call.range) {
            guard let previous = total else {
                total = item
                continue
            }
            total = try call.invoke(call.value("function"), [previous, item], for: "function")
        }
        guard let total else { throw call.error("reduce() of empty iterable with no initial value", raising: .typeError) }
        return total
    }

    // MARK: - partial

    static let partial = function(
        "partial", [.required("func"), .variadic("args"), .namedVariadic("keywords")],
        "func with some arguments given now, the rest at the call", "double = partial(mul, 2); double(5) gives 10"
    ) { call throws(RuntimeError) in
        var function = call.value("func")
        guard isCallable(function) else { throw call.error("the first argument must be callable", at: "func", raising: .typeError) }
        var arguments = call.rest.map(\.value)
        var keywords = call.namedRest.map { ($0.label, $0.value) }
        // A partial of a partial is one partial, as in Python.
        if case .object(let box) = function, let inner = box.object as? PartialObject {
            function = inner.function
            arguments = inner.arguments + arguments
            keywords = inner.keywords.filter { old in !keywords.contains { $0.0 == old.0 } } + keywords
        }
        return .object(ObjectBox(PartialObject(function, arguments, keywords)))
    }

    // MARK: - Caching

    static let lruCache = function(
        "lru_cache", [.optional("maxsize", default: .int(128)), .optional("typed", default: .bool(false))],
        "a decorator keeping the results of the last maxsize calls (all of them for None)",
        "@lru_cache(maxsize=None)\n  def fib(n): ..."
    ) { call throws(RuntimeError) in
        let given = call.value("maxsize")
        // `@lru_cache` without parentheses: the function itself.
        if isCallable(given) { return .object(ObjectBox(CachedFunction(given, maxsize: 128))) }
        let maxsize: Int?
        switch given {
        case .none: maxsize = nil
        case .int(let n): maxsize = max(0, n)
        case .bool(let flag): maxsize = flag ? 1 : 0
        default: throw call.error("Expected first argument to be an integer, a callable, or None", at: "maxsize", raising: .typeError)
        }
        return .object(ObjectBox(CacheDecorator(maxsize: maxsize, typed: try call.bool("typed"))))
    }

    static let cache = function("cache", [.required("user_function")], "a decorator keeping the result of every call",
                                "@cache\n  def fib(n): ...") { call throws(RuntimeError) in
        let function = call.value("user_function")
        guard isCallable(function) else { throw call.error("the first argument must be callable", at: "user_function", raising: .typeError) }
        return .object(ObjectBox(CachedFunction(function, maxsize: nil)))
    }

    // MARK: - wraps

    /// What `functools.wraps` copies from the wrapped function (Python 3.11's
    /// `WRAPPER_ASSIGNMENTS`, without the annotations conv drops).
    static let wrapperAssignments = ["__module__", "__name__", "__qualname__", "__doc__"]

    static let wraps = function("wraps", [.required("wrapped")], "a decorator giving a wrapper the wrapped function's name and docstring",
                                "@functools.wraps(func)\n  def wrapper(*args, **kwargs): ...") { call throws(RuntimeError) in
        .object(ObjectBox(WrapsDecorator(call.value("wrapped"))))
    }

    /// The value of attribute `name` of a function or callable object, if it has one.
    static func attribute(_ name: String, of value: Value) -> Value? {
        switch value {
        case .function(let function): function.attribute(name)
        case .object(let box): try? box.object.member(name)
        case .pythonClass(let pythonClass) where name == "__name__" || name == "__qualname__": .string(pythonClass.name)
        default: nil
        }
    }

    // MARK: - cmp_to_key

    static let cmpToKey = function("cmp_to_key", [.required("mycmp")], "a key function for sorted() made from a comparison function",
                                   "sorted(words, key=cmp_to_key(compare))") { call throws(RuntimeError) in
        .object(ObjectBox(ComparisonKeyMaker(call.value("mycmp"))))
    }

    /// Python's `<` between two keys `cmp_to_key` made: `mycmp(a, b) < 0`, as negative, zero or
    /// positive; nil when either is not such a key.
    static func compareKeys(_ a: Value, _ b: Value, _ evaluator: Evaluator?, at range: SourceRange) throws(RuntimeError) -> Int? {
        guard case .object(let left) = a, let x = left.object as? ComparisonKey, case .object(let right) = b,
              let y = right.object as? ComparisonKey, let evaluator else { return nil }
        let result = try evaluator.apply(x.comparison, [Evaluator.EvaluatedArgument(value: x.value, range: range),
                                                        Evaluator.EvaluatedArgument(value: y.value, range: range)],
                                         range: range, calleeRange: range)
        return try PythonOperators.compare(result, .int(0), at: range)
    }
}

/// `functools.partial(func, *args, **keywords)`: calling it calls func with args, then the
/// call's arguments, and keywords updated by the call's.
final class PartialObject: CallableObject {
    let function: Value
    let arguments: [Value]
    let keywords: [(String, Value)]

    init(_ function: Value, _ arguments: [Value], _ keywords: [(String, Value)]) {
        (self.function, self.arguments, self.keywords) = (function, arguments, keywords)
    }

    func call(_ given: [Evaluator.EvaluatedArgument], _ evaluator: Evaluator, range: SourceRange) throws(RuntimeError) -> Value {
        var all = arguments.map { Evaluator.EvaluatedArgument(value: $0, range: range) } + given.filter { $0.label == nil }
        let named = given.filter { $0.label != nil }
        for (label, value) in keywords where !named.contains(where: { $0.label == label }) {
            all.append(Evaluator.EvaluatedArgument(label: label, value: value, range: range))
        }
        return try evaluator.apply(function, all + named, range: range, calleeRange: range)
    }

    var typeName: String { "partial" }

    /// `functools.partial(<function f>, 1, b=2)`.
    var description: String {
        let parts = [PythonText.repr(function)] + arguments.map { PythonText.repr($0) } + keywords.map { "\($0.0)=\(PythonText.repr($0.1))" }
        return "functools.partial(" + parts.joined(separator: ", ") + ")"
    }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "func": function
        case "args": .tuple(arguments)
        case "keywords": .dict(PythonDict(named: keywords))
        default: nil
        }
    }

    var memberNames: [String] { ["args", "func", "keywords"] }
}

/// What `lru_cache(maxsize)` gives: the decorator that wraps a function in a cache.
final class CacheDecorator: CallableObject {
    let maxsize: Int?
    let typed: Bool

    init(maxsize: Int?, typed: Bool) { (self.maxsize, self.typed) = (maxsize, typed) }

    func call(_ arguments: [Evaluator.EvaluatedArgument], _ evaluator: Evaluator, range: SourceRange) throws(RuntimeError) -> Value {
        let function = try FunctoolsModule.single(arguments, "decorating_function() takes 1 positional argument but \(arguments.count) were given", at: range)
        guard FunctoolsModule.isCallable(function) else {
            throw RuntimeError("the first argument must be callable", at: arguments[0].range, raising: .typeError)
        }
        return .object(ObjectBox(CachedFunction(function, maxsize: maxsize, typed: typed)))
    }

    var typeName: String { "function" }
    var description: String { "<function lru_cache.<locals>.decorating_function>" }
}

/// A function wrapped by `lru_cache` or `cache`: a call with arguments seen before gives the
/// result kept then (the least recently used one is dropped past `maxsize`), as Python's
/// `_lru_cache_wrapper`; `cache_info()` and `cache_clear()` as Python's.
final class CachedFunction: CallableObject {
    let function: Value
    let maxsize: Int?
    /// Results by their call's arguments.
    private var results: [Key: Value] = [:]
    /// The keys of `results`, least recently used first, when `maxsize` bounds them.
    private var order: [Key] = []
    private var hits = 0
    private var misses = 0

    /// A call's arguments as Python's cache hashes them: values by their dict keys, objects
    /// (instances, functions) by identity.
    private struct Key: Hashable {
        enum Part: Hashable {
            case value(DictKey)
            case identity(ObjectIdentifier)
        }

        var positional: [Part] = []
        var named: [String] = []
        var namedValues: [Part] = []
        /// The arguments' type names, for a `typed` cache.
        var types: [String] = []
        /// CPython keys a lone int or str argument by itself rather than by the tuple of the
        /// arguments, so `f(3)` and `f(3.0)` are kept apart even untyped, as there.
        var isBare = false

        static func part(_ value: Value) -> Part? {
            if let key = DictKey(value) { return .value(key) }
            switch value {
            // An instance hashes by identity unless its class defines __eq__ (without __hash__, Python's unhashable).
            case .instance(let instance) where instance.pythonClass.lookup("__eq__") == nil: return .identity(ObjectIdentifier(instance))
            case .function(let function): return .identity(ObjectIdentifier(function))
            case .object(let box) where value.numpyArray == nil: return .identity(ObjectIdentifier(box.object))
            case .layer(let layer): return .identity(ObjectIdentifier(layer.module))
            case .pythonClass(let pythonClass): return .identity(ObjectIdentifier(pythonClass))
            default: return nil
            }
        }
    }

    /// Whether arguments of different types are kept apart (`typed=True`: `f(3)` and `f(3.0)`).
    let typed: Bool

    init(_ function: Value, maxsize: Int?, typed: Bool = false) { (self.function, self.maxsize, self.typed) = (function, maxsize, typed) }

    func call(_ arguments: [Evaluator.EvaluatedArgument], _ evaluator: Evaluator, range: SourceRange) throws(RuntimeError) -> Value {
        var key = Key()
        for argument in arguments {
            guard let part = Key.part(argument.value) else { throw PythonOperators.unhashable(argument.value, at: argument.range) }
            if let label = argument.label {
                key.named.append(label)
                key.namedValues.append(part)
            } else {
                key.positional.append(part)
            }
            if typed { key.types.append(PythonText.typeName(argument.value)) }
        }
        if arguments.count == 1, arguments[0].label == nil {
            switch arguments[0].value {
            case .int, .bigInt, .string: key.isBare = true
            default: break
            }
        }
        if let kept = results[key] {
            hits += 1
            // The most recently used goes last.
            if maxsize != nil, let index = order.firstIndex(of: key) { order.append(order.remove(at: index)) }
            return kept
        }
        misses += 1
        let value = try evaluator.apply(function, arguments, range: range, calleeRange: range)
        guard maxsize != 0 else { return value }
        // A recursive call may have kept this key already, as in Python.
        if results[key] == nil, let maxsize {
            if results.count >= maxsize, !order.isEmpty { results[order.removeFirst()] = nil }
            order.append(key)
        }
        results[key] = value
        return value
    }

    var typeName: String { "_lru_cache_wrapper" }
    var description: String { "<functools._lru_cache_wrapper object>" }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        if let method = Self.methods[name] { return .function(Function(.boundBuiltin(receiver: .object(ObjectBox(self)), method))) }
        if name == "__wrapped__" { return function }
        return FunctoolsModule.wrapperAssignments.contains(name) ? FunctoolsModule.attribute(name, of: function) : nil
    }

    private static let methods: [String: Builtin] = Dictionary(uniqueKeysWithValues: [
        method("cache_info", "the hits, misses, maxsize and current size") { cached in
            .object(ObjectBox(CacheInfo(hits: cached.hits, misses: cached.misses, maxsize: cached.maxsize, size: cached.results.count)))
        },
        method("cache_clear", "forgets every kept result") { cached in
            (cached.results, cached.order, cached.hits, cached.misses) = ([:], [], 0, 0)
            return .none
        },
        method("cache_parameters", "maxsize and typed, as a dict") { cached in
            .dict(PythonDict(named: [("maxsize", cached.maxsize.map(Value.int) ?? .none), ("typed", .bool(cached.typed))]))
        },
    ].map { ($0.name, $0) })

    private static func method(_ name: String, _ summary: String, _ body: @escaping @Sendable (CachedFunction) -> Value) -> Builtin {
        Builtin.method(of: "_lru_cache_wrapper", name, [], summary) { call throws(RuntimeError) in
            guard case .object(let box) = call.receiver, let cached = box.object as? CachedFunction else {
                throw call.error("\(name) needs a function lru_cache wrapped")
            }
            return body(cached)
        }
    }

    var memberNames: [String] { ["__wrapped__", "cache_clear", "cache_info", "cache_parameters"] + FunctoolsModule.wrapperAssignments }
}

/// `cache_info()`'s value: `CacheInfo(hits=3, misses=5, maxsize=128, currsize=5)`.
final class CacheInfo: TorchObject {
    let fields: [(String, Value)]

    init(hits: Int, misses: Int, maxsize: Int?, size: Int) {
        fields = [("hits", .int(hits)), ("misses", .int(misses)), ("maxsize", maxsize.map(Value.int) ?? .none), ("currsize", .int(size))]
    }

    var typeName: String { "CacheInfo" }
    var description: String { "CacheInfo(" + fields.map { "\($0.0)=\(PythonText.repr($0.1))" }.joined(separator: ", ") + ")" }
    func member(_ name: String) throws(RuntimeError) -> Value? { fields.first { $0.0 == name }?.1 }
    var memberNames: [String] { fields.map(\.0) }
}

/// What `functools.wraps(wrapped)` gives: the decorator that copies `wrapped`'s name, qualified
/// name, module and docstring onto the wrapper function, and sets its `__wrapped__`.
final class WrapsDecorator: CallableObject {
    let wrapped: Value

    init(_ wrapped: Value) { self.wrapped = wrapped }

    func call(_ arguments: [Evaluator.EvaluatedArgument], _ evaluator: Evaluator, range: SourceRange) throws(RuntimeError) -> Value {
        let wrapper = try FunctoolsModule.single(arguments, "update_wrapper() takes 1 positional argument but \(arguments.count) were given", at: range)
        if case .function(let function) = wrapper, case .python(let python) = function.kind {
            for name in FunctoolsModule.wrapperAssignments {
                if let value = FunctoolsModule.attribute(name, of: wrapped) { python.attributes.values[name] = value }
            }
            if case .function(let inner) = wrapped, case .python(let original) = inner.kind {
                for (name, value) in original.attributes.values where !FunctoolsModule.wrapperAssignments.contains(name) {
                    python.attributes.values[name] = value
                }
            }
            python.attributes.values["__wrapped__"] = wrapped
        }
        return wrapper
    }

    var typeName: String { "partial" }

    var description: String {
        "functools.partial(<function update_wrapper>, wrapped=\(PythonText.repr(wrapped)), assigned=('__module__', '__name__', "
            + "'__qualname__', '__doc__', '__annotations__'), updated=('__dict__',))"
    }

}

/// What `cmp_to_key(mycmp)` gives: calling it with a value makes that value's key.
final class ComparisonKeyMaker: CallableObject {
    let comparison: Value

    init(_ comparison: Value) { self.comparison = comparison }

    func call(_ arguments: [Evaluator.EvaluatedArgument], _ evaluator: Evaluator, range: SourceRange) throws(RuntimeError) -> Value {
        let value = try FunctoolsModule.single(arguments, "K() takes exactly 1 positional argument (\(arguments.count) given)", at: range)
        return .object(ObjectBox(ComparisonKey(comparison, value)))
    }

    var typeName: String { "functools.KeyWrapper" }
    var description: String { "<functools.KeyWrapper object>" }
}

/// One value's key from `cmp_to_key`: keys order as `mycmp` says (``FunctoolsModule/compareKeys``).
final class ComparisonKey: TorchObject {
    let comparison: Value
    let value: Value

    init(_ comparison: Value, _ value: Value) { (self.comparison, self.value) = (comparison, value) }

    var typeName: String { "functools.KeyWrapper" }
    var description: String { "<functools.KeyWrapper object>" }
    func member(_ name: String) throws(RuntimeError) -> Value? { name == "obj" ? value : nil }
    var memberNames: [String] { ["obj"] }
}
