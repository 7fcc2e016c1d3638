import Testing

/// A Python script that fails ends as every conv program does: the located diagnostic on
/// standard error (no Python traceback), the output before it kept, exit status 1.
@Suite("conv command: Python scripts that fail")
struct PythonScriptErrorTests {
    @Test func anUncaughtExceptionEndsTheProgramAtItsRaise() throws {
        let program = """
            def check(n):
                if n < 0:
                    raise ValueError("n must be at least 0")
                return n
            print(check(2))
            check(-1)
            print("not reached")
            """
        let run = try CLIEndToEndTests.conv(["-e", program])
        #expect(run.status == 1)
        #expect(run.stdout == "2\n")
        #expect(run.stderr == """
            <-e>:3:9: error: ValueError: n must be at least 0
             3 |         raise ValueError("n must be at least 0")
               |         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

            """)
    }

    @Test func anExceptionReRaisedFromConvsOwnErrorKeepsConvsDiagnostic() throws {
        let program = "try:\n    x = 1 // 0\nexcept ZeroDivisionError:\n    raise\n"
        let run = try CLIEndToEndTests.conv(["-e", program])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("<-e>:2:11: error: integer division or modulo by zero\n"))
    }

    @Test func theTextOfAListNestedVeryDeeplyStopsGoingDeeperInsteadOfOverflowingTheStack() throws {
        // Python's repr raises RecursionError here; conv shows the first thousand levels.
        let run = try CLIEndToEndTests.conv(["-e", "a = []\nfor i in range(200000):\n    a = [a]\ns = repr(a)\nprint(len(s), s[995:1008])\n"])
        #expect(run.status == 0)
        #expect(run.stdout == "2003 [[[[[...]]]]]\n")
    }

    @Test func deepCopyingABuiltInLayerSaysHowToCopyItsWeights() throws {
        let run = try CLIEndToEndTests.conv(["-e", "import copy\nimport torch\nm = torch.nn.Linear(2, 1)\nbest = copy.deepcopy(m)\n"])
        #expect(run.status == 1)
        #expect(run.stderr == """
            <-e>:4:22: error: conv's copy.deepcopy does not copy a built-in layer (Linear)
             4 | best = copy.deepcopy(m)
               |                      ^
               = copy its weights instead: best = copy.deepcopy(model.state_dict()), then model.load_state_dict(best)

            """)
    }

    @Test func badIndentationIsASyntaxErrorBeforeAnythingRuns() throws {
        let run = try CLIEndToEndTests.conv(["-e", "print(1)\ndef f():\n    x = 1\n      y = 2\n"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("<-e>:4:1: error: unexpected indent\n"))
    }

    @Test func anUnsupportedConstructIsNamedWhereItIs() throws {
        let run = try CLIEndToEndTests.conv(["-e", "def g():\n    x = yield 1\n"])
        #expect(run.status == 1)
        #expect(run.stderr == """
            <-e>:2:9: error: conv runs a subset of Python: 'yield' inside an expression is not part of it
             2 |     x = yield 1
               |         ^~~~~
               = write 'yield' as a statement of its own ('yield v' or 'yield from xs'); values sent into a generator are not supported

            """)
    }

    @Test func aClassDecoratorIsRefusedAtTheDecorator() throws {
        let run = try CLIEndToEndTests.conv(["-e", "@functools.cache\nclass A:\n    pass\n"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix(
            "<-e>:1:1: error: conv runs a subset of Python: the decorator '@functools.cache' is not part of it\n"))
    }

    @Test func aModuleConvDoesNotProvideIsRefusedAtItsImport() throws {
        let run = try CLIEndToEndTests.conv(["-e", "print(1)\nimport torch, os\nprint(2)\n"])
        #expect(run.status == 1)
        #expect(run.stdout == "1\n")
        #expect(run.stderr == """
            <-e>:2:15: error: conv runs a subset of Python: the module 'os' is not part of it
             2 | import torch, os
               |               ^~
               = conv provides torch (with torch.nn and torch.nn.functional), numpy, math, random, time, copy, collections, itertools, functools and typing

            """)
    }
}
