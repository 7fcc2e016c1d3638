import Testing
@testable import ConvLang

/// nn.RNNCell, nn.LSTMCell and nn.GRUCell: gradients through a program's own loop against central
/// differences in float64, and where each of PyTorch's refusals points (the torch goldens
/// rnn-cell, lstm-cell and gru-cell compare the values and messages with PyTorch's).
@Suite("Recurrent cells")
struct RecurrentCellTests {
    @Test("gradients through a loop of steps agree with central differences for each cell, with and without biases, batched and unbatched")
    func gradientsAgreeWithCentralDifferences() {
        let source = RecurrentLayerTests.centralDifferences + #"""
        worst = 0.0
        for make, batch in ((lambda: nn.RNNCell(2, 3), 2), (lambda: nn.RNNCell(2, 3, nonlinearity='relu', bias=False), 2),
                            (lambda: nn.LSTMCell(2, 3), 2), (lambda: nn.LSTMCell(2, 3, bias=False), None),
                            (lambda: nn.GRUCell(2, 3), None), (lambda: nn.GRUCell(2, 3, bias=False), 2)):
            torch.manual_seed(0)
            m = make().double()
            x = torch.randn(*((4, batch, 2) if batch else (4, 2)), dtype=torch.float64)
            def loss():
                state = None
                total = 0
                for t in range(4):
                    state = m(x[t], state)
                    for h in state if isinstance(state, tuple) else (state,):
                        total = total + (h * torch.arange(h.numel(), dtype=torch.float64).view(h.shape)).sum() * (t + 1)
                return total
            worst = max(worst, worst_error(m, loss))
        print(worst < 1e-6, worst)
        """#
        let outcome = run(source)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.lines.first?.hasPrefix("True ") == true, "\(outcome.lines)")
    }

    /// The message of the program's one error and the text it points at.
    private func refusal(_ line: String, setup: String = "cell = nn.RNNCell(3, 4)") -> (message: String, at: String)? {
        let source = "import torch\nimport torch.nn as nn\n\(setup)\n\(line)\n"
        guard let diagnostic = run(source).diagnostics.first else { return nil }
        let bytes = Array(source.utf8)
        guard diagnostic.range.end <= bytes.count else { return nil }
        return (diagnostic.message, String(decoding: bytes[diagnostic.range.start..<diagnostic.range.end], as: UTF8.self))
    }

    @Test("a wrong input or state is refused in PyTorch's words, pointing at the argument that is wrong")
    func refusalsPointAtTheWrongArgument() {
        let cases: [(line: String, message: String, at: String)] = [
            ("cell(torch.zeros(2, 5))", "input has inconsistent input_size: got 5 expected 3", "torch.zeros(2, 5)"),
            ("cell(torch.zeros(1, 2, 3))", "RNNCell: Expected input to be 1D or 2D, got 3D instead", "torch.zeros(1, 2, 3)"),
            ("cell(torch.zeros(2, 3), torch.zeros(3, 4))", "Input batch size 2 doesn't match hidden0 batch size 3", "torch.zeros(3, 4)"),
            ("cell(torch.zeros(2, 3), hx=torch.zeros(2, 5))", "hidden0 has inconsistent hidden_size: got 5, expected 4", "torch.zeros(2, 5)"),
            ("cell(torch.zeros(3), torch.zeros(2, 4))", "Expected 2D hidden0 (batch x hidden_size), but got 3D tensor", "torch.zeros(2, 4)"),
            ("cell(torch.zeros(2, 3), torch.zeros(1, 2, 4))", "RNNCell: Expected hidden to be 1D or 2D, got 3D instead", "torch.zeros(1, 2, 4)"),
            ("cell(torch.zeros(2, 3, dtype=torch.long))", "mat1 and mat2 must have the same dtype, but got Long and Float",
             "torch.zeros(2, 3, dtype=torch.long)"),
            ("cell(torch.zeros(2, 3, dtype=torch.long), torch.ones(2, 4, dtype=torch.long))",
             "mat1 and mat2 must have the same dtype, but got Long and Float", "torch.ones(2, 4, dtype=torch.long)"),
            ("cell(torch.zeros(2, 3), h=1)", "RNNCell.forward() got an unexpected keyword argument 'h'", "h"),
            ("cell(torch.zeros(2, 3), None, None)", "RNNCell.forward() takes from 2 to 3 positional arguments but 4 were given",
             "cell(torch.zeros(2, 3), None, None)"),
        ]
        for (line, message, at) in cases {
            let found = refusal(line)
            #expect(found?.message == message, "\(line)")
            #expect(found?.at == at, "\(line): \(String(describing: found))")
        }
    }

    @Test("a GRUCell refuses its input's dtype before its state's, and an LSTMCell each state of (h, c) by its index")
    func refusalsInPyTorchsOrder() {
        let gru = refusal("cell(torch.zeros(2, 3, dtype=torch.long), torch.ones(2, 4, dtype=torch.long))", setup: "cell = nn.GRUCell(3, 4, bias=False)")
        #expect(gru?.message == "expected m1 and m2 to have the same dtype, but got: long int != float")
        #expect(gru?.at == "torch.zeros(2, 3, dtype=torch.long)")
        let lstm = "cell = nn.LSTMCell(3, 4)"
        #expect(refusal("cell(torch.zeros(2, 3), (torch.zeros(2, 4), torch.zeros(2, 5)))", setup: lstm)?.message
            == "hidden1 has inconsistent hidden_size: got 5, expected 4")
        #expect(refusal("cell(torch.zeros(2, 3), (torch.zeros(2, 4),))", setup: lstm)?.message == "lstm_cell expects two hidden states")
        #expect(refusal("cell(torch.zeros(3), (torch.zeros(4),))", setup: lstm)?.message == "tuple index out of range")
        #expect(refusal("cell(torch.zeros(3), torch.tensor(1.0))", setup: lstm)?.message == "iteration over a 0-d tensor")
        #expect(refusal("cell(torch.zeros(2, 3), (torch.zeros(2, 4), torch.zeros(2, 2, 2)))", setup: lstm)?.message
            == "LSTMCell: Expected hx[1] to be 1D or 2D, got 3D instead")
    }

    @Test("PyTorch's constructor takes any nonlinearity and the forward refuses an unknown one; a negative size cannot make the weights")
    func constructorRefusals() {
        let odd = refusal("cell(torch.zeros(3))", setup: "cell = nn.RNNCell(3, 4, nonlinearity='gelu')")
        #expect(odd?.message == "Unknown nonlinearity: gelu")
        #expect(odd?.at == "cell(torch.zeros(3))")
        let negative = refusal("nn.LSTMCell(3, -2)", setup: "")
        #expect(negative?.message == "Trying to create tensor with negative dimension -8: [-8, 3]")
        #expect(negative?.at == "-2")
        #expect(refusal("nn.GRUCell(-1, 2)", setup: "")?.message == "Trying to create tensor with negative dimension -1: [6, -1]")
    }

    @Test("the short language's cells run on its float64 tensors and lists, and a cell stands in a Sequential")
    func shortLanguageCells() {
        let outcome = run("""
        seed(0)
        cell = GRUCell(2, 3)
        h = cell([1, 2])
        print(h.shape, cell(rand(4, 2)).shape, cell([1, 2], h).shape)
        h, c = LSTMCell(2, 3)(rand(2))
        print(c.shape, Sequential(RNNCell(2, 5), Linear(5, 1))(rand(3, 2)).shape)
        """)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.lines == ["(3,) (4, 3) (3,)", "(3,) (3, 1)"])
    }
}
