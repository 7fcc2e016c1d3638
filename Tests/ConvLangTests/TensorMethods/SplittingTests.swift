import Testing
@testable import ConvLang

/// `chunk`, `split` and `unbind` beyond their values (which `TensorMethodGoldenTests` compares
/// with PyTorch's): where a refusal points, the gradient through several pieces, and limits.
@Suite("Splitting a tensor into pieces")
struct SplittingTests {
    @Test func aRefusalPointsAtTheArgumentItConcerns() {
        let cases: [(source: String, column: Int, message: String)] = [
            ("x.chunk(0)", 9, "chunk expects `chunks` to be greater than 0, got: 0"),
            ("x.chunk(2, dim=5)", 16, "Dimension out of range (expected to be in range of [-2, 1], but got 5)"),
            ("torch.split(x, [1, 2])", 16, "split_with_sizes expects split_sizes to sum exactly to 2 (input tensor's size at dimension 0), but got split_sizes=[1, 2]"),
            ("x.split(-2)", 9, "split expects split_size be non-negative, but got split_size=-2"),
            ("x.unbind(-3)", 10, "Dimension out of range (expected to be in range of [-2, 1], but got -3)"),
            ("w.split([1, 1], 1)", 9, "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 1), but got split_sizes=[1, 1]"),
        ]
        for item in cases {
            let outcome = run("x = torch.arange(6.).view(2, 3)\nw = torch.ones(2, 3, requires_grad=True)\n" + item.source)
            #expect(outcome.errors == [item.message], "\(item.source)")
            #expect(outcome.diagnostics.first?.location.line == 3, "\(item.source)")
            #expect(outcome.diagnostics.first?.location.column == item.column, "\(item.source)")
        }
    }

    @Test func refusalsRaisePyTorchsClasses() {
        let source = """
        for f in [lambda: torch.tensor(1.).unbind(), lambda: torch.ones(2).chunk(1, 1), lambda: torch.ones(2).split(0)]:
            try:
                f()
            except IndexError:
                print("IndexError")
            except RuntimeError:
                print("RuntimeError")
        """
        #expect(run(source).lines == ["IndexError", "IndexError", "RuntimeError"])
    }

    @Test func sizesThatAreNotIntsAreRefusedAsPyTorchRefusesThem() {
        #expect(run("torch.ones(4).chunk(2.0)").errors == ["chunk(): argument 'chunks' (position 1) must be int, not float"])
        #expect(run("torch.ones(4).split(2.0)").errors == ["split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, not float"])
        #expect(run("torch.ones(4).split([2, 2.0])").errors
            == ["split_with_sizes(): argument 'split_sizes' failed to unpack the object at pos 2 with error \"type must be tuple of ints,but got float\""])
        #expect(!run("torch.ones(4).split(\"2\")").errors.isEmpty)
        // An int tensor of one element is an int, as in PyTorch.
        #expect(run("len(torch.ones(4).split(torch.tensor(2)))").lines == ["2"])
    }

    @Test func hugeSizesDoNotOverflow() {
        let outcome = run("torch.ones(4).split([\(Int.max), \(Int.max), 2])")
        #expect(outcome.errors.first?.hasPrefix("split_with_sizes expects split_sizes to sum exactly to 4") == true, "\(outcome.errors)")
        // ceil(4 / chunks) without overflow: four pieces of one.
        #expect(run("len(torch.ones(4).chunk(\(Int.max)))").lines == ["4"])
        #expect(run("len(torch.ones(4).split(\(Int.max)))").lines == ["1"])
        // An empty dimension in as many chunks as asked: refused beyond the element limit.
        #expect(run("len(torch.zeros(0).chunk(10**15))").errors.count == 1)
    }

    @Test func everyPieceSendsItsGradientBack() {
        let source = """
        w = torch.arange(12.).view(3, 4).requires_grad_()
        a, b = w.split([1, 3], dim=1)
        c, d = w.chunk(2)
        rows = w.unbind()
        (a.sum() * 2 + b.sum() + (c * c).sum() + rows[2].sum() * 10).backward()
        print(w.grad.tolist())
        print(a.grad_fn.name(), c.grad_fn.name(), rows[0].grad_fn.name())
        print(a.is_leaf, a.requires_grad)
        """
        let outcome = run(source)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        // 2 for column 0 (a), 1 for the others (b), plus 2 * w in rows 0 and 1 (c), plus 10 in row 2;
        // PyTorch gives the same.
        #expect(outcome.lines == [
            "[[2.0, 3.0, 5.0, 7.0], [10.0, 11.0, 13.0, 15.0], [12.0, 11.0, 11.0, 11.0]]",
            "SplitWithSizesBackward0 SplitBackward0 UnbindBackward0",
            "False True",
        ])
    }

    @Test func piecesOfATensorThatNeedsNoGradientArePlain() {
        let outcome = run("w = torch.ones(4, requires_grad=True)\nwith torch.no_grad():\n    a, b = w.chunk(2)\nprint(a.requires_grad, a.grad_fn)")
        #expect(outcome.lines == ["False None"])
        #expect(run("a, b = torch.ones(4).split(2)\nprint(a.requires_grad)").lines == ["False"])
    }
}
