import Testing
@testable import ConvLang

/// What the tensor methods do beyond their values: in-place writes and where they are refused,
/// the registry seen by completion and help, and limits on what a method may make.
@Suite("Tensor methods in the language")
struct TensorMethodBehaviourTests {
    @Test func anInPlaceMethodChangesTheNameItIsCalledOn() {
        #expect(show("x = torch.zeros(3)\nx.fill_(2.)\nx.add_(torch.ones(3), alpha=0.5)\nx").hasSuffix("[2.5, 2.5, 2.5]"))
        // A layer's weight is a parameter: PyTorch changes it in place only under no_grad.
        let layer = run("m = nn.Conv1d(1, 1, 2)\nwith torch.no_grad():\n    m.weight.fill_(0.5)\nm.weight.sum().item()")
        #expect(layer.errors.isEmpty, "\(layer.errors)")
        #expect(layer.lines.last == "1")
    }

    @Test func insideAFunctionTheLocalNameChangesAndTheCallersDoesNot() {
        let source = """
        def reset(t):
            t.zero_()
            t.add_(1)
            return t
        x = torch.tensor([5., 6.])
        print(reset(x).tolist() == [1.0, 1.0], x.tolist() == [5.0, 6.0])
        """
        #expect(run(source).lines == ["True True"])
    }

    @Test func anInPlaceWriteThroughAViewIsRefused() {
        for call in ["x[0].zero_()", "x.view(6).fill_(1)", "x.T.add_(1)"] {
            let outcome = run("x = torch.zeros(2, 3)\n" + call)
            #expect(outcome.errors.first?.contains("would change only a copy") == true, "\(call): \(outcome.errors)")
        }
        // A new tensor is not a view: its in-place result is the value.
        #expect(show("torch.zeros(2).fill_(3)") == "[3, 3]")
        // Nor does anything else see a view of a tensor just made, or a view's requires_grad flag.
        #expect(show("torch.zeros(4).view(4, 1).fill_(3).flatten()") == "[3, 3, 3, 3]")
        #expect(run("x = torch.arange(4.).view(1, 4).requires_grad_()\nprint(x.requires_grad)").lines == ["True"])
    }

    @Test func matrixProductOperatorMultipliesTensorsAndLists() {
        #expect(show("[1, 2] @ [3, 4]") == "11")
        #expect(show("torch.ones(2, 3) @ torch.ones(3)") == "[3, 3]")
    }

    @Test func anElementIsANumberThatTakesTheTensorMethods() {
        #expect(show("x = torch.tensor([[1., 2.], [3., 4.]])\nx[1, 0].item()").hasSuffix("3"))
        #expect(show("x = torch.tensor([1., 2.])\nx.sum().item() + x[0].item()").hasSuffix("4"))
    }

    @Test func completionAndHelpSeeEveryMethod() {
        let names = Value.tensor(.init([1, 2])).memberNames
        for name in ["shape", "T", "view", "reshape", "sum", "max", "argmax", "fill_", "softmax", "item", "tolist"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(names == TensorMethods.names)
        let page = HelpText.topic("methods") ?? ""
        #expect(page.contains("x.view()") && page.contains("x.fill_()") && page.contains("torch.cat"))
        #expect(run("x = torch.zeros(2)\nx.vew(2)").diagnostics.first?.notes.first == "did you mean 'view'?")
    }

    @Test func aZeroDimensionalTensorHasNoDimensionToName() {
        let outcome = run("torch.tensor([5.]).squeeze().size(0)")
        #expect(outcome.errors == ["Dimension specified as 0 but tensor has no dimensions"])
        #expect(show("torch.tensor([5.]).squeeze().flip(0).item()") == "5")
    }

    @Test func resultsTooLargeAreRefusedBeforeTheyAreMade() {
        for source in ["torch.zeros(2).repeat(4611686018427387904, 4)", "torch.zeros(100000, 1) @ torch.zeros(1, 100000)",
                       "torch.zeros(1).expand(100000, 100000)", "torch.eye(100000)"] {
            let outcome = run(source)
            #expect(outcome.errors.count == 1, "\(source)")
            #expect(outcome.kinds.first != .runtime || outcome.errors.first?.contains("limit") == true, "\(source): \(outcome.errors)")
        }
    }

    /// A view is a copy in conv: writing into one by item assignment or in place on its name
    /// changes the view and never its base (PyTorch changes both), as the README says.
    @Test func aWriteThroughANamedViewLeavesItsBase() {
        let source = """
        x = torch.zeros(2, 3)
        v = x.view(6)
        v[0] = 1.
        r = x[0]
        r[1] = 2.
        t = x.T
        t.fill_(5.)
        print(x.sum().item(), v.sum().item(), r.sum().item(), t.sum().item())
        """
        #expect(run(source).lines.last == "0.0 1.0 2.0 30.0")
    }

    @Test func indicesAreInt64AsPyTorchPrintsThem() {
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.display = .torch
        let collector = Collector()
        let interpreter = Interpreter(recording: configuration) { collector.outcome.lines.append($0.text) }
        _ = interpreter.run("x = torch.tensor([[1., 5., 2.], [7., 0., 3.]])\nx.argmax()\nx.max(dim=1).indices\nx.sum()", name: "a")
        #expect(collector.outcome.lines == ["tensor(3)", "tensor([1, 0])", "tensor(18.)"])
    }
}
