import Testing
import PythonFormatting

/// The parsed form of `str.format` templates, and filling them with a resolver of one's own.
@Suite("str.format templates")
struct TemplateTests {
    @Test func fieldsParseIntoTheirParts() {
        let template = FormatTemplate(parsing: "{} {name[0].real!r:>{w}.{}} {{x}}")
        #expect(template.segments == [
            .field(ReplacementField(argument: .positional(0))),
            .literal(" "),
            .field(ReplacementField(
                argument: .keyword("name"), accessors: [.index(0), .attribute("real")], conversion: .repr,
                spec: [
                    .literal(">"),
                    .field(ReplacementField(argument: .keyword("w"))),
                    .literal("."),
                    .field(ReplacementField(argument: .positional(1))),
                ])),
            .literal(" {x}"),
        ])
    }

    @Test func syntaxErrorsWaitWhereCPythonRaisesThem() {
        let template = FormatTemplate(parsing: "{0} {1[a]x} {")
        #expect(template.segments == [
            .field(ReplacementField(argument: .positional(0))),
            .literal(" "),
            .field(ReplacementField(
                argument: .positional(1), accessors: [.key("a"), .invalid(.onlyDotOrBracketAfterBracket)],
                conversion: nil, spec: [])),
        ])
        #expect(FormatTemplate(parsing: "{} {0}").segments.last == .error(.switchToManualNumbering))
        #expect(FormatTemplate(parsing: "{:{:{}}}").segments == [
            .field(ReplacementField(argument: .positional(0), spec: [
                .field(ReplacementField(argument: .positional(1), spec: [
                    .error(.maxRecursionExceeded),
                ])),
            ])),
        ])
    }

    /// A resolver of the caller's own values and errors: here keywords name strings, and the
    /// template's errors are wrapped.
    struct Names: FormatFieldResolver {
        struct Failure: Error, Equatable { var text: String }
        let values = ["a": "x", "w": "9"]
        func failure(_ error: PythonFormatError) -> Failure { Failure(text: error.description) }
        func argument(_ argument: FieldArgument) throws(Failure) -> String {
            guard case .keyword(let name) = argument, let value = values[name] else { throw Failure(text: "lookup") }
            return value
        }
        func attribute(_ name: String, of value: String) throws(Failure) -> String { value + "." + name }
        func item(_ accessor: FieldAccessor, of value: String) throws(Failure) -> String { value + "[]" }
        func convert(_ value: String, _ conversion: FieldConversion) throws(Failure) -> String {
            PythonString.repr(value)
        }
        func format(_ value: String, spec: String) throws(Failure) -> String {
            do { return try PythonFormat.format(value, spec: spec) } catch { throw failure(error) }
        }
    }

    @Test func theEvaluatorFillsFieldsWithItsOwnValues() throws {
        #expect(try FormatTemplate(parsing: "{a.b!r:>{w}}|").render(with: Names()) == "    'x.b'|")
        // The lookup of {0} fails before the stray brace after it is reached, as in CPython.
        #expect(throws: Names.Failure(text: "lookup")) {
            try FormatTemplate(parsing: "{0} }").render(with: Names())
        }
        #expect(throws: Names.Failure(text: "ValueError: Single '}' encountered in format string")) {
            try FormatTemplate(parsing: "{a} }").render(with: Names())
        }
    }

    @Test func valuesFillTemplatesAsPythonDoes() throws {
        let arguments = FormatArguments([.int(3), .float(0.5)], keywords: ["name": .string("loss")])
        #expect(try FormatTemplate(parsing: "{name}: {1:.1%} after {0} epochs").render(with: arguments)
            == "loss: 50.0% after 3 epochs")
    }
}
