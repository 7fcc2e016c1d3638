/// `RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')`: PyTorch's `nn.RNNCell`,
/// one step `h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)` (or relu).
enum RNNCell {
    static let constructor: Builtin = {
        var builtin = Builtin(
            name: "RNNCell", aliases: ["torch.nn.RNNCell"],
            parameters: [.required("input_size"), .required("hidden_size"), .optional("bias", default: .bool(true)),
                         .optional("nonlinearity", default: .string("tanh"))],
            summary: "one step of an Elman recurrent layer, as PyTorch's nn.RNNCell",
            details: """
            RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')

            cell(x) or cell(x, h) takes one time step: x of (N, input_size) or (input_size), h of
            (N, hidden_size) or (hidden_size) (zeros when not given), and gives the next h:
              h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh), or relu with nonlinearity='relu'.
            The parameters weight_ih, weight_hh, bias_ih, bias_hh are drawn from U(±1/√hidden_size)
            exactly as PyTorch draws them; gradients flow back through the program's own loop.

            Example:
              torch.manual_seed(0)
              cell = nn.RNNCell(10, 20)
              x, h = torch.randn(6, 3, 10), torch.zeros(3, 20)
              for t in range(6):
                  h = cell(x[t], h)
              h.shape        # (3, 20)
            """,
            constructsLayer: true,
            body: { call throws(RuntimeError) in
                try RecurrentCellModule.make(&call, kind: .rnn(nonlinearity: try call.string("nonlinearity")))
            })
        builtin.takesPythonValues = true
        return builtin
    }()
}
