/// `LSTMCell(input_size, hidden_size, bias=True)`: PyTorch's `nn.LSTMCell`, one step of
/// ``LSTM`` with its gates i, f, g, o in the weights' 4·hidden_size rows.
enum LSTMCell {
    static let constructor: Builtin = {
        var builtin = Builtin(
            name: "LSTMCell", aliases: ["torch.nn.LSTMCell"],
            parameters: [.required("input_size"), .required("hidden_size"), .optional("bias", default: .bool(true))],
            summary: "one step of a long short-term memory layer, as PyTorch's nn.LSTMCell",
            details: """
            LSTMCell(input_size, hidden_size, bias=True)

            cell(x) or cell(x, (h, c)) takes one time step: x of (N, input_size) or (input_size),
            h and c of (N, hidden_size) or (hidden_size) (zeros when not given), and gives (h', c'):
              c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
            with the gates i, f, g, o the blocks of 4·hidden_size rows of weight_ih and weight_hh.
            The parameters are drawn from U(±1/√hidden_size) exactly as PyTorch draws them.

            Example:
              torch.manual_seed(0)
              cell = nn.LSTMCell(10, 20)
              x = torch.randn(6, 3, 10)
              h, c = torch.zeros(3, 20), torch.zeros(3, 20)
              for t in range(6):
                  h, c = cell(x[t], (h, c))
            """,
            constructsLayer: true,
            body: { call throws(RuntimeError) in try RecurrentCellModule.make(&call, kind: .lstm) })
        builtin.takesPythonValues = true
        return builtin
    }()
}
