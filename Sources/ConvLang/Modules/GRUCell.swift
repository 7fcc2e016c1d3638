/// `GRUCell(input_size, hidden_size, bias=True)`: PyTorch's `nn.GRUCell`, one step of ``GRU``
/// with its gates r, z, n in the weights' 3·hidden_size rows.
enum GRUCell {
    static let constructor: Builtin = {
        var builtin = Builtin(
            name: "GRUCell", aliases: ["torch.nn.GRUCell"],
            parameters: [.required("input_size"), .required("hidden_size"), .optional("bias", default: .bool(true))],
            summary: "one step of a gated recurrent unit layer, as PyTorch's nn.GRUCell",
            details: """
            GRUCell(input_size, hidden_size, bias=True)

            cell(x) or cell(x, h) takes one time step: x of (N, input_size) or (input_size), h of
            (N, hidden_size) or (hidden_size) (zeros when not given), and gives the next h:
              n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),   h' = (1 − z) ⊙ n + z ⊙ h
            with the gates r, z, n the blocks of 3·hidden_size rows of weight_ih and weight_hh.
            The parameters are drawn from U(±1/√hidden_size) exactly as PyTorch draws them.

            Example:
              torch.manual_seed(0)
              cell = nn.GRUCell(10, 20)
              x, h = torch.randn(6, 3, 10), torch.zeros(3, 20)
              for t in range(6):
                  h = cell(x[t], h)
            """,
            constructsLayer: true,
            body: { call throws(RuntimeError) in try RecurrentCellModule.make(&call, kind: .gru) })
        builtin.takesPythonValues = true
        return builtin
    }()
}
