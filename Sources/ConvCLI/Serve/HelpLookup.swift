import ConvLang

/// What `inspect` shows: the help of the name under the cursor, as `help(name)` gives it.
enum HelpLookup {
    /// The dotted name around `cursor` (a code point index), or, in the arguments of a call, the
    /// function called (`conv(x, |` inspects `conv`); nil when there is none.
    static func name(in code: String, at cursor: Int) -> String? {
        let scalars = Array(code.unicodeScalars)
        var start = cursor
        var end = cursor
        while start > 0, isNamePart(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isNamePart(scalars[end]) { end += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<end])).trimmingDots
        if let first = word.unicodeScalars.first, !isDigit(first) { return word }
        let before = String(String.UnicodeScalarView(scalars[..<cursor]))
        return Interpreter.cursorContext(before: before).innermostCall?.callee
    }

    /// The help text for `name`: a bound value as `help(value)` describes it, else a builtin's
    /// page (also by its PyTorch name), else the value the name's first part is bound to.
    static func help(for name: String, in interpreter: Interpreter) -> String? {
        if let value = interpreter.value(of: name) { return HelpText.describe(value) }
        if let page = HelpText.topic(name) { return page }
        let head = String(name.prefix { $0 != "." })
        return interpreter.value(of: head).map(HelpText.describe)
    }

    private static func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "." || scalar.properties.isAlphabetic || isDigit(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}

extension String {
    /// The text without leading and trailing dots.
    fileprivate var trimmingDots: String {
        guard let first = firstIndex(where: { $0 != "." }), let last = lastIndex(where: { $0 != "." }) else { return "" }
        return String(self[first...last])
    }
}
