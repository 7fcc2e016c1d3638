import Foundation
import ConvNumerics
import ConvAutograd

/// One case of torch-grad.json, run through the engine: inputs as leaves, the expression
/// built from the case's `op`, `params` and `expr`, then `(out * g).sum().backward()` or
/// `out.backward()`.
struct GradCase {
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    let name: String
    let op: String
    let expr: String
    let params: [String: Any]
    let setup: [String]
    var leaves: [String: Variable] = [:]
    let upstream: Tensor?
    let output: Tensor
    let grads: [(of: String, tensor: Tensor)]

    init(_ json: [String: Any]) throws {
        name = json["name"] as? String ?? "?"
        op = json["op"] as? String ?? ""
        expr = json["expr"] as? String ?? ""
        params = json["params"] as? [String: Any] ?? [:]
        setup = json["setup"] as? [String] ?? []
        for input in json["inputs"] as? [[String: Any]] ?? [] {
            let tensor = try GoldenTensor.tensor(input)
            let name = input["name"] as? String ?? "?"
            leaves[name] = try Variable(tensor, requiresGrad: input["requires_grad"] as? Bool ?? false)
        }
        upstream = json["g"] is NSNull || json["g"] == nil ? nil : try GoldenTensor.tensor(json["g"])
        output = try GoldenTensor.tensor(json["output"])
        grads = try (json["grads"] as? [[String: Any]] ?? []).map { ($0["of"] as? String ?? "?", try GoldenTensor.tensor($0)) }
    }

    func leaf(_ name: String) throws -> Variable {
        guard let variable = leaves[name] else { throw Unsupported(description: "\(self.name): no input \(name)") }
        return variable
    }

    /// Runs the case: the output, and the `.grad` of every leaf the case names.
    func run() throws -> (output: Tensor, grads: [String: Tensor?]) {
        var parameters: [String: Variable] = [:]
        let out = try evaluate(&parameters)
        if let upstream {
            try out.mul(Variable(upstream)).sum().backward()
        } else {
            try out.backward()
        }
        var result: [String: Tensor?] = [:]
        for (of, _) in grads { result[of] = (leaves[of] ?? parameters[of])?.grad }
        return (out.data, result)
    }

    // MARK: - Building the expression

    private func evaluate(_ parameters: inout [String: Variable]) throws -> Variable {
        switch op {
        case "conv1d": return try convolution()
        case "conv_transpose1d": return try transposedConvolution()
        case "max_pool1d": return try Functional.maxPool1d(leaf("x"), parameters: pooling())
        case "avg_pool1d": return try Functional.avgPool1d(leaf("x"), parameters: pooling())
        case "relu": return try leaf("x").relu()
        case "leaky_relu": return try Functional.leakyReLU(leaf("x"), negativeSlope: number(after: "x, ") ?? 0.01)
        case "sigmoid": return try leaf("x").sigmoid()
        case "tanh": return try leaf("x").tanh()
        case "gelu": return try Functional.gelu(leaf("x"), tanhApproximation: expr.contains("approximate='tanh'"))
        case "softmax": return try leaf("x").softmax(dim: Int(number(after: "dim=") ?? 0))
        case "log_softmax": return try leaf("x").logSoftmax(dim: Int(number(after: "dim=") ?? 0))
        case "composite": return try composite(&parameters)
        default: return try loss()
        }
    }

    private func convolution() throws -> Variable {
        let padding: Padding = switch params["padding"] {
        case let text as String where text == "same": .same
        case let text as String where text == "valid": .valid
        default: .symmetric(int("padding"))
        }
        let parameters = ConvolutionParameters(
            stride: int("stride"), padding: padding, dilation: int("dilation"), groups: int("groups"),
            paddingMode: PaddingMode(rawValue: params["padding_mode"] as? String ?? "zeros") ?? .zeros)
        let bias = params["bias"] as? Bool == true ? try leaf("b") : nil
        return try Functional.conv1d(leaf("x"), leaf("w"), bias, parameters: parameters)
    }

    private func transposedConvolution() throws -> Variable {
        let parameters = ConvolutionTransposeParameters(
            stride: int("stride"), padding: int("padding"), outputPadding: int("output_padding"),
            dilation: int("dilation"), groups: int("groups"))
        let bias = params["bias"] as? Bool == true ? try leaf("b") : nil
        return try Functional.convTranspose1d(leaf("x"), leaf("w"), bias, parameters: parameters)
    }

    private func pooling() -> PoolingParameters {
        PoolingParameters(
            kernelSize: int("kernel_size"), stride: params["stride"] as? Int, padding: int("padding"),
            dilation: params["dilation"] as? Int ?? 1, ceilMode: params["ceil_mode"] as? Bool ?? false,
            countIncludePad: params["count_include_pad"] as? Bool ?? true)
    }

    private func loss() throws -> Variable {
        let reduction = LossReduction(rawValue: text(after: "reduction='") ?? "mean") ?? .mean
        let x = try leaf("x")
        let weight = expr.contains("weight=cw") ? try leaf("cw").data : nil
        switch op {
        case "mse_loss": return try Functional.mseLoss(x, leaf("y"), reduction: reduction)
        case "l1_loss": return try Functional.l1Loss(x, leaf("y"), reduction: reduction)
        case "smooth_l1_loss":
            return try Functional.smoothL1Loss(x, leaf("y"), reduction: reduction, beta: number(after: "beta=") ?? 1)
        case "huber_loss":
            return try Functional.huberLoss(x, leaf("y"), reduction: reduction, delta: number(after: "delta=") ?? 1)
        case "cross_entropy":
            return try Functional.crossEntropy(
                x, leaf("t").data, weight: weight, ignoreIndex: Int(number(after: "ignore_index=") ?? -100),
                reduction: reduction, labelSmoothing: number(after: "label_smoothing=") ?? 0)
        case "nll_loss":
            return try Functional.nllLoss(
                x, leaf("t").data, weight: weight, ignoreIndex: Int(number(after: "ignore_index=") ?? -100), reduction: reduction)
        case "binary_cross_entropy":
            return try Functional.binaryCrossEntropy(x, leaf("y").data, reduction: reduction)
        case "binary_cross_entropy_with_logits":
            let positive = expr.contains("pos_weight=pw") ? try leaf("pw").data : nil
            return try Functional.binaryCrossEntropyWithLogits(x, leaf("y").data, positiveWeight: positive, reduction: reduction)
        default:
            throw Unsupported(description: "\(name): op \(op)")
        }
    }

    /// The composite cases, one builder per expression.
    private func composite(_ parameters: inout [String: Variable]) throws -> Variable {
        var generator = TorchGenerator(seed: seed())
        switch expr {
        case "((m(x) - y) ** 2).mean()":
            let layer = try LayerInitialization.conv1d(inChannels: 2, outChannels: 3, kernelSize: 3, generator: &generator)
            let (w, b) = try (Variable(layer.weight, requiresGrad: true), Variable(layer.bias ?? Tensor([0.0]), requiresGrad: true))
            parameters = ["m.weight": w, "m.bias": b]
            return try Functional.conv1d(leaf("x"), w, b).sub(leaf("y")).pow(2).mean()
        case "0.5 * torch.sum((pred - y)**2)":
            return try leaf("pred").sub(leaf("y")).pow(2).sum().mul(0.5)
        case "F.relu(F.conv1d(x, w, b, padding=1)).sum()":
            return try Functional.conv1d(leaf("x"), leaf("w"), leaf("b"), parameters: ConvolutionParameters(padding: .symmetric(1))).relu().sum()
        case "torch.sigmoid(m(x)).mean()":
            let conv = try LayerInitialization.conv1d(inChannels: 1, outChannels: 2, kernelSize: 3, generator: &generator)
            let linear = try Self.linearLayer(inFeatures: 12, outFeatures: 1, generator: &generator)
            let w0 = try Variable(conv.weight, requiresGrad: true), b0 = try Variable(conv.bias ?? Tensor([0.0]), requiresGrad: true)
            let w3 = try Variable(linear.weight, requiresGrad: true), b3 = try Variable(linear.bias ?? Tensor([0.0]), requiresGrad: true)
            parameters = ["m[0].weight": w0, "m[0].bias": b0, "m[3].weight": w3, "m[3].bias": b3]
            let hidden = try Functional.conv1d(leaf("x"), w0, b0).relu().flatten(startDim: 1)
            return try Functional.linear(hidden, w3, b3).sigmoid().mean()
        case "F.cross_entropy(m(x), t)":
            let linear = try Self.linearLayer(inFeatures: 5, outFeatures: 3, generator: &generator)
            let w = try Variable(linear.weight, requiresGrad: true), b = try Variable(linear.bias ?? Tensor([0.0]), requiresGrad: true)
            parameters = ["m.weight": w, "m.bias": b]
            return try Functional.crossEntropy(Functional.linear(leaf("x"), w, b), leaf("t").data)
        case "(x * w).sum() + (x ** 2).mean()":
            let x = try leaf("x")
            return try x.mul(leaf("w")).sum().add(x.pow(2).mean())
        case "F.max_pool1d(F.conv1d(x, w), 2).pow(2).sum()":
            let conv = try Functional.conv1d(leaf("x"), leaf("w"), nil)
            return try Functional.maxPool1d(conv, parameters: PoolingParameters(kernelSize: 2)).pow(2).sum()
        case "torch.tanh(x * w).mean(dim=1)":
            return try leaf("x").mul(leaf("w")).tanh().mean(dims: [1])
        default:
            throw Unsupported(description: "\(name): composite \(expr)")
        }
    }

    /// `nn.Linear`'s default initialisation, as PyTorch draws it (weight then bias).
    static func linearLayer(inFeatures: Int, outFeatures: Int, generator: inout TorchGenerator) throws -> LayerParameters {
        let bound = LayerInitialization.weightBound(fanIn: inFeatures)
        let biasBound = LayerInitialization.biasBound(fanIn: inFeatures)
        guard let weight = generator.uniformTensor(shape: [outFeatures, inFeatures], from: -bound, to: bound),
              let bias = generator.uniformTensor(shape: [outFeatures], from: -biasBound, to: biasBound)
        else { throw Unsupported(description: "linear init") }
        return LayerParameters(weight: weight, bias: bias)
    }

    private func seed() -> UInt64 {
        for line in setup where line.hasPrefix("torch.manual_seed(") {
            let digits = line.dropFirst("torch.manual_seed(".count).prefix { $0.isNumber }
            return UInt64(digits) ?? 0
        }
        return 0
    }

    private func int(_ key: String) -> Int { params[key] as? Int ?? 0 }

    /// The number written right after `marker` in the expression.
    private func number(after marker: String) -> Double? {
        guard let range = expr.range(of: marker) else { return nil }
        let digits = expr[range.upperBound...].prefix { "-0123456789.e".contains($0) }
        return Double(digits)
    }

    private func text(after marker: String) -> String? {
        guard let range = expr.range(of: marker) else { return nil }
        return String(expr[range.upperBound...].prefix { $0 != "'" })
    }
}
