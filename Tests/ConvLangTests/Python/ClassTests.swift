import Testing
@testable import ConvLang

/// Python's classes, and `class Net(nn.Module)` as a conv layer.
@Suite("Python classes")
struct ClassTests {
    static let net = """
        import torch
        import torch.nn as nn

        class Block(nn.Module):
            def __init__(self, c_in, c_out):
                super().__init__()
                self.conv = nn.Conv1d(c_in, c_out, 3, padding=1)
                self.act = nn.ReLU()

            def forward(self, x):
                return self.act(self.conv(x))

        class Net(nn.Module):
            def __init__(self):
                super(Net, self).__init__()
                self.block = Block(1, 4)
                self.pool = nn.MaxPool1d(2)
                self.head = nn.Sequential(nn.Conv1d(4, 2, 3), nn.ReLU())

            def forward(self, x):
                return self.head(self.pool(self.block(x)))

        torch.manual_seed(0)
        net = Net()

        """

    @Test func aModuleSubclassShowsAsPyTorchShowsIt() {
        #expect(show(Self.net + "net") == """
            Net(
              (block): Block(
                (conv): Conv1d(1, 4, kernel_size=(3,), stride=(1,), padding=(1,))
                (act): ReLU()
              )
              (pool): MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
              (head): Sequential(
                (0): Conv1d(4, 2, kernel_size=(3,), stride=(1,))
                (1): ReLU()
              )
            )
            """)
        #expect(show("import torch.nn as nn\nclass Empty(nn.Module):\n    pass\nEmpty()") == "Empty()")
    }

    @Test func callingItRunsForwardWithTheSameWeightsAsItsLayers() {
        let direct = "x = rand(1, 1, 16)\ny = net(x)\nz = net.head(net.pool(net.block.act(net.block.conv(x))))\n"
        #expect(show(Self.net + direct + "y.shape, allclose(y, z)") == "((1, 2, 6), true)")
        #expect(show(Self.net + "Sequential(net, ReLU())(rand(1, 1, 8)).shape") == "(1, 2, 2)")
    }

    @Test func itsParametersAndChildrenFollowAssignmentOrder() {
        #expect(show(Self.net + "[len(net.parameters()), len(net.children()), len(net.modules())]") == "[4, 3, 8]")
        let names = Self.net + "for name, p in net.named_parameters():\n    print(name, p.shape)"
        #expect(run(names).text == """
            block.conv.weight (4, 1, 3)
            block.conv.bias (4,)
            head.0.weight (2, 4, 3)
            head.0.bias (2,)
            """)
        #expect(run(Self.net + "for name, m in net.named_children():\n    print(name, type(m).__name__)").text
                == "block Block\npool MaxPool1d\nhead Sequential")
    }

    @Test func trainAndEvalSetTheFlagThroughTheTree() {
        #expect(show(Self.net + "net.training, net.block.training") == "(true, true)")
        #expect(show(Self.net + "m = net.eval()\nnet.training, net.block.training, m == net") == "(false, false, true)")
        #expect(show(Self.net + "m = net.eval()\nm = net.train()\nnet.block.training") == "true")
    }

    @Test func summaryAndExplainShapeRunForwardOnce() {
        let summary = run(Self.net + "summary(net, (1, 1, 16))").text
        #expect(summary.contains("  (block.conv): Conv1d          [1, 4, 16]                    16"))
        #expect(summary.contains("(pool): MaxPool1d               [1, 4, 8]                     --"))
        #expect(summary.contains("Total params: 42"))
        let walk = run(Self.net + "explain shape net(L=16)")
        #expect(walk.text.hasPrefix("explain shape Net: 5 layers, input 1 channel × 16"))
        #expect(walk.text.hasSuffix("the length goes 16 → 16 → 16 → 8 → 6 → 6\n\n6"))
        let trimmed = "import torch.nn as nn\nclass R(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
            + "        self.c = nn.Conv1d(1, 1, 3, padding=1)\n    def forward(self, x):\n        return self.c(x)[:, :, 1:]\n"
        #expect(run(trimmed + "explain shape R()(L=8)").errors
                == ["explain shape follows layers that pass each output to the next; R.forward does more than that"])
        #expect(run(trimmed + "r = R()\nexplain shape r").errors == ["explain shape needs an input length to run R.forward"])
    }

    @Test func aModuleWithoutForwardIsRefusedAsPyTorchRefusesIt() {
        let outcome = run("import torch.nn as nn\nclass M(nn.Module):\n    pass\nM()(zeros(3))")
        #expect(outcome.errors == ["Module [M] is missing the required \"forward\" function"])
    }

    @Test func isinstanceKnowsLayersAndBuiltinTypes() {
        #expect(show(Self.net + "isinstance(net, nn.Module), isinstance(net.pool, nn.Module), isinstance(net.pool, nn.MaxPool1d)")
                == "(true, true, true)")
        #expect(show("type(3).__name__, type(2.5).__name__, type(zeros(2)).__name__, type(ReLU()).__name__")
                == "(\"int\", \"float\", \"Tensor\", \"ReLU\")")
    }

    @Test func refusalsAreClear() {
        #expect(run("class A:\n    pass\nclass B:\n    pass\nclass C(A, B):\n    pass").errors
                == ["conv runs classes with one base class; 'C' has 2"])
        #expect(run("class A(object, object):\n    pass\nA()").errors.isEmpty)
        #expect(run("class A(Conv1d):\n    pass").errors == ["a class can derive only from a class, not function"])
        #expect(run("class A(Conv1d):\n    pass").diagnostics.first?.notes
                == ["derive from nn.Module and make the Conv1d an attribute: self.layer = nn.Conv1d(...)"])
        #expect(run("@functools.cache\nclass A:\n    pass").errors
                == ["conv runs a subset of Python: the decorator '@functools.cache' is not part of it"])
        #expect(run("class A:\n    pass\nA(1)").errors == ["A() takes no arguments"])
        #expect(run("class A:\n    pass\nA().x").errors == ["'A' object has no attribute 'x'"])
        #expect(run("class A:\n    @property\n    def p(self):\n        return 1\na = A()\na.p = 2").errors
                == ["property 'p' of 'A' object has no setter"])
        #expect(run("ValueError.x = 1").errors == ["cannot set 'x' on the built-in class 'ValueError'"])
        #expect(run("super()").errors == ["super(): no arguments outside a method"])
    }

    @Test func methodsSeeTheNamesAroundTheClassNotItsBody() {
        let program = "x = \"global\"\nclass A:\n    x = \"class\"\n    def f(self):\n        return x\nA().f(), A.x"
        #expect(show(program) == "(\"global\", \"class\")")
    }
}
