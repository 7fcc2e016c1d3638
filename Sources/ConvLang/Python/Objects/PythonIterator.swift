/// What `iter(x)` gives: the items of `x` as they were when it was made, handed out one at a
/// time by `next(it)` (Python's StopIteration after the last, or `next(it, default)`'s default).
/// A `for` loop over it takes the items not yet handed out. Tutorials write
/// `images, labels = next(iter(loader))` to look at one batch.
final class PythonIterator: TorchObject {
    private let items: [Value]
    private var position = 0
    /// Python's name for the iterator of the walked type: `list_iterator`, `tuple_iterator`.
    let typeName: String

    init(_ items: [Value], typeName: String) {
        (self.items, self.typeName) = (items, typeName)
    }

    /// The next item, nil after the last.
    func next() -> Value? {
        guard position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }

    /// Every item not handed out yet, which are then handed out.
    func rest() -> [Value] {
        defer { position = items.count }
        return Array(items[position...])
    }

    var description: String { "<\(typeName) object>" }

    func member(_ name: String) throws(RuntimeError) -> Value? { nil }

    var memberNames: [String] { [] }
}

/// `iter` and `next`.
enum IteratorBuiltins {
    static let all: [Builtin] = [iter, next]

    static let iter = Builtin(
        name: "iter", parameters: [.required("iterable")], summary: "an iterator over the items, for next()",
        details: """
        iter(iterable)

          it = iter([1, 2, 3])
          next(it)                                # 1
          images, labels = next(iter(loader))     # one batch of a DataLoader
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            let iterable = call.value("iterable")
            if case .object(let box) = iterable, box.object is PythonIterator || box.object is any LazyIterator { return iterable }
            let items = try call.items("iterable")
            let name = PythonText.typeName(iterable)
            return .object(ObjectBox(PythonIterator(items, typeName: name == "DataLoader" ? "_SingleProcessDataLoaderIter" : name + "_iterator")))
        })

    static let next = Builtin(
        name: "next", parameters: [.required("iterator"), .optional("default", default: .none)],
        summary: "the iterator's next item (StopIteration, or default, after the last)",
        details: "next(iterator, default)\n\n  next(iter(loader))      # the first batch",
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            if let lazy = Iteration.lazyIterator(call.value("iterator")) {
                guard let evaluator = call.context.evaluator else { throw call.error("StopIteration", raising: .stopIteration) }
                if let item = try lazy.next(evaluator, at: call.range) { return item }
                if call.isGiven("default") { return call.value("default") }
                throw call.error("StopIteration", raising: .stopIteration)
            }
            guard case .object(let box) = call.value("iterator"), let iterator = box.object as? PythonIterator else {
                throw call.error("'\(PythonText.typeName(call.value("iterator")))' object is not an iterator", at: "iterator",
                                 raising: .typeError)
            }
            if let item = iterator.next() { return item }
            if call.isGiven("default") { return call.value("default") }
            throw call.error("StopIteration", raising: .stopIteration)
        })
}
