import ConvAutograd

/// `LSTM(input_size, hidden_size, num_layers=1, ...)`: PyTorch's `nn.LSTM`, its gates i, f, g, o
/// stacked in that order in the weights' 4·hidden_size rows.
enum LSTM {
    /// One step, as PyTorch's CPU cell computes it: `c' = f⊙c + i⊙g`, `h' = o⊙tanh(c')`, then
    /// `h'·W_hrᵀ` with a projection.
    static func step(_ gi: Variable, _ gh: Variable, _ state: RecurrentState, hiddenSize: Int,
                     projection: Variable?) throws(AutogradError) -> RecurrentState {
        let gates = try gh.add(gi).split(dim: 1, sizes: Array(repeating: hiddenSize, count: 4), name: "UnsafeSplitBackward0")
        let input = try gates[0].sigmoid(), forget = try gates[1].sigmoid()
        let candidate = try gates[2].tanh(), output = try gates[3].sigmoid()
        let c = try forget.mul(state.c ?? Variable(constant: state.h.data)).add(try input.mul(candidate))
        let h = try output.mul(try c.tanh())
        return RecurrentState(h: try projection.map { (weight) throws(AutogradError) in try Functional.linear(h, weight, nil) } ?? h, c: c)
    }

    static let constructor: Builtin = {
        var builtin = Builtin(
            name: "LSTM", aliases: ["torch.nn.LSTM"],
            parameters: [.required("input_size"), .required("hidden_size"), .optional("num_layers", default: .int(1))]
                + RecurrentModule.sharedParameters + [.optional("proj_size", default: .int(0))],
            summary: "a long short-term memory layer, as PyTorch's nn.LSTM",
            details: """
            LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False)

            lstm(x) or lstm(x, (h0, c0)) runs over the steps of x, (L, N, input_size) (or
            (N, L, input_size) with batch_first, or (L, input_size) unbatched), and gives
            (output, (h_n, c_n)). The gates i, f, g, o are the blocks of 4·hidden_size rows of
            weight_ih_l0 and weight_hh_l0, in that order:
              c_t = f ⊙ c_(t−1) + i ⊙ g,   h_t = o ⊙ tanh(c_t)
            The parameters are drawn from U(±1/√hidden_size) exactly as PyTorch draws them.
            bidirectional=True and dropout between layers work as for RNN; proj_size=p projects
            each hidden state to p features by weight_hr_l0 (p, hidden_size), so h_n is
            (num_layers, N, p) while c_n stays (num_layers, N, hidden_size).

            Example:
              torch.manual_seed(0)
              lstm = nn.LSTM(10, 20, batch_first=True)
              output, (h_n, c_n) = lstm(torch.randn(3, 5, 10))
              output.shape, c_n.shape        # (3, 5, 20), (1, 3, 20)
            """,
            constructsLayer: true,
            body: { call throws(RuntimeError) in try RecurrentModule.make(&call, cell: .lstm) })
        builtin.takesPythonValues = true
        return builtin
    }()
}
