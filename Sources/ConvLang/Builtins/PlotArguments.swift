import ConvNumerics

/// What `plot(...)` was asked to draw: its signals with their `x=` positions and `label=`
/// names, and its `title=`, checked before anything is drawn.
struct PlotArguments {
    var series: [PlotSeries]
    var title: String?

    static let xNote = "x= gives each signal's positions (a tensor as long as the signal) or an offset (a number); "
        + "with several signals, one each: x=(0, 1) or x=(none, arange(1, 6))"
    static let labelNote = "with several signals, label= gives one name each: label=(\"input\", \"output\")"

    init(_ call: BuiltinCall) throws(RuntimeError) {
        var series: [PlotSeries] = []
        for item in call.rest { series.append(PlotSeries(try Self.signal(item.value, at: item.range))) }
        let xs = try Self.perSeries(call.value("x"), count: series.count, what: "x", note: Self.xNote, at: call.range(of: "x"))
        let labels = try Self.perSeries(call.value("label"), count: series.count, what: "label", note: Self.labelNote,
                                        at: call.range(of: "label"))
        for index in series.indices {
            series[index].positions = try Self.positions(xs[index], samples: series[index].values.count, at: call.range(of: "x"))
            switch labels[index] {
            case .none: break
            case .string(let text): series[index].label = text
            case let other: throw call.error("plot's label must be a string, not \(other.typeName)", at: "label", notes: [Self.labelNote])
            }
        }
        switch call.value("title") {
        case .none: title = nil
        case .string(let text): title = text
        case let other: throw call.error("plot's title must be a string, not \(other.typeName)", at: "title")
        }
        self.series = series
    }

    /// A signal's samples: a rank-1 tensor, or any tensor with one non-trivial axis.
    private static func signal(_ value: Value, at range: SourceRange) throws(RuntimeError) -> [Double] {
        let tensor = try Coercion.tensor(value, what: "plot's signal", at: range)
        guard tensor.count > 0 else { throw RuntimeError("plot's signal is empty", at: range) }
        guard tensor.shape.filter({ $0 > 1 }).count <= 1 else {
            throw RuntimeError("plot draws 1-D signals, but this has shape \(tensor.shape)", at: range,
                               notes: ["plot one row at a time, e.g. plot(x[0])"])
        }
        return tensor.scalars
    }

    /// One value per signal: the value itself for one signal, else a tuple's items (or a
    /// tensor's numbers) one each; `none` gives none to all.
    private static func perSeries(_ value: Value, count: Int, what: String, note: String,
                                  at range: SourceRange) throws(RuntimeError) -> [Value] {
        if case .none = value { return Array(repeating: .none, count: count) }
        if count == 1 {
            if case .tuple(let items) = value, items.count == 1 { return items }
            return [value]
        }
        var items: [Value] = []
        switch value {
        case .tuple(let tuple): items = tuple
        case .tensor(let tensor) where tensor.rank == 1: items = tensor.scalars.map(Value.number)
        default: break
        }
        guard items.count == count else {
            throw RuntimeError("plot has \(count) signals, so \(what)= needs \(count) entries, one each", at: range, notes: [note])
        }
        return items
    }

    /// A signal's x positions: `nil` for its sample index, the index plus an offset for a
    /// number, or as many finite positions as it has samples.
    private static func positions(_ value: Value, samples: Int, at range: SourceRange) throws(RuntimeError) -> [Double]? {
        if case .none = value { return nil }
        if let offset = value.asNumber {
            guard offset.isFinite else { throw RuntimeError("plot's x offset must be finite, not \(offset)", at: range) }
            return (0..<samples).map { Double($0) + offset }
        }
        let tensor = try Coercion.tensor(value, what: "plot's x", at: range)
        guard tensor.count == samples else {
            throw RuntimeError("plot's x has \(tensor.count) positions for a signal of \(samples) samples", at: range, notes: [xNote])
        }
        guard tensor.scalars.allSatisfy(\.isFinite) else { throw RuntimeError("plot's x positions must be finite", at: range) }
        return tensor.scalars
    }
}
