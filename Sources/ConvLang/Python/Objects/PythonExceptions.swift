/// How conv's runtime errors and Python's exceptions meet.
///
/// A `raise` throws a ``RuntimeError`` carrying the exception object. One of conv's own errors is
/// caught as the class Python or PyTorch would raise, chosen from its kind and its
/// ``PythonErrorClass`` (never from its wording). The limits and the host's interrupt are not
/// exceptions: no `except` or `finally` sees them, so a program cannot keep running past them.
extension RuntimeError {
    /// Whether `try` can see the error: not a limit, an interrupt, or anything but a runtime failure.
    var isCatchable: Bool {
        switch kind {
        case .runtime, .assertion, .fileAccess: true
        case .syntax, .interrupted, .limit, .usage: false
        }
    }

    /// The class `except` sees: the raised exception's, or the one the error was raised as
    /// (conv's own refusals are PyTorch's RuntimeError).
    var exceptionClass: PythonClass {
        if let exception { return exception.pythonClass }
        switch kind {
        case .assertion: return PythonClasses.assertionError
        case .fileAccess: return PythonClasses.osError
        default: break
        }
        if case .pythonFormat(let refusal) = reason { return PythonClasses.byName[refusal.exceptionName] ?? PythonClasses.runtimeError }
        guard let pythonClass else { return PythonClasses.runtimeError }
        return PythonClasses.byName[pythonClass.rawValue] ?? PythonClasses.runtimeError
    }

    /// The exception object an `except ... as e` handler binds: the raised one, or one made of
    /// this error, whose `args` is its message and which remembers the error for a re-raise.
    func caughtException() -> PythonInstance {
        if let exception { return exception }
        let made = PythonInstance(of: exceptionClass)
        // A formatting refusal's message starts with its class's name, which `str(e)` leaves out.
        if case .pythonFormat(let refusal) = reason {
            made.setAttribute("args", .tuple([.string(refusal.message)]))
        } else {
            made.setAttribute("args", .tuple([.string(message)]))
        }
        made.origin = self
        return made
    }

    /// A failed `assert CONDITION, MESSAGE`: conv's message, caught as an AssertionError whose
    /// `args` is the message alone, as Python's.
    static func assertionFailed(_ text: String, message: Value?, at range: SourceRange) -> RuntimeError {
        var error = RuntimeError(text, at: range, kind: .assertion)
        let exception = PythonInstance(of: PythonClasses.assertionError)
        exception.setAttribute("args", .tuple(message.map { [$0] } ?? []))
        exception.origin = error
        error.exception = exception
        return error
    }

    /// The error `raise EXCEPTION` throws: the original error for one conv raised first,
    /// otherwise a located error whose message is Python's last traceback line, `ValueError: bad`.
    static func raising(_ exception: PythonInstance, at range: SourceRange) -> RuntimeError {
        if var origin = exception.origin {
            origin.exception = exception
            return origin
        }
        let text = PythonExceptions.message(of: exception)
        let name = exception.pythonClass.name
        var error = RuntimeError(text.isEmpty ? name : "\(name): \(text)", at: range)
        error.exception = exception
        return error
    }
}

enum PythonExceptions {
    /// `str(e)`: nothing for no arguments, the one argument as `str` shows it, else the tuple.
    static func message(of exception: PythonInstance) -> String {
        guard case .tuple(let args) = exception.attribute("args") ?? .tuple([]) else {
            return ValueFormatter.printed(exception.attribute("args") ?? .none)
        }
        switch args.count {
        case 0: return ""
        // KeyError shows its key as the key's repr, as Python's KeyError.__str__ does.
        case 1 where exception.pythonClass.isSubclass(of: PythonClasses.keyError): return PythonText.repr(args[0])
        case 1: return PythonText.str(args[0])
        default: return PythonText.repr(.tuple(args))
        }
    }
}
