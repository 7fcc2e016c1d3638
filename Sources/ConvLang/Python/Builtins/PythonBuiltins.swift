/// Python's builtins for loops: `range`, `enumerate`, `zip`.
enum PythonBuiltins {
    static let all: [Builtin] = [range, enumerate, zip]

    static let range = Builtin(
        name: "range", parameters: [.required("start"), .optional("stop", default: .none), .optional("step", default: .int(1))],
        summary: "the integers from start up to (not including) stop, lazily, as Python's range",
        details: """
        range(stop), range(start, stop), range(start, stop, step)

          for i in range(3):      # 0, 1, 2
              print(i)
          range(10, 0, -3)        # 10, 7, 4, 1
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            let first = try call.index("start")
            let step = try call.index("step")
            guard step != 0 else { throw call.error("range() arg 3 must not be zero", at: "step", raising: .valueError) }
            if case .none = call.value("stop") { return .range(PythonRange(start: 0, stop: first, step: step)) }
            return .range(PythonRange(start: first, stop: try call.index("stop"), step: step))
        })

    static let enumerate = Builtin(
        name: "enumerate", parameters: [.required("iterable"), .optional("start", default: .int(0))],
        summary: "pairs (index, item) of an iterable, as Python's enumerate",
        details: """
        enumerate(iterable, start=0)

          for i, w in enumerate([0.5, -1]):
              print(i, w)
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            let start = try call.integer("start")
            // Over a generator, pairs made as its items are, so that its body runs between passes.
            if let lazy = Iteration.lazyIterator(call.value("iterable")) { return .object(ObjectBox(LazyEnumeration(lazy, start: start))) }
            let items = try call.items("iterable")
            var pairs: [Value] = []
            for (offset, item) in items.enumerated() {
                pairs.append(.tuple([IntegerArithmetic.sum(start, offset), item]))
            }
            return .tuple(pairs)
        })

    static let zip = Builtin(
        name: "zip", parameters: [.variadic("iterables")],
        summary: "tuples of the items at the same position, up to the shortest, as Python's zip",
        details: """
        zip(iterables...)

          for x, w in zip([2, 3], [0.5, -1]):
              print(x * w)
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            // With a generator among them, rows made on demand: it may never end.
            if call.rest.contains(where: { Iteration.lazyIterator($0.value) != nil }) {
                var sources: [LazyZip.Source] = []
                for argument in call.rest {
                    if let lazy = Iteration.lazyIterator(argument.value) { sources.append(.lazy(lazy)); continue }
                    sources.append(.items(try Iteration.Items(of: argument.value, at: argument.range, elements: ElementRule(call.context))))
                }
                return .object(ObjectBox(LazyZip(sources)))
            }
            var columns: [[Value]] = []
            for argument in call.rest { columns.append(try Iteration.items(of: argument.value, at: argument.range, elements: ElementRule(call.context))) }
            let length = columns.map(\.count).min() ?? 0
            return .tuple((0..<length).map { row in .tuple(columns.map { $0[row] }) })
        })
}
