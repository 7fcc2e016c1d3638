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
        #expect(show("7 % 0") == "error: integer division or modulo by zero")
    }

    @Test func powers() {
        #expect(show("2 ** 10, 2 ** -1, 2 ** 0.5") == "(1024, 0.5, 1.4142136)")
        #expect(run("2 ** 10").json.first?.contains(#""type":"int""#) == true)
        #expect(show("(-2) ** 63") == "-9223372036854775808")
    }

    @Test func overflowIsALocatedErrorNotATrap() {
        let message = "integer overflow: conv's integers hold values up to 2^63 − 1"
        #expect(show("2 ** 63") == "error: " + message)
        #expect(show("9223372036854775807 + 1") == "error: " + message)
        #expect(show("-9223372036854775807 - 2") == "error: " + message)
        #expect(show("4611686018427387904 * 2") == "error: " + message)
        #expect(show("-(-9223372036854775807 - 1)") == "error: " + message)
        #expect(show("(-9223372036854775807 - 1) // -1") == "error: " + message)
        #expect(run("2 ** 64").diagnostics.first?.location.description == "1:3")
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
