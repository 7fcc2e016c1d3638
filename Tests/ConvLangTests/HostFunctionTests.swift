import Testing
import ConvLang
import ConvNumerics

/// Functions written by the host in Swift, called by programs as builtins are.
@Suite("Host functions")
struct HostFunctionTests {
    static let scale = HostFunction(
        name: "scale",
        parameters: [.required("x", aliases: ["input"]), .optional("by", default: .number(2))],
        summary: "multiply a tensor by a number",
        help: "scale(x, by=2)\n\nMultiplies every element of x by `by`."
    ) { arguments in
        let x = try arguments.tensor("x", allowNumber: true)
        let factor = try arguments.number("by")
        guard factor.isFinite else { throw arguments.error("scale's argument 'by' must be finite", at: "by") }
        return .tensor(Tensor(shape: x.shape, scalars: x.scalars.map { $0 * factor }) ?? x)
    }

    static let total = HostFunction(name: "total", parameters: [.variadic("values")], summary: "add numbers") { arguments in
        .number(arguments.rest.compactMap { if case .number(let x) = $0 { x } else { nil } }.reduce(0, +))
    }

    struct Refused: Error, CustomStringConvertible { var description: String { "the service is closed" } }

    static let failing = HostFunction(name: "fetch", parameters: [.required("key")]) { _ in throw Refused() }

    private func session(_ functions: [HostFunction] = [scale, total, failing]) -> (Interpreter, Collector) {
        let collector = Collector()
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.hostFunctions = functions
        let interpreter = Interpreter(configuration: configuration) { collector.outcome.lines.append($0.text) }
        return (interpreter, collector)
    }

    @Test func programsCallThemWithPositionalNamedAndDefaultArguments() {
        let (interpreter, collector) = session()
        let result = interpreter.run("scale([1, 2])\nscale([1, 2], by=3)\nscale(input=[1], by=-1)\ntotal(1, 2, 3)\nlet f = scale\nf(2)")
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        #expect(collector.outcome.lines == ["[2, 4]", "[3, 6]", "[-1]", "6", "4"])
    }

    @Test func argumentErrorsAreTheBuiltinOnesNamingTheFunction() {
        let (interpreter, _) = session()
        let cases = [
            ("scale([1], bye=2)", "scale has no argument 'bye'", "1:12"),
            ("scale([1], by=2, by=3)", "scale got argument 'by' twice", "1:18"),
            ("scale(x=[1], input=[2])", "scale got argument 'x' twice (as 'x' and 'input')", "1:14"),
            ("scale()", "scale is missing its argument 'x'", "1:1"),
            ("scale([1], 2, 3)", "scale takes at most 2 positional arguments, got 3", "1:15"),
        ]
        for (source, message, location) in cases {
            let diagnostics = interpreter.run(source, name: "t").diagnostics
            #expect(diagnostics.map(\.message) == [message], "\(source)")
            #expect(diagnostics.map(\.kind) == [.runtime])
            #expect(diagnostics.first.map { "\($0.location)" } == location, "\(source)")
        }
        let unknown = interpreter.run("scale([1], bye=2)").diagnostics.first
        #expect(unknown?.notes == ["did you mean 'by'?", "valid arguments: x, input, by"])
    }

    @Test func typedAccessorsPointAtTheArgument() {
        let (interpreter, _) = session()
        let wrongType = interpreter.run("scale([1], by=\"two\")", name: "t").diagnostics
        #expect(wrongType.map(\.message) == ["scale's argument 'by' must be a number, not string"])
        #expect(wrongType.first.map { "\($0.location)" } == "1:15")
        let refused = interpreter.run("scale([1], by=1 / 0)", name: "t").diagnostics
        #expect(refused.map(\.message) == ["scale's argument 'by' must be finite"])
        #expect(refused.first.map { "\($0.location)" } == "1:15")
    }

    @Test func aThrowingBodyIsARuntimeErrorAtTheCall() {
        let (interpreter, _) = session()
        let result = interpreter.run("let a = 1\nlet b = fetch(\"k\") + 1", name: "t")
        #expect(result.diagnostics.map(\.kind) == [.runtime])
        #expect(result.diagnostics.map(\.message) == ["fetch: the service is closed"])
        #expect(result.diagnostics.first.map { "\($0.location)" } == "2:9")
        #expect(interpreter.value(of: "a") == .number(1))
    }

    @Test func helpShowsTheHostsTextAndListsTheFunctions() {
        let (interpreter, collector) = session()
        interpreter.run("help(scale)\nhelp(\"scale\")\nhelp()")
        #expect(collector.outcome.lines[0] == "scale(x, by=2)\n\nMultiplies every element of x by `by`.")
        #expect(collector.outcome.lines[1] == collector.outcome.lines[0])
        #expect(collector.outcome.lines[2].contains("Functions of this host:\n  fetch  \n  scale  multiply a tensor by a number"))
        #expect(interpreter.helpText(for: "scale") == collector.outcome.lines[0])
        #expect(interpreter.helpText(for: "conv") == HelpText.topic("conv"))
    }

    @Test func completionSeesTheParameters() {
        let (interpreter, _) = session()
        let parameters = interpreter.functionParameters["scale"]
        #expect(parameters?.map(\.spellings) == [["x", "input"], ["by"]])
        #expect(interpreter.functionParameters["total"]?.first?.isVariadic == true)
        #expect(interpreter.functionParameters["conv"] != nil)
        #expect(interpreter.visibleNames.contains("scale"))
        #expect(interpreter.hostFunctionNames == ["fetch", "scale", "total"])
    }

    @Test func scopingProgramBindingsHideHostFunctionsWhichHideBuiltins() {
        let shadow = HostFunction(name: "len", parameters: [.required("x")]) { _ in .string("host") }
        let (interpreter, collector) = session([shadow])
        interpreter.run("len([1, 2])\nlen = 5\nlen")
        #expect(collector.outcome.lines == ["\"host\"", "5"])
        interpreter.reset()
        interpreter.run("len([1])")
        #expect(collector.outcome.lines.last == "\"host\"", "reset forgets bindings, not the host's functions")
    }

    @Test func defineAddsOrReplacesLater() {
        let (interpreter, collector) = session([])
        #expect(interpreter.run("scale(1)").diagnostics.map(\.message) == ["unknown name 'scale'"])
        interpreter.define(Self.scale)
        interpreter.run("scale(1)")
        interpreter.define(HostFunction(name: "scale") { _ in .number(0) })
        interpreter.run("scale()")
        #expect(collector.outcome.lines == ["2", "0"])
    }

    @Test func aMisspeltHostFunctionIsSuggested() {
        let (interpreter, _) = session()
        #expect(interpreter.run("scal([1])").diagnostics.first?.notes == ["did you mean 'scale'?"])
    }
}
