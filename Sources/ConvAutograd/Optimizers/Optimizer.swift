import ConvNumerics

/// One optimizer's arithmetic: PyTorch's single-tensor (`for`-loop) implementation of its
/// update, run on a parameter's elements in the parameter's dtype.
///
/// A rule is also its parameter group's hyper-parameters (PyTorch keeps them per group), so
/// changing a group's `lr` changes the rule that group steps with.
public protocol UpdateRule: Sendable {
    /// The learning rate.
    var lr: Double { get set }
    /// How many state buffers each parameter keeps (momentum, averages, ...).
    var bufferCount: Int { get }
    /// The value each buffer starts at.
    func initialValue(ofBuffer index: Int) -> Double
    /// Updates float32 `param` in place from `grad`, its buffers and the step number (1 on the
    /// first step).
    func apply(param: inout [Float], grad: [Float], buffers: inout [[Float]], step: Int)
    /// Updates float64 `param` in place (as the float32 one).
    func apply(param: inout [Double], grad: [Double], buffers: inout [[Double]], step: Int)
    /// The momentum a one-cycle schedule cycles (SGD's and RMSprop's `momentum`, Adam's
    /// `beta1`); nil for rules without one, which ignore what is set.
    var firstMomentum: Double? { get set }
}

extension UpdateRule {
    public var firstMomentum: Double? {
        get { nil }
        set {}
    }
}

/// A group of parameters stepped with one set of hyper-parameters (`optimizer.param_groups[i]`).
public struct ParamGroup<Rule: UpdateRule> {
    /// The parameters, in the order they were given.
    public var params: [Variable]
    /// The hyper-parameters.
    public var rule: Rule

    /// Makes a group.
    public init(params: [Variable], rule: Rule) {
        self.params = params
        self.rule = rule
    }
}

/// What a learning-rate scheduler needs from an optimizer.
public protocol LearningRateAdjustable: AnyObject {
    /// Each group's learning rate, in group order.
    var learningRates: [Double] { get set }
    /// Each group's first momentum (see `UpdateRule.firstMomentum`).
    var momenta: [Double?] { get set }
}

/// A PyTorch optimizer: parameter groups, per-parameter state, `step()` and `zero_grad()`.
public final class Optimizer<Rule: UpdateRule>: LearningRateAdjustable {
    /// The groups; change a group's `rule.lr` to change its learning rate.
    public var paramGroups: [ParamGroup<Rule>]
    private var state: [ObjectIdentifier: ParameterState] = [:]

    /// An optimizer of `params` with one group (`torch.optim.X(params, ...)`).
    public convenience init(_ params: [Variable], _ rule: Rule) throws(AutogradError) {
        try self.init(groups: [ParamGroup(params: params, rule: rule)])
    }

    /// An optimizer of several groups; a parameter may appear in only one of them.
    public init(groups: [ParamGroup<Rule>]) throws(AutogradError) {
        var seen = Set<ObjectIdentifier>()
        for group in groups {
            for param in group.params {
                guard seen.insert(ObjectIdentifier(param)).inserted else {
                    throw .invalidArgument("some parameters appear in more than one parameter group")
                }
                guard param.isLeaf else { throw .invalidArgument("can't optimize a non-leaf Tensor") }
            }
        }
        guard !groups.isEmpty, groups.contains(where: { !$0.params.isEmpty }) else {
            throw .invalidArgument("optimizer got an empty parameter list")
        }
        paramGroups = groups
    }

    /// Adds a group (`optimizer.add_param_group`).
    public func addParamGroup(_ group: ParamGroup<Rule>) throws(AutogradError) {
        let known = Set(paramGroups.flatMap(\.params).map { ObjectIdentifier($0) })
        for param in group.params where known.contains(ObjectIdentifier(param)) {
            throw .invalidArgument("some parameters appear in more than one parameter group")
        }
        paramGroups.append(group)
    }

    public var learningRates: [Double] {
        get { paramGroups.map(\.rule.lr) }
        set { for (index, lr) in newValue.enumerated() where index < paramGroups.count { paramGroups[index].rule.lr = lr } }
    }

    public var momenta: [Double?] {
        get { paramGroups.map(\.rule.firstMomentum) }
        set {
            for (index, momentum) in newValue.enumerated() where index < paramGroups.count {
                if let momentum { paramGroups[index].rule.firstMomentum = momentum }
            }
        }
    }

    /// Every parameter, group by group.
    public var parameters: [Variable] { paramGroups.flatMap(\.params) }

    /// Clears every parameter's gradient: to `nil` (PyTorch's default), or to zeros.
    public func zeroGrad(setToNone: Bool = true) {
        for param in parameters {
            if setToNone {
                param.grad = nil
            } else if let grad = param.grad {
                param.grad = Tensor(shape: grad.shape, storage: TensorStorage(zeros: grad.dtype, count: grad.count))
            }
        }
    }

    /// The step count and buffers (read as doubles) `param`'s state holds now, or nil before its
    /// first step: what an explanation of a step shows.
    public func state(of param: Variable) -> (step: Int, buffers: [[Double]])? {
        state[ObjectIdentifier(param)].map { ($0.step, $0.buffers) }
    }

    /// One update of every parameter that has a gradient (parameters without one are skipped
    /// and keep their state, as in PyTorch).
    public func step() throws(AutogradError) {
        for group in paramGroups {
            for param in group.params {
                guard let grad = param.grad else { continue }
                guard grad.dtype == param.dtype, grad.shape == param.shape else {
                    throw .shapeMismatch(operation: "optimizer step", left: param.shape, right: grad.shape)
                }
                let key = ObjectIdentifier(param)
                let parameterState = state[key] ?? ParameterState()
                state[key] = parameterState
                try parameterState.update(param, grad: grad, rule: group.rule)
            }
        }
    }
}

/// A parameter's step count and buffers, kept in the parameter's dtype.
final class ParameterState {
    var step = 0
    private var float32: [[Float]] = []
    private var float64: [[Double]] = []

    /// The buffers, whichever dtype holds them, as doubles.
    var buffers: [[Double]] { float64.isEmpty ? float32.map { $0.map(Double.init) } : float64 }

    func update<Rule: UpdateRule>(_ param: Variable, grad: Tensor, rule: Rule) throws(AutogradError) {
        step += 1
        // Each dtype calls its own `apply`, so the rule's loop is compiled for that type.
        switch param.dtype {
        case .float32:
            var values = param.data.array(Float.self)
            prepare(&float32, count: values.count, rule)
            rule.apply(param: &values, grad: grad.array(Float.self), buffers: &float32, step: step)
            try param.assign(.make(param.shape, values))
        case .float64:
            var values = param.data.array(Double.self)
            prepare(&float64, count: values.count, rule)
            rule.apply(param: &values, grad: grad.array(Double.self), buffers: &float64, step: step)
            try param.assign(.make(param.shape, values))
        case .int64, .int32, .bool:
            throw .unsupportedDType(operation: "optimizer step", param.dtype)
        }
    }

    /// The buffers at their initial values the first time (or when the rule changed kind).
    private func prepare<S: GradScalar, Rule: UpdateRule>(_ buffers: inout [[S]], count: Int, _ rule: Rule) {
        guard buffers.count != rule.bufferCount else { return }
        buffers = (0..<rule.bufferCount).map { [S](repeating: S(rule.initialValue(ofBuffer: $0)), count: count) }
    }
}

/// PyTorch's refusals of hyper-parameters, in its words.
func checkHyperparameter(_ valid: Bool, _ message: @autoclosure () -> String) throws(AutogradError) {
    guard valid else { throw .invalidArgument(message()) }
}

/// `lerp(a, b, w)` as PyTorch's CPU kernel computes it (from the nearer end).
@inline(__always)
func lerp<S: GradScalar>(_ a: S, _ b: S, _ weight: S) -> S {
    Swift.abs(weight) < 0.5 ? a + weight * (b - a) : b - (b - a) * (1 - weight)
}
