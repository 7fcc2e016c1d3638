import PythonFormatting

/// Python's `str` methods as members of string values: `"a,b".split(",")`, `s.upper()`,
/// `"{} {}".format(a, b)`. A member is a builtin bound to its string, so `f = s.upper` works and
/// its arguments are checked like any builtin's.
enum StringMethods {
    /// How one method reads its arguments and what it computes from its string.
    private struct Method: Sendable {
        let parameters: [Builtin.Parameter]
        let body: @Sendable (String, inout BuiltinCall) throws(RuntimeError) -> Value

        init(_ parameters: [Builtin.Parameter] = [], _ body: @escaping @Sendable (String, inout BuiltinCall) throws(RuntimeError) -> Value) {
            self.parameters = parameters
            self.body = body
        }
    }

    /// The method `name` bound to `text`; nil when `str` has no such method here.
    static func method(_ name: String, of text: String) -> Value? {
        guard let method = methods[name] else { return nil }
        let builtin = Builtin(name: "str.\(name)", parameters: method.parameters, summary: "Python's str.\(name)",
                              details: "str.\(name)", body: { call throws(RuntimeError) in try method.body(text, &call) })
        return .function(Function(.builtin(builtin)))
    }

    /// Every method name, for suggestions.
    static var names: [String] { methods.keys.sorted() }

    /// What a method that gives several strings returns: Python's list.
    static func sequence(_ items: [String]) -> Value {
        .list(PythonList(items.map(Value.string)))
    }

    private static let methods: [String: Method] = caseMethods.merging(searchMethods) { first, _ in first }
        .merging(layoutMethods) { first, _ in first }

    /// Case mapping and character classes.
    private static let caseMethods: [String: Method] = [
        "upper": Method { text, _ in .string(PythonString.upper(text)) },
        "lower": Method { text, _ in .string(PythonString.lower(text)) },
        "title": Method { text, _ in .string(PythonString.title(text)) },
        "capitalize": Method { text, _ in .string(PythonString.capitalize(text)) },
        "swapcase": Method { text, _ in .string(PythonString.swapcase(text)) },
        "isdigit": Method { text, _ in .bool(PythonString.isDigit(text)) },
        "isdecimal": Method { text, _ in .bool(PythonString.isDecimal(text)) },
        "isnumeric": Method { text, _ in .bool(PythonString.isNumeric(text)) },
        "isalpha": Method { text, _ in .bool(PythonString.isAlpha(text)) },
        "isalnum": Method { text, _ in .bool(PythonString.isAlnum(text)) },
        "isspace": Method { text, _ in .bool(PythonString.isSpace(text)) },
        "isupper": Method { text, _ in .bool(PythonString.isUpper(text)) },
        "islower": Method { text, _ in .bool(PythonString.isLower(text)) },
    ]

    private static let bounds: [Builtin.Parameter] = [.optional("start", default: .none), .optional("end", default: .none)]

    /// Searching, splitting and replacing.
    private static let searchMethods: [String: Method] = [
        "find": searching { text, sub, start, end in .int(PythonString.find(text, sub, start: start, end: end)) },
        "rfind": searching { text, sub, start, end in .int(PythonString.rfind(text, sub, start: start, end: end)) },
        "index": searching { text, sub, start, end throws(PythonFormatError) in
            .int(try PythonString.index(text, sub, start: start, end: end))
        },
        "rindex": searching { text, sub, start, end throws(PythonFormatError) in
            .int(try PythonString.rindex(text, sub, start: start, end: end))
        },
        "count": searching { text, sub, start, end in .int(PythonString.count(text, sub, start: start, end: end)) },
        "startswith": Method([.required("prefix")] + bounds) { text, call throws(RuntimeError) in
            let (prefixes, start, end) = (try affixes(call, "prefix", of: "startswith"), try call.optionalInteger("start"),
                                          try call.optionalInteger("end"))
            return .bool(PythonString.startsWith(text, prefixes, start: start, end: end))
        },
        "endswith": Method([.required("suffix")] + bounds) { text, call throws(RuntimeError) in
            let (suffixes, start, end) = (try affixes(call, "suffix", of: "endswith"), try call.optionalInteger("start"),
                                          try call.optionalInteger("end"))
            return .bool(PythonString.endsWith(text, suffixes, start: start, end: end))
        },
        "replace": Method([.required("old"), .required("new"), .optional("count", default: .int(-1))]) { text, call throws(RuntimeError) in
            .string(PythonString.replace(text, try call.string("old"), try call.string("new"), count: try call.integer("count")))
        },
        "split": Method([.optional("sep", default: .none), .optional("maxsplit", default: .int(-1))]) { text, call throws(RuntimeError) in
            let (separator, limit) = (try call.optionalString("sep"), try call.integer("maxsplit"))
            return sequence(try call.python { () throws(PythonFormatError) in try PythonString.split(text, separator: separator, maxSplit: limit) })
        },
        "rsplit": Method([.optional("sep", default: .none), .optional("maxsplit", default: .int(-1))]) { text, call throws(RuntimeError) in
            let (separator, limit) = (try call.optionalString("sep"), try call.integer("maxsplit"))
            return sequence(try call.python { () throws(PythonFormatError) in try PythonString.rsplit(text, separator: separator, maxSplit: limit) })
        },
        "splitlines": Method([.optional("keepends", default: .bool(false))]) { text, call throws(RuntimeError) in
            sequence(PythonString.splitlines(text, keepEnds: try Operators.truth(call.value("keepends"), at: call.range(of: "keepends"))))
        },
        "partition": Method([.required("sep")]) { text, call throws(RuntimeError) in
            try partition(text, call, fromEnd: false)
        },
        "rpartition": Method([.required("sep")]) { text, call throws(RuntimeError) in
            try partition(text, call, fromEnd: true)
        },
        "join": Method([.required("iterable")]) { text, call throws(RuntimeError) in
            try join(text, call)
        },
        "format": Method([.variadic("args"), .namedVariadic("kwargs")]) { text, call throws(RuntimeError) in
            let arguments = TemplateArguments(call)
            let filled = try FormatTemplate(parsing: text).render(with: arguments)
            try arguments.objects.finish()
            return .string(filled)
        },
    ]

    /// Stripping, padding and affixes.
    private static let layoutMethods: [String: Method] = [
        "strip": Method([.optional("chars", default: .none)]) { text, call throws(RuntimeError) in
            .string(PythonString.strip(text, characters: try call.optionalString("chars")))
        },
        "lstrip": Method([.optional("chars", default: .none)]) { text, call throws(RuntimeError) in
            .string(PythonString.lstrip(text, characters: try call.optionalString("chars")))
        },
        "rstrip": Method([.optional("chars", default: .none)]) { text, call throws(RuntimeError) in
            .string(PythonString.rstrip(text, characters: try call.optionalString("chars")))
        },
        "center": Method([.required("width"), .optional("fillchar", default: .string(" "))]) { text, call throws(RuntimeError) in
            let (width, fill) = (try call.integer("width"), try call.string("fillchar"))
            return .string(try call.python { () throws(PythonFormatError) in try PythonString.center(text, width, fill: fill) })
        },
        "ljust": Method([.required("width"), .optional("fillchar", default: .string(" "))]) { text, call throws(RuntimeError) in
            let (width, fill) = (try call.integer("width"), try call.string("fillchar"))
            return .string(try call.python { () throws(PythonFormatError) in try PythonString.ljust(text, width, fill: fill) })
        },
        "rjust": Method([.required("width"), .optional("fillchar", default: .string(" "))]) { text, call throws(RuntimeError) in
            let (width, fill) = (try call.integer("width"), try call.string("fillchar"))
            return .string(try call.python { () throws(PythonFormatError) in try PythonString.rjust(text, width, fill: fill) })
        },
        "zfill": Method([.required("width")]) { text, call throws(RuntimeError) in
            let width = try call.integer("width")
            return .string(try call.python { () throws(PythonFormatError) in try PythonString.zfill(text, width) })
        },
        "removeprefix": Method([.required("prefix")]) { text, call throws(RuntimeError) in
            let prefix = try call.string("prefix")
            guard PythonString.startsWith(text, prefix) else { return .string(text) }
            return .string(String(text.unicodeScalars.dropFirst(prefix.unicodeScalars.count)))
        },
        "removesuffix": Method([.required("suffix")]) { text, call throws(RuntimeError) in
            let suffix = try call.string("suffix")
            guard !suffix.isEmpty, PythonString.endsWith(text, suffix) else { return .string(text) }
            return .string(String(text.unicodeScalars.dropLast(suffix.unicodeScalars.count)))
        },
    ]

    /// A method of the form `text.name(sub, start=None, end=None)`.
    private static func searching(
        _ body: @escaping @Sendable (String, String, Int?, Int?) throws(PythonFormatError) -> Value
    ) -> Method {
        Method([.required("sub")] + bounds) { text, call throws(RuntimeError) in
            let (sub, start, end) = (try call.string("sub"), try call.optionalInteger("start"), try call.optionalInteger("end"))
            return try call.python { () throws(PythonFormatError) in try body(text, sub, start, end) }
        }
    }

    /// `startswith`'s and `endswith`'s first argument: a string or a tuple of strings.
    private static func affixes(_ call: BuiltinCall, _ name: String, of method: String) throws(RuntimeError) -> [String] {
        let refusal = { (other: Value) in
            call.error("TypeError: \(method) first arg must be str or a tuple of str, not \(PythonText.typeName(other))", at: name)
        }
        switch call.value(name) {
        case .string(let text): return [text]
        case .tuple(let items):
            var texts: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw refusal(item) }
                texts.append(text)
            }
            return texts
        case let other: throw refusal(other)
        }
    }

    /// `separator.join(iterable)`: every item must be a string, as in Python.
    private static func join(_ separator: String, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        let items = try call.items("iterable")
        var texts: [String] = []
        texts.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw call.error("TypeError: sequence item \(index): expected str instance, \(PythonText.typeName(item)) found",
                                 at: "iterable")
            }
            texts.append(text)
        }
        return .string(PythonString.join(separator, texts))
    }

    /// `partition` and `rpartition`: the text before the first (last) separator, the separator,
    /// and the text after it; the whole text and two empty strings when it is not there.
    private static func partition(_ text: String, _ call: BuiltinCall, fromEnd: Bool) throws(RuntimeError) -> Value {
        let separator = try call.string("sep")
        guard !separator.isEmpty else { throw RuntimeError(PythonFormatError.emptySeparator, at: call.range(of: "sep")) }
        let found = fromEnd ? PythonString.rfind(text, separator) : PythonString.find(text, separator)
        guard found >= 0 else {
            return .tuple(fromEnd ? [.string(""), .string(""), .string(text)] : [.string(text), .string(""), .string("")])
        }
        let scalars = text.unicodeScalars
        let before = String(scalars.prefix(found))
        let after = String(scalars.dropFirst(found + separator.unicodeScalars.count))
        return .tuple([.string(before), .string(separator), .string(after)])
    }
}
