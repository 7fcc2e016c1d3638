import ConvAutograd

/// `OneCycleLR`'s arguments, checked in PyTorch's order and words; like PyTorch's constructor it
/// writes `initial_lr`, `max_lr`, `min_lr` (and the momentum bounds) into each group.
enum OneCycleArguments {
    static func schedule(_ call: BuiltinCall, _ optimizer: OptimizerObject) throws(RuntimeError) -> OneCycleSchedule {
        let total: Int
        if case let given = call.value("total_steps"), given != .none {
            guard case .int(let steps) = given, steps > 0 else {
                throw call.error("Expected positive integer total_steps, but got \(PythonText.str(given))", raising: .valueError)
            }
            total = steps
        } else if call.value("epochs") != .none, call.value("steps_per_epoch") != .none {
            guard case .int(let epochs) = call.value("epochs"), epochs > 0 else {
                throw call.error("Expected positive integer epochs, but got \(PythonText.str(call.value("epochs")))", raising: .valueError)
            }
            guard case .int(let perEpoch) = call.value("steps_per_epoch"), perEpoch > 0 else {
                throw call.error("Expected positive integer steps_per_epoch, but got \(PythonText.str(call.value("steps_per_epoch")))", raising: .valueError)
            }
            total = epochs * perEpoch
        } else {
            throw call.error("You must define either total_steps OR (epochs AND steps_per_epoch)", raising: .valueError)
        }
        guard case .number(let pctStart) = call.value("pct_start"), pctStart >= 0, pctStart <= 1 else {
            throw call.error("Expected float between 0 and 1 pct_start, but got \(PythonText.str(call.value("pct_start")))", raising: .valueError)
        }
        let strategy = try call.string("anneal_strategy")
        guard strategy == "cos" || strategy == "linear" else {
            throw call.error("anneal_strategy must be one of 'cos' or 'linear', instead got \(strategy)", raising: .valueError)
        }
        let groups = optimizer.paramGroups.items.compactMap { if case .dict(let dict) = $0 { dict } else { nil } }
        let maxRates = try perGroup(call, "max_lr", groups.count)
        let (divFactor, finalDivFactor) = (try call.number("div_factor"), try call.number("final_div_factor"))
        var rates: [OneCycleSchedule.Rates] = []
        for (group, maxRate) in zip(groups, maxRates) {
            let initial = maxRate / divFactor, minimum = maxRate / divFactor / finalDivFactor
            group.store(.number(initial), for: .string("initial_lr"))
            group.store(.number(maxRate), for: .string("max_lr"))
            group.store(.number(minimum), for: .string("min_lr"))
            rates.append(.init(initial: initial, max: maxRate, min: minimum))
        }
        var momentumRange: [(max: Double, base: Double)]?
        if try call.bool("cycle_momentum") {
            guard optimizer.optimizer.momenta.allSatisfy({ $0 != nil }) else {
                throw call.error("optimizer must support momentum or beta1 with `cycle_momentum` option enabled", raising: .valueError)
            }
            let (maxima, bases) = (try perGroup(call, "max_momentum", groups.count), try perGroup(call, "base_momentum", groups.count))
            momentumRange = Array(zip(maxima, bases)).map { (max: $0, base: $1) }
            for (group, (maximum, base)) in zip(groups, zip(maxima, bases)) {
                group.store(.number(maximum), for: .string("max_momentum"))
                group.store(.number(base), for: .string("base_momentum"))
            }
        }
        return OneCycleSchedule(totalSteps: total, groups: rates, pctStart: pctStart, cosine: strategy == "cos",
                                threePhase: try call.bool("three_phase"), momentumRange: momentumRange)
    }

    /// A number for every group, or one number for all (PyTorch's `_format_param`).
    private static func perGroup(_ call: BuiltinCall, _ name: String, _ count: Int) throws(RuntimeError) -> [Double] {
        switch call.value(name) {
        case .list, .tuple:
            let items = try call.items(name)
            guard items.count == count else { throw call.error("expected \(count) values for \(name), got \(items.count)", raising: .valueError) }
            return try items.map { item throws(RuntimeError) in try Coercion.number(item, what: name, at: call.range(of: name)) }
        default:
            return Array(repeating: try call.number(name), count: count)
        }
    }
}
