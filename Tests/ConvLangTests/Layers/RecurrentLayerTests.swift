import Testing
@testable import ConvLang

/// nn.RNN, nn.LSTM and nn.GRU (one and both directions) in float64: every parameter's gradient from the engine against
/// central differences of a loss over the outputs and final states (PyTorch's own values are
/// compared in the torch goldens rnn, lstm and gru).
@Suite("Recurrent layers")
struct RecurrentLayerTests {
    /// `worst_error(m, loss)`: the largest difference between each parameter's gradient from
    /// `loss().backward()` and the central difference of `loss()` over that element (steps of 1e-6).
    static let centralDifferences = #"""
    def bump(p, i, step):
        if p.dim() == 2:
            p[i // p.shape[1], i % p.shape[1]] += step
        else:
            p[i] += step

    def worst_error(m, loss):
        loss().backward()
        worst = 0.0
        for name, p in m.named_parameters():
            for i in range(p.numel()):
                with torch.no_grad():
                    bump(p, i, 1e-6)
                    up = loss().item()
                    bump(p, i, -2e-6)
                    down = loss().item()
                    bump(p, i, 1e-6)
                worst = max(worst, abs((up - down) / 2e-6 - p.grad.view(-1)[i].item()))
        return worst

    """#

    @Test("gradients through time agree with central differences for each cell, two layers, batch_first, no bias, both directions and an LSTM's projection")
    func gradientsAgreeWithCentralDifferences() {
        let source = Self.centralDifferences + #"""
        worst = 0.0
        for make in (lambda: nn.RNN(2, 3, num_layers=2, batch_first=True), lambda: nn.RNN(2, 3, nonlinearity='relu'), lambda: nn.LSTM(2, 3, num_layers=2), lambda: nn.GRU(2, 3, bias=False),
                     lambda: nn.LSTM(2, 3, num_layers=2, bidirectional=True), lambda: nn.GRU(2, 3, bidirectional=True, batch_first=True),
                     lambda: nn.LSTM(2, 3, num_layers=2, proj_size=2)):
            torch.manual_seed(0)
            m = make().double()
            x = torch.randn(4, 2, 2, dtype=torch.float64)
            def loss():
                out, state = m(x)
                total = (out * out).sum()
                for h in state if isinstance(state, tuple) else (state,):
                    total = total + (h * torch.arange(h.numel(), dtype=torch.float64).view(h.shape)).sum()
                return total
            worst = max(worst, worst_error(m, loss))
        print(worst < 1e-6, worst)
        """#
        let outcome = run(source)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.lines.first?.hasPrefix("True ") == true, "\(outcome.lines)")
    }

    @Test("a layer's parameters are Parameters an optimizer changes, and a state dict round-trips them")
    func parametersTrainAndRoundTrip() {
        let source = """
        torch.manual_seed(0)
        m = nn.GRU(2, 3)
        before = m.weight_hh_l0.detach().clone()
        opt = torch.optim.SGD(m.parameters(), lr=0.5)
        out, h = m(torch.randn(5, 2))
        h.sum().backward()
        opt.step()
        print(torch.equal(before, m.weight_hh_l0.detach()), len(list(m.parameters())))
        n = nn.GRU(2, 3)
        _ = n.load_state_dict(m.state_dict())
        print(torch.equal(n.weight_hh_l0, m.weight_hh_l0))
        """
        let outcome = run(source)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.lines == ["False 4", "True"])
    }
}
