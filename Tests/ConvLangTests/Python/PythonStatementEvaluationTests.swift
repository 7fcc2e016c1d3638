import Testing
import ConvLang

/// Python's statements: functions and their scopes, branches, loops and item assignment.
@Suite("Python statements")
struct PythonStatementEvaluationTests {
    @Test func functionsBindArgumentsAsPythonDoes() {
        let program = "def f(a, b=10, *rest, c=5):\n    return (a, b, rest, c)\n"
        #expect(show(program + "f(1)") == "(1, 10, (), 5)")
        #expect(show(program + "f(1, 2, 3, 4, c=0)") == "(1, 2, (3, 4), 0)")
        #expect(show(program + "f(b=1, a=2)") == "(2, 1, (), 5)")
        #expect(show(program + "f()") == "error: f() missing 1 required positional argument: 'a'")
        #expect(show(program + "f(1, a=2)") == "error: f() got multiple values for argument 'a'")
        #expect(show(program + "f(1, d=2)") == "error: f() got an unexpected keyword argument 'd'")
        #expect(show("def g(x):\n    pass\ng(1)") == "")
    }

    @Test func defaultsAreComputedWhenDefRuns() {
        #expect(show("n = 1\ndef f(x=n):\n    return x\nn = 2\nf()") == "1")
    }

    @Test func assignmentsInAFunctionAreLocalUnlessGlobal() {
        #expect(show("x = 1\ndef f():\n    x = 2\n    return x\nf(), x") == "(2, 1)")
        #expect(show("x = 1\ndef f():\n    global x\n    x = 2\nf()\nx") == "2")
        #expect(show("def f():\n    y = 3\n    return y\nf()\ny").hasPrefix("error: unknown name 'y'"))
    }

    @Test func nestedFunctionsReadTheEnclosingNames() {
        #expect(show("def outer(a):\n    def inner(b):\n        return a + b\n    return inner(1)\nouter(41)") == "42")
    }

    @Test func recursionStopsAtTheCallDepthLimit() {
        let outcome = run("def f(n):\n    return f(n + 1)\nf(0)", limits: Limits(maximumCallDepth: 20))
        #expect(outcome.kinds == [.limit(.callDepth)])
    }

    @Test func loopsCountStepsSoAnEndlessLoopStops() {
        let outcome = run("while True: pass", limits: Limits(maximumSteps: 1000))
        #expect(outcome.kinds == [.limit(.steps)])
        #expect(run("for i in range(10**12):\n    pass", limits: Limits(maximumSteps: 1000)).kinds == [.limit(.steps)])
    }

    @Test func branchesAndLoops() {
        #expect(show("x = 5\nif x < 3:\n    y = 'a'\nelif x < 6:\n    y = 'b'\nelse:\n    y = 'c'\ny") == "\"b\"")
        #expect(show("s = 0\nfor i in range(5):\n    if i == 3:\n        break\n    s += i\ns") == "3")
        #expect(show("s = 0\nfor a, b in zip([1, 2], [10, 20]):\n    s += a * b\ns") == "50")
        #expect(show("s = 0\nfor row in [[1, 2], [3, 4]]:\n    s += row[1]\ns") == "6")
        #expect(show("for x in 5:\n    pass") == "error: 'int' object is not iterable")
    }

    @Test func itemAssignmentWritesBackAlongTheChain() {
        #expect(show("Y = zeros(3)\nY[1] = 5\nY") == "[0, 5, 0]")
        #expect(show("x = zeros(2, 2)\nx[0][1] = 2\nx[:, 0] = 7\nx") == "[[7, 2],\n [7, 0]]")
        #expect(show("x = zeros(2, 3)\nx[1] = [1, 2, 3]\nx") == "[[0, 0, 0],\n [1, 2, 3]]")
        #expect(show("x = zeros(3)\nx[0:2] += 1\nx") == "[1, 1, 0]")
        #expect(show("x = zeros(2, 3)\nx[0] = [1, 2]").hasPrefix("error: cannot assign a tensor of shape [2]"))
        #expect(show("t = (1, 2)\nt[0] = 3") == "error: 'tuple' object does not support item assignment")
    }

    @Test func assertStatementsAndNoGrad() {
        #expect(run("assert 1 == 2, 'sizes differ'").errors == ["assertion failed: sizes differ"])
        #expect(run("assert 1 == 2").kinds == [.assertion])
        #expect(show("import torch\nwith torch.no_grad():\n    y = 2\ny") == "2")
    }

    @Test func conditionalsLambdasAndTheMainGuard() {
        #expect(show("def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\nfact(10)") == "3628800")
        #expect(show("square = lambda x, p=2: x ** p\nsquare(3), square(2, p=10)") == "(9, 1024)")
        #expect(show("k = 3\ndef scaler():\n    return lambda v: v * k\nscaler()(5)") == "15")
        #expect(show("if __name__ == \"__main__\":\n    main = 1\nmain") == "1")
    }

    @Test func rangesAreLazy() {
        #expect(show("range(3), range(1, 10, 2), len(range(0, 10, 3))") == "(range(0, 3), range(1, 10, 2), 4)")
        #expect(show("a, b, c = range(3)\nc") == "2")
        #expect(show("range(1, 2, 0)") == "error: range() arg 3 must not be zero")
        #expect(show("len(range(-5, 5, 3)), len(range(5, -5, -3)), len(range(3, 3))") == "(4, 4, 0)")
    }
}
