import ConvAutograd
import ConvNumerics

/// Which of PyTorch's cells a ``RecurrentCellModule`` is: `nn.RNNCell` (with its nonlinearity
/// as given), `nn.LSTMCell` or `nn.GRUCell`.
enum RecurrentCellKind: Sendable {
    case rnn(nonlinearity: String), lstm, gru

    /// PyTorch's class name.
    var typeName: String {
        switch self {
        case .rnn: "RNNCell"
        case .lstm: "LSTMCell"
        case .gru: "GRUCell"
        }
    }

    /// The step the full layers compute, nil for an RNNCell whose nonlinearity is neither
    /// 'tanh' nor 'relu' (PyTorch's constructor takes any and its forward refuses it).
    var step: RecurrentCell? {
        switch self {
        case .rnn(let nonlinearity): nonlinearity == "tanh" ? .tanh : nonlinearity == "relu" ? .relu : nil
        case .lstm: .lstm
        case .gru: .gru
        }
    }

    /// How many blocks of `hidden_size` rows the weights have.
    var gateCount: Int {
        switch self {
        case .rnn: 1
        case .lstm: 4
        case .gru: 3
        }
    }
}

/// PyTorch's `nn.RNNCell`, `nn.LSTMCell` and `nn.GRUCell`: one time step of the recurrent
/// layers, which tutorials call in a loop of their own (`h = cell(x[t], h)`). The step is the
/// layers' own (``RecurrentCell/step(_:_:_:_:hiddenSize:projection:)``), composed of the engine's
/// operations, so gradients flow back through the program's loop; the parameters are named
/// `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh` and drawn as PyTorch's `RNNCellBase` draws them.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class RecurrentCellModule: Module, @unchecked Sendable {
    let trainingFlag = TrainingFlag()
    let kind: RecurrentCellKind
    let inputSize: Int
    let hiddenSize: Int
    let hasBias: Bool
    /// The Parameters in PyTorch's order: `weight_ih`, `weight_hh`, then the biases.
    private var weights: RecurrentParameters

    init(kind: RecurrentCellKind, inputSize: Int, hiddenSize: Int, bias: Bool, tensors: [Tensor]) {
        (self.kind, self.inputSize, self.hiddenSize, self.hasBias) = (kind, inputSize, hiddenSize, bias)
        weights = RecurrentParameters(names: ["weight_ih", "weight_hh"] + (bias ? ["bias_ih", "bias_hh"] : []), tensors: tensors)
    }

    var typeName: String { kind.typeName }

    /// `RNNCell(10, 20)`, `LSTMCell(10, 20, bias=False)`, `RNNCell(3, 4, nonlinearity=relu)`: PyTorch's `extra_repr`.
    var description: String {
        var text = "\(typeName)(\(inputSize), \(hiddenSize)"
        if !hasBias { text += ", bias=False" }
        if case .rnn(let nonlinearity) = kind, nonlinearity != "tanh" { text += ", nonlinearity=\(nonlinearity)" }
        return text + ")"
    }

    var parameters: [(name: String, tensor: Tensor)] { weights.tensors }

    var parameterValues: [(name: String, value: Value)] { weights.values }

    var members: [(name: String, value: Value)] {
        // A cell without biases still has bias_ih and bias_hh, as None (PyTorch registers them so).
        var settings: [(name: String, value: Value)] = hasBias ? [] : [("bias_ih", .none), ("bias_hh", .none)]
        settings += [("input_size", .int(inputSize)), ("hidden_size", .int(hiddenSize)), ("bias", .bool(hasBias))]
        if case .rnn(let nonlinearity) = kind { settings.append(("nonlinearity", .string(nonlinearity))) }
        return parameterValues + settings
    }

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        guard try weights.assign(name, value, typeName: typeName, at: valueRange) else { throw refusedAssignment(name, at: nameRange) }
    }

    var jsonFields: [(String, String)] {
        [("input_size", "\(inputSize)"), ("hidden_size", "\(hiddenSize)")] + weights.jsonFields
    }

    /// A cell takes one step of features, (N, H_in), not channels × length.
    var shapeRule: ShapeRule {
        RecurrentModule.refusedShapeRule("a recurrent cell takes one time step (N, H_in), not channels × length",
                                         symbolic: "the next hidden state")
    }

    // MARK: - The forward

    /// `cell(x)` or `cell(x, hx)`: the next `h`, or `(h, c)` for an LSTMCell, for a batch `(N, H_in)`
    /// or one input `(H_in)`; the state is zeros when not given. The checks are PyTorch's, in its order:
    /// the ranks (its Python forward), the nonlinearity, then the sizes and dtypes (its kernel).
    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        try call.context.checkInterrupt(at: call.range)
        let (inputArgument, stateArgument) = try RecurrentModule.arguments(call, typeName: typeName)
        let x = LayerDTypes.variableInput(try AutogradValues.variable(inputArgument.value, what: "the cell's input", at: inputArgument.range),
                                          for: self)
        guard x.data.rank == 1 || x.data.rank == 2 else {
            throw RuntimeError("\(typeName): Expected input to be 1D or 2D, got \(x.data.rank)D instead", at: inputArgument.range,
                               raising: .valueError)
        }
        let batched = x.data.rank == 2
        let given = try stateArgument.map { (argument) throws(RuntimeError) in try states(argument, batched: batched) } ?? []
        guard let step = kind.step else {
            if case .rnn(let nonlinearity) = kind { throw RuntimeError("Unknown nonlinearity: \(nonlinearity)", at: call.range) }
            return .none
        }
        let features = x.shape[x.data.rank - 1]
        guard features == inputSize else {
            throw RuntimeError("input has inconsistent input_size: got \(features) expected \(inputSize)", at: inputArgument.range)
        }
        let batch = batched ? x.shape[0] : 1
        for (index, state) in given.enumerated() {
            // PyTorch's kernel checks each state after the forward gave an unbatched one its batch dimension.
            let shape = batched ? state.variable.shape : [1] + state.variable.shape
            guard shape.count == 2 else {
                throw RuntimeError("Expected 2D hidden\(index) (batch x hidden_size), but got \(shape.count)D tensor", at: state.range)
            }
            guard shape[0] == batch else {
                throw RuntimeError("Input batch size \(batch) doesn't match hidden\(index) batch size \(shape[0])", at: state.range)
            }
            guard shape[1] == hiddenSize else {
                throw RuntimeError("hidden\(index) has inconsistent hidden_size: got \(shape[1]), expected \(hiddenSize)", at: state.range)
            }
        }
        try call.context.checkElementCount(of: [batch, kind.gateCount * hiddenSize], at: call.range)
        let parameters = weights.variables
        let (wIH, wHH) = (parameters[0], parameters[1])
        let (bIH, bHH) = hasBias ? (parameters[2], parameters[3]) : (nil, nil)
        let h = given.first.map { LayerDTypes.variableInput($0.variable, for: self) }
        // PyTorch's RNN and LSTM cells project the state before the input, its GRU cell the input first:
        // the first operand whose dtype is not the weights' is the one refused.
        var operands = [(x, inputArgument.range)]
        if let h, let range = given.first?.range { operands.append((h, range)) }
        for (operand, range) in step == .gru ? operands : operands.reversed() where operand.dtype != wIH.dtype {
            throw AutogradValues.located(Functional.linearDTypeMismatch(operand.dtype, wIH.dtype, hasBias: hasBias), at: range)
        }
        let next: RecurrentState
        do {
            let input = batched ? x : try x.unsqueeze(0)
            let zeros = Variable(constant: (Tensor(repeating: 0, shape: [batch, hiddenSize]) ?? Tensor([])).converted(to: input.dtype))
            let previous = try h.map { (state) throws(AutogradError) in batched ? state : try state.unsqueeze(0) } ?? zeros
            let c = given.count > 1 ? try cellState(given[1].variable, batched: batched, dtype: wIH.dtype) : zeros
            let stepped = try step.step(try Functional.linear(input, wIH, bIH), RecurrentState(h: previous, c: step == .lstm ? c : nil),
                                        wHH, bHH, hiddenSize: hiddenSize, projection: nil)
            next = batched ? stepped : RecurrentState(h: try stepped.h.squeeze(0),
                                                      c: try stepped.c.map { (c) throws(AutogradError) in try c.squeeze(0) })
        } catch {
            throw AutogradValues.located(error, at: call.range)
        }
        guard let c = next.c else { return .result(next.h) }
        return .tuple([.result(next.h), .result(c)])
    }

    /// An LSTMCell's `c`, batched, in the weights' dtype unless it records a graph (PyTorch promotes
    /// `f ⊙ c`; conv's own float64 tensors run as the float32 ones PyTorch's code would have made).
    private func cellState(_ c: Variable, batched: Bool, dtype: DType) throws(AutogradError) -> Variable {
        let converted = c.dtype == dtype || c.requiresGrad ? c : Variable(constant: c.data.converted(to: dtype))
        return batched ? converted : try converted.unsqueeze(0)
    }

    /// The given state: `hx` for an RNNCell or GRUCell, `(h, c)` for an LSTMCell, after the rank
    /// checks of PyTorch's forward.
    private func states(_ argument: Evaluator.EvaluatedArgument, batched: Bool) throws(RuntimeError)
        -> [(variable: Variable, range: SourceRange)] {
        guard case .lstm = kind else {
            let hx = try AutogradValues.variable(argument.value, what: "the cell's hx", at: argument.range)
            guard hx.data.rank == 1 || hx.data.rank == 2 else {
                throw RuntimeError("\(typeName): Expected hidden to be 1D or 2D, got \(hx.data.rank)D instead", at: argument.range,
                                   raising: .valueError)
            }
            return [(hx, argument.range)]
        }
        var items: [Variable] = []
        switch argument.value {
        case .tuple(let values):
            for value in values { items.append(try AutogradValues.variable(value, what: "the cell's hx", at: argument.range)) }
        case .list(let list):
            for value in list.items { items.append(try AutogradValues.variable(value, what: "the cell's hx", at: argument.range)) }
        default:
            // A tensor iterates over its rows, as PyTorch's forward iterates hx (a list of two states reaches here stacked).
            let stacked = try AutogradValues.variable(argument.value, what: "the cell's hx", at: argument.range)
            guard stacked.data.rank > 0 else { throw RuntimeError("iteration over a 0-d tensor", at: argument.range, raising: .typeError) }
            do {
                for row in 0..<stacked.shape[0] { items.append(try stacked.select(dim: 0, index: row)) }
            } catch {
                throw AutogradValues.located(error, at: argument.range)
            }
        }
        for (index, item) in items.enumerated() where item.data.rank != 1 && item.data.rank != 2 {
            throw RuntimeError("LSTMCell: Expected hx[\(index)] to be 1D or 2D, got \(item.data.rank)D instead", at: argument.range,
                               raising: .valueError)
        }
        // The unbatched forward takes hx[0] and hx[1]; the batched one hands the whole tuple to the kernel.
        if !batched, items.count < 2 { throw RuntimeError("tuple index out of range", at: argument.range, raising: .indexError) }
        if batched, items.count != 2 { throw RuntimeError("lstm_cell expects two hidden states", at: argument.range) }
        return items.prefix(2).map { ($0, argument.range) }
    }

    // MARK: - The constructor

    /// The sizes and `bias` every cell's constructor reads, and the parameters drawn as
    /// `reset_parameters` draws them: each uniform in ±1/√hidden_size (0 for no hidden features),
    /// in order, from the seeded generator. A negative size is PyTorch's refusal to make the weight.
    static func make(_ call: inout BuiltinCall, kind: RecurrentCellKind) throws(RuntimeError) -> Value {
        let inputSize = try call.integer("input_size")
        let hiddenSize = try call.integer("hidden_size")
        let bias = try call.bool("bias")
        let (rows, overflow) = hiddenSize.multipliedReportingOverflow(by: kind.gateCount)
        guard !overflow else { throw call.error("\(kind.typeName)'s weights would have more elements than the limit", at: "hidden_size") }
        let shapes = [[rows, inputSize], [rows, hiddenSize]] + (bias ? [[rows], [rows]] : [])
        for shape in shapes {
            guard let negative = shape.first(where: { $0 < 0 }) else { continue }
            throw call.error("Trying to create tensor with negative dimension \(negative): [\(shape.map(String.init).joined(separator: ", "))]",
                             at: rows < 0 ? "hidden_size" : "input_size")
        }
        let tensors = try RecurrentModule.drawParameters(&call, shapes: shapes, hiddenSize: hiddenSize, typeName: kind.typeName)
        return .layer(Layer(RecurrentCellModule(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, tensors: tensors)))
    }
}
