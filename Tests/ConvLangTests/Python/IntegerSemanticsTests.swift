import Testing
import ConvLang

/// Python's int: exact, distinct from float, with floor division and checked overflow.
@Suite("Python ints")
struct IntegerSemanticsTests {
    @Test func literalsAreIntsAndFloatsStayFloats() {
        #expect(run("7").json.first?.contains(#""type":"int""#) == true)
        #expect(run("7.0").json.first?.contains(#""type":"number""#) == true)
        #expect(run("1e3").json.first?.contains(#""type":"number""#) == true)
        #expect(run("1_000").json.first?.contains(#""value":1000,"#) == true)
    }

    @Test func divisionRules() {
        #expect(show("7 // 2, 7 / 2, -7 // 2, -7 % 2, 7 % -2") == "(3, 3.5, -4, 1, -1)")
        #expect(run("7 // 2").json.first?.contains(#""type":"int""#) == true)
        #expect(run("7 / 7").json.first?.contains(#""type":"number""#) == true)
        #expect(show("7 // 0") == "error: integer division or modulo by zero")
        #expect(show("7 % 0") == "error: integer modulo by zero")
    }

    @Test func powers() {
        #expect(show("2 ** 10, 2 ** -1, 2 ** 0.5") == "(1024, 0.5, 1.4142136)")
        #expect(run("2 ** 10").json.first?.contains(#""type":"int""#) == true)
        #expect(show("(-2) ** 63") == "-9223372036854775808")
    }

    @Test func intsLeave64BitsAndComeBackInOneForm() {
        #expect(show("2 ** 63") == "9223372036854775808")
        #expect(show("9223372036854775807 + 1") == "9223372036854775808")
        #expect(show("-9223372036854775807 - 2") == "-9223372036854775809")
        #expect(show("4611686018427387904 * 2") == "9223372036854775808")
        #expect(show("-(-9223372036854775807 - 1)") == "9223372036854775808")
        #expect(show("(-9223372036854775807 - 1) // -1") == "9223372036854775808")
        // A big result that fits is an ordinary int again: equal, hashed and typed as one.
        #expect(show("2 ** 64 - 2 ** 64 + 5 == 5, {2 ** 70 - 2 ** 70: 1}[0], type(2 ** 64 // 2 ** 60) is int") == "(true, 1, true)")
        #expect(run("2 ** 64").json.first?.contains(#""value":18446744073709551616"#) == true)
        #expect(run("2 ** 64").json.first?.contains(#""type":"int""#) == true)
    }

    @Test func hugeResultsEndWithALimitNotAHang() {
        let small = Limits(maximumMemory: 64 << 20)
        for source in ["2 ** 10 ** 10", "10 ** (10 ** 9)", "x = 1 << 2 ** 40", "(-3) ** (2 ** 62)", "7 ** 2 ** 70"] {
            let outcome = run(source, limits: small)
            #expect(outcome.kinds == [.limit(.memory)], "\(source): \(outcome.errors)")
        }
        // Within the memory budget, the work of ever larger products counts as steps.
        let outcome = run("x = 3\nfor i in range(40):\n    x = x * x", limits: Limits(maximumSteps: 100_000))
        #expect(outcome.kinds == [.limit(.steps)], "\(outcome.errors)")
        #expect(run("x = 10 ** 100000\nlen(f'{x:x}')").text == "83049")
    }

    @Test func bigIntsWhereConvWants64Bits() {
        #expect(show("torch.tensor([2 ** 63])").hasPrefix("error: Overflow when unpacking long long"))
        #expect(show("zeros(2 ** 70)").hasPrefix("error: Overflow when unpacking long long"))
        #expect(show("[1, 2][2 ** 64]") == "error: cannot fit 'int' into an index-sized integer")
        #expect(show("zeros(2)[2 ** 64]") == "error: cannot fit 'int' into an index-sized integer")
        #expect(show("tensor([1.0]) * 2 ** 64") == "[1.8446744e+19]")
        #expect(show("tensor([1.0]) * 2 ** 1024") == "error: int too large to convert to float")
    }

    @Test func conversDisplayShowsEveryDigitOrSaysHowLarge() {
        #expect(show("-(2 ** 100)") == "-1267650600228229401496703205376")
        #expect(show("10 ** 5000") == "<int of 16610 bits, more than 4300 digits>")
        #expect(show("print(10 ** 5000)") == "error: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
    }

    @Test func boolsCountAsIntsAndMixingGivesFloats() {
        #expect(show("True + 1, True + True, -True") == "(2, 2, -1)")
        #expect(run("True + 1").json.first?.contains(#""type":"int""#) == true)
        #expect(run("1 + 0.5").json.first?.contains(#""type":"number""#) == true)
        #expect(show("1 == 1.0, 3 != 3.0, 2 < 2.5, 1 == True") == "(true, false, true, true)")
    }

    @Test func intsMeetTensorsAsFloats() {
        #expect(show("tensor([1, 2]) * 3") == "[3, 6]")
        #expect(show("let x = [2, 3, 4]\nx.shape[0] - 2 + 1") == "2")
        #expect(show("len([1, 2, 3]) // 2") == "1")
        #expect(show("zeros(len([1, 2, 3]) - 1)") == "[0, 0]")
    }
}
