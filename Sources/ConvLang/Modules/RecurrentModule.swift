import ConvAutograd
import ConvNumerics

/// What one step of a recurrent layer computes: PyTorch's `RNN_TANH`, `RNN_RELU`, `LSTM` and
/// `GRU` modes. ``RNN``, ``LSTM`` and ``GRU`` each define their own cell and constructor; the
/// layer around them (``RecurrentModule``) is shared, as PyTorch's `RNNBase` is.
enum RecurrentCell: Sendable {
    case tanh, relu, lstm, gru

    /// PyTorch's class name.
    var typeName: String {
        switch self {
        case .tanh, .relu: "RNN"
        case .lstm: "LSTM"
        case .gru: "GRU"
        }
    }

    /// How many blocks of `hidden_size` rows the stacked weights have (PyTorch's gate order).
    var gateCount: Int {
        switch self {
        case .tanh, .relu: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// One step: the new hidden state (and cell state for an LSTM) from the step's input
    /// projection `gi` (`x·W_ihᵀ + b_ih`), the previous state and the layer's hidden weights.
    func step(_ gi: Variable, _ state: RecurrentState, _ wHH: Variable, _ bHH: Variable?,
              hiddenSize: Int, projection: Variable?) throws(AutogradError) -> RecurrentState {
        let gh = try Functional.linear(state.h, wHH, bHH)
        switch self {
        case .tanh: return RecurrentState(h: try gh.add(gi).tanh(), c: nil)
        case .relu: return RecurrentState(h: try gh.add(gi).relu(), c: nil)
        case .lstm: return try LSTM.step(gi, gh, state, hiddenSize: hiddenSize, projection: projection)
        case .gru: return try GRU.step(gi, gh, state, hiddenSize: hiddenSize)
        }
    }
}

/// The state a recurrent layer carries from step to step: `h`, and `c` for an LSTM.
struct RecurrentState {
    var h: Variable
    var c: Variable?
}

/// A recurrent layer's or cell's Parameters under PyTorch's names, in its order.
struct RecurrentParameters {
    let names: [String]
    private(set) var boxes: [VariableBox]

    init(names: [String], tensors: [Tensor]) {
        self.names = names
        boxes = tensors.map(LayerTensors.parameter)
    }

    var tensors: [(name: String, tensor: Tensor)] { zip(names, boxes).map { ($0, $1.tensor) } }
    var values: [(name: String, value: Value)] { zip(names, boxes).map { ($0, .variable($1)) } }
    var variables: [Variable] { boxes.map(\.variable) }
    var jsonFields: [(String, String)] { zip(names, boxes).map { ($0, JSONEncoding.tensor($1.tensor)) } }

    /// `m.NAME = value` for a parameter of this shape; false when `name` is none of them.
    mutating func assign(_ name: String, _ value: Value, typeName: String, at valueRange: SourceRange) throws(RuntimeError) -> Bool {
        guard let index = names.firstIndex(of: name) else { return false }
        let shape = boxes[index].tensor.shape
        guard let box = try LayerTensors.assigned(value, to: boxes[index], shape: shape, name: name, at: valueRange) else {
            throw RuntimeError("\(typeName) needs its \(name); it cannot be None", at: valueRange, raising: .typeError)
        }
        boxes[index] = box
        return true
    }
}

/// PyTorch's `nn.RNN`, `nn.LSTM` and `nn.GRU`: stacked layers run over the time steps of
/// `(L, N, H_in)` (or `(N, L, H_in)` with `batch_first`, or unbatched `(L, H_in)`), each step
/// composed of the engine's operations so gradients flow through time. A bidirectional layer
/// also runs each layer backwards in time and concatenates the two outputs' features.
///
/// Each layer's input projection is computed for the whole sequence at once and then one step
/// at a time is added to the hidden projection, as PyTorch's CPU kernel does.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class RecurrentModule: Module, @unchecked Sendable {
    let trainingFlag = TrainingFlag()
    let cell: RecurrentCell
    let inputSize: Int
    let hiddenSize: Int
    let numLayers: Int
    let hasBias: Bool
    let batchFirst: Bool
    let dropout: Double
    /// An LSTM's `proj_size`: the size its hidden state is projected to by `weight_hr`; 0 for none.
    let projSize: Int
    /// The size of the hidden state each step gives: `proj_size` where there is one.
    var outputSize: Int { projSize > 0 ? projSize : hiddenSize }
    /// 2 for a bidirectional layer (each layer also runs backwards in time), else 1.
    let directions: Int
    /// The Parameters in PyTorch's order: per layer `weight_ih`, `weight_hh`, then the biases.
    private var weights: RecurrentParameters

    init(cell: RecurrentCell, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool, batchFirst: Bool, dropout: Double,
         directions: Int, projSize: Int, tensors: [Tensor]) {
        (self.cell, self.inputSize, self.hiddenSize, self.numLayers) = (cell, inputSize, hiddenSize, numLayers)
        (self.hasBias, self.batchFirst, self.dropout) = (bias, batchFirst, dropout)
        (self.directions, self.projSize) = (directions, projSize)
        weights = RecurrentParameters(names: Self.parameterNames(numLayers: numLayers, bias: bias, directions: directions,
                                                                 projected: projSize > 0), tensors: tensors)
    }

    /// `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, the same with `_reverse`
    /// for the backward direction, then `_l1`, ...; an LSTM's projection `weight_hr` after the biases.
    static func parameterNames(numLayers: Int, bias: Bool, directions: Int, projected: Bool) -> [String] {
        (0..<numLayers).flatMap { layer in
            (0..<directions).flatMap { direction in
                (["weight_ih", "weight_hh"] + (bias ? ["bias_ih", "bias_hh"] : []) + (projected ? ["weight_hr"] : [])).map { "\($0)_l\(layer)\(direction == 1 ? "_reverse" : "")" }
            }
        }
    }

    /// The shape of each parameter, in the order of ``parameterNames(numLayers:bias:directions:projected:)``.
    static func parameterShapes(cell: RecurrentCell, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool,
                                directions: Int, projSize: Int) -> [[Int]] {
        let gates = cell.gateCount * hiddenSize
        let output = projSize > 0 ? projSize : hiddenSize
        return (0..<numLayers).flatMap { layer in
            (0..<directions).flatMap { _ in
                [[gates, layer == 0 ? inputSize : output * directions], [gates, output]] + (bias ? [[gates], [gates]] : [])
                    + (projSize > 0 ? [[projSize, hiddenSize]] : [])
            }
        }
    }

    var typeName: String { cell.typeName }

    var description: String {
        var text = "\(typeName)(\(inputSize), \(hiddenSize)"
        if projSize != 0 { text += ", proj_size=\(projSize)" }
        if numLayers != 1 { text += ", num_layers=\(numLayers)" }
        if !hasBias { text += ", bias=False" }
        if batchFirst { text += ", batch_first=True" }
        if dropout != 0 { text += ", dropout=\(LayerTensors.pythonFloat(dropout))" }
        if directions == 2 { text += ", bidirectional=True" }
        return text + ")"
    }

    var parameters: [(name: String, tensor: Tensor)] { weights.tensors }

    var parameterValues: [(name: String, value: Value)] { weights.values }

    var members: [(name: String, value: Value)] {
        var settings: [(name: String, value: Value)] = [
            ("mode", .string(cell == .tanh ? "RNN_TANH" : cell == .relu ? "RNN_RELU" : typeName)),
            ("input_size", .int(inputSize)), ("hidden_size", .int(hiddenSize)), ("num_layers", .int(numLayers)),
            ("bias", .bool(hasBias)), ("batch_first", .bool(batchFirst)), ("dropout", .number(dropout)),
            ("bidirectional", .bool(directions == 2)), ("proj_size", .int(projSize)),
        ]
        if cell == .tanh || cell == .relu { settings.append(("nonlinearity", .string(cell == .tanh ? "tanh" : "relu"))) }
        return parameterValues + settings + [("flatten_parameters", Self.flattenParameters)]
    }

    /// `m.flatten_parameters()`, which tutorials call before each forward: PyTorch packs the
    /// weights into one buffer for cuDNN and does nothing on the CPU, as here.
    private static let flattenParameters = Value.function(Function(.builtin(Builtin(
        name: "flatten_parameters", parameters: [], summary: "does nothing on the CPU, as in PyTorch",
        details: "flatten_parameters()", body: { _ throws(RuntimeError) in .none }))))

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        guard try weights.assign(name, value, typeName: typeName, at: valueRange) else { throw refusedAssignment(name, at: nameRange) }
    }

    var jsonFields: [(String, String)] {
        [("input_size", "\(inputSize)"), ("hidden_size", "\(hiddenSize)"), ("num_layers", "\(numLayers)")]
            + weights.jsonFields
    }

    /// A recurrent layer takes `(L, N, H_in)` sequences, not channels × length.
    var shapeRule: ShapeRule {
        Self.refusedShapeRule("a recurrent layer takes sequences (L, N, H_in), not channels × length",
                              symbolic: "the hidden states over the steps of")
    }

    /// The shape rule of a recurrent layer or cell, which takes no channels × length input: a
    /// shape walk stops at it with `message`; symbolically its output is `symbolic` its input.
    static func refusedShapeRule(_ message: String, symbolic: String) -> ShapeRule {
        .changing(ShapeChange(
            apply: { _, _ in .failure(LayerRefusal(message: message)) },
            describe: { _, _ in "" },
            symbolic: { input, output in "\(output): \(symbolic) \(input)" }))
    }

    // MARK: - The forward

    /// `m(x)` or `m(x, hx)`: `(output, h_n)`, or `(output, (h_n, c_n))` for an LSTM.
    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        try call.context.checkInterrupt(at: call.range)
        let (inputArgument, stateArgument) = try Self.arguments(call, typeName: typeName)
        let x = LayerDTypes.variableInput(try AutogradValues.variable(inputArgument.value, what: "the layer's input", at: inputArgument.range),
                                          for: self)
        guard x.data.rank == 2 || x.data.rank == 3 else {
            let tail = cell == .tanh || cell == .relu ? "tensor instead" : "instead"
            throw RuntimeError("\(typeName): Expected input to be 2D or 3D, got \(x.data.rank)D \(tail)", at: inputArgument.range,
                               raising: .valueError)
        }
        let batched = x.data.rank == 3
        let given = try initialState(stateArgument, batched: batched)
        let dtype = x.data.dtype
        try checkDType(dtype, at: inputArgument.range)
        guard x.shape[x.data.rank - 1] == inputSize else {
            throw RuntimeError("input.size(-1) must be equal to input_size. Expected \(inputSize), got \(x.shape[x.data.rank - 1])",
                               at: inputArgument.range)
        }
        let batch = batched ? x.shape[batchFirst ? 0 : 1] : 1
        for (index, part) in given.enumerated() {
            // PyTorch checks an unbatched state after giving it its batch dimension of 1.
            let expected = [numLayers * directions, batch, index == 0 ? outputSize : hiddenSize]
            var shape = part.variable.shape
            if !batched { shape.insert(1, at: 1) }
            guard shape != expected else { continue }
            let which = cell == .lstm ? "hidden[\(index)]" : "hidden"
            throw RuntimeError("Expected \(which) size (\(expected.map(String.init).joined(separator: ", "))), got [\(shape.map(String.init).joined(separator: ", "))]",
                               at: part.range)
        }
        guard x.shape[batched && batchFirst ? 1 : 0] > 0 else {
            throw RuntimeError("Expected sequence length to be larger than 0 in RNN", at: inputArgument.range)
        }
        try call.context.checkElementCount(of: [x.shape[0], x.shape[1], hiddenSize].map { max($0, 1) }, at: call.range)
        let parameters = weights.variables
        let result: (output: Variable, h: Variable, c: Variable?)
        do {
            result = try run(x, batched: batched, given: given.map { LayerDTypes.variableInput($0.variable, for: self) },
                             parameters: parameters, dtype: dtype, context: call.context)
        } catch {
            throw AutogradValues.located(error, at: call.range)
        }
        let h = Value.result(result.h)
        let state = result.c.map { Value.tuple([h, Value.result($0)]) } ?? h
        return .tuple([Value.result(result.output), state])
    }

    /// A floating-point input takes the layer's dtype (conv's own tensors are float64); any other is PyTorch's refusal.
    ///
    /// The weight's dtype is read in one expression, not by binding `boxes.first?.tensor`:
    /// with the tensor bound, the optimiser's copy propagation breaks the ownership of its
    /// storage and the release build does not compile.
    private func checkDType(_ dtype: DType, at range: SourceRange) throws(RuntimeError) {
        guard let weights = parameters.first?.tensor.dtype, dtype != weights else { return }
        throw RuntimeError("RNN input dtype (\(dtype.torchName)) does not match weight dtype (\(weights.torchName)). "
                           + "Convert input: input.to(\(weights.torchName)), or convert model: model.to(\(dtype.torchName))",
                           at: range, raising: .valueError)
    }

    /// The input and the optional `hx` of a recurrent layer's or cell's `forward(input, hx=None)`,
    /// by position or by name, with Python's errors for any other arguments; `hx=None` is no state.
    static func arguments(_ call: ModuleCall, typeName: String) throws(RuntimeError)
        -> (Evaluator.EvaluatedArgument, Evaluator.EvaluatedArgument?) {
        var input: Evaluator.EvaluatedArgument?
        var state: Evaluator.EvaluatedArgument?
        for argument in call.arguments {
            switch argument.label {
            case nil where input == nil: input = argument
            case nil: state = argument
            case "input" where input == nil: input = argument
            case "hx" where state == nil: state = argument
            case let label?:
                let message = label == "input" || label == "hx" ? "got multiple values for argument '\(label)'"
                    : "got an unexpected keyword argument '\(label)'"
                throw RuntimeError("\(typeName).forward() \(message)", at: argument.labelRange ?? argument.range, raising: .typeError)
            }
        }
        // Python checks the named arguments, then the count of positional ones (self among them).
        let positional = call.arguments.count { $0.label == nil }
        if positional > 2 {
            throw RuntimeError("\(typeName).forward() takes from 2 to 3 positional arguments but \(positional + 1) were given",
                               at: call.range, raising: .typeError)
        }
        guard let input else {
            throw RuntimeError("\(typeName).forward() missing 1 required positional argument: 'input'", at: call.range, raising: .typeError)
        }
        if let state, case .none = state.value { return (input, nil) }
        return (input, state)
    }

    /// The given initial state(s) with where each was written, after PyTorch's rank checks.
    private func initialState(_ argument: Evaluator.EvaluatedArgument?, batched: Bool) throws(RuntimeError)
        -> [(variable: Variable, range: SourceRange)] {
        guard let argument else { return [] }
        var parts: [Value]
        if cell == .lstm {
            guard case .tuple(let items) = argument.value, items.count == 2 else {
                throw RuntimeError("LSTM's hx must be a tuple (h_0, c_0)", at: argument.range, raising: .typeError)
            }
            parts = items
        } else {
            parts = [argument.value]
        }
        var states: [(variable: Variable, range: SourceRange)] = []
        for part in parts { states.append((try AutogradValues.variable(part, what: "the layer's hx", at: argument.range), argument.range)) }
        let ranks = states.map { $0.variable.data.rank }
        let wanted = batched ? 3 : 2
        guard ranks.allSatisfy({ $0 == wanted }) else {
            let input = batched ? "batched 3-D" : "unbatched 2-D"
            let got = cell == .lstm ? "(\(ranks.map { "\($0)-D" }.joined(separator: ", "))) tensors" : "\(ranks[0])-D tensor"
            throw RuntimeError("For \(input) input, \(cell == .lstm ? "hx and cx" : "hx") should also be \(wanted)-D but got \(got)",
                               at: argument.range)
        }
        return states
    }

    /// The layers over the steps: the output of the last layer and each layer's final state.
    private func run(_ input: Variable, batched: Bool, given: [Variable], parameters: [Variable], dtype: DType,
                     context: EvaluationContext) throws(AutogradError) -> (output: Variable, h: Variable, c: Variable?) {
        // Time first, with a batch dimension: (L, N, H_in).
        var x = batched ? (batchFirst ? try input.transpose(0, 1) : input) : try input.unsqueeze(1)
        let states = try given.map { (part) throws(AutogradError) in batched ? part : try part.unsqueeze(1) }
        let batch = x.shape[1]
        func zeros(_ size: Int) -> Variable {
            Variable(constant: (Tensor(repeating: 0, shape: [numLayers * directions, batch, size]) ?? Tensor([])).converted(to: dtype))
        }
        let perUnit = (hasBias ? 4 : 2) + (projSize > 0 ? 1 : 0)
        var finalH: [Variable] = []
        var finalC: [Variable] = []
        for layer in 0..<numLayers {
            var layerOutputs: [Variable] = []
            for direction in 0..<directions {
                // Each direction of each layer is a unit with its own parameters and state, in PyTorch's order.
                let unit = layer * directions + direction
                let base = unit * perUnit
                let (wIH, wHH) = (parameters[base], parameters[base + 1])
                let (bIH, bHH) = hasBias ? (parameters[base + 2], parameters[base + 3]) : (nil, nil)
                let projection = projSize > 0 ? parameters[base + perUnit - 1] : nil
                var state = RecurrentState(h: try (states.first ?? zeros(outputSize)).select(dim: 0, index: unit),
                                           c: cell == .lstm ? try (states.count > 1 ? states[1] : zeros(hiddenSize)).select(dim: 0, index: unit) : nil)
                let projected = try Functional.linear(x, wIH, bIH)
                let steps = Array(0..<x.shape[0])
                var outputs: [Variable] = []
                for t in direction == 0 ? steps : steps.reversed() {
                    state = try cell.step(try projected.select(dim: 0, index: t), state, wHH, bHH, hiddenSize: hiddenSize, projection: projection)
                    outputs.append(state.h)
                }
                finalH.append(state.h)
                if let c = state.c { finalC.append(c) }
                // PyTorch runs an LSTM layer without projections on CPU as one oneDNN kernel, whose output is its node.
                let name = cell == .lstm && directions == 1 && projSize == 0 ? "MkldnnRnnLayerBackward0" : "StackBackward0"
                layerOutputs.append(try Functional.stack(direction == 0 ? outputs : outputs.reversed(), dim: 0, name: name))
            }
            x = directions == 1 ? layerOutputs[0] : try Functional.cat(layerOutputs, dim: 2)
            // In training, every layer's output but the last is dropped out, the mask drawn as F.dropout draws it.
            if training, layer < numLayers - 1 { x = try Dropout.droppedOut(x, p: dropout, context: context) }
        }
        var output = x
        var h = try Functional.stack(finalH, dim: 0)
        var c = cell == .lstm ? try Functional.stack(finalC, dim: 0) : nil
        if batched {
            // PyTorch's RNN and GRU kernels turn a batch-first output around in place; its LSTM does not.
            if batchFirst { output = try output.transpose(0, 1, name: cell == .lstm ? "TransposeBackward0" : "TransposeBackward1") }
        } else {
            output = try output.squeeze(1)
            h = try h.squeeze(1)
            c = try c.map { (part) throws(AutogradError) in try part.squeeze(1) }
        }
        return (output, h, c)
    }

    // MARK: - The constructors

    /// The settings every recurrent constructor reads, with PyTorch's checks, and the
    /// parameters drawn as `reset_parameters` draws them: each uniform in ±1/√hidden_size, in
    /// order, from the seeded generator.
    static func make(_ call: inout BuiltinCall, cell: RecurrentCell) throws(RuntimeError) -> Value {
        let inputSize = try call.integer("input_size", in: 0...Int.max)
        let hiddenSize = try call.integer("hidden_size")
        let numLayers = try call.integer("num_layers")
        guard hiddenSize > 0 else { throw call.error("hidden_size must be greater than zero", at: "hidden_size", raising: .valueError) }
        guard numLayers > 0 else { throw call.error("num_layers must be greater than zero", at: "num_layers", raising: .valueError) }
        let bias = try call.bool("bias")
        let batchFirst = try call.bool("batch_first")
        let dropout = try call.number("dropout")
        guard (0...1).contains(dropout) else {
            throw call.error("dropout should be a number in range [0, 1] representing the probability of an element being zeroed",
                             at: "dropout", raising: .valueError)
        }
        let directions = try call.bool("bidirectional") ? 2 : 1
        let projSize = cell == .lstm ? try call.integer("proj_size") : 0
        guard projSize >= 0 else {
            throw call.error("proj_size should be a positive integer or zero to disable projections", at: "proj_size", raising: .valueError)
        }
        guard projSize < hiddenSize else {
            throw call.error("proj_size has to be smaller than hidden_size", at: "proj_size", raising: .valueError)
        }
        let shapes = parameterShapes(cell: cell, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                                     directions: directions, projSize: projSize)
        let tensors = try drawParameters(&call, shapes: shapes, hiddenSize: hiddenSize, typeName: cell.typeName)
        return .layer(Layer(RecurrentModule(cell: cell, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                                            batchFirst: batchFirst, dropout: dropout, directions: directions, projSize: projSize, tensors: tensors)))
    }

    /// Parameters of `shapes` drawn as PyTorch's `reset_parameters` draws a recurrent layer's or
    /// cell's: each from U(±1/√hidden_size) (0 without hidden features) in order, from the seeded generator.
    static func drawParameters(_ call: inout BuiltinCall, shapes: [[Int]], hiddenSize: Int, typeName: String) throws(RuntimeError) -> [Tensor] {
        for shape in shapes { try call.context.checkElementCount(of: shape, at: call.range) }
        let bound = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
        var tensors: [Tensor] = []
        for shape in shapes {
            guard let drawn = call.context.generator.uniformTensor(shape: shape, from: -bound, to: bound,
                                                                    elementLimit: call.context.limits.maximumElements) else {
                throw call.error("\(typeName)'s weights would have more elements than the limit")
            }
            tensors.append(drawn)
        }
        return tensors
    }

    /// The parameters the constructors share, after those before `bias` (`nonlinearity` for RNN).
    static let sharedParameters: [Builtin.Parameter] = [
        .optional("bias", default: .bool(true)), .optional("batch_first", default: .bool(false)),
        .optional("dropout", default: .number(0)), .optional("bidirectional", default: .bool(false)),
    ]
}
