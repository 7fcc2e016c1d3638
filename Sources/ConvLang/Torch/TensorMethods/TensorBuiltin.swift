import ConvNumerics

/// How the tensor methods and torch functions are declared and turned into each other.
extension Builtin {
    /// A torch function (`torch.name` and the top-level `name`, when `torch`) or a method only
    /// (`x.name`), whose first parameter is the tensor. It takes Python's values as they are
    /// (`torch.cat([a, b])` receives the list), reading tensors through ``BuiltinCall/tensor(_:allowNumber:)``.
    static func tensorFunction(
        _ name: String, aliases: [String] = [], torch: Bool = true, _ parameters: [Parameter], _ summary: String,
        example: String, _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        var builtin = Builtin(
            name: name, aliases: (torch ? ["torch.\(name)"] : []) + aliases, parameters: parameters, summary: summary,
            details: "", body: body)
        builtin = Builtin(name: name, aliases: builtin.aliases, parameters: parameters, summary: summary,
                          details: "\(builtin.signature)\n\n\(summary.prefix(1).uppercased() + summary.dropFirst()), as PyTorch's.\n  \(example)",
                          body: body)
        builtin.takesPythonValues = true
        return builtin
    }

    /// The method form of a function whose first parameter is the tensor: `x.sum(1)` calls
    /// `sum(x, 1)`, so the two forms share one implementation, argument checks and errors.
    var asTensorMethod: Builtin {
        let function = self
        var method = Builtin(
            name: name, parameters: Array(parameters.dropFirst()), summary: summary, details: details,
            body: { call throws(RuntimeError) in
                var full = BuiltinCall(builtin: function, values: [call.receiver] + call.values, ranges: [nil] + call.ranges,
                                       rest: call.rest, namedRest: call.namedRest, range: call.range, context: call.context,
                                       receiver: call.receiver)
                return try function.body(&full)
            })
        method.takesPythonValues = true
        method.writesBackFirstArgument = writesBackFirstArgument
        return method
    }
}
