import Testing
@testable import ConvLang

/// One element of a tensor: a 0-d tensor as in PyTorch after `import torch` (and for every
/// dtype but the short language's float64 in conv's display), with Python's protocols on it.
/// What PyTorch printed for the same code is `Tests/Programs/torch/tensor-elements.expected`.
@Suite("Tensor elements")
struct TensorElementTests {
    /// The lines a program prints in PyTorch's display, then its errors.
    private func torch(_ source: String) -> [String] {
        TorchDisplayTests.shown("import torch\n" + source)
    }

    @Test func anElementIsAZeroDimensionalTensorOfItsDType() {
        #expect(torch("x = torch.tensor([1., 2.])\nprint(x[0], x[1].dtype, x[0].shape)") == ["tensor(1.) torch.float32 torch.Size([])"])
        #expect(torch("print(torch.tensor([179.955])[0])") == ["tensor(179.9550)"])
        #expect(torch("z = torch.arange(6).view(2, 3)\nprint(z[1, 2], z[1][2].item(), z[-1, -1].tolist())") == ["tensor(5) 5 5"])
        #expect(torch("print(torch.tensor([True])[0], torch.tensor([1, 2], dtype=torch.int32)[1])")
                == ["tensor(True) tensor(2, dtype=torch.int32)"])
        #expect(torch("print(torch.tensor([0.5], dtype=torch.float64)[0])") == ["tensor(0.5000, dtype=torch.float64)"])
    }

    @Test func anElementKeepsItsAutogradMarks() {
        #expect(torch("w = torch.tensor([0.5, 2.], requires_grad=True)\nprint(w[1])") == ["tensor(2., grad_fn=<SelectBackward0>)"])
        #expect(torch("w = torch.tensor([0.5, 2.], requires_grad=True)\nprint(isinstance(w, torch.Tensor), isinstance(w[1], torch.Tensor))")
                == ["True True"])
        #expect(torch("w = torch.tensor([0.5, 2.], requires_grad=True)\nfor v in w:\n    print(v)")
                == ["tensor(0.5000, grad_fn=<UnbindBackward0>)", "tensor(2., grad_fn=<UnbindBackward0>)"])
        // The gradient flows back through each walked entry.
        let walked = "w = torch.tensor([0.5, 2.], requires_grad=True)\ns = 0\nfor v in w:\n    s = s + v * v\ns.backward()\nprint(w.grad)"
        #expect(torch(walked) == ["tensor([1., 4.])"])
    }

    @Test func walkingATensorKeepsItsDType() {
        #expect(torch("for row in torch.arange(4).view(2, 2):\n    print(row)") == ["tensor([0, 1])", "tensor([2, 3])"])
        #expect(torch("a, b = torch.tensor([1., 2.])\nprint(a, b, list(torch.tensor([3, 4])))") == ["tensor(1.) tensor(2.) [tensor(3), tensor(4)]"])
        #expect(torch("for v in torch.tensor(1.):\n    pass") == ["error: iteration over a 0-d tensor"])
        #expect(torch("len(torch.tensor(1.))") == ["error: len() of a 0-d tensor"])
    }

    @Test func pythonConvertsAnElementAsPyTorchLetsIt() {
        let setup = "x = torch.tensor([2.75, 1.])\nn = torch.tensor([0, 2])[1]\n"
        #expect(torch(setup + "print(float(x[0]), int(x[0]), bool(x[1]), int(n), float(n))") == ["2.75 2 True 2 2.0"])
        #expect(torch(setup + "print(list(range(n)), ['a', 'b', 'c'][n], 2 in [1, n], [2, 2].count(n))") == ["[0, 1] c True 2"])
        #expect(torch(setup + "['a'][x[1]]") == ["error: only integer tensors of a single element can be converted to an index"])
        #expect(torch(setup + "range(x[1])") == ["error: only integer tensors of a single element can be converted to an index"])
        #expect(torch(setup + "float(x)") == ["error: only one element tensors can be converted to Python scalars"])
        #expect(torch(setup + "if x:\n    pass") == ["error: Boolean value of Tensor with more than one value is ambiguous"])
        #expect(torch(setup + "round(x[0])") == ["error: type Tensor doesn't define __round__ method"])
        #expect(torch(setup + "x[0][0]").first?.hasPrefix("error: invalid index of a 0-dim tensor.") == true)
        #expect(torch(setup + "d = {}\nd[x[0]] = 1") == ["error: unhashable type: 'tensor'"])
    }

    @Test func pythonsReductionsWalkATensorAfterImportTorch() {
        let setup = "x = torch.tensor([1., 2., 3.])\nz = torch.arange(6).view(2, 3)\n"
        #expect(torch(setup + "print(sum(x), max(x), min(z[1]), sum(z), abs(torch.tensor(-3)))")
                == ["tensor(6.) tensor(3.) tensor(3) tensor([3, 5, 7]) tensor(3)"])
        #expect(torch(setup + "max(z)") == ["error: Boolean value of Tensor with more than one value is ambiguous"])
        // conv's display keeps its whole reductions.
        #expect(TorchDisplayTests.shown("print(sum(torch.tensor([1., 2.])))", display: .conv) == ["3.0"])
    }

    @Test func arithmeticWithPythonNumbersStaysATensor() {
        let setup = "x = torch.tensor([1., 2.])\nn = torch.tensor([5])[0]\n"
        #expect(torch(setup + "print(x[0] + 1, x[1] * 2.5, n * 2.5, n / 2, n // 2, n % 3, n ** 2, 2 ** n, -n, x[0] < 2)")
                == ["tensor(2.) tensor(5.) tensor(12.5000) tensor(2.5000) tensor(2) tensor(2) tensor(25) tensor(32) tensor(-5) tensor(True)"])
        #expect(torch(setup + "t = n\nsteps = 0\nwhile t > 0:\n    t = t - 2\n    steps += 1\nprint(steps, t)") == ["3 tensor(-1)"])
        #expect(torch(setup + "y = torch.zeros(2, dtype=torch.int64)\ny[1] = n\nprint(y)") == ["tensor([0, 5])"])
    }

    @Test func formattingReadsTheNumberAndStrShowsTheTensor() {
        let setup = "x = torch.tensor([1., 2.5])\nn = torch.tensor([7])[0]\n"
        #expect(torch(setup + "print(f'{x[1]:.2f} {n:03d} {x[1]} {x[0]!r} {n=}')") == ["2.50 007 2.5 tensor(1.) n=tensor(7)"])
        #expect(torch(setup + "print('%s %r %.1f %d %x' % (x[1], n, x[1], n, n))") == ["tensor(2.5000) tensor(7) 2.5 7 7"])
        #expect(torch(setup + "print(str(n), [x[0], n])") == ["tensor(7) [tensor(1.), tensor(7)]"])
    }

    /// The short language keeps its numbers: in conv's display an element of a float64 tensor
    /// is a Python float.
    @Test func theShortLanguageKeepsItsFloats() {
        #expect(TorchDisplayTests.shown("let x = [2, 3, 4]\nx[0]\nprint(x[0], x[1] * 2)\nfor v in x:\n    print(v)", display: .conv)
                == ["2", "2.0 6.0", "2.0", "3.0", "4.0"])
        #expect(TorchDisplayTests.shown("let x = [2, 3, 4]\nprint(type(x[0]).__name__)", display: .conv) == ["float"])
        // A torch dtype's element is a 0-d tensor in either display; conv's shows it as its number.
        #expect(TorchDisplayTests.shown("x = torch.tensor([1, 2])\nprint(x[1], x[1].dtype)", display: .conv) == ["2 torch.int64"])
    }

    @Test func torchReportsTheVersionConvFollows() {
        #expect(torch("print(torch.__version__)") == ["2.15.0"])
    }
}
