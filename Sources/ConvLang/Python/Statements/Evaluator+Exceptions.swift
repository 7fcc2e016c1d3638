/// Python's `try` and `raise`.
///
/// Exceptions travel as ``RuntimeError``s (``RuntimeError/exception`` holds a raised object);
/// blocks still end with a ``ControlFlow``. Limits and interrupts pass every `except` and
/// `finally` untouched (``RuntimeError/isCatchable``): a program cannot run on past them.
extension Evaluator {
    /// `try: ... except ...: ... else: ... finally: ...`.
    func runTry(_ statement: TryStatement, _ locals: inout Locals?) throws(RuntimeError) -> ControlFlow {
        let flow: ControlFlow
        do {
            flow = try runHandled(statement, &locals)
        } catch {
            guard error.isCatchable, let finally = statement.finally else { throw error }
            // A `return`, `break` or `continue` in `finally` drops the exception, as in Python.
            let finalFlow = try run(finally, &locals)
            if case .normal = finalFlow { throw error }
            return finalFlow
        }
        guard let finally = statement.finally else { return flow }
        let finalFlow = try run(finally, &locals)
        if case .normal = finalFlow { return flow }
        return finalFlow
    }

    /// The body with its handlers and `else` block (everything but `finally`).
    private func runHandled(_ statement: TryStatement, _ locals: inout Locals?) throws(RuntimeError) -> ControlFlow {
        let flow: ControlFlow
        do {
            flow = try run(statement.body, &locals)
        } catch {
            guard error.isCatchable, !statement.handlers.isEmpty else { throw error }
            let exception = error.caughtException()
            for handler in statement.handlers where try handles(handler, exception.pythonClass, locals) {
                return try runHandler(handler, error, exception, &locals)
            }
            throw error
        }
        if case .normal = flow, let orElse = statement.orElse { return try run(orElse, &locals) }
        return flow
    }

    /// Whether `except TYPE` catches an exception of `caught`: TYPE is a class or a tuple of them.
    private func handles(_ handler: TryStatement.Handler, _ caught: PythonClass, _ locals: Locals?) throws(RuntimeError) -> Bool {
        guard let typeExpr = handler.type else { return true }
        return try matches(try evaluate(typeExpr, locals), caught, at: typeExpr.range)
    }

    private func matches(_ type: Value, _ caught: PythonClass, at range: SourceRange) throws(RuntimeError) -> Bool {
        switch type {
        case .pythonClass(let pythonClass) where pythonClass.isException:
            return caught.isSubclass(of: pythonClass)
        case .tuple(let items):
            for item in items where try matches(item, caught, at: range) { return true }
            return false
        default:
            throw RuntimeError("catching classes that do not inherit from BaseException is not allowed", at: range,
                               notes: ["except takes an exception class, such as ValueError, or a tuple of them"], raising: .typeError)
        }
    }

    /// Runs a handler with its `as` name bound to the exception; the name is unbound after it,
    /// however the handler ends, as Python does.
    private func runHandler(
        _ handler: TryStatement.Handler, _ error: RuntimeError, _ exception: PythonInstance, _ locals: inout Locals?
    ) throws(RuntimeError) -> ControlFlow {
        if let name = handler.name { try assign(name.name, exception.value, at: name.range, &locals) }
        python.handled.append(error)
        defer {
            python.handled.removeLast()
            if let name = handler.name { unbindIfBound(name.name, locals) }
        }
        return try run(handler.body, &locals)
    }

    /// `raise`, `raise EXC`, `raise EXC from CAUSE` (the cause is evaluated and otherwise not kept).
    func runRaise(_ exceptionExpr: Expr?, cause: Expr?, range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Never {
        guard let exceptionExpr else {
            guard let current = python.handled.last else {
                throw RuntimeError("No active exception to reraise", at: range,
                                   notes: ["a bare 'raise' re-raises inside an 'except' block"])
            }
            throw current
        }
        let value = try evaluate(exceptionExpr, locals)
        if let cause {
            let causeValue = try evaluate(cause, locals)
            if case .none = causeValue {} else { _ = try exceptionObject(causeValue, at: cause.range) }
        }
        throw RuntimeError.raising(try exceptionObject(value, at: exceptionExpr.range), at: range)
    }

    /// What `raise` throws: an exception instance as it is, an exception class called with nothing.
    private func exceptionObject(_ value: Value, at range: SourceRange) throws(RuntimeError) -> PythonInstance {
        switch value {
        case .instance(let instance) where instance.pythonClass.isException:
            return instance
        case .pythonClass(let pythonClass) where pythonClass.isException:
            if let instance = try instantiate(pythonClass, [], range: range).pythonInstance { return instance }
        default: break
        }
        throw RuntimeError("exceptions must derive from BaseException, not \(value.typeDescription)", at: range,
                           notes: ["raise an exception class or instance, such as ValueError(\"message\")"], raising: .typeError)
    }
}
