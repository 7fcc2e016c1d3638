import PythonFormatting

/// Python's operators on strings: `%` formatting, `*` repetition, `in`, and ordering by code
/// point (`+` and `==` are with the other values' in ``Operators``).
enum StringOperators {
    /// `left op right` when it is a string operation; nil otherwise.
    static func binary(
        _ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) -> Value? {
        switch (op, left, right) {
        case (.remainder, .string(let template), _):
            let objects = ObjectTexts(context, at: range)
            let text: String
            do { text = try PercentFormat.format(template, percentArguments(right, objects: objects)) } catch { throw RuntimeError(error, at: range) }
            try objects.finish()
            return .string(text)
        case (.multiply, .string(let text), _):
            guard let count = repeatCount(right) else { return nil }
            return try repeated(text, count, at: range, context: context)
        case (.multiply, _, .string(let text)):
            guard let count = repeatCount(left) else { return nil }
            return try repeated(text, count, at: range, context: context)
        case (.in, _, .string(let text)), (.notIn, _, .string(let text)):
            guard case .string(let sub) = left else {
                throw RuntimeError("TypeError: 'in <string>' requires string as left operand, not \(PythonText.typeName(left))", at: range)
            }
            return .bool((PythonString.find(text, sub) >= 0) == (op == .in))
        case (.less, .string(let a), .string(let b)): return .bool(precedes(a, b))
        case (.greater, .string(let a), .string(let b)): return .bool(precedes(b, a))
        case (.lessEqual, .string(let a), .string(let b)): return .bool(!precedes(b, a))
        case (.greaterEqual, .string(let a), .string(let b)): return .bool(!precedes(a, b))
        default: return nil
        }
    }

    /// The right operand of `template % operand`: a tuple gives one argument per conversion,
    /// anything else is the one argument. (A mapping, for `%(key)s`, adds its case here.)
    static func percentArguments(_ operand: Value, objects: ObjectTexts? = nil) -> PercentArguments {
        if case .tuple(let items) = operand { return .tuple(items.map { PythonText.percentValue($0, objects: objects) }) }
        return .single(PythonText.percentValue(operand, objects: objects))
    }

    /// Python compares strings by code point (Swift's `<` compares by Unicode canonical order).
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// How many times `*` repeats a string: an int or a bool.
    private static func repeatCount(_ value: Value) -> Int? {
        switch value {
        case .int(let count): count
        case .bool(let flag): flag ? 1 : 0
        default: nil
        }
    }

    /// `text * count`: empty for a count below 1; no longer than the element limit allows.
    private static func repeated(_ text: String, _ count: Int, at range: SourceRange, context: EvaluationContext) throws(RuntimeError) -> Value {
        guard count > 0, !text.isEmpty else { return .string("") }
        let (length, overflow) = text.unicodeScalars.count.multipliedReportingOverflow(by: count)
        guard !overflow, length <= context.limits.maximumElements else {
            throw RuntimeError("a string of \(overflow ? "more than \(Int.max)" : String(length)) characters would be longer than the limit of \(context.limits.maximumElements)",
                               at: range, kind: .limit(.elements))
        }
        return .string(String(repeating: text, count: count))
    }
}
