import ConvNumerics

/// Builtins about the program itself: seed, print, assert, help.
enum ProgramBuiltins {
    static let all: [Builtin] = [seed, print, assert, help]

    static let seed = Builtin(
        name: "seed", parameters: [.required("n", "seed")],
        summary: "seed the random generator, as torch.manual_seed",
        details: """
        seed(n)   also manual_seed, torch.manual_seed

        Restarts the generator that rand and new layers draw from. After seed(n), the numbers
        are bit-identical to PyTorch's after torch.manual_seed(n).
        """,
        body: { call throws(RuntimeError) in
            let n = try call.integer("n", in: Int(Int64.min)...Int(Int64.max))
            call.context.generator = TorchGenerator(seed: UInt64(bitPattern: Int64(n)))
            return .none
        })

    static let print = Builtin(
        name: "print", parameters: [.variadic("values")],
        summary: "show values on one line, separated by spaces",
        details: """
        print(values...)

        Shows each value (strings without quotes) on one line; returns none.
          print("output:", conv([2, 3, 4], [1, 1]))
        """,
        body: { call throws(RuntimeError) in
            call.context.output(.printed(call.rest.map(\.value)))
            return .none
        })

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
        summary: "explain a builtin: help(conv) or help(\"conv\")",
        details: """
        help() or help(name)

        help() lists every builtin; help(conv) or help("conv") shows one in detail.
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

/// The help texts: an overview and one page per builtin.
public enum HelpText {
    /// Every builtin with its one-line summary, and the language in brief.
    public static var overview: String {
        let width = (BuiltinLibrary.all.map(\.name.count).max() ?? 0) + 2
        let lines = BuiltinLibrary.all.map { builtin in
            "  " + builtin.name + String(repeating: " ", count: width - builtin.name.count) + builtin.summary
        }
        return """
        conv: a small language for 1-D convolution.

          let x = [2, 3, 4]                          bind a name (or just x = ...)
          conv(x, [0.5, -1], b=0.1, s=2, p=1)        an expression shows its value
          fn smooth(v, n=3) = conv(v, ones(n) / n, p="same")

        Builtins (help(name) for details):
        \(lines.joined(separator: "\n"))

        PyTorch names work too: torch.X, nn.Conv1d, F.conv1d; import lines are accepted.
        """
    }

    /// The help page of a builtin by any of its names (`conv`, `conv1d`, `F.conv1d`), or `nil`.
    public static func topic(_ name: String) -> String? {
        let last = name.split(separator: ".").last.map(String.init) ?? name
        if let builtin = BuiltinLibrary.byName[name] ?? BuiltinLibrary.byName[last] { return builtin.details }
        return nil
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
        Suggestion.nearest(to: name, in: BuiltinLibrary.byName.keys).map { ["did you mean \"\($0)\"?"] } ?? []
    }

    /// Every builtin's name with its argument names, for completion.
    public static var argumentNames: [String: [String]] {
        var table: [String: [String]] = [:]
        for (name, builtin) in BuiltinLibrary.byName { table[name] = builtin.argumentNames }
        return table
    }
}
