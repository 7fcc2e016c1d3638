import Testing
@testable import ConvLang

/// Arithmetic on number literals is computed while a program is parsed to run; what it shows,
/// its errors and where they point are what evaluating the written tree gives.
@Suite("Constant folding")
struct ConstantFoldingTests {
    /// A program printing `template` with its literals filled in, or (`folding` false) read
    /// from names bound to them first, so that nothing folds.
    private func program(_ literals: [String], _ template: String, folding: Bool) -> String {
        var bindings = ""
        var expression = template
        for (index, literal) in literals.enumerated() {
            if !folding { bindings += "n\(index) = \(literal)\n" }
            expression = expression.replacingOccurrences(of: "{\(index)}", with: folding ? literal : "n\(index)")
        }
        return bindings + "print(\(expression))"
    }

    @Test func foldedValuesAreTheEvaluatedOnes() {
        let cases: [([String], String)] = [
            (["17", "2", "3.5", "3", "2"], "{0} * {1} + {2} - {3} / {4}"),
            (["7", "2"], "{0} / {1}"),
            (["6", "3"], "{0} / {1}"),
            (["1", "3"], "{0} / {1}"),
            (["0.1", "0.2"], "{0} + {1}"),
            (["9223372036854775807", "1"], "{0} + {1}"),
            (["-9223372036854775807", "2"], "{0} - {1} - {1}"),
            (["4294967296", "4294967296"], "{0} * {1}"),
            (["9007199254740993", "3"], "{0} / {1}"),
            (["9007199254740993", "0.5"], "{0} + {1}"),
            (["1e308", "10"], "{0} * {1}"),
            (["1", "0"], "{0} / {1}"),
            (["1.5", "0"], "{0} / {1}"),
            (["7", "2"], "{0} // {1} + {0} % {1} + {0} ** {1}"),
            (["2", "3", "4"], "{0} - {1} * {2}"),
        ]
        for (literals, template) in cases {
            let expected = run(program(literals, template, folding: false))
            let actual = run(program(literals, template, folding: true))
            #expect(actual.text == expected.text, "\(template) with \(literals)")
            #expect(actual.errors == expected.errors, "\(template) with \(literals)")
        }
    }

    @Test func aFoldedLiteralCoversTheWholeExpression() throws {
        let text = "let a17 = 17 * 2 + 3.5 - 3 / 2"
        let source = SourceFile(name: "t", text: text)
        let (statements, diagnostics) = Parser.parse(source, foldsConstants: true)
        #expect(diagnostics.isEmpty)
        guard case .assign(_, _, .number(let value, let range), _)? = statements.first else {
            Issue.record("not folded to one literal: \(statements)")
            return
        }
        #expect(value == 36.0)
        #expect(source.text(of: range) == "17 * 2 + 3.5 - 3 / 2")
        // Tools and the syntax tests read the tree as written.
        #expect(Syntax.tree("17 * 2 + 3.5 - 3 / 2").hasPrefix("(- (+ (* 17 2)"))
    }

    @Test func whatCannotFoldKeepsItsErrorAndItsPlace() {
        // One-letter names stand where one-digit literals were, so the columns are the same.
        let folded = run("let y = 1 + 2 * 3 + 2 // 0").diagnostics
        let unfolded = run("a = 1\nb = 2\nc = 3\nd = 0\nlet y = a + b * c + b // d").diagnostics
        #expect(folded.count == 1)
        #expect(folded.map(\.message) == unfolded.map(\.message))
        #expect(folded.map(\.location.column) == unfolded.map(\.location.column))
        #expect(folded.map(\.range.end) == unfolded.map { $0.range.end - 24 })
        // An operand that is not a literal stops the folding above it, not the literals beside it.
        #expect(show("let k = 2\nk * 3 + 4 / 8") == "6.5")
    }
}
