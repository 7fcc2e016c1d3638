import ConvNumerics

/// Limits that keep a program from exhausting the host: set by the host, checked by the evaluator.
public struct Limits: Sendable, Equatable {
    /// The most elements any one tensor may have.
    public var maximumElements: Int
    /// How deeply user functions may call each other (a recursive `fn` ends with an error).
    public var maximumCallDepth: Int

    /// Safe defaults: 100 million elements (800 MB) per tensor and 200 nested calls.
    public init(maximumElements: Int = 100_000_000, maximumCallDepth: Int = 200) {
        self.maximumElements = maximumElements
        self.maximumCallDepth = maximumCallDepth
    }
}

/// What a program shows: the value of an expression statement, or what `print` was given.
public enum OutputEvent: Sendable {
    /// An expression statement's value (never none).
    case value(Value)
    /// The arguments of one `print` call.
    case printed([Value])

    /// The text a person reads, without a trailing newline.
    public var text: String {
        switch self {
        case .value(let value): ValueFormatter.display(value)
        case .printed(let values): values.map(ValueFormatter.printed).joined(separator: " ")
        }
    }

    /// One line of JSON: the value at full precision; several printed values as an array.
    public var json: String {
        switch self {
        case .value(let value): JSONEncoding.encode(value)
        case .printed(let values) where values.count == 1: JSONEncoding.encode(values[0])
        case .printed(let values): JSONEncoding.encode(.tuple(values))
        }
    }
}

/// The state builtins share during a run: the random generator, the limits and the output sink.
final class EvaluationContext {
    var generator: TorchGenerator
    let limits: Limits
    let interrupt: InterruptFlag
    let output: (OutputEvent) -> Void

    init(seed: UInt64, limits: Limits, interrupt: InterruptFlag, output: @escaping (OutputEvent) -> Void) {
        self.generator = TorchGenerator(seed: seed)
        self.limits = limits
        self.interrupt = interrupt
        self.output = output
    }

    /// Refuses a tensor shape whose element count overflows or exceeds the limit.
    func checkElementCount(of shape: [Int], at range: SourceRange) throws(RuntimeError) {
        guard let count = Tensor.elementCount(of: shape) else {
            throw RuntimeError("a tensor of shape \(shape) is too large to make", at: range)
        }
        guard count <= limits.maximumElements else {
            throw RuntimeError("a tensor of shape \(shape) would have \(count) elements, more than the limit of \(limits.maximumElements)",
                               at: range)
        }
    }

    /// Stops the run when the host raised the interrupt flag.
    func checkInterrupt(at range: SourceRange) throws(RuntimeError) {
        if interrupt.isRaised { throw RuntimeError("interrupted", at: range) }
    }
}
