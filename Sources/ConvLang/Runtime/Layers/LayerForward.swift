import ConvNumerics

/// Calling a layer on an input: `m(x)`, and every layer of a `Sequential` in turn.
enum LayerForward {
    /// Applies `layer` to `input`. Errors point at `inputRange` when the input is to blame,
    /// otherwise at the call; inside a `Sequential` they name the failing layer.
    static func apply(
        _ layer: Layer, to input: Tensor, range: SourceRange, inputRange: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) -> Tensor {
        try context.checkInterrupt(at: range)
        switch layer {
        case .conv1d(let conv):
            let value = try ConvBuiltins.run(input, weight: conv.weight, bias: conv.bias, parameters: conv.parameters,
                                             at: range, inputRange: inputRange, context: context)
            guard case .tensor(let output) = value else { throw RuntimeError("Conv1d gave no tensor", at: range) }
            return output
        case .convTranspose1d(let conv):
            return try TransposeBuiltins.run(input, weight: conv.weight, bias: conv.bias, parameters: conv.parameters,
                                             at: range, inputRange: inputRange, context: context)
        case .pooling(let pool):
            do {
                return try pool.apply(input, context: context)
            } catch {
                throw PoolingBuiltins.refusal(error, at: range, inputRange: inputRange)
            }
        case .activation(let activation):
            return try ActivationBuiltins.apply(activation.function, to: input, at: range)
        case .sequential(let model):
            return try applySequential(model, to: input, range: range, inputRange: inputRange, context: context).output
        }
    }

    /// One row of a model's trace: the layer's path (`"2"`, `"3.1"`), the layer and what it gave.
    struct Step {
        var path: String
        var layer: Layer
        var output: Tensor
        var depth: Int
    }

    /// Runs the layers in order, recording each output; a failure names the layer's index,
    /// type and the shape it was given.
    static func applySequential(
        _ model: SequentialModel, to input: Tensor, range: SourceRange, inputRange: SourceRange,
        context: EvaluationContext, pathPrefix: String = "", depth: Int = 0
    ) throws(RuntimeError) -> (output: Tensor, steps: [Step]) {
        var current = input
        var steps: [Step] = []
        for (index, layer) in model.layers.enumerated() {
            let path = pathPrefix + "\(index)"
            do {
                if case .sequential(let inner) = layer {
                    let nested = try applySequential(inner, to: current, range: range, inputRange: inputRange,
                                                     context: context, pathPrefix: path + ".", depth: depth + 1)
                    steps.append(Step(path: path, layer: layer, output: nested.output, depth: depth))
                    steps += nested.steps
                    current = nested.output
                } else {
                    current = try apply(layer, to: current, range: range, inputRange: inputRange, context: context)
                    steps.append(Step(path: path, layer: layer, output: current, depth: depth))
                }
            } catch {
                throw layerFailure(error, path: path, layer: layer, inputShape: current.shape, range: range)
            }
        }
        return (current, steps)
    }

    /// Wraps an error from inside a model so it says where it happened. Errors from a nested
    /// model already name their layer, so they pass through.
    private static func layerFailure(
        _ error: RuntimeError, path: String, layer: Layer, inputShape: [Int], range: SourceRange
    ) -> RuntimeError {
        if case .sequential = layer { return error }
        // A stop (the host's interrupt or the time limit) is not the layer's doing.
        if error.kind == .interrupted || error.kind == .limit(.time) { return error }
        return RuntimeError("layer \(path) (\(layer.typeName)) cannot take an input of shape \(inputShape): \(error.message)",
                            at: range, notes: ["the layer is \(layer.description)"] + error.notes, kind: error.kind)
    }

    /// How many numbers a layer learns (weights and biases, all layers of a model).
    static func parameterCount(_ layer: Layer) -> Int {
        switch layer {
        case .conv1d(let conv): conv.weight.count + (conv.bias?.count ?? 0)
        case .convTranspose1d(let conv): conv.parameterCount
        case .pooling, .activation: 0
        case .sequential(let model): model.layers.reduce(0) { $0 + parameterCount($1) }
        }
    }
}
