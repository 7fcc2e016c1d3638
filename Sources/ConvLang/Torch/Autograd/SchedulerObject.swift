import ConvAutograd

/// A learning-rate scheduler (`optim.lr_scheduler.StepLR(opt, 10)` and the others): `step()`,
/// `get_last_lr()`, `last_epoch`, `base_lrs`; `ReduceLROnPlateau`'s `step(metric)`, `best` and
/// `num_bad_epochs`.
final class SchedulerObject: TorchObject {
    enum Kind {
        /// An epoch schedule; `lambdas` are a `LambdaLR`'s functions, one per group.
        case epochs(LearningRateScheduler, lambdas: [Value])
        case plateau(PlateauScheduler)
    }

    let typeName: String
    let kind: Kind
    let optimizer: OptimizerObject

    init(typeName: String, kind: Kind, optimizer: OptimizerObject) {
        (self.typeName, self.kind, self.optimizer) = (typeName, kind, optimizer)
    }

    var description: String { "<torch.optim.lr_scheduler.\(typeName) object>" }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch (name, kind) {
        case ("step", .plateau): bound(Self.plateauStep)
        case ("step", .epochs): bound(Self.step)
        case ("get_last_lr", _): bound(Self.lastRates)
        case ("optimizer", _): .object(ObjectBox(optimizer))
        case ("last_epoch", .epochs(let scheduler, _)): .int(scheduler.lastEpoch)
        case ("last_epoch", .plateau(let scheduler)): .int(scheduler.lastEpoch)
        case ("base_lrs", .epochs(let scheduler, _)): .list(PythonList(scheduler.initialRates.map(Value.number)))
        case ("best", .plateau(let scheduler)): .number(scheduler.best)
        case ("num_bad_epochs", .plateau(let scheduler)): .int(scheduler.badEpochs)
        case ("cooldown_counter", .plateau(let scheduler)): .int(scheduler.cooldownCounter)
        default: nil
        }
    }

    var memberNames: [String] {
        switch kind {
        case .epochs: ["base_lrs", "get_last_lr", "last_epoch", "optimizer", "step"]
        case .plateau: ["best", "cooldown_counter", "get_last_lr", "last_epoch", "num_bad_epochs", "optimizer", "step"]
        }
    }

    private func bound(_ builtin: Builtin) -> Value { .function(Function(.boundBuiltin(receiver: .object(ObjectBox(self)), builtin))) }

    /// `lr_lambda`: one function for every group, or a list of one per group.
    static func lambdas(_ given: Value, groups: Int, at range: SourceRange) throws(RuntimeError) -> [Value] {
        switch given {
        case .list(let list):
            guard list.items.count == groups else { throw RuntimeError("Expected \(groups) lr_lambdas, but got \(list.items.count)", at: range, raising: .valueError) }
            return list.items
        case .tuple(let items):
            guard items.count == groups else { throw RuntimeError("Expected \(groups) lr_lambdas, but got \(items.count)", at: range, raising: .valueError) }
            return items
        default:
            return Array(repeating: given, count: groups)
        }
    }

    /// Each lambda's factor for `epoch`, called as the program would call it.
    static func factors(_ lambdas: [Value], epoch: Int, _ call: BuiltinCall) throws(RuntimeError) -> [Double] {
        var factors: [Double] = []
        for lambda in lambdas {
            let factor = try call.invoke(lambda, [.int(epoch)], for: "lr_lambda")
            factors.append(try Coercion.number(factor, what: "lr_lambda's result", at: call.range))
        }
        return factors
    }

    private static func receiver(_ call: BuiltinCall) throws(RuntimeError) -> SchedulerObject {
        guard case .object(let box) = call.receiver, let scheduler = box.object as? SchedulerObject else {
            throw call.error("this method needs a scheduler", raising: .typeError)
        }
        return scheduler
    }

    private static let step = Builtin(
        name: "step", parameters: [], summary: "advances the schedule one epoch",
        details: "scheduler.step()\n\nAdvances one epoch, changing the optimizer's learning rates as the schedule says.",
        body: { call throws(RuntimeError) in
            let object = try receiver(call)
            guard case .epochs(let scheduler, let lambdas) = object.kind else { return .none }
            try object.optimizer.readRates(at: call.range)
            if !lambdas.isEmpty { scheduler.schedule = LambdaSchedule(factors: try factors(lambdas, epoch: scheduler.lastEpoch + 1, call)) }
            do throws(AutogradError) { try scheduler.step() } catch {
                throw RuntimeError(error.description, at: call.range, raising: .valueError)
            }
            object.optimizer.writeRates(momenta: scheduler.schedule.momenta(at: scheduler.lastEpoch) != nil)
            return .none
        })

    private static let plateauStep = Builtin(
        name: "step", parameters: [.required("metrics")], summary: "one step with this epoch's metric",
        details: "scheduler.step(metrics)\n\nCounts a step without improvement of metrics and lowers the learning rates after patience of them.",
        body: { call throws(RuntimeError) in
            let object = try receiver(call)
            guard case .plateau(let scheduler) = object.kind else { return .none }
            try object.optimizer.readRates(at: call.range)
            scheduler.step(try call.number("metrics"))
            object.optimizer.writeRates()
            return .none
        })

    private static let lastRates = Builtin(
        name: "get_last_lr", parameters: [], summary: "the learning rates the last step set", details: "scheduler.get_last_lr()",
        body: { call throws(RuntimeError) in
            let rates = switch try receiver(call).kind {
            case .epochs(let scheduler, _): scheduler.lastRates
            case .plateau(let scheduler): scheduler.lastRates
            }
            return .list(PythonList(rates.map(Value.number)))
        })
}
