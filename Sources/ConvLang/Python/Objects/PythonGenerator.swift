/// An iterator that makes its items on demand, one per `next()`: a generator, or `enumerate`
/// and `zip` over one. `for` loops and `next()` pull from it one item at a time, so the code
/// making the items runs between the loop's passes, as in Python; builtins that take every
/// item (`list`, `sum`, `sorted`) pull until it is exhausted.
protocol LazyIterator: TorchObject {
    /// The next item, nil once exhausted. May run program code (a generator's body).
    func next(_ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Value?
}

/// What calling a generator function gives (a `def` with a `yield` of its own): its body has
/// not started; each `next()` runs it to its next `yield` (``Evaluator/nextItem(of:at:)``).
final class PythonGenerator: LazyIterator {
    let body: GeneratorBody

    init(_ body: GeneratorBody) { self.body = body }

    /// Dropped while suspended, the body is closed (its `finally` blocks run) at the
    /// evaluator's next safe point: running program code from inside a release could meet
    /// the evaluator in the middle of changing what the code reads.
    deinit { body.dropped() }

    func next(_ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Value? {
        try evaluator.nextItem(of: body, at: range)
    }

    var typeName: String { "generator" }

    /// Python's repr without the address: `<generator object data_iter>`.
    var description: String { "<generator object \(body.function.scope.qualifiedName)>" }

    func member(_ name: String) throws(RuntimeError) -> Value? { nil }

    var memberNames: [String] { [] }
}

/// A generator's body and where it stands: its function and frame, the coroutine it runs on
/// once started, and the evaluator's state as the body last left it.
final class GeneratorBody {
    let function: PythonFunction
    let frame: Frame
    let range: SourceRange
    /// Made by the first `next()`; nil before (and for a body closed before it started).
    var coroutine: Coroutine?
    /// Set once the body has been asked to close: a `yield` in a `finally` is then refused.
    var isClosing = false
    /// Closed before it ever started.
    var isClosedUnstarted = false
    /// The evaluator's state inside the body, while the body is suspended.
    var saved: Evaluator.RunningState
    /// Where dropped bodies wait to be closed.
    private let registry: GeneratorRegistry

    init(function: PythonFunction, frame: Frame, range: SourceRange, registry: GeneratorRegistry, saved: Evaluator.RunningState) {
        (self.function, self.frame, self.range, self.registry, self.saved) = (function, frame, range, registry, saved)
    }

    var isFinished: Bool { isClosedUnstarted || coroutine?.state == .finished }

    fileprivate func dropped() {
        if coroutine?.state == .suspended { registry.dropped.append(self) }
    }
}

/// The generators of one evaluator that have started and not finished, and those dropped
/// while suspended, waiting to be closed.
final class GeneratorRegistry {
    /// In the order they started.
    var live: [GeneratorBody] = []
    var dropped: [GeneratorBody] = []
}

/// `enumerate(g)` over a lazy iterator: pairs made as the items are.
final class LazyEnumeration: LazyIterator {
    private let source: any LazyIterator
    private let start: Int
    private var offset = 0

    init(_ source: any LazyIterator, start: Int) { (self.source, self.start) = (source, start) }

    func next(_ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Value? {
        guard let item = try source.next(evaluator, at: range) else { return nil }
        defer { offset += 1 }
        return .tuple([IntegerArithmetic.sum(start, offset), item])
    }

    var typeName: String { "enumerate" }
    var description: String { "<enumerate object>" }
    func member(_ name: String) throws(RuntimeError) -> Value? { nil }
    var memberNames: [String] { [] }
}

/// `zip(...)` with a lazy iterator among its arguments: each tuple takes one item from each
/// argument in order, and the first exhausted argument ends it, as Python's zip.
final class LazyZip: LazyIterator {
    enum Source {
        case lazy(any LazyIterator)
        case items(Iteration.Items)
    }

    private let sources: [Source]
    private var position = 0
    private var isExhausted = false

    init(_ sources: [Source]) { self.sources = sources }

    func next(_ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Value? {
        guard !isExhausted, !sources.isEmpty else { return nil }
        var row: [Value] = []
        for source in sources {
            let item: Value? = switch source {
            case .lazy(let iterator): try iterator.next(evaluator, at: range)
            case .items(let items): position < items.count ? items[position] : nil
            }
            guard let item else {
                isExhausted = true
                return nil
            }
            row.append(item)
        }
        position += 1
        return .tuple(row)
    }

    var typeName: String { "zip" }
    var description: String { "<zip object>" }
    func member(_ name: String) throws(RuntimeError) -> Value? { nil }
    var memberNames: [String] { [] }
}

extension Iteration {
    /// The lazy iterator `value` is, if it is one.
    static func lazyIterator(_ value: Value) -> (any LazyIterator)? {
        if case .object(let box) = value, let iterator = box.object as? any LazyIterator { return iterator }
        return nil
    }

    /// Every item a lazy iterator has left, for builtins that take them all.
    static func drain(_ iterator: any LazyIterator, _ rule: ElementRule, at range: SourceRange) throws(RuntimeError) -> [Value] {
        guard let evaluator = rule.context?.evaluator else {
            throw RuntimeError("a generator can only be walked while the program runs", at: range)
        }
        var items: [Value] = []
        while let item = try iterator.next(evaluator, at: range) { items.append(item) }
        return items
    }
}
