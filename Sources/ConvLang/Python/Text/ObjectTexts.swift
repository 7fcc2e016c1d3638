/// A program's own `__str__` and `__repr__`, called while Python's text of a value is made:
/// `print(shapes)` shows each instance in the list as its class's `__repr__` says, `str(p)` and
/// `f"{p}"` use `__str__` (falling back to `__repr__`, as `object.__str__` does).
///
/// Making text does not throw (``PythonText`` is shared with hosts that only render), so a
/// method that raises, or returns something other than a string, is kept here: the text is
/// finished with an empty piece in its place and ``finish()`` throws the error at the call that
/// asked for the text. After a failure no further method is called.
final class ObjectTexts {
    private weak var evaluator: Evaluator?
    /// Where the text was asked for: the call of `print`, `str`, the f-string's field.
    private let range: SourceRange
    private var failure: RuntimeError?
    /// Whether a method of the program's ran: a `print` then shows the text made, not the values.
    private(set) var calledMethod = false
    /// How tensors show in these texts: the session's display at the time they were asked for.
    let tensors: TensorDisplay

    init(_ context: EvaluationContext, at range: SourceRange) {
        self.evaluator = context.evaluator
        self.range = range
        self.tensors = context.display
    }

    /// The text `instance`'s class gives it, or nil when the class defines no such method.
    func text(of instance: PythonInstance, as value: Value, repr: Bool) -> String? {
        let names = repr ? ["__repr__"] : ["__str__", "__repr__"]
        guard let evaluator, let name = names.first(where: { instance.pythonClass.lookup($0) != nil }) else { return nil }
        guard failure == nil else { return "" }
        calledMethod = true
        do {
            let result = try evaluator.callSpecial(name, of: value, [], range: range) ?? .none
            guard case .string(let text) = result else {
                // Python names the conversion asked for: str() of a class with only __repr__
                // says "__str__ returned non-string".
                let asked = repr ? "__repr__" : "__str__"
                failure = RuntimeError("\(asked) returned non-string (type \(PythonText.typeName(result)))", at: range, raising: .typeError)
                return ""
            }
            return text
        } catch {
            failure = error
            return ""
        }
    }

    /// Throws what a method of the program's raised while the text was made.
    func finish() throws(RuntimeError) {
        if let failure { throw failure }
    }
}

extension PythonText {
    /// `str(value)` with the program's `__str__`/`__repr__` called for its instances.
    static func str(_ value: Value, context: EvaluationContext, at range: SourceRange) throws(RuntimeError) -> String {
        try IntegerText.checkConvertible(value, at: range)
        return try withObjectTexts(context, at: range) { str(value, tensors: context.display, objects: $0) }
    }

    /// `repr(value)` with the program's `__repr__` called for its instances.
    static func repr(_ value: Value, context: EvaluationContext, at range: SourceRange) throws(RuntimeError) -> String {
        try IntegerText.checkConvertible(value, at: range)
        return try withObjectTexts(context, at: range) { repr(value, tensors: context.display, objects: $0) }
    }

    /// The text `make` gives with the program's methods at hand, or what one of them raised.
    private static func withObjectTexts(
        _ context: EvaluationContext, at range: SourceRange, _ make: (ObjectTexts) -> String
    ) throws(RuntimeError) -> String {
        let objects = ObjectTexts(context, at: range)
        let text = make(objects)
        try objects.finish()
        return text
    }
}
