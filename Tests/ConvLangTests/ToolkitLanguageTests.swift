import Testing
import ConvLang

/// Layers, models, activations, NumPy conventions and data files as a user writes them.
@Suite("Transposed conv, pooling, activations, Sequential, convolve, load and save")
struct ToolkitLanguageTests {
    @Test func transposedConvolution() {
        #expect(show("conv_transpose1d([1, 2, 3], [1, 10, 100], s=2)") == "[1, 10, 102, 20, 203, 30, 300]")
        #expect(show("torch.conv_transpose1d([1, 2, 3], [1, 10, 100], s=2, p=1, op=1)") == "[10, 102, 20, 203, 30, 300]")
        #expect(show("conv_transpose1d([1, 2, 3], [1, 1, 1], s=2, output_padding=2)").contains("smaller than either the stride or the dilation"))
        #expect(show("conv_transpose1d([1, 2, 3], [1, 1, 1], p=\"same\")").contains("not \"same\""))
        #expect(show("seed(0)\nup = ConvTranspose1d(4, 2, 3, s=2, p=1, output_padding=1)\nup(zeros(1, 4, 8)).shape") == "(1, 2, 16)")
        #expect(show("seed(0)\nConvTranspose1d(4, 2, 3, s=2, p=1, output_padding=1, g=2, bias=false)")
            == "ConvTranspose1d(4, 2, kernel_size=(3,), stride=(2,), padding=(1,), output_padding=(1,), groups=2, bias=False)")
        #expect(show("ConvTranspose1d(1, 1, 3, mode=\"reflect\")").contains("only padding mode \"zeros\""))
        #expect(show("seed(0)\nm = ConvTranspose1d(2, 3, 4)\n(m.weight.shape, m.bias.shape, m.output_padding)") == "((2, 3, 4), (3,), (0,))")
        #expect(show("m = ConvTranspose1d(1, 1, 2, w=[1, 10], b=[0.5])\nm([1, 2])") == "[1.5, 12.5, 20.5]")
    }

    @Test func poolingFunctionsAndLayers() {
        #expect(show("max_pool1d([1, 5, 2, 0, 7], 2)") == "[5, 2]")
        #expect(show("F.max_pool1d([1, 5, 2, 0, 7], 2, ceil_mode=true)") == "[5, 2, 7]")
        #expect(show("avg_pool1d([6, 6, 6, 6, 6, 6], 3, 2, 1, ceil_mode=true)") == "[4, 6, 6, 3]")
        #expect(show("MaxPool1d(3)") == "MaxPool1d(kernel_size=3, stride=3, padding=0, dilation=1, ceil_mode=False)")
        #expect(show("AvgPool1d(3, 2, 1)") == "AvgPool1d(kernel_size=(3,), stride=(2,), padding=(1,))")
        #expect(show("MaxPool1d(2, p=2)").hasPrefix("MaxPool1d"))  // refused only when applied, as in PyTorch
        #expect(show("MaxPool1d(2, p=2)([1, 2, 3])").contains("at most half the kernel size"))
        #expect(show("max_pool1d([1, 2, 3], 2, s=0)").contains("stride must be at least 1"))
        #expect(show("max_pool1d([1, 2], 2, return_indices=true)").contains("return_indices is not supported"))
        #expect(show("MaxPool1d(2).stride") == "2")
        #expect(show("AvgPool1d(2).stride") == "(2,)")
    }

    @Test func activations() {
        #expect(show("sigmoid(0)") == "0.5")
        #expect(show("F.leaky_relu([-2, 3], 0.1)") == "[-0.2, 3]")
        #expect(show("gelu([-1, 0, 1])") == "[-0.15865525, 0, 0.84134475]")
        #expect(show("gelu(1, approximate=\"tanh\")") == "0.84119199")
        #expect(show("tanh([0, 1])") == "[0, 0.76159416]")
        #expect(show("softmax([1, 2, 3])") == "[0.090030573, 0.24472847, 0.66524096]")
        #expect(show("softmax([[1, 1], [2, 4]], dim=0)") == show("[[0.26894142, 0.047425873], [0.73105858, 0.95257413]]"))
        #expect(show("softmax([1000, 1000])") == "[0.5, 0.5]")
        #expect(show("softmax([1, 2], dim=1)").contains("dim 1"))
        #expect(show("[LeakyReLU(), GELU(), Softmax(dim=1), ReLU()]")
                == "[LeakyReLU(negative_slope=0.01), GELU(approximate='none'), Softmax(dim=1), ReLU()]")
        #expect(show("LeakyReLU()") == "LeakyReLU(negative_slope=0.01)")
        #expect(show("GELU()") == "GELU(approximate='none')")
        #expect(show("Softmax(1)") == "Softmax(dim=1)")
        #expect(show("Tanh()([0, 1])") == "[0, 0.76159416]")
    }

    @Test func sequentialModels() {
        let model = "seed(0)\nmodel = Sequential(Conv1d(1, 4, 3, p=1), ReLU(), MaxPool1d(2), ConvTranspose1d(4, 1, 2, s=2))\n"
        #expect(show(model + "model") == """
            Sequential(
              (0): Conv1d(1, 4, kernel_size=(3,), stride=(1,), padding=(1,))
              (1): ReLU()
              (2): MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
              (3): ConvTranspose1d(4, 1, kernel_size=(2,), stride=(2,))
            )
            """)
        #expect(show(model + "model(zeros(2, 1, 10)).shape") == "(2, 1, 10)")
        #expect(show(model + "(len(model), model[-1].kernel_size)") == "(4, (2,))")
        #expect(show(model + "model[0:2]").hasPrefix("Sequential(\n  (0): Conv1d"))
        #expect(show(model + "model[0].weight.shape") == "(4, 1, 3)")
        // The model equals applying its layers by hand.
        #expect(show(model + "x = rand(1, 1, 8)\nallclose(model(x), model[3](model[2](relu(model[0](x)))))") == "true")
        let failure = show(model + "model(zeros(1, 2, 8))")
        #expect(failure.contains("layer 0 (Conv1d) cannot take an input of shape [1, 2, 8]"))
        #expect(show("Sequential(Sequential(ReLU(), Tanh()), Sigmoid())") == """
            Sequential(
              (0): Sequential(
                (0): ReLU()
                (1): Tanh()
              )
              (1): Sigmoid()
            )
            """)
        #expect(show("Sequential()") == "Sequential()")
        #expect(run("Sequential(relu)").diagnostics.first?.notes.contains("use the layer ReLU() rather than the function relu") == true)
        #expect(show("Sequential(ReLU())[3]").contains("out of range"))
    }

    @Test func summaryTable() {
        let outcome = run("""
            seed(0)
            model = nn.Sequential(nn.Conv1d(1, 8, 5, p=2), nn.ReLU(), nn.MaxPool1d(2), nn.ConvTranspose1d(8, 1, 2, s=2))
            summary(model, (1, 1, 32))
            """)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.errors)")
        let table = outcome.text
        #expect(table.contains("(0): Conv1d"))
        #expect(table.contains("[1, 8, 32]"))
        #expect(table.contains("[1, 8, 16]"))
        #expect(table.contains("Total params: 65"))  // 8*5+8 + 8*1*2+1
        #expect(table.contains("Output shape: [1, 1, 32]"))
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("(") }
        #expect(rows.count == 4)
        #expect(rows.first?.hasSuffix(" 48") == true)
        let tooShort = run("seed(0)\nsummary(Sequential(Conv1d(1, 2, 3), MaxPool1d(4)), (1, 1, 5))")
        #expect(tooShort.errors.first?.contains("layer 1 (MaxPool1d) cannot take an input of shape [1, 2, 3]") == true)
        #expect(run("summary(ReLU(), [2, 3])").text.contains("(0): ReLU"))
    }

    @Test func numpyConventions() {
        #expect(show("convolve([1, 2, 3], [0, 1, 0.5])") == "[0, 1, 2.5, 4, 1.5]")
        #expect(show("np.convolve([1, 2, 3, 4, 5], [1, 2, 3, 4], \"same\")") == "[4, 10, 20, 30, 34]")
        #expect(show("correlate([1, 2, 3, 4], [1, 10])") == "[21, 32, 43]")
        #expect(show("correlate([1, 2, 3], [1, 2, 3, 4, 5], mode=\"same\")") == "[14, 26, 20, 14, 8]")
        #expect(show("convolve([1, 2], [1], mode=\"Same\")").contains("did you mean \"same\"") == false)
        #expect(show("convolve([1, 2], [1], mode=\"bogus\")").contains("mode must be one of"))
        #expect(show("convolve([], [1])").contains("cannot be empty"))
        #expect(show("convolve([[1, 2]], [1])").contains("1-D signals"))
        #expect(show("convolve(5, [1, 2])") == "[5, 10]")
    }

    @Test func loadAndSaveThroughTheHost() throws {
        let files = InMemoryFileAccess(files: ["in.csv": Array("1, 2, 3\n4, 5, 6\n".utf8)])
        var shown: [String] = []
        let interpreter = Interpreter(configuration: .init(seed: 0, fileAccess: files)) { shown.append($0.text) }
        let result = interpreter.run("""
            x = load("in.csv")
            x
            save("out.npy", x * 2)
            save("out.csv", [0.5, -1])
            load("out.npy")
            """)
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        #expect(shown == ["[[1, 2, 3],\n [4, 5, 6]]", "[[ 2,  4,  6],\n [ 8, 10, 12]]"])
        #expect(files["out.csv"] == Array("0.5\n-1\n".utf8))
        let npy = try #require(files["out.npy"])
        #expect(npy.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0]))
        let failures: [(String, Diagnostic.Kind, String)] = [
            ("load(\"missing.npy\")", .fileAccess, "cannot load \"missing.npy\": no file 'missing.npy'"),
            ("load(\"in.txt\")", .runtime, "has no known data extension"),
            ("save(\"x.csv\", zeros(1, 1, 2))", .runtime, "cannot be saved"),
        ]
        for (source, kind, message) in failures {
            let outcome = interpreter.run(source)
            #expect(outcome.diagnostics.map(\.kind) == [kind], "\(source)")
            #expect(outcome.diagnostics.first?.message.contains(message) == true, "\(source): \(outcome.diagnostics.map(\.message))")
        }
        let bad = InMemoryFileAccess(files: ["bad.csv": Array("1,2\n3,x\n".utf8)])
        let withBad = Interpreter(configuration: .init(fileAccess: bad)).run("load(\"bad.csv\")")
        #expect(withBad.diagnostics.first?.message == "cannot load \"bad.csv\": line 2, column 2: 'x' is not a number")
    }

    @Test func noFileAccessMeansClearRefusal() {
        let outcome = run("load(\"x.npy\")")
        #expect(outcome.errors.first == "cannot load \"x.npy\": this interpreter was given no file access")
        #expect(run("save(\"x.csv\", [1])").errors.first == "cannot save \"x.csv\": this interpreter was given no file access")
    }

    @Test func jsonOfNewLayers() {
        let outcome = run("seed(0)\nSequential(ConvTranspose1d(1, 1, 2, bias=false, w=[1, 2]), MaxPool1d(2), Softmax(0))")
        #expect(outcome.json.first?.contains("\"value\":{\"type\":\"Sequential\",\"layers\":[{\"type\":\"ConvTranspose1d\",\"in_channels\":1,"
            + "\"out_channels\":1,\"kernel_size\":2,\"stride\":1,\"padding\":0,\"output_padding\":0,\"dilation\":1,\"groups\":1,"
            + "\"weight\":[[[1,2]]],\"bias\":null},{\"type\":\"MaxPool1d\",\"kernel_size\":2,\"stride\":2,\"padding\":0,"
            + "\"dilation\":1,\"ceil_mode\":false},{\"type\":\"Softmax\",\"dim\":0}]},") == true)
    }

    @Test func hostileNumbersAreErrors() {
        for source in ["conv_transpose1d([1, 2], [1], s=1e300)", "max_pool1d([1, 2], 1e12)", "conv_transpose1d([1, 2], [1], s=2.5)",
                       "ConvTranspose1d(1e12, 1e12, 1e12)", "summary(ReLU(), (1e12, 1e12))", "avg_pool1d([1], 1, s=-1)",
                       "conv_transpose1d([1, 2], [1], s=4e15)"] {
            #expect(!run(source).diagnostics.isEmpty, "\(source) must be refused")
        }
    }
}
