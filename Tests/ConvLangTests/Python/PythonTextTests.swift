import Testing
import PythonFormatting
@testable import ConvLang

/// Python's text in the evaluator: what the program goldens (Tests/Programs/python, each
/// checked against python3) cannot show: tensors, conv's own display beside Python's, the
/// events `print` makes, and errors with their locations and reasons.
@Suite("Python's text")
struct PythonTextTests {
    @Test func printUsesPythonsStrAndKeepsTensorsAsConvShowsThem() {
        #expect(run("print(0.1 + 0.2, 3.0, true, none, \"a\", (1, \"b\"))").lines == ["0.30000000000000004 3.0 True None a (1, 'b')"])
        #expect(run("let x = [2, 3.5]\nprint(x, (x, 1), f\"{x}\", str(x))").lines == ["[2, 3.5] ([2, 3.5], 1) [2, 3.5] [2, 3.5]"])
        #expect(run("print(nn.Identity())").lines == ["Identity()"])
        #expect(run("print(len, f\"{print!r}\")").lines == ["<built-in function len> <built-in function print>"])
    }

    @Test func theShortLanguagesDisplayIsUnchanged() {
        #expect(show("\"it's\"") == "\"it's\"")
        #expect(show("true") == "true")
        #expect(show("0.1 + 0.2") == "0.3")
        #expect(show("(1, \"a\")") == "(1, \"a\")")
    }

    @Test func printWithoutALineBreakWaitsForTheRestOfItsLine() {
        #expect(run("print(\"a\", end=\"\")\nprint(\"b\")").lines == ["ab"])
        // Another value shown, or the end of the run, completes the line first.
        #expect(run("print(\"a\", end=\"\")\n1 + 1").lines == ["a", "2"])
        #expect(run("print(\"a\", end=\"-\")").lines == ["a-"])
        #expect(run("print(\"a\", end=\"\")\nundefined_name").lines == ["a"])
        #expect(run("print(1, 2, sep=\"\\n\", end=\"\\n\\n\")").lines == ["1\n2\n"])
        #expect(run("print()").lines == [""])
    }

    @Test func aPlainPrintKeepsItsValuesTypedForHosts() {
        let json = run("print(1, 2.5)").json
        #expect(json.count == 1)
        #expect(json.first?.contains(#""values":[{"type":"int""#) == true)
        #expect(run("print(1, 2.5, sep=\",\")").json.first?.contains(#""text":"1,2.5""#) == true)
    }

    @Test func printRefusesASeparatorThatIsNotAString() {
        #expect(show("print(1, sep=2)") == "error: TypeError: print's argument 'sep' must be None or a string, not int")
    }

    @Test func formatErrorsAreLocatedWithPythonsExceptionAndMessage() {
        let outcome = run("v = 2.5\ns = f\"value {v:d}\"")
        #expect(outcome.errors == ["ValueError: Unknown format code 'd' for object of type 'float'"])
        #expect(outcome.diagnostics.first.map { "\($0.location)" } == "2:13")
        #expect(outcome.diagnostics.first?.notes.first?.contains("'.0f'") == true)
        #expect(outcome.kinds == [.runtime])
        #expect(show("\"{} {0}\".format(1, 2)")
                == "error: ValueError: cannot switch from automatic field numbering to manual field specification")
        #expect(show("\"{2}\".format(1)") == "error: IndexError: Replacement index 2 out of range for positional args tuple")
        #expect(show("\"{x}\".format(y=1)") == "error: KeyError: 'x'")
        #expect(show("\"%d %d\" % (1,)") == "error: TypeError: not enough arguments for format string")
        #expect(show("\"%d\" % \"x\"") == "error: TypeError: %d format: a real number is required, not str")
        #expect(show("\"%s\" % (1, 2)") == "error: TypeError: not all arguments converted during string formatting")
        #expect(show("format(None, \">3\")") == "error: TypeError: unsupported format string passed to NoneType.__format__")
        #expect(show("f\"{1:{'x' * 3}}\"") == "error: ValueError: Invalid format specifier 'xxx' for object of type 'int'")
    }

    @Test func aFormatErrorCarriesItsTypedReason() {
        let error = RuntimeError(PythonFormatError.unknownFormatCode("d", typeName: "float"), at: SourceRange(start: 0, end: 1))
        #expect(error.reason == .pythonFormat(.unknownFormatCode("d", typeName: "float")))
        #expect(RuntimeError("conv's own", at: SourceRange(start: 0, end: 1)).reason == nil)
    }

    @Test func tensorsFormatAsPyTorchsTensorFormat() {
        // A 0-dimensional tensor formats as its number; any other only with an empty spec.
        #expect(show("f\"{tensor(3.5):.2f}\"") == "\"3.50\"")
        #expect(show("f\"{tensor([1.5, 2])}\"") == "\"[1.5, 2]\"")
        let outcome = run("t = tensor([1.5])\ns = f\"{t:.2f}\"")
        #expect(outcome.errors == ["TypeError: unsupported format string passed to Tensor.__format__"])
        #expect(outcome.diagnostics.first?.notes.first?.contains("0 dimensions") == true)
        #expect(show("f\"{tensor([1.5])[0]:.2f}\"") == "\"1.50\"")
        #expect(show("\"{0.shape}\".format(zeros(2, 3))") == "\"(2, 3)\"")
        #expect(show("\"{0.ndim}\".format(zeros(2, 3))") == "\"2\"")
    }

    @Test func stringMethodsRefuseAsPythonDoes() {
        #expect(show("\"abc\".index(\"z\")") == "error: ValueError: substring not found")
        #expect(show("\",\".join((1, 2))") == "error: TypeError: sequence item 0: expected str instance, int found")
        #expect(show("\"a b\".split(\"\")") == "error: ValueError: empty separator")
        #expect(show("\"a\".center(5, \"ab\")") == "error: TypeError: The fill character must be exactly one character long")
        #expect(show("\"a\".startswith(1)") == "error: TypeError: startswith first arg must be str or a tuple of str, not int")
        let outcome = run("\"a\".uper()")
        #expect(outcome.errors == ["string has no member 'uper'"])
        #expect(outcome.diagnostics.first?.notes.first == "did you mean 'upper'?")
        #expect(show("u = \"abc\".upper\nu()") == "\"ABC\"")
    }

    @Test func stringsCountCodePointsAsPythonDoes() {
        // "é" written as e and a combining accent is two code points, and not equal to "é".
        #expect(show("len(\"e\\u0301\")") == "2")
        #expect(show("\"e\\u0301\" == \"\\u00e9\"") == "false")
        #expect(show("\"e\\u0301\"[1] == \"\\u0301\"") == "true")
        #expect(show("n = 0\nfor c in \"e\\u0301\":\n    n += 1\nn") == "2")
        #expect(show("\"\\u00e9\" < \"f\"") == "false")
    }

    @Test func stringOperatorsRefuseWhatPythonRefuses() {
        #expect(show("1 in \"abc\"") == "error: TypeError: 'in <string>' requires string as left operand, not int")
        #expect(show("\"abc\"[3]").hasPrefix("error: string index out of range"))
        #expect(show("\"abc\"[::0]") == "error: a slice step cannot be zero")
        let outcome = run("s = \"ab\" * 10**12", limits: Limits(maximumElements: 1000))
        #expect(outcome.kinds == [.limit(.elements)])
    }

    @Test func textBuiltins() {
        #expect(show("str()") == "\"\"")
        #expect(show("repr(\"it's\")") == #""\"it's\"""#)
        #expect(show("ord(\"ab\")") == "error: TypeError: ord() expected a character, but string of length 2 found")
        #expect(show("chr(-1)") == "error: ValueError: chr() arg not in range(0x110000)")
        #expect(show("format(0.5, spec=\".1%\")") == "\"50.0%\"")
    }
}
