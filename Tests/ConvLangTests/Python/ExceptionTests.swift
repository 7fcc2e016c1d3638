import Testing
@testable import ConvLang

/// conv's own errors are caught as the class Python or PyTorch raises; limits and interrupts
/// are not exceptions; an uncaught exception is a located runtime diagnostic.
@Suite("Python exceptions")
struct ExceptionTests {
    /// The class name `except Exception as e` sees for an error conv raises itself.
    private func caught(_ statement: String, prelude: String = "") -> String {
        show(prelude + "try:\n    \(statement)\nexcept Exception as e:\n    print(type(e).__name__)")
    }

    @Test func convsErrorsAreCaughtAsThePythonClass() {
        #expect(caught("conv([1, 2], [1, 2, 3])") == "RuntimeError")
        #expect(caught("Conv1d(1, 1, 3)(zeros(1, 2, 8))") == "RuntimeError")
        #expect(caught("1 // 0") == "ZeroDivisionError")
        #expect(caught("5 % 0") == "ZeroDivisionError")
        #expect(caught("nope + 1") == "NameError")
        #expect(caught("(1, 2)[5]") == "IndexError")
        #expect(caught("zeros(3)[3]") == "IndexError")
        #expect(caught("\"a\" - 1") == "TypeError")
        #expect(caught("conv(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)") == "TypeError")
        #expect(caught("conv([1, 2], [1], nope=1)") == "TypeError")
        #expect(caught("range(1, 5, 0)") == "ValueError")
        #expect(caught("Conv1d(1, 1, 0)") == "ValueError")
        #expect(caught("a, b = (1, 2, 3)") == "ValueError")
        #expect(caught("zeros(2).nope") == "AttributeError")
        #expect(caught("float(2 ** 1024)") == "OverflowError")
        #expect(caught("assert 1 == 2") == "AssertionError")
        #expect(caught("assert(1 == 2)") == "AssertionError")
        #expect(caught("load(\"missing.npy\")") == "OSError")
    }

    @Test func theMessageIsTheArgumentAndTheErrorIsRaisedAgainUnchanged() {
        #expect(show("try:\n    1 // 0\nexcept ZeroDivisionError as e:\n    print(e, len(e.args))") == "integer division or modulo by zero 1")
        #expect(run("try:\n    conv([1, 2], [1, 2, 3])\nexcept RuntimeError as e:\n    raise e").errors
                == run("conv([1, 2], [1, 2, 3])").errors)
    }

    @Test func limitsAndInterruptsAreNotExceptions() {
        let endless = "try:\n    while True:\n        pass\nexcept Exception:\n    print(1)\nfinally:\n    print(2)"
        let outcome = run(endless, limits: Limits(maximumSteps: 1000))
        #expect(outcome.kinds == [.limit(.steps)])
        #expect(outcome.text == "")
        let deep = "def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept:\n    print(1)"
        #expect(run(deep, limits: Limits(maximumCallDepth: 20)).kinds == [.limit(.callDepth)])
        #expect(run("try:\n    zeros(11)\nexcept:\n    print(1)", limits: Limits(maximumElements: 10)).kinds == [.limit(.elements)])
    }

    @Test func anUncaughtExceptionIsARuntimeDiagnosticAtItsRaise() {
        let outcome = run("print(1)\nraise KeyError(\"k\")\nprint(2)")
        #expect(outcome.text == "1")
        // Python's KeyError shows its key as a repr, as the traceback's last line does.
        #expect(outcome.errors == ["KeyError: 'k'"])
        #expect(outcome.kinds == [.runtime])
        #expect(outcome.diagnostics.first.map { "\($0.location)" } == "2:1")
        #expect(run("raise ValueError").errors == ["ValueError"])
        #expect(run("raise").errors == ["No active exception to reraise"])
        #expect(run("raise 3").errors == ["exceptions must derive from BaseException, not int"])
        #expect(run("try:\n    pass\nexcept 3:\n    pass").errors.isEmpty)
        #expect(run("try:\n    1 // 0\nexcept 3:\n    pass").errors
                == ["catching classes that do not inherit from BaseException is not allowed"])
    }

    @Test func anExceptionRaisedInsideAModelKeepsItsClass() {
        let layer = "import torch.nn as nn\nclass Bad(nn.Module):\n    def forward(self, x):\n        raise KeyError(\"no\")\n"
        #expect(show(layer + "try:\n    nn.Sequential(nn.ReLU(), Bad())(zeros(2))\nexcept KeyError as e:\n    print(\"caught\", e)")
                == "caught 'no'")
        #expect(show("try:\n    Sequential(ReLU(), Conv1d(2, 1, 3))(zeros(1, 1, 8))\nexcept RuntimeError:\n    print(\"refused\")")
                == "refused")
    }

    @Test func theNameOfAHandlerIsRemovedAfterIt() {
        #expect(show("try:\n    raise ValueError(1)\nexcept ValueError as e:\n    pass\ne").hasPrefix("error: unknown name 'e'"))
    }

    @Test func exceptionsShowAsPythonShowsThem() {
        #expect(show("ValueError(\"bad\")") == "ValueError(\"bad\")")
        #expect(show("ValueError") == "<class 'ValueError'>")
        #expect(show("issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError)") == "(true, true)")
        #expect(show("issubclass(NotImplementedError, RuntimeError), issubclass(ValueError, LookupError)") == "(true, false)")
    }
}
