import Testing
import ConvNumerics
@testable import ConvLang

/// Python's scoping rules, each case checked against what python3 gives for the same code:
/// locals decided from the whole body, closures over cells, `global` and `nonlocal`.
@Suite("Python scopes")
struct PythonScopeTests {
    /// The error a program ends with, as the evaluator raised it (message and typed reason).
    private func failure(_ source: String) -> RuntimeError? {
        let evaluator = Evaluator(context: EvaluationContext(seed: 0, limits: Limits(), interrupt: InterruptFlag(), output: { _ in }))
        do throws(RuntimeError) {
            for statement in Parser.parse(SourceFile(name: "test", text: source)).statements { _ = try evaluator.execute(statement) }
        } catch {
            return error
        }
        return nil
    }

    @Test func aClosureSeesLaterRebindingOfTheEnclosingVariable() {
        #expect(show("def make():\n    x = 1\n    def get():\n        return x\n    x = 2\n    return get\nmake()()") == "2")
        #expect(show("def adder(n):\n    return lambda v: v + n\nadder(3)(4)") == "7")
    }

    @Test func nonlocalCountersKeepTheirState() {
        let counter = "def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\n"
        #expect(show(counter + "c = counter()\nd = counter()\nc()\nc()\nd()\nc(), d()") == "1\n2\n1\n(3, 2)")
        // Through a function that only passes the variable on.
        let passing = "def a():\n    x = 1\n    def b():\n        def c():\n            nonlocal x\n            x += 10\n        c()\n        return x\n    return b()\na()"
        #expect(show(passing) == "11")
    }

    @Test func lambdasMadeInALoopAllSeeTheLastValue() {
        let inFunction = "def g():\n    fs = ()\n    for j in range(3):\n        fs = fs + (lambda: j,)\n    return fs\nh = g()\nh[0](), h[1](), h[2]()"
        #expect(show(inFunction) == "(2, 2, 2)")
        #expect(show("fs = ()\nfor i in range(3):\n    fs = fs + (lambda: i,)\nfs[0](), fs[2]()") == "(2, 2)")
        #expect(show("fs = ()\nfor i in range(3):\n    fs = fs + (lambda i=i: i,)\nfs[0](), fs[2]()") == "(0, 2)")
    }

    @Test func aLocalReadBeforeAssignmentIsUnboundLocalError() {
        let error = failure("x = 1\ndef f():\n    y = x\n    x = 2\nf()")
        #expect(error?.message == "cannot access local variable 'x' where it is not associated with a value")
        #expect(error?.reason == .unboundLocal("x"))
        #expect(error.map { $0.range.start } == 23)
        #expect(failure("def f():\n    n += 1\nf()")?.reason == .unboundLocal("n"))
        // A fresh frame for each call: a local bound by the first call is unbound in the next.
        let calls = run("def f(first):\n    if first:\n        v = 1\n    return v\nf(True)\nf(False)")
        #expect(calls.lines == ["1"] && calls.errors == ["cannot access local variable 'v' where it is not associated with a value"])
    }

    @Test func aCapturedVariableReadBeforeAssignmentIsNameError() {
        let error = failure("def f():\n    def g():\n        return x\n    r = g()\n    x = 1\n    return r\nf()")
        #expect(error?.message == "cannot access free variable 'x' where it is not associated with a value in enclosing scope")
        #expect(error?.reason == .unboundFree("x"))
        #expect(failure("def f():\n    return nowhere\nf()")?.reason == .undefinedName("nowhere"))
    }

    @Test func globalDeclarationsBindModuleNames() {
        #expect(show("def f():\n    global g\n    g = 5\nf()\ng") == "5")
        #expect(show("total = 0\ndef add(v):\n    global total\n    total += v\nadd(5)\nadd(7)\ntotal") == "12")
        #expect(show("x = 0\ndef outer():\n    x = 1\n    def inner():\n        global x\n        x = 2\n    inner()\n    return x\nouter(), x") == "(1, 2)")
        #expect(failure("def f(x):\n    global x\nf(1)")?.message == "name 'x' is parameter and global")
    }

    @Test func nonlocalNeedsAnEnclosingBinding() {
        #expect(failure("def f():\n    nonlocal q\nf()")?.message == "no binding for nonlocal 'q' found")
        #expect(run("x = 1\nnonlocal x").errors == ["nonlocal declaration not allowed at module level"])
    }

    @Test func globalNamesAreReadWhenTheFunctionRuns() {
        #expect(show("def f():\n    return later\nlater = 4\nf()") == "4")
        #expect(show("def f():\n    len = 3\n    return len\nf(), len(range(2))") == "(3, 2)")
    }

    @Test func sessionsSeeEarlierEntriesAndTheEmbeddingAPI() throws {
        let interpreter = Interpreter()
        interpreter.run("def f():\n    return k")
        interpreter.run("k = 5")
        #expect(interpreter.run("f()").lastValue.map(ValueFormatter.display) == "5")
        interpreter["k"] = .int(7)
        #expect(try interpreter.call("f") == .int(7))
        interpreter["k"] = nil
        #expect(interpreter.run("f()").diagnostics.first?.message == "unknown name 'k'")
        // Names only mentioned by compiled code are not bindings.
        #expect(interpreter.bindings.map(\.name) == ["f"])
    }

    @Test func shortLanguageFunctionsKeepTheirRules() {
        #expect(show("fn f(a, b=a*2) = a + b\nf(1), f(1, b=5)") == "(3, 6)")
        #expect(show("fn g(a) = lambda x: x + a\ng(1)(2)") == "3")
        #expect(show("a = 10\nfn h(x) = x + a\nh(1)") == "11")
    }

    @Test func limitsStillCoverCompiledLoopsAndCalls() {
        #expect(run("def f():\n    while True:\n        pass\nf()", limits: Limits(maximumSteps: 1000)).kinds == [.limit(.steps)])
        #expect(run("def f(n):\n    return f(n + 1)\nf(0)", limits: Limits(maximumCallDepth: 1_000_000)).kinds == [.limit(.nesting)])
        // The compiled loop's int fast path leaves 64 bits for Python's unbounded ints.
        #expect(show("x = 2**62\nfor i in range(3):\n    x += x\nx") == "36893488147419103232")
    }

    @Test func aClassBodyIsAScopeItsMethodsDoNotSee() {
        // Its names become attributes; a method reads the enclosing function's variable instead.
        let shadowed = "def f():\n    y = 'local'\n    class C:\n        y = 'class'\n        def m(self):\n            return y\n    return C\nC = f()\nC.y, C().m()"
        #expect(show(shadowed) == "(\"class\", \"local\")")
        // A name the body binds is read from the module until the body binds it; one it only
        // reads comes from the enclosing function.
        let reads = "y = 'module'\ndef f():\n    y = 'local'\n    z = 'enclosing'\n    class C:\n        a = y\n        y = 'class'\n        b = z\n    return C\nC = f()\nC.a, C.y, C.b"
        #expect(show(reads) == "(\"module\", \"class\", \"enclosing\")")
        // Defaults are evaluated in the class body; comprehensions see only their first iterable there.
        #expect(show("class C:\n    n = 2\n    def m(self, k=n):\n        return k\nC().m()") == "2")
        #expect(show("class C:\n    xs = [1, 2]\n    ys = [x * 2 for x in xs]\nC.ys") == "[2, 4]")
        #expect(run("class C:\n    n = 2\n    ys = [n for x in range(2)]").errors == ["unknown name 'n'"])
        let declared = "class C:\n    global g\n    g = 1\n    d = 2\n    del d\ntry:\n    C.d\n    r = 'kept'\nexcept AttributeError:\n    r = 'deleted'\ng, r"
        #expect(show(declared) == "(1, \"deleted\")")
    }

    @Test func zeroArgumentSuperReadsTheDefiningClassAndTheFirstArgument() {
        let chain = """
        class A:
            def who(self):
                return 'A'
        class B(A):
            def who(self):
                return 'B' + super().who()
        class C(B):
            def who(this):
                return 'C' + super().who()
        C().who(), super(B, C()).who()
        """
        #expect(show(chain) == "(\"CBA\", \"A\")")
        // A method made in a function, and a nested function reading __class__.
        let nested = "def make():\n    class K:\n        def name(self):\n            def inner():\n                return __class__.__name__\n            return inner()\n    return K()\nmake().name()"
        #expect(show(nested) == "\"K\"")
        #expect(run("def f():\n    return super()\nf()").errors == ["super(): no arguments outside a method"])
    }

    @Test func exceptAsNamesAreLocalAndUnboundAfterTheHandler() {
        let source = "def f():\n    try:\n        1 // 0\n    except ZeroDivisionError as e:\n        kind = type(e).__name__\n    try:\n        return e\n    except UnboundLocalError:\n        return kind\nf()"
        #expect(show(source) == "\"ZeroDivisionError\"")
        #expect(run("try:\n    raise KeyError('k')\nexcept KeyError as e:\n    pass\ne").errors == ["unknown name 'e'"])
        // An unbound local is a NameError, as in Python.
        #expect(show("def f():\n    try:\n        v\n        v = 1\n    except NameError:\n        return 'caught'\nf()") == "\"caught\"")
    }

    @Test func withBlocksRunTheirBodyInTheFunctionsScope() {
        let source = "import torch\ndef f():\n    total = 0\n    with torch.no_grad():\n        for i in range(4):\n            total += i\n    return total\nf()"
        #expect(show(source) == "6")
    }
}
