import ConvAutograd

/// Python's generators: a `def` with a `yield` of its own makes, when called, a generator whose
/// body runs lazily: from the first `next()` to its first `yield`, suspended there until the
/// next `next()`, and so on until it returns (StopIteration) or raises (the error reaches the
/// `next()` that ran into it).
///
/// The body keeps its Swift stack while suspended by running on a ``Coroutine``'s thread. The
/// evaluator is shared by the resumer and the body, never at the same time; what it keeps per
/// stack (nesting depth, call depth, the running `except` handlers, the running generator) is
/// swapped at every hand-off, so each side sees its own.
extension Evaluator {
    /// The evaluator's state that belongs to one stack of Swift frames.
    struct RunningState {
        var depth: Int
        var callDepth: Int
        var handled: [RuntimeError]
        var generator: GeneratorBody?
    }

    /// The depth a generator's body starts at: its thread's stack is an eighth of the run's,
    /// so it gets an eighth of the nesting the run's stack allows.
    static var generatorDepthBase: Int { maximumDepth - maximumDepth * Coroutine.stackSize / LargeStack.size }

    /// What calling a generator function gives: its parameters are bound (in `frame`), its body
    /// waits for the first `next()`.
    func makeGenerator(_ function: PythonFunction, in frame: Frame, range: SourceRange) -> Value {
        let saved = RunningState(depth: Self.generatorDepthBase, callDepth: callDepth, handled: [], generator: nil)
        let body = GeneratorBody(function: function, frame: frame, range: range, registry: generators, saved: saved)
        return .object(ObjectBox(PythonGenerator(body)))
    }

    /// `next(g)`: runs the body to its next `yield` and gives the value; nil once it has
    /// returned. An error in the body is thrown here as it was raised there.
    func nextItem(of body: GeneratorBody, at range: SourceRange) throws(RuntimeError) -> Value? {
        if body.coroutine?.state == .running {
            throw RuntimeError("generator already executing", at: range, raising: .valueError)
        }
        if body.coroutine == nil, generators.live.count >= Self.maximumSuspendedGenerators {
            throw RuntimeError("more than \(Self.maximumSuspendedGenerators) generators started and not finished at once", at: range,
                               notes: ["each suspended generator keeps a thread; run generators to their end, or keep fewer"],
                               kind: .limit(.nesting))
        }
        switch resume(body, .resume) {
        case nil:
            throw RuntimeError("no thread could be made to run the generator", at: range, kind: .limit(.memory))
        case .yielded(let value): return value
        case .finished: return nil
        case .failed(let error):
            // Python turns a StopIteration escaping a generator's body into a RuntimeError, so that
            // it cannot pass for the generator's end.
            if error.isCatchable, error.exceptionClass.isSubclass(of: PythonClasses.stopIteration) {
                throw RuntimeError("generator raised StopIteration", at: error.range)
            }
            throw error
        }
    }

    /// How many generators may be suspended at once, each on a thread of its own.
    static let maximumSuspendedGenerators = 1_000

    /// Hands control to `body` with `request` and takes it back, swapping the per-stack state;
    /// nil when no thread could be made to start it.
    private func resume(_ body: GeneratorBody, _ request: Coroutine.Request) -> Coroutine.Reply? {
        if body.isFinished { return .finished }
        let coroutine: Coroutine
        if let started = body.coroutine {
            coroutine = started
        } else {
            guard request == .resume else {
                body.isClosedUnstarted = true
                return .finished
            }
            coroutine = Coroutine(body: startBody(body))
            body.coroutine = coroutine
            body.saved.callDepth = callDepth
            generators.live.append(body)
        }
        let mine = runningState
        runningState = body.saved
        runningGenerator = body
        let reply = coroutine.resume(request)
        body.saved = runningState
        // (The body is not kept in its own saved state, which would keep it alive for ever.)
        body.saved.generator = nil
        runningState = mine
        if coroutine.state == .finished { generators.live.removeAll { $0 === body } }
        return reply
    }

    /// What the coroutine's thread runs: the function's body, with the grad mode of the code
    /// that started it (grad mode is task-local, and the thread starts with none of its own).
    private func startBody(_ body: GeneratorBody) -> (Coroutine) -> Coroutine.Reply {
        let gradMode = GradMode.isEnabled
        return { [self] _ in
            var ending = Coroutine.Reply.finished
            GradMode.with(enabled: gradMode) {
                do throws(RuntimeError) {
                    _ = try runBody(of: body.function, in: body.frame, range: body.range)
                } catch {
                    // Whatever ends a body being closed is dropped (``close(_:)``).
                    if !body.isClosing { ending = .failed(error) }
                }
            }
            return ending
        }
    }

    private var runningState: RunningState {
        get { RunningState(depth: depth, callDepth: callDepth, handled: python.handled, generator: runningGenerator) }
        set { (depth, callDepth, python.handled, runningGenerator) = (newValue.depth, newValue.callDepth, newValue.handled, newValue.generator) }
    }

    /// `yield VALUE` or `yield from ITERABLE`, inside a generator's body.
    func runYield(_ valueExpr: Expr?, delegates: Bool, range: SourceRange, _ locals: Locals?) throws(RuntimeError) {
        guard let body = runningGenerator, let coroutine = body.coroutine else {
            throw RuntimeError("'yield' outside a generator", at: range)
        }
        let value = try valueExpr.map { expr throws(RuntimeError) in try evaluate(expr, locals) } ?? .none
        guard delegates else { return try suspend(value, body, coroutine, at: range) }
        if let inner = Iteration.lazyIterator(value) {
            do {
                while let item = try inner.next(self, at: range) { try suspend(item, body, coroutine, at: range) }
            } catch {
                // Closed while delegating: the inner generator is closed first, as Python does.
                if let generator = inner as? PythonGenerator { close(generator.body) }
                throw error
            }
            return
        }
        let items = try Iteration.Items(of: value, at: range, elements: ElementRule(context))
        for index in 0..<items.count { try suspend(items[index], body, coroutine, at: range) }
    }

    /// Hands `value` to whoever resumed the body and waits; throws GeneratorExit if the
    /// generator is being closed instead of resumed.
    private func suspend(_ value: Value, _ body: GeneratorBody, _ coroutine: Coroutine, at range: SourceRange) throws(RuntimeError) {
        if body.isClosing {
            throw RuntimeError("generator ignored GeneratorExit", at: range)
        }
        if coroutine.suspend(value) == .close {
            body.isClosing = true
            throw RuntimeError("GeneratorExit", at: range, raising: .generatorExit)
        }
    }

    /// Closes a suspended generator: GeneratorExit is raised at its `yield`, so its `finally`
    /// blocks run, and its thread ends. What the closing raises is dropped, as Python does for
    /// a generator closed by being collected.
    func close(_ body: GeneratorBody) {
        guard body.coroutine?.state == .suspended else {
            if body.coroutine == nil { body.isClosedUnstarted = true }
            return
        }
        _ = resume(body, .close)
    }

    /// Closes the generators dropped while suspended. Called where program code may run again:
    /// after a `for` loop and after each top-level statement.
    func closeDroppedGenerators() {
        while let body = generators.dropped.popLast() { close(body) }
    }

    /// Closes every generator still suspended: at the end of a run, so that no body is left
    /// waiting on its thread. One kept in a name is finished afterwards (`next()` raises
    /// StopIteration); one never started can still run in a later run.
    func closeAllGenerators() {
        closeDroppedGenerators()
        // The latest started first, so that an outer generator's delegate closes before it.
        while let body = generators.live.popLast() { close(body) }
    }
}
