import Foundation
import ConvNumerics

/// Runs the calls of torch-random.json on one ``TorchGenerator``: each call's value is a tensor
/// or, for a module constructor, its parameters by name.
struct RandomCallRunner {
    var generator: TorchGenerator

    enum Result {
        case tensor(Tensor)
        case parameters([String: Tensor])
    }

    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    mutating func run(_ text: String) throws -> Result {
        let call = try PyTorchCall.parse(text)
        if let parameters = try module(call) { return .parameters(parameters) }
        return .tensor(try tensor(call))
    }

    // MARK: - Modules

    private mutating func module(_ call: PyTorchCall) throws -> [String: Tensor]? {
        let layers = ["nn.Conv1d", "nn.ConvTranspose1d", "nn.Linear", "nn.BatchNorm1d"]
        guard case .call(let callee, let arguments, let keywords) = call, let name = callee.dottedName, layers.contains(name)
        else { return nil }
        let integers = try arguments.map(integer)
        let hasBias = keywords["bias"].map { $0 != .name("False") } ?? true
        let groups = try keywords["groups"].map(integer) ?? 1
        let layer: LayerParameters
        switch name {
        case "nn.Conv1d":
            layer = try LayerInitialization.conv1d(inChannels: integers[0], outChannels: integers[1], kernelSize: integers[2],
                                                   groups: groups, bias: hasBias, generator: &generator)
        case "nn.ConvTranspose1d":
            layer = try LayerInitialization.convTranspose1d(inChannels: integers[0], outChannels: integers[1], kernelSize: integers[2],
                                                            groups: groups, bias: hasBias, generator: &generator)
        case "nn.Linear":
            layer = try LayerInitialization.linear(inFeatures: integers[0], outFeatures: integers[1], bias: hasBias, generator: &generator)
        case "nn.BatchNorm1d":
            // Draws nothing: weight ones, bias zeros.
            return ["weight": WeightInitialization.ones(empty([integers[0]], .float32)),
                    "bias": WeightInitialization.zeros(empty([integers[0]], .float32))]
        default:
            return nil
        }
        var parameters = ["weight": layer.weight.converted(to: .float32)]
        parameters["bias"] = layer.bias?.converted(to: .float32)
        return parameters
    }

    // MARK: - Tensors

    private mutating func tensor(_ call: PyTorchCall) throws -> Tensor {
        guard case .call(let callee, let arguments, let keywords) = call else { throw Unsupported(description: "\(call)") }
        if case .member(let receiver, let method) = callee, receiver.dottedName == nil {
            return try inPlace(method, on: try tensor(receiver), arguments, keywords)
        }
        let name = callee.dottedName ?? ""
        let dtype = try keywords["dtype"].map(self.dtype) ?? .float32
        switch name {
        case "torch.randn": return try generator.normal(shape: shape(arguments), dtype: dtype)
        case "torch.rand": return try generator.rand(shape: shape(arguments), dtype: dtype)
        case "torch.empty", "torch.zeros": return empty(try shape(arguments), dtype)
        case "torch.ones": return WeightInitialization.ones(empty(try shape(arguments), dtype))
        case "torch.full": return WeightInitialization.constant(empty(try shape(arguments.prefix(1)), dtype), value: try number(arguments[1]))
        case "torch.tensor": return try literal(arguments[0]).converted(to: dtype)
        case "torch.arange": return try arange(arguments).converted(to: dtype)
        case "torch.randn_like": return try generator.normalFilled(try tensor(arguments[0]))
        case "torch.rand_like": return try generator.uniformFilled(try tensor(arguments[0]))
        case "torch.randperm": return try generator.randperm(try integer(arguments[0]))
        case "torch.randint": return try randint(arguments, dtype: keywords["dtype"] == nil ? .int64 : dtype)
        case "torch.randint_like":
            let like = try tensor(arguments[0])
            return try generator.randomFilled(like, from: Int64(try integer(arguments[1])), to: Int64(try integer(arguments[2])))
        case "torch.bernoulli": return try generator.bernoulli(try tensor(arguments[0]))
        case "torch.normal": return try normal(arguments, keywords)
        case "F.dropout", "torch.nn.functional.dropout":
            let training = keywords["training"].map { $0 == .name("True") } ?? true
            return try generator.dropout(try tensor(arguments[0]), p: try keywords["p"].map(number) ?? 0.5, training: training)
        default:
            guard name.hasPrefix("nn.init.") else { throw Unsupported(description: name) }
            let target = try tensor(arguments[0])
            if name == "nn.init.constant_" {
                return WeightInitialization.constant(target, value: try number(keywords["val"] ?? arguments[1]))
            }
            return try initialize(String(name.dropFirst("nn.init.".count)), target, keywords)
        }
    }

    private mutating func inPlace(
        _ method: String, on target: Tensor, _ arguments: [PyTorchCall], _ keywords: [String: PyTorchCall]
    ) throws -> Tensor {
        let numbers = try arguments.map(number)
        switch method {
        case "normal_": return try generator.normalFilled(target, mean: numbers.first ?? 0, std: numbers.dropFirst().first ?? 1)
        case "uniform_": return try generator.uniformFilled(target, from: numbers.first ?? 0, to: numbers.dropFirst().first ?? 1)
        case "bernoulli_": return try generator.bernoulliFilled(target, p: numbers.first ?? 0.5)
        case "random_" where numbers.isEmpty: return generator.randomFilled(target)
        case "random_":
            let bounds = numbers.map { Int64($0) }
            return try generator.randomFilled(target, from: bounds.count == 2 ? bounds[0] : 0, to: bounds[bounds.count - 1])
        default: throw Unsupported(description: method)
        }
    }

    private mutating func initialize(_ function: String, _ target: Tensor, _ keywords: [String: PyTorchCall]) throws -> Tensor {
        func value(_ key: String, _ fallback: Double) throws -> Double {
            guard case .number(let number, _)? = keywords[key] else { return fallback }
            return number
        }
        let mode = try WeightInitialization.FanMode(named: try keywords["mode"].map(string) ?? "fan_in")
        let nonlinearity = try keywords["nonlinearity"].map(string) ?? "leaky_relu"
        switch function {
        case "kaiming_uniform_":
            return try WeightInitialization.kaimingUniform(target, a: value("a", 0), mode: mode, nonlinearity: nonlinearity, generator: &generator)
        case "kaiming_normal_":
            return try WeightInitialization.kaimingNormal(target, a: value("a", 0), mode: mode, nonlinearity: nonlinearity, generator: &generator)
        case "xavier_uniform_": return try WeightInitialization.xavierUniform(target, gain: value("gain", 1), generator: &generator)
        case "xavier_normal_": return try WeightInitialization.xavierNormal(target, gain: value("gain", 1), generator: &generator)
        case "uniform_": return try WeightInitialization.uniform(target, a: value("a", 0), b: value("b", 1), generator: &generator)
        case "normal_": return try WeightInitialization.normal(target, mean: value("mean", 0), std: value("std", 1), generator: &generator)
        case "trunc_normal_":
            return try WeightInitialization.truncatedNormal(target, mean: value("mean", 0), std: value("std", 1),
                                                            a: value("a", -2), b: value("b", 2), generator: &generator)
        case "zeros_": return WeightInitialization.zeros(target)
        case "ones_": return WeightInitialization.ones(target)
        default: throw Unsupported(description: function)
        }
    }


    private mutating func randint(_ arguments: [PyTorchCall], dtype: DType) throws -> Tensor {
        let bounds = try arguments.dropLast().map(integer)
        let low = bounds.count == 2 ? bounds[0] : 0
        let high = bounds.count == 2 ? bounds[1] : bounds[0]
        return try generator.randint(low: Int64(low), high: Int64(high), shape: shape(arguments.suffix(1)), dtype: dtype)
    }

    private mutating func normal(_ arguments: [PyTorchCall], _ keywords: [String: PyTorchCall]) throws -> Tensor {
        if let size = keywords["size"] {
            return try generator.normal(shape: shape([size]), mean: number(arguments[0]), std: number(arguments[1]))
        }
        switch (try? number(arguments[0]), try? number(arguments[1])) {
        case (nil, nil): return try generator.normal(mean: tensor(arguments[0]), std: tensor(arguments[1]))
        case (nil, let std?): return try generator.normal(mean: tensor(arguments[0]), std: std)
        case (let mean?, nil): return try generator.normal(mean: mean, std: tensor(arguments[1]))
        default: throw Unsupported(description: "torch.normal of two numbers without size")
        }
    }

    // MARK: - Arguments

    private func empty(_ shape: [Int], _ dtype: DType) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(zeros: dtype, count: Tensor.elementCount(of: shape) ?? 0)) ?? Tensor([])
    }

    private func arange(_ arguments: [PyTorchCall]) throws -> Tensor {
        let bounds = try arguments.map(number)
        let (start, stop) = bounds.count == 1 ? (0, bounds[0]) : (bounds[0], bounds[1])
        let values = stride(from: start, to: stop, by: 1).map { Float($0) }
        return Tensor(values)
    }

    private func literal(_ value: PyTorchCall) throws -> Tensor {
        guard case .list(let items) = value else { throw Unsupported(description: "tensor literal") }
        return Tensor(try items.map { Float(try number($0)) })
    }

    /// `f(2, 3)`, `f((2, 3))`, `f(())`, `f((20,))`.
    private func shape<Items: Collection<PyTorchCall>>(_ arguments: Items) throws -> [Int] {
        if arguments.count == 1, case .tuple(let items) = arguments.first { return try items.map(integer) }
        return try arguments.map(integer)
    }

    private func number(_ value: PyTorchCall) throws -> Double {
        guard case .number(let number, _) = value else { throw Unsupported(description: "not a number: \(value)") }
        return number
    }

    private func integer(_ value: PyTorchCall) throws -> Int {
        guard case .number(let number, true) = value else { throw Unsupported(description: "not an integer: \(value)") }
        return Int(number)
    }

    private func string(_ value: PyTorchCall) throws -> String {
        guard case .string(let text) = value else { throw Unsupported(description: "not a string: \(value)") }
        return text
    }

    private func dtype(_ value: PyTorchCall) throws -> DType {
        guard let name = value.dottedName, let dtype = DType(rawValue: String(name.dropFirst("torch.".count))) else {
            throw Unsupported(description: "dtype \(value)")
        }
        return dtype
    }
}
