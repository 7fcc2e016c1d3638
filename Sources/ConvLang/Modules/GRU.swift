import ConvAutograd

/// `GRU(input_size, hidden_size, num_layers=1, ...)`: PyTorch's `nn.GRU`, its gates r, z, n
/// stacked in that order in the weights' 3·hidden_size rows.
enum GRU {
    /// One step, as PyTorch's CPU cell computes it: `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`,
    /// `h' = (h − n) ⊙ z + n`.
    static func step(_ gi: Variable, _ gh: Variable, _ state: RecurrentState, hiddenSize: Int) throws(AutogradError) -> RecurrentState {
        let sizes = Array(repeating: hiddenSize, count: 3)
        let inputGates = try gi.split(dim: 1, sizes: sizes, name: "UnsafeSplitBackward0")
        let hiddenGates = try gh.split(dim: 1, sizes: sizes, name: "UnsafeSplitBackward0")
        let reset = try hiddenGates[0].add(inputGates[0]).sigmoid()
        let update = try hiddenGates[1].add(inputGates[1]).sigmoid()
        let candidate = try inputGates[2].add(try hiddenGates[2].mul(reset)).tanh()
        return RecurrentState(h: try state.h.sub(candidate).mul(update).add(candidate), c: nil)
    }

    static let constructor: Builtin = {
        var builtin = Builtin(
            name: "GRU", aliases: ["torch.nn.GRU"],
            parameters: [.required("input_size"), .required("hidden_size"), .optional("num_layers", default: .int(1))]
                + RecurrentModule.sharedParameters,
            summary: "a gated recurrent unit layer, as PyTorch's nn.GRU",
            details: """
            GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False)

            gru(x) or gru(x, h0) runs over the steps of x, (L, N, input_size) (or (N, L, input_size)
            with batch_first, or (L, input_size) unbatched), and gives (output, h_n). The gates
            r, z, n are the blocks of 3·hidden_size rows of weight_ih_l0 and weight_hh_l0:
              n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),   h' = (1 − z) ⊙ n + z ⊙ h
            The parameters are drawn from U(±1/√hidden_size) exactly as PyTorch draws them.
            bidirectional=True and dropout between layers work as for RNN.

            Example:
              torch.manual_seed(0)
              gru = nn.GRU(10, 20)
              output, h_n = gru(torch.randn(5, 3, 10))
              h_n.shape        # (1, 3, 20)
            """,
            constructsLayer: true,
            body: { call throws(RuntimeError) in try RecurrentModule.make(&call, cell: .gru) })
        builtin.takesPythonValues = true
        return builtin
    }()
}
