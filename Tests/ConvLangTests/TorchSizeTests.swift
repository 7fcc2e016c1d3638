import ConvLang
import Testing
import TestSupport

/// `torch.Size`, what `.shape` and `.size()` give: a tuple of ints in every use, shown as
/// PyTorch shows it in PyTorch's display and as the tuple in conv's. The expected lines are
/// what PyTorch 2.15 printed for the same statements.
@Suite struct TorchSizeTests {
    static func shown(_ source: String, display: DisplayMode = .torch) -> [String] {
        TorchDisplayTests.shown("import torch\nx = torch.zeros(2, 3, 4)\ns = x.shape\n" + source, display: display)
    }

    @Test func showsAsPyTorchShowsIt() {
        #expect(Self.shown("print(s, x.size(), repr(s), f\"{s}\", str(s))")
                == ["torch.Size([2, 3, 4]) torch.Size([2, 3, 4]) torch.Size([2, 3, 4]) torch.Size([2, 3, 4]) torch.Size([2, 3, 4])"])
        #expect(Self.shown("print({s: 1}, [s], (s,), torch.Size(), torch.Size((4,)))")
                == ["{torch.Size([2, 3, 4]): 1} [torch.Size([2, 3, 4])] (torch.Size([2, 3, 4]),) torch.Size([]) torch.Size([4])"])
        #expect(Self.shown("print(type(s), isinstance(s, tuple))") == ["<class 'torch.Size'> True"])
        // conv's display shows the tuple that shape(x) shows.
        #expect(Self.shown("print(s, s[1:])", display: .conv) == ["(2, 3, 4) (3, 4)"])
    }

    @Test func isATupleOfInts() {
        #expect(Self.shown("print(s + (5,), (5,) + s, s * 2, s[1:], s[0], s[-1])")
                == ["torch.Size([2, 3, 4, 5]) torch.Size([5, 2, 3, 4]) torch.Size([2, 3, 4, 2, 3, 4]) torch.Size([3, 4]) 2 4"])
        #expect(Self.shown("print(s == (2, 3, 4), s == [2, 3, 4], s != (2, 3), len(s), list(s), tuple(s), 3 in s)")
                == ["True False True 3 [2, 3, 4] (2, 3, 4) True"])
        #expect(Self.shown("print(max(s), sum(s), s.index(3), s.count(3), [d for d in s])") == ["4 9 1 1 [2, 3, 4]"])
        #expect(Self.shown("n, c, l = x.shape\nprint(n, c, l)") == ["2 3 4"])
    }

    @Test func givesShapesToTorchFunctions() {
        #expect(Self.shown("print(torch.zeros(s).shape, x.view(s).shape, torch.randn(*s).shape, torch.zeros(s[1:]).shape)")
                == ["torch.Size([2, 3, 4]) torch.Size([2, 3, 4]) torch.Size([2, 3, 4]) torch.Size([3, 4])"])
        #expect(Self.shown("print(x.reshape(s[0], -1).shape, torch.ones(x.size()).sum(dim=s.index(3)).shape)")
                == ["torch.Size([2, 12]) torch.Size([2, 4])"])
    }

    /// PyTorch's Tensor.__format__: an f-string or format() of a 0-d tensor gives its item
    /// (a Parameter keeps its printout); conv's display shows the number it displays.
    @Test func formattingAZeroDimensionalTensorGivesItsItem() {
        #expect(Self.shown("a = torch.tensor(0.5, requires_grad=True)\nb = a * 2\nprint(f\"{a} {b} {torch.tensor(3)} {b:.3f}\", \"{}\".format(b), \"{!s}\".format(b))")
                == ["0.5 1.0 3 1.000 1.0 tensor(1., grad_fn=<MulBackward0>)"])
        #expect(Self.shown("print(f\"{torch.tensor(0.1)} {torch.tensor([1.5])}\")") == ["0.10000000149011612 tensor([1.5000])"])
    }

    /// PyTorch prints `dtype=` for any float dtype but the default one, which
    /// `torch.set_default_dtype` changes.
    @Test func theDefaultDTypePrintsNoSuffix() {
        #expect(Self.shown("torch.set_default_dtype(torch.float64)\nprint(torch.tensor([1.5]), torch.tensor([1.5], dtype=torch.float32))")
                == ["tensor([1.5000]) tensor([1.5000], dtype=torch.float32)"])
        #expect(Self.shown("print(torch.tensor([1.5]), torch.tensor([1.5], dtype=torch.float64))")
                == ["tensor([1.5000]) tensor([1.5000], dtype=torch.float64)"])
    }

    @Test func refusesWhatIsNotASize() {
        #expect(Self.shown("torch.Size([1.5])") == ["error: torch.Size's sizes must be a whole number, not 1.5"])
        #expect(Self.shown("s[3]") == ["error: tuple index out of range"])
    }
}

/// Tensor methods give their results in PyTorch's dtypes (``MethodResultDTypes``); the
/// expected lines are what PyTorch 2.15 printed for the same statements.
@Suite struct MethodResultDTypeTests {
    @Test func reductionsAndElementwiseMethodsKeepPyTorchsDTypes() {
        #expect(TorchSizeTests.shown("y = torch.tensor([[0.5, -2.0, 1.5], [3.0, 0.25, -1.0]])\nprint(y.mean(), y.sum(dim=1), y.abs().sqrt().dtype, y.max(dim=1)[0])")
                == ["tensor(0.3750) tensor([0.0000, 2.2500]) torch.float32 tensor([1.5000, 3.0000])"])
        #expect(TorchSizeTests.shown("print(torch.tensor([1, 2, 3]).sum(), torch.tensor([4, 9]).sqrt(), torch.tensor([-1, 2]).abs(), (torch.tensor([1., -1.]) > 0).sum())")
                == ["tensor(6) tensor([2., 3.]) tensor([1, 2]) tensor(1)"])
    }
}
