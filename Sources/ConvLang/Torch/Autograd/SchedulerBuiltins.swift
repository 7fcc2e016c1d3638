import ConvAutograd
import ConvNumerics

/// `torch.optim.lr_scheduler`: `StepLR`, `MultiStepLR`, `ExponentialLR`, `CosineAnnealingLR`,
/// `LinearLR`, `LambdaLR`, `OneCycleLR` and `ReduceLROnPlateau`, each one engine schedule;
/// made, a scheduler records `initial_lr` in the optimizer's groups and takes PyTorch's first
/// step, as PyTorch's constructor does.
enum SchedulerBuiltins {
    static let all: [Builtin] = [stepLR, multiStepLR, exponentialLR, cosineAnnealingLR, linearLR, lambdaLR, oneCycleLR, reduceLROnPlateau]

    private static let stepLR = scheduler(
        "StepLR", [.required("step_size"), .optional("gamma", default: .number(0.1))]) { call, _ throws(RuntimeError) in
        let (size, gamma) = (try call.integer("step_size"), try call.number("gamma"))
        return try engine(call) { () throws(AutogradError) in try StepSchedule(stepSize: size, gamma: gamma) }
    }

    private static let multiStepLR = scheduler(
        "MultiStepLR", [.required("milestones"), .optional("gamma", default: .number(0.1))]) { call, _ throws(RuntimeError) in
        var milestones: [Int] = []
        for item in try call.items("milestones") {
            milestones.append(try Coercion.integer(item, what: "a milestone", at: call.range(of: "milestones")))
        }
        return MultiStepSchedule(milestones: milestones, gamma: try call.number("gamma"))
    }

    private static let exponentialLR = scheduler("ExponentialLR", [.required("gamma")]) { call, _ throws(RuntimeError) in
        ExponentialSchedule(gamma: try call.number("gamma"))
    }

    private static let cosineAnnealingLR = scheduler(
        "CosineAnnealingLR", [.required("T_max"), .optional("eta_min", default: .number(0))]) { call, _ throws(RuntimeError) in
        CosineAnnealingSchedule(tMax: try call.integer("T_max"), etaMin: try call.number("eta_min"))
    }

    private static let linearLR = scheduler(
        "LinearLR", [.optional("start_factor", default: .number(1.0 / 3)), .optional("end_factor", default: .number(1)),
                     .optional("total_iters", default: .int(5))]) { call, _ throws(RuntimeError) in
        let (start, end, total) = (try call.number("start_factor"), try call.number("end_factor"), try call.integer("total_iters"))
        return try engine(call) { () throws(AutogradError) in try LinearSchedule(startFactor: start, endFactor: end, totalIters: total) }
    }

    private static let lambdaLR = scheduler("LambdaLR", [.required("lr_lambda")]) { call, optimizer throws(RuntimeError) in
        let lambdas = try SchedulerObject.lambdas(call.value("lr_lambda"), groups: optimizer.paramGroups.items.count, at: call.range(of: "lr_lambda"))
        return LambdaSchedule(factors: try SchedulerObject.factors(lambdas, epoch: 0, call))
    }

    private static let oneCycleLR = scheduler(
        "OneCycleLR",
        [.required("max_lr"), .optional("total_steps", default: .none), .optional("epochs", default: .none),
         .optional("steps_per_epoch", default: .none), .optional("pct_start", default: .number(0.3)),
         .optional("anneal_strategy", default: .string("cos")), .optional("cycle_momentum", default: .bool(true)),
         .optional("base_momentum", default: .number(0.85)), .optional("max_momentum", default: .number(0.95)),
         .optional("div_factor", default: .number(25)), .optional("final_div_factor", default: .number(1e4)),
         .optional("three_phase", default: .bool(false))]) { call, optimizer throws(RuntimeError) in
        try OneCycleArguments.schedule(call, optimizer)
    }

    private static let reduceLROnPlateau = Builtin(
        name: "ReduceLROnPlateau", aliases: ["torch.optim.lr_scheduler.ReduceLROnPlateau"],
        parameters: [.required("optimizer"), .optional("mode", default: .string("min")), .optional("factor", default: .number(0.1)),
                     .optional("patience", default: .int(10)), .optional("threshold", default: .number(1e-4)),
                     .optional("threshold_mode", default: .string("rel")), .optional("cooldown", default: .int(0)),
                     .optional("min_lr", default: .int(0)), .optional("eps", default: .number(1e-8))],
        summary: "PyTorch's learning-rate schedule ReduceLROnPlateau",
        details: """
        optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10, threshold=1e-4, ...)

        Multiplies the learning rates by factor when the metric given to scheduler.step(metric) has not
        improved for more than patience steps, as PyTorch's ReduceLROnPlateau.
        """,
        body: { call throws(RuntimeError) in
            let optimizer = try SchedulerBuiltins.optimizer(call, "ReduceLROnPlateau")
            let factor = try call.number("factor")
            guard factor < 1 else { throw call.error("Factor should be < 1.0.", raising: .valueError) }
            let groups = optimizer.paramGroups.items.count
            let minRates: [Double]
            switch call.value("min_lr") {
            case .list, .tuple:
                minRates = try call.items("min_lr").map { item throws(RuntimeError) in try Coercion.number(item, what: "min_lr", at: call.range(of: "min_lr")) }
                guard minRates.count == groups else { throw call.error("expected \(groups) min_lrs, got \(minRates.count)", raising: .valueError) }
            default:
                minRates = Array(repeating: try call.number("min_lr"), count: groups)
            }
            let modeText = try call.string("mode"), thresholdText = try call.string("threshold_mode")
            guard let mode = PlateauScheduler.Mode(rawValue: modeText) else { throw call.error("mode \(modeText) is unknown!", raising: .valueError) }
            guard let thresholdMode = PlateauScheduler.ThresholdMode(rawValue: thresholdText) else {
                throw call.error("threshold mode \(thresholdText) is unknown!", raising: .valueError)
            }
            try optimizer.readRates(at: call.range)
            let (patience, threshold) = (try call.integer("patience"), try call.number("threshold"))
            let (cooldown, eps) = (try call.integer("cooldown"), try call.number("eps"))
            do throws(AutogradError) {
                let scheduler = try PlateauScheduler(
                    optimizer.optimizer, mode: mode, factor: factor, patience: patience, threshold: threshold,
                    thresholdMode: thresholdMode, cooldown: cooldown, minRates: minRates, eps: eps)
                return .object(ObjectBox(SchedulerObject(typeName: "ReduceLROnPlateau", kind: .plateau(scheduler), optimizer: optimizer)))
            } catch {
                throw RuntimeError(error.description, at: call.range, raising: .valueError)
            }
        })

    /// A schedule the engine refuses to make: PyTorch's ValueError, at the call.
    static func engine<Schedule>(_ call: BuiltinCall, _ make: () throws(AutogradError) -> Schedule) throws(RuntimeError) -> Schedule {
        do { return try make() } catch { throw RuntimeError(error.description, at: call.range, raising: .valueError) }
    }

    /// The optimizer argument, as PyTorch checks it.
    static func optimizer(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> OptimizerObject {
        guard case .object(let box) = call.value("optimizer"), let optimizer = box.object as? OptimizerObject else {
            throw call.error("\(PythonConversions.typeName(of: call.value("optimizer"))) is not an Optimizer", at: "optimizer", raising: .typeError)
        }
        return optimizer
    }

    private static func scheduler(
        _ name: String, _ options: [Builtin.Parameter],
        schedule: @escaping @Sendable (BuiltinCall, OptimizerObject) throws(RuntimeError) -> any LearningRateSchedule
    ) -> Builtin {
        Builtin(
            name: name, aliases: ["torch.optim.lr_scheduler.\(name)"], parameters: [.required("optimizer")] + options,
            summary: "PyTorch's learning-rate schedule \(name)",
            details: """
            optim.lr_scheduler.\(name)(optimizer, ...)

            Changes the optimizer's learning rates at each scheduler.step(), as PyTorch's \(name);
            scheduler.get_last_lr() gives the rates the last step set.
            """,
            takesPythonValues: true,
            body: { call throws(RuntimeError) in
                let optimizer = try SchedulerBuiltins.optimizer(call, name)
                try optimizer.readRates(at: call.range)
                let made = try schedule(call, optimizer)
                let lambdas = name == "LambdaLR"
                    ? try SchedulerObject.lambdas(call.value("lr_lambda"), groups: optimizer.paramGroups.items.count, at: call.range(of: "lr_lambda"))
                    : []
                let baseRates = try optimizer.initialRates(at: call.range)
                do throws(AutogradError) {
                    let scheduler = try LearningRateScheduler(optimizer.optimizer, schedule: made, baseRates: baseRates)
                    let object = SchedulerObject(typeName: name, kind: .epochs(scheduler, lambdas: lambdas), optimizer: optimizer)
                    optimizer.writeRates(momenta: made.momenta(at: 0) != nil)
                    return .object(ObjectBox(object))
                } catch {
                    throw RuntimeError(error.description, at: call.range, raising: .valueError)
                }
            })
    }
}
