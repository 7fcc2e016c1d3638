import PythonFormatting

/// What string methods and text builtins read from their arguments, with Python's refusals.
extension BuiltinCall {
    /// Argument `name` as a string, or nil when it is None (Python's `sep=None`).
    func optionalString(_ name: String) throws(RuntimeError) -> String? {
        switch value(name) {
        case .none: return nil
        case .string(let text): return text
        case let other:
            throw error("TypeError: \(builtin.name)'s argument '\(name)' must be None or a string, not \(PythonText.typeName(other))",
                        at: name)
        }
    }

    /// Argument `name` as an int, or nil when it is None (a slice bound such as `start`).
    func optionalInteger(_ name: String) throws(RuntimeError) -> Int? {
        if case .none = value(name) { return nil }
        return try integer(name)
    }

    /// Runs one of Python's text functions, locating its refusal at this call.
    func python<Result>(_ body: () throws(PythonFormatError) -> Result) throws(RuntimeError) -> Result {
        do {
            return try body()
        } catch {
            throw RuntimeError(error, at: range)
        }
    }
}
