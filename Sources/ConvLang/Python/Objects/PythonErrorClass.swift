/// The Python exception class a runtime error stands for, set where the error is raised: Python's
/// `except IndexError:` and friends catch by this, never by the message's wording.
enum PythonErrorClass: String, Sendable {
    case typeError = "TypeError"
    case valueError = "ValueError"
    case indexError = "IndexError"
    case keyError = "KeyError"
    case zeroDivisionError = "ZeroDivisionError"
    case overflowError = "OverflowError"
    case recursionError = "RecursionError"
    case nameError = "NameError"
    case unboundLocalError = "UnboundLocalError"
    case attributeError = "AttributeError"
    case notImplementedError = "NotImplementedError"
    case importError = "ImportError"
    case moduleNotFoundError = "ModuleNotFoundError"
    case stopIteration = "StopIteration"
    case assertionError = "AssertionError"
    /// What closing a suspended generator raises at its `yield` (a BaseException, so
    /// `except Exception` lets it pass).
    case generatorExit = "GeneratorExit"
}

extension RuntimeError {
    /// `x[::0]`: Python's ValueError.
    static func zeroSliceStep(at range: SourceRange) -> RuntimeError {
        RuntimeError("a slice step cannot be zero", at: range, raising: .valueError)
    }

    /// A runtime error that Python would raise as `errorClass`.
    init(_ message: String, at range: SourceRange, notes: [String] = [], raising errorClass: PythonErrorClass,
         reason: Reason? = nil) {
        self.init(message, at: range, notes: notes, reason: reason)
        self.pythonClass = errorClass
    }
}
