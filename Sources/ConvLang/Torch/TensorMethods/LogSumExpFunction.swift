import ConvAutograd
import ConvNumerics

/// `torch.logsumexp(x, dim, keepdim=False)` and `x.logsumexp(dim)`: `log Σ exp(x)` without
/// overflow, as log-likelihood and attention code writes it (`LogsumexpBackward0`).
enum LogSumExpFunction {
    static let logsumexp = Builtin.tensorFunction(
        "logsumexp", [.required("input"), .required("dim"), .optional("keepdim", default: .bool(false))],
        "log(sum(exp(input))) along dim, computed without overflow", example: "torch.logsumexp(x, dim=1)") { call throws(RuntimeError) in
        let x = try AutogradValues.variable(call.value("input"), what: "logsumexp's input", at: call.range(of: "input"))
        let dims = try call.dimensions("dim", rank: x.data.rank) ?? []
        let keep = try call.bool("keepdim")
        // Integers compute in the default float, as PyTorch's logsumexp promotes them.
        let input = x.dtype.isFloatingPoint ? x : Variable(constant: x.data.converted(to: call.context.defaultDType))
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try input.logsumexp(dims: dims, keepDimensions: keep) }
    }
}
