import ConvLang
import Testing

/// PyTorch's dtypes in the language: what torch's constructors infer and take as `dtype=`, the
/// dtype values, the default dtype, conversions, devices, and layers' float32 parameters and
/// their refusals. Each expected text is what PyTorch 2.x printed for the same statements.
@Suite struct DTypeLanguageTests {
    static func shown(_ source: String) -> [String] {
        TorchDisplayTests.shown("import torch\nimport torch.nn as nn\n" + source)
    }

    @Test func torchTensorInfersPyTorchsDType() {
        #expect(Self.shown("torch.tensor([1, 2]).dtype") == ["torch.int64"])
        #expect(Self.shown("torch.tensor([1., 2])") == ["tensor([1., 2.])"])
        #expect(Self.shown("torch.tensor([1, 2.5]).dtype") == ["torch.float32"])
        #expect(Self.shown("torch.tensor([True, False])") == ["tensor([ True, False])"])
        #expect(Self.shown("torch.tensor([True, 2]).dtype") == ["torch.int64"])
        #expect(Self.shown("torch.tensor(3)") == ["tensor(3)"])
        #expect(Self.shown("torch.tensor(2.5)") == ["tensor(2.5000)"])
        #expect(Self.shown("torch.tensor([[1, 2]], dtype=torch.float64)") == ["tensor([[1., 2.]], dtype=torch.float64)"])
        #expect(Self.shown("torch.as_tensor([1, 2]).dtype") == ["torch.int64"])
    }

    @Test func constructorsGiveTheDefaultDTypeOrTheOneAskedFor() {
        #expect(Self.shown("torch.zeros(2)") == ["tensor([0., 0.])"])
        #expect(Self.shown("torch.ones(2, dtype=torch.int64)") == ["tensor([1, 1])"])
        #expect(Self.shown("torch.full((2,), 3).dtype, torch.full((2,), 3.).dtype, torch.full((1,), True).dtype")
                == ["(torch.int64, torch.float32, torch.bool)"])
        #expect(Self.shown("torch.arange(3).dtype, torch.arange(0, 1, 0.5).dtype") == ["(torch.int64, torch.float32)"])
        #expect(Self.shown("torch.linspace(0, 1, 3).dtype, torch.eye(2).dtype") == ["(torch.float32, torch.float32)"])
        #expect(Self.shown("torch.zeros_like(torch.tensor([1, 2])).dtype") == ["torch.int64"])
        #expect(Self.shown("torch.randint(0, 5, (2,)).dtype, torch.randperm(3).dtype") == ["(torch.int64, torch.int64)"])
        #expect(Self.shown("torch.FloatTensor([1, 2])") == ["tensor([1., 2.])"])
        #expect(Self.shown("torch.LongTensor(2, 1).shape, torch.LongTensor(2, 1).dtype") == ["(torch.Size([2, 1]), torch.int64)"])
    }

    @Test func randomDrawsStayFloat32AndBitIdentical() {
        // torch.manual_seed(0); torch.rand(2) in PyTorch: tensor([0.4963, 0.7682]).
        #expect(Self.shown("torch.manual_seed(0)\nx = torch.rand(2)\nx.dtype, x.tolist()")
                == ["(torch.float32, [0.49625658988952637, 0.7682217955589294])"])
        #expect(Self.shown("torch.manual_seed(0)\ntorch.randn(2, dtype=torch.float64).dtype") == ["torch.float64"])
    }

    @Test func dtypesAreValuesWithPyTorchsNames() {
        #expect(Self.shown("torch.float32, torch.float, torch.double, torch.long, torch.bool")
                == ["(torch.float32, torch.float32, torch.float64, torch.int64, torch.bool)"])
        #expect(Self.shown("torch.tensor([1.]).dtype == torch.float32, torch.tensor([1]).dtype is torch.long") == ["(True, True)"])
        #expect(Self.shown("print(type(torch.float32))") == ["<class 'torch.dtype'>"])
        #expect(Self.shown("torch.float64.is_floating_point, torch.int64.itemsize") == ["(True, 8)"])
    }

    @Test func theDefaultDTypeIsSessionState() {
        #expect(Self.shown("torch.get_default_dtype()") == ["torch.float32"])
        #expect(Self.shown("torch.set_default_dtype(torch.float64)\ntorch.tensor([1.]).dtype, torch.zeros(1).dtype, torch.tensor([1]).dtype")
                == ["(torch.float64, torch.float64, torch.int64)"])
        #expect(Self.shown("torch.set_default_dtype(torch.int64)")
                == ["error: only floating-point types are supported as the default type"])
    }

    @Test func conversionsFollowPyTorch() {
        #expect(Self.shown("torch.tensor([1.7, -1.7]).long()") == ["tensor([ 1, -1])"])
        #expect(Self.shown("torch.tensor([1, 0]).float()") == ["tensor([1., 0.])"])
        #expect(Self.shown("torch.tensor([1, 0]).double()") == ["tensor([1., 0.], dtype=torch.float64)"])
        #expect(Self.shown("torch.tensor([2, 0]).bool()") == ["tensor([ True, False])"])
        #expect(Self.shown("torch.tensor([1, 2]).to(torch.float32).dtype, torch.tensor([1]).to(\"cpu\").dtype") == ["(torch.float32, torch.int64)"])
        #expect(Self.shown("torch.tensor([1]).to(torch.tensor([1.], dtype=torch.float64)).dtype") == ["torch.float64"])
        #expect(Self.shown("torch.tensor([1.]).type(), torch.tensor([1]).type()") == ["('torch.FloatTensor', 'torch.LongTensor')"])
        #expect(Self.shown("torch.tensor([1]).type(torch.FloatTensor)") == ["tensor([1.])"])
        #expect(Self.shown("x = torch.tensor([1.])\nx.float() is x, x.cpu() is x") == ["(True, True)"])
        #expect(Self.shown("torch.tensor([1.]).is_floating_point(), torch.tensor([1]).element_size()") == ["(True, 8)"])
    }

    @Test func devicesOtherThanTheCPUAreRefusedWhereWritten() {
        let refusal = "error: conv computes on the CPU only: device 'cuda' is not available"
        #expect(Self.shown("torch.tensor([1.]).to(\"cuda\")") == [refusal])
        #expect(Self.shown("torch.zeros(2, device=\"cuda\")") == [refusal])
        #expect(Self.shown("torch.tensor([1.]).cuda()") == [refusal])
        #expect(Self.shown("torch.zeros(2, device=\"cpu\").dtype") == ["torch.float32"])
    }

    /// int32 as PyTorch has it: `torch.int32`/`torch.int`, `.int()`, `dtype=`, promotion beside
    /// int64 and float32, an int64 sum, PyTorch's `dtype=` suffix; each expectation is what
    /// PyTorch 2.15 printed for the same source.
    @Test func int32IsARealDType() {
        let a = "a = torch.tensor([1, 2, 3], dtype=torch.int32)\n"
        #expect(Self.shown(a + "print(a, a.dtype, torch.int, torch.int32 is torch.int)")
                == ["tensor([1, 2, 3], dtype=torch.int32) torch.int32 torch.int32 True"])
        #expect(Self.shown(a + "print(a + torch.tensor([4, 5, 6]), a * 2, a + 2.5, a / 2)")
                == ["tensor([5, 7, 9]) tensor([2, 4, 6], dtype=torch.int32) tensor([3.5000, 4.5000, 5.5000]) tensor([0.5000, 1.0000, 1.5000])"])
        #expect(Self.shown("print(torch.tensor([0.5, 1.5, 2.5]).int(), torch.tensor([4, 5]).to(torch.int32))")
                == ["tensor([0, 1, 2], dtype=torch.int32) tensor([4, 5], dtype=torch.int32)"])
        #expect(Self.shown(a + "print(a.sum(), a.max(), a.sqrt(), a.element_size(), a.type())")
                == ["tensor(6) tensor(3, dtype=torch.int32) tensor([1.0000, 1.4142, 1.7321]) 4 torch.IntTensor"])
        #expect(Self.shown(a + "c = a.clone()\nc[0] = 7.9\nprint(c, torch.tensor(1, dtype=torch.int32) + torch.tensor([4, 5]))")
                == ["tensor([7, 2, 3], dtype=torch.int32) tensor([5, 6])"])
        #expect(Self.shown(a + "a.mean()").first?.hasSuffix("Got: Int") == true)
    }

    @Test func torchLayersHoldFloat32ParametersAndRefuseOtherInputs() {
        #expect(Self.shown("m = nn.Conv1d(1, 2, 3)\nm.weight.dtype, m.bias.dtype") == ["(torch.float32, torch.float32)"])
        #expect(Self.shown("nn.ConvTranspose1d(1, 2, 3).weight.dtype") == ["torch.float32"])
        #expect(Self.shown("nn.Conv1d(1, 2, 3, dtype=torch.float64).weight.dtype") == ["torch.float64"])
        #expect(Self.shown("m = nn.Conv1d(1, 2, 3)\nm(torch.ones(1, 1, 5)).dtype") == ["torch.float32"])
        // The short language's Conv1d keeps conv's float64.
        #expect(Self.shown("Conv1d(1, 2, 3).weight.dtype") == ["torch.float64"])
        // torch-layers.json, layers-conv1d-int64-input: PyTorch's words.
        #expect(Self.shown("m = nn.Conv1d(1, 2, 3)\nm(torch.tensor([[[2, 3, 2, 0, 1, 1]]]))")
                == ["error: Input type (long int) and bias type (float) should be the same"])
        #expect(Self.shown("m = nn.Conv1d(1, 2, 3, bias=False)\nm(torch.tensor([[[2, 3, 2, 0, 1, 1]]]))")
                == ["error: expected scalar type Long but found Float"])
        #expect(Self.shown("m = nn.ConvTranspose1d(1, 2, 3)\nm(torch.tensor([[[2, 3]]]))")
                == ["error: expected scalar type Long but found Float"])
    }

    @Test func gradientsKeepTheParametersDType() {
        let program = """
            m = nn.Conv1d(1, 1, 2)
            m(torch.ones(1, 1, 3)).sum().backward()
            m.weight.grad.dtype, m.bias.grad.dtype
            """
        #expect(Self.shown(program) == ["(torch.float32, torch.float32)"])
    }
}
