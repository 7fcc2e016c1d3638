import Testing
@testable import ConvLang

/// The evaluator refuses what it does not run yet with a located error that names the
/// construct, and runs everything it ran before exactly as before.
@Suite("Python syntax the evaluator does not run yet")
struct NotYetEvaluatedTests {
    @Test func statementsAreRefusedWhereTheyStart() {
        let cases: [(text: String, location: String, message: String)] = [
            ("m = Conv1d(1, 1, 2)\ndel m.bias", "2:5", "'del' of attributes and starred targets are not evaluated by conv yet"),
            ("def f():\n    with open(\"f\") as g:\n        pass", "2:5", "'with' statements are not evaluated by conv yet"),
        ]
        for (text, location, message) in cases {
            let outcome = run(text.hasPrefix("def") ? text + "\nf()" : text)
            #expect(outcome.errors == [message], "\(text)")
            #expect(outcome.diagnostics.first.map { "\($0.location)" } == location, "\(text)")
        }
    }

    @Test func statementsBeforeTheRefusalRun() {
        let outcome = run("print(1)\nwith open(\"f\"):\n    pass\nprint(2)")
        #expect(outcome.text == "1")
        #expect(outcome.errors == ["'with' statements are not evaluated by conv yet"])
    }

    @Test func expressionsAndOperatorsAreRefusedWhereTheyAre() {
        // `@` multiplies tensors (TensorMethods); between plain numbers it is not evaluated.
        #expect(run("x = 2 @ 3").errors == ["the '@' operator is not evaluated by conv yet"])
        // On ints they are Python's (IntegerArithmetic); `&`, `|` and `^` on tensors are
        // PyTorch's (BitwiseOperators), shifts on tensors not evaluated yet.
        #expect(run("x = zeros(2) << zeros(2)").errors == ["the '<<' operator is not evaluated by conv yet"])
        #expect(run("x = zeros(2) | zeros(2)").errors == ["\"bitwise_or_cpu\" not implemented for 'Double'"])
        // `~` flips bool and integer tensors only, as PyTorch's does.
        #expect(run("x = ~zeros(2)").errors == ["~ (operator.invert) is only implemented on integer and Boolean-type tensors"])
        let outcome = run("y = 2\nx = ...")
        #expect(outcome.errors == ["'...' (Ellipsis) is not evaluated by conv yet"])
        #expect(outcome.diagnostics.first?.location.column == 5)
    }

    @Test func whatRanBeforeRunsTheSame() {
        #expect(show("let x = [2, 3, 4]\nconv(x, [0.5, -1], b=0.1, s=2, p=1)") == "[-1.9, -2.4]")
        #expect(show("fn f(a, b=2) = a * b\nf(3)") == "6")
        #expect(show("a, b = (1, 2)\nb") == "2")
        #expect(show("import torch\nfrom torch import nn\n7 // 2") == "3")
        #expect(show("assert(1 == 1)\n1e3") == "1000")
    }
}
