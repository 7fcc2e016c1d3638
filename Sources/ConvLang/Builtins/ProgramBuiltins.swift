import ConvNumerics

/// Builtins about the program itself: seed, print, assert, help.
enum ProgramBuiltins {
    static let all: [Builtin] = [seed, printBuiltin, assert, help]

    /// `print` shows Python's text of what it is given: `print([3.0, 4.5])` shows the list,
    /// `[3.0, 4.5]`, not the tensor a list of numbers stands for.
    static let printBuiltin: Builtin = {
        var builtin = print
        builtin.takesPythonValues = true
        return builtin
    }()

    static let seed = Builtin(
        name: "seed", aliases: ["manual_seed", "torch.manual_seed"], parameters: [.required("n", "seed")],
        summary: "seed the random generator, as torch.manual_seed",
        details: """
        seed(n)

        Restarts the generator that rand and new layers draw from. After seed(n), the numbers
        are bit-identical to PyTorch's after torch.manual_seed(n). It gives the default
        generator back, as torch.manual_seed does (a statement of its own shows nothing).
        """,
        body: { call throws(RuntimeError) in
            let n = try call.integer("n", in: Int(Int64.min)...Int(Int64.max))
            call.context.generator = TorchGenerator(seed: UInt64(bitPattern: Int64(n)))
            return .object(ObjectBox(TorchGeneratorObject(seed: UInt64(bitPattern: Int64(n)), isGlobal: true)))
        })

    static let print = Builtin(
        name: "print",
        parameters: [.variadic("values"), .optional("sep", default: .none, namedOnly: true),
                     .optional("end", default: .none, namedOnly: true),
                     .optional("flush", default: .bool(false), namedOnly: true)],
        summary: "show values on one line, separated by spaces",
        details: """
        print(values..., sep=" ", end="\\n")

        Shows each value as Python's str() does (3.0, True, None, strings without quotes),
        separated by sep and followed by end; returns none. Tensors show as conv shows them.
          print("output:", conv([2, 3, 4], [1, 1]))
          print(1, 2, sep=", ", end="")
        """,
        body: { call throws(RuntimeError) in
            let separator = try call.optionalString("sep") ?? " "
            let terminator = try call.optionalString("end") ?? "\n"
            for argument in call.rest { try IntegerText.checkConvertible(argument.value, at: argument.range) }
            call.context.print(try objectTexts(call.rest.map(\.value), call), separator: separator, terminator: terminator)
            return .none
        })

    /// The values to print, with each instance of a class that defines `__str__` or `__repr__`
    /// (alone or inside a list, tuple or dict) made into its text now, while the program runs;
    /// every other value is kept as it is, so hosts still see numbers and tensors typed.
    private static func objectTexts(_ values: [Value], _ call: BuiltinCall) throws(RuntimeError) -> [Value] {
        var values = values
        for index in values.indices {
            switch values[index] {
            case .instance, .list, .tuple, .dict:
                let objects = ObjectTexts(call.context, at: call.range)
                let text = PythonText.str(values[index], tensors: call.context.display, objects: objects)
                try objects.finish()
                if objects.calledMethod { values[index] = .string(text) }
            default:
                continue
            }
        }
        return values
    }

    static let assert = Builtin(
        name: "assert", parameters: [.required("condition"), .optional("message", default: .string("assertion failed"))],
        summary: "stop with an error unless the condition is true",
        details: """
        assert(condition, message="assertion failed")

        Stops the program with the message when condition is false. For tensors use all(...):
          assert(allclose(m(x), [-1.9, -2.4]), "walkthrough result")
        """,
        body: { call throws(RuntimeError) in
            let condition = call.value("condition")
            guard try Operators.truth(condition, at: call.range(of: "condition")) else {
                let message = call.isGiven("message") ? "assertion failed: " + ValueFormatter.printed(call.value("message"))
                    : "assertion failed"
                throw call.error(message, at: "condition", kind: .assertion)
            }
            return .none
        })

    static let help = Builtin(
        name: "help", parameters: [.optional("topic", default: .none)],
        summary: "explain a builtin or a topic: help(conv), help(\"explain\")",
        details: """
        help() or help(name)

        help() lists the builtins by topic; help(conv) or help("conv") shows one in detail;
        help("topics") lists the topics and help("explain") shows one; help(let) shows the
        language.
        """,
        body: { call throws(RuntimeError) in
            let text: String
            switch call.value("topic") {
            case .none: text = HelpText.overview + HelpText.hostListing(call.context.hostFunctions)
            case .string(let name):
                guard let topic = call.context.hostFunctions[name]?.helpText ?? HelpText.topic(name) else {
                    throw call.error("no help for \"\(name)\"", at: "topic", notes: HelpText.suggestions(for: name))
                }
                text = topic
            case let other: text = HelpText.describe(other)
            }
            call.context.output(.printed([.string(text)]))
            return .none
        })
}

/// The help texts: an overview by topic, a page per topic, and one per builtin (see ``HelpTopics``).
public enum HelpText {
    /// The language in three lines and every builtin by topic, in about a screen.
    public static var overview: String { HelpTopics.overview }

    /// The help page of a builtin by any of its names (`conv`, `conv1d`, `F.conv1d`), of a topic
    /// (`"convolution"`, `"explain"`, `"language"`, `"topics"`), or of a keyword (`"let"`); `nil`
    /// for anything else. A builtin's own page comes first.
    public static func topic(_ name: String) -> String? {
        let last = name.split(separator: ".").last.map(String.init) ?? name
        if let builtin = BuiltinLibrary.byName[name] ?? BuiltinLibrary.byName[last] { return page(of: builtin) }
        if name == "topics" { return HelpTopics.topicList }
        return HelpTopics.topic(name).map(HelpTopics.page)
    }

    /// A builtin's help page: its details, with the names it also answers to after the signature
    /// on the first line (or on a line of their own, when that line would grow past 100 columns).
    static func page(of builtin: Builtin) -> String {
        guard !builtin.aliases.isEmpty else { return builtin.details }
        let also = "also " + builtin.aliases.map(BuiltinLibrary.shortestSpelling(of:)).joined(separator: ", ")
        var lines = builtin.details.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let signature = lines.first ?? ""
        lines[0] = signature.count + 3 + also.count <= 100 ? signature + "   " + also : signature + "\n    " + also
        return lines.joined(separator: "\n")
    }

    /// What `help(value)` shows for a value: a builtin's page, a function's signature, a layer's
    /// page, or the value with its type.
    public static func describe(_ value: Value) -> String {
        switch value {
        case .function(let function): function.helpText ?? "\(function.signature)\n\nA function defined with fn."
        case .layer(let layer): topic(layer.typeName) ?? layer.description
        default: "\(ValueFormatter.display(value)): \(value.typeDescription)"
        }
    }

    static func suggestions(for name: String) -> [String] {
        let known = Array(BuiltinLibrary.byName.keys) + HelpTopics.shown.map(\.name) + ["topics"]
        let nearest = Suggestion.nearest(to: name, in: known).map { ["did you mean \"\($0)\"?"] } ?? []
        return nearest + ["help(\"topics\") lists the topics"]
    }

    /// Every builtin's name with its argument names, for completion.
    public static var argumentNames: [String: [String]] {
        var table: [String: [String]] = [:]
        for (name, builtin) in BuiltinLibrary.byName { table[name] = builtin.argumentNames }
        return table
    }
}
