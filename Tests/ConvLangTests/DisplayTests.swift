import Testing
import ConvLang
import ConvNumerics

@Suite("Display")
struct DisplayTests {
    @Test func numbersInShortestFormAtEightDigits() {
        #expect(ValueFormatter.format(2) == "2")
        #expect(ValueFormatter.format(0.5) == "0.5")
        #expect(ValueFormatter.format(-1.9) == "-1.9")
        #expect(ValueFormatter.format(0.1 + 0.2) == "0.3")
        #expect(ValueFormatter.format(1e-9) == "1e-09")
        #expect(ValueFormatter.format(123456789) == "1.2345679e+08")
        #expect(ValueFormatter.format(1.0 / 3.0) == "0.33333333")
        #expect(ValueFormatter.format(.nan) == "nan")
        #expect(ValueFormatter.format(-.infinity) == "-inf")
    }

    @Test func matricesAlignTheirColumns() {
        #expect(show("[[1, -2.5], [30, 4]]") == "[[   1, -2.5],\n [  30,    4]]")
    }

    @Test func rankThreeSeparatesBlocks() {
        #expect(show("[[[1, 2]], [[3, 4]]]") == "[[[1, 2]],\n\n [[3, 4]]]")
    }

    @Test func largeTensorsAreSummarised() {
        #expect(show("arange(1001)") == "[0, 1, 2, ..., 998, 999, 1000] (shape [1001])")
        #expect(show("arange(1000)").contains("...") == false)
    }

    @Test func valuesOfEveryKind() {
        #expect(show("\"same\", true, (1,), conv") .hasPrefix("(\"same\", true, (1,), <builtin conv(x, w, b=none"))
        #expect(show("fn f(a, b=2) = a\nf") == "<fn f(a, b=…)>")
        #expect(show("torch") == "<module torch>")
        #expect(show("[]") == "[]")
    }

    @Test func jsonKeepsFullPrecision() {
        let outcome = run("0.1 + 0.2\n[1, 2.5]\n1 / 0\n(1, \"a\")\nprint(1, 2)\nprint(3)\nnone == none")
        #expect(outcome.json == [
            #"{"kind":"value","line":1,"type":"number","dtype":"float64","shape":[],"value":0.30000000000000004,"text":"0.3"}"#,
            #"{"kind":"value","line":2,"type":"tensor","dtype":"float64","shape":[2],"value":[1,2.5],"text":"[1, 2.5]"}"#,
            #"{"kind":"value","line":3,"type":"number","dtype":"float64","shape":[],"value":null,"nonfinite":{"Infinity":[0]},"text":"inf"}"#,
            #"{"kind":"value","line":4,"type":"tuple","dtype":null,"shape":null,"value":[1,"a"],"items":[{"type":"int","dtype":"int64","shape":[],"value":1},{"type":"string","dtype":null,"shape":null,"value":"a"}],"text":"(1, \"a\")"}"#,
            #"{"kind":"print","line":5,"values":[{"type":"int","dtype":"int64","shape":[],"value":1},{"type":"int","dtype":"int64","shape":[],"value":2}],"text":"1 2"}"#,
            #"{"kind":"print","line":6,"values":[{"type":"int","dtype":"int64","shape":[],"value":3}],"text":"3"}"#,
            #"{"kind":"value","line":7,"type":"bool","dtype":"bool","shape":[],"value":true,"text":"true"}"#,
        ])
    }

    @Test func jsonOfALayerHasItsSettingsAndWeights() {
        let outcome = run("Conv1d(1, 1, 2, s=2, p=1, w=[[[0.5, -1]]], b=[0.1])")
        #expect(outcome.json.first?.contains(#""type":"layer","dtype":null,"shape":null,"value":{"type":"Conv1d","in_channels":1,"out_channels":1,"kernel_size":2,"stride":2,"padding":1,"dilation":1,"groups":1,"padding_mode":"zeros","weight":[[[0.5,-1]]],"bias":[0.1]},"#) == true)
    }
}

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test func renderedWithLineAndCaret() {
        let outcome = run("let x = [2, 3, 4]\ny = conv(x, k")
        #expect(outcome.diagnostics.count == 1)
        let expected = """
        test.conv:2:14: error: expected ')' after the arguments, found end of input
         2 | y = conv(x, k
           |              ^
           = the bracket was opened at line 2, column 9
        """
        #expect(outcome.diagnostics.first?.rendered() == expected)
    }

    @Test func runtimeErrorsUnderlineTheWholeSpan() {
        let outcome = run("conv([1, 2, 3], [1, 1, 1, 1, 1])")
        let rendered = outcome.diagnostics.first?.rendered() ?? ""
        #expect(rendered.hasPrefix("test.conv:1:1: error: padded length 3"))
        #expect(rendered.contains(" 1 | conv([1, 2, 3], [1, 1, 1, 1, 1])\n   | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"))
    }

    @Test func channelMismatchBlamesTheInput() {
        let outcome = run("conv([[1, 2, 3], [4, 5, 6], [7, 8, 9]], ones(4, 2, 3))")
        #expect(outcome.diagnostics.first?.message.contains("3 channels") == true)
        #expect(outcome.diagnostics.first?.location.column == 6)
    }

    @Test func colouredRenderingUsesANSIOnlyWhenAsked() {
        let outcome = run("x")
        #expect(outcome.diagnostics.first?.rendered(colored: false).contains("\u{1B}[") == false)
        #expect(outcome.diagnostics.first?.rendered(colored: true).contains("\u{1B}[") == true)
    }
}
