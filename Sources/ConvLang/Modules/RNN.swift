/// `RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', ...)`: PyTorch's `nn.RNN`,
/// `h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh)` (or relu) over the steps of a sequence.
enum RNN {
    static let constructor: Builtin = {
        var builtin = Builtin(
            name: "RNN", aliases: ["torch.nn.RNN"],
            parameters: [.required("input_size"), .required("hidden_size"), .optional("num_layers", default: .int(1)),
                         .optional("nonlinearity", default: .string("tanh"))] + RecurrentModule.sharedParameters,
            summary: "an Elman recurrent layer, as PyTorch's nn.RNN",
            details: """
            RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False)

            rnn(x) or rnn(x, h0) runs over the steps of x, (L, N, input_size) (or (N, L, input_size)
            with batch_first, or (L, input_size) unbatched), and gives (output, h_n): every step's
            hidden state of the last layer, and each layer's last one, (num_layers, N, hidden_size).
            h_t = tanh(x_t·W_ihᵀ + b_ih + h_(t−1)·W_hhᵀ + b_hh), or relu with nonlinearity='relu'.
            The parameters weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, then _l1, ... are
            drawn from U(±1/√hidden_size) exactly as PyTorch draws them. bidirectional=True adds a
            backward pass over time (_reverse parameters; 2·hidden_size output features, h_n of
            num_layers·2 states). dropout=p drops out each layer's output but the last in training,
            with masks drawn as PyTorch draws them.

            Example:
              torch.manual_seed(0)
              rnn = nn.RNN(10, 20, num_layers=2)
              output, h_n = rnn(torch.randn(5, 3, 10))
              output.shape, h_n.shape        # (5, 3, 20), (2, 3, 20)
            """,
            constructsLayer: true,
            body: { call throws(RuntimeError) in
                let cell: RecurrentCell
                switch try call.string("nonlinearity") {
                case "tanh": cell = .tanh
                case "relu": cell = .relu
                case let other:
                    throw call.error("Unknown nonlinearity '\(other)'. Select from 'tanh' or 'relu'.", at: "nonlinearity", raising: .valueError)
                }
                return try RecurrentModule.make(&call, cell: cell)
            })
        builtin.takesPythonValues = true
        return builtin
    }()
}
