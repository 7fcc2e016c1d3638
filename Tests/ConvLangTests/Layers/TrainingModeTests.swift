import Testing
@testable import ConvLang

/// `.training` on every module, and what `train()`, `eval()` and assigning it change.
@Suite("Training and evaluation mode")
struct TrainingModeTests {
    /// Every constructor of a layer, each given what it needs.
    static let layers = [
        "nn.Linear(2, 2)", "nn.Conv1d(1, 1, 2)", "nn.ConvTranspose1d(1, 1, 2)", "nn.ReLU()", "nn.LeakyReLU()", "nn.GELU()",
        "nn.Sigmoid()", "nn.Tanh()", "nn.Softmax(dim=1)", "nn.MaxPool1d(2)", "nn.AvgPool1d(2)", "nn.AdaptiveAvgPool1d(2)",
        "nn.AdaptiveMaxPool1d(2)", "nn.MaxUnpool1d(2)", "nn.Flatten()", "nn.Unflatten(1, (2, 2))", "nn.Identity()",
        "nn.LayerNorm(3)", "nn.BatchNorm1d(2)", "nn.Dropout()", "nn.Upsample(scale_factor=2)", "nn.Sequential(nn.ReLU())",
        "nn.ModuleList([nn.ReLU()])", "nn.MSELoss()", "nn.RNN(2, 3)", "nn.LSTM(2, 3)", "nn.GRU(2, 3)",
        "nn.RNNCell(2, 3)", "nn.LSTMCell(2, 3)", "nn.GRUCell(2, 3)",
    ]

    @Test func everyLayerHasTrainingAndEvalClearsIt() {
        for layer in Self.layers {
            let outcome = run("m = \(layer)\nprint(m.training, m.eval() is m, m.training, m.train().training)")
            #expect(outcome.errors.isEmpty, "\(layer): \(outcome.errors)")
            #expect(outcome.lines == ["True True False True"], "\(layer): \(outcome.lines)")
        }
    }

    @Test func completionAndErrorsListTraining() {
        let outcome = run("m = nn.ReLU()\nm.trainig")
        #expect(outcome.diagnostics.first?.notes.first == "did you mean 'training'?")
    }

    @Test func assigningTrainingChangesThatLayerAlone() {
        let source = """
        model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))
        model.training = False
        print(model.training, model[1].training)
        model[1].training = False
        print(model[1](torch.ones(4)).tolist())
        """
        #expect(run(source).lines == ["False True", "[1.0, 1.0, 1.0, 1.0]"])
    }

    @Test func aProgramsModuleSeesItsModeInForward() {
        let source = """
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(2, 2)
            def forward(self, x):
                return 1 if self.training else 0
        net = Net()
        print(net(1), net.eval()(1), net.fc.training, net.train()(1), net.fc.training)
        net.training = False
        print(net(1), net.fc.training)
        """
        #expect(run(source).lines == ["1 0 False 1 True", "0 True"])
    }
}
