import ConvNumerics

/// `matplotlib.pyplot`, as tutorials use it to look at a signal or a loss curve: `plot`,
/// `scatter`, `title`, `xlabel`, `ylabel`, `legend`, `grid`, `figure`, `show`, `savefig`,
/// `close`, `clf` and `tight_layout`, drawn by conv's own plots (``PlotSVG``, ``TerminalPlot``).
///
/// `plt.show()` shows every open figure: in a terminal in block characters, in a notebook as its
/// drawing. `plt.savefig("loss.svg")` writes the drawing; conv draws SVG only. A notebook also
/// shows, when a cell ends, the figures it left open, as matplotlib's inline backend does.
/// Colours, line styles, widths, markers and labels are followed; other styling keywords
/// (`alpha=`, `zorder=`, `fontsize=`) are accepted and left out of the drawing.
enum PyplotModule {
    static let all: [Builtin] = [plot, scatter, title, xlabel, ylabel, legend, grid, figure, show, savefig, close, clf, cla, tightLayout,
                                 subplots, gcf, gca, useBackend]

    static func function(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String, _ example: String,
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        let dotted = "matplotlib.pyplot.\(name)"
        let signature = Builtin(name: dotted, parameters: parameters, summary: "", details: "", body: body).signature
        let details = "\(signature)\n\n\(summary.prefix(1).uppercased() + summary.dropFirst()).\n  \(example)"
        return PythonConversions.python(dotted, parameters, summary, details, aliases: [dotted], body)
    }

    /// Keywords of matplotlib's lines that change only how they look beyond what conv draws.
    private static let ignoredLineKeywords: Set<String> = [
        "alpha", "markersize", "ms", "markerfacecolor", "mfc", "markeredgecolor", "mec", "markeredgewidth", "mew", "zorder",
        "drawstyle", "ds", "antialiased", "aa", "dash_capstyle", "solid_capstyle", "dash_joinstyle", "solid_joinstyle",
        "fillstyle", "markevery", "clip_on", "visible", "rasterized", "snap", "gid", "url", "scalex", "scaley",
        "edgecolors", "edgecolor", "linewidths", "cmap", "norm", "vmin", "vmax", "s", "plotnonfinite",
    ]

    /// The figure a call draws on: the receiver's for a method (`ax.plot`, `fig.savefig`),
    /// else the current one, opened when none is.
    static func target(_ call: BuiltinCall) -> PyplotFigures.Figure {
        if case .object(let box) = call.receiver, let drawn = box.object as? PyplotDrawable { return drawn.figure }
        return call.context.pyplot.current
    }

    // MARK: - Lines

    static let plot = function(
        "plot", [.variadic("args"), .namedVariadic("kwargs")],
        "adds lines to the current figure: plot(y), plot(x, y), plot(x, y, \"r--\", label=\"loss\")",
        "plt.plot(losses, label=\"train\"); plt.show()"
    ) { call throws(RuntimeError) in
        var added: [PlotSeries] = []
        for group in try lineGroups(call) {
            for var series in try seriesOf(group) {
                series.style = try keywordStyle(call, over: series.style)
                added.append(series)
            }
        }
        try applyLabels(call, to: &added)
        target(call).series += added
        return .none
    }

    static let scatter = function(
        "scatter", [.required("x"), .required("y"), .namedVariadic("kwargs")],
        "adds points to the current figure, one dot per (x, y)",
        "plt.scatter(x, y, c=\"red\", label=\"data\")"
    ) { call throws(RuntimeError) in
        let xs = try samples(call.value("x"), at: call.range(of: "x"))
        let ys = try samples(call.value("y"), at: call.range(of: "y"))
        guard xs.values.count == ys.values.count else {
            throw call.error("x and y must be the same size", at: "y", raising: .valueError)
        }
        var base = PlotStyle()
        base.line = .none
        base.markers = true
        var series = [PlotSeries(ys.values, positions: xs.values, style: try keywordStyle(call, over: base))]
        try applyLabels(call, to: &series)
        target(call).series += series
        return .none
    }

    /// One `x, y, fmt` group of `plot`'s arguments; `x` and `fmt` may be missing.
    private struct LineGroup {
        var x: (value: Value, range: SourceRange)?
        var y: (value: Value, range: SourceRange)
        var format: PlotStyle?
    }

    /// `plot`'s positional arguments split as matplotlib splits them: `y`, `y, fmt`, `x, y`,
    /// `x, y, fmt`, repeated.
    private static func lineGroups(_ call: BuiltinCall) throws(RuntimeError) -> [LineGroup] {
        var rest = call.rest[...]
        var groups: [LineGroup] = []
        while let first = rest.first {
            if case .string = first.value {
                throw RuntimeError("plot's format string must follow the data it styles", at: first.range,
                                   notes: ["for example: plt.plot(x, y, \"r--\")"], raising: .valueError)
            }
            let items = Array(rest.prefix(3))
            var group: LineGroup
            if items.count >= 2, case .string(let text) = items[1].value {
                group = LineGroup(x: nil, y: items[0], format: try format(text, at: items[1].range))
                rest = rest.dropFirst(2)
            } else if items.count >= 2 {
                group = LineGroup(x: items[0], y: items[1], format: nil)
                rest = rest.dropFirst(2)
                if items.count == 3, case .string(let text) = items[2].value {
                    group.format = try format(text, at: items[2].range)
                    rest = rest.dropFirst()
                }
            } else {
                group = LineGroup(x: nil, y: items[0], format: nil)
                rest = rest.dropFirst()
            }
            groups.append(group)
        }
        guard !groups.isEmpty else {
            throw call.error("plot needs data to draw", notes: ["for example: plt.plot([1, 3, 2]) or plt.plot(x, y)"], raising: .typeError)
        }
        return groups
    }

    private static func format(_ text: String, at range: SourceRange) throws(RuntimeError) -> PlotStyle {
        switch PyplotStyle.format(text) {
        case .success(let style): return style
        case .failure(let error):
            throw RuntimeError(error.message, at: range, notes: ["a format string is [marker][line][color], such as \"o\", \"r--\" or \"k:\""],
                               raising: .valueError)
        }
    }

    /// A group's lines: one for a 1-D `y`, one per column of a 2-D `y`.
    private static func seriesOf(_ group: LineGroup) throws(RuntimeError) -> [PlotSeries] {
        let y = try samples(group.y.value, at: group.y.range)
        let x = try group.x.map { x throws(RuntimeError) in try samples(x.value, at: x.range) }
        if let x, x.columns > 1 {
            throw RuntimeError("conv's plot takes x as one row of positions, but this has shape \(x.shape)", at: group.x?.range ?? group.y.range,
                               notes: ["plot each line with its own x: plt.plot(x[:, 0], y[:, 0])"])
        }
        if let x, x.rows != y.rows {
            throw RuntimeError("x and y must have same first dimension, but have shapes \(x.pythonShape) and \(y.pythonShape)",
                               at: group.y.range, raising: .valueError)
        }
        return (0..<y.columns).map { column in
            let values = y.columns == 1 ? y.values : stride(from: column, to: y.values.count, by: y.columns).map { y.values[$0] }
            return PlotSeries(values, positions: x?.values, style: group.format ?? PlotStyle())
        }
    }

    /// Numbers to plot, as rows of columns: a list, a tuple, a tensor or an array of rank 0 to 2.
    private struct Samples {
        var values: [Double]
        var shape: [Int]
        var rows: Int { shape.first ?? 1 }
        var columns: Int { shape.count == 2 ? shape[1] : 1 }
        /// `(5,)`, as matplotlib's messages show shapes.
        var pythonShape: String { shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")" }
    }

    private static func samples(_ value: Value, at range: SourceRange) throws(RuntimeError) -> Samples {
        // matplotlib reads a tensor through NumPy, which refuses one that records gradients.
        if case .variable(let box) = value, box.requiresGrad {
            throw RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.", at: range,
                               notes: ["plot the values without their graph: plt.plot(y.detach())"])
        }
        if case .string = value {
            throw RuntimeError("plot draws numbers, not a string", at: range, raising: .typeError)
        }
        let tensor = try Coercion.tensor(value, what: "plot's data", at: range, allowNumber: true)
        guard tensor.rank <= 2 else {
            throw RuntimeError("x and y can be no greater than 2D, but have shape \(tensor.shape)", at: range, raising: .valueError)
        }
        return Samples(values: tensor.scalars, shape: tensor.rank == 0 ? [1] : tensor.shape)
    }

    /// `color=`, `linestyle=`, `linewidth=` and `marker=` over a format string's style (what a
    /// keyword says wins, as in matplotlib), with their short names (`c`, `ls`, `lw`); any other
    /// keyword but `label` must be one matplotlib lines accept.
    private static func keywordStyle(_ call: BuiltinCall, over base: PlotStyle) throws(RuntimeError) -> PlotStyle {
        var style = base
        for (label, value, range) in call.namedRest {
            switch label {
            case "color", "c":
                if case .none = value { continue }
                // scatter's c= may give each point a colour; conv draws them all in the cycle's.
                if label == "c", value.asTensor != nil || { if case .list = value { true } else { false } }() { continue }
                guard let color = PyplotStyle.color(value) else {
                    throw RuntimeError("\(PythonText.repr(value)) is not a valid color value.", at: range,
                                       notes: ["a colour is a letter (\"r\"), a name (\"orange\"), \"C0\" to \"C9\", \"#1f77b4\" or a grey level (\"0.5\")"],
                                       raising: .valueError)
                }
                style.color = color
            case "linestyle", "ls":
                guard case .string(let text) = value, let line = PyplotStyle.line(named: text) else {
                    throw RuntimeError("\(PythonText.repr(value)) is not a valid value for ls; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'",
                                       at: range, raising: .valueError)
                }
                style.line = line
            case "linewidth", "lw":
                guard let width = value.asNumber, width.isFinite, width >= 0 else {
                    throw RuntimeError("linewidth must be a non-negative number", at: range, raising: .valueError)
                }
                style.width = Swift.min(width * 4 / 3, 20)
            case "marker":
                switch value {
                case .none: style.markers = false
                case .string(let text):
                    guard text.isEmpty || text == "None" || text == "none" || (text.count == 1 && text.first.map(PyplotStyle.markers.contains) == true) else {
                        throw RuntimeError("Unrecognized marker style \(PythonText.repr(value))", at: range, raising: .valueError)
                    }
                    style.markers = !(text.isEmpty || text.lowercased() == "none")
                default: throw RuntimeError("Unrecognized marker style \(PythonText.repr(value))", at: range, raising: .valueError)
                }
            case "label": continue
            default:
                guard ignoredLineKeywords.contains(label) else {
                    throw RuntimeError("Line2D.set() got an unexpected keyword argument '\(label)'", at: range, raising: .attributeError)
                }
            }
        }
        return style
    }

    /// `label=`: one name for every line of the call, or one each from a list or tuple.
    private static func applyLabels(_ call: BuiltinCall, to series: inout [PlotSeries]) throws(RuntimeError) {
        guard let (_, value, range) = call.namedRest.first(where: { $0.label == "label" }) else { return }
        switch value {
        case .none: return
        case .list, .tuple:
            let names = sequenceItems(value) ?? []
            guard names.count == series.count else {
                throw RuntimeError("label must be scalar or have the same length as the number of lines (\(series.count)), not \(names.count)",
                                   at: range, raising: .valueError)
            }
            for index in series.indices { series[index].label = PythonText.str(names[index]) }
        default:
            let name = PythonText.str(value)
            for index in series.indices { series[index].label = name }
        }
    }

    /// A list's or a tuple's items; nil for anything else.
    private static func sequenceItems(_ value: Value) -> [Value]? {
        switch value {
        case .list(let list): list.items
        case .tuple(let items): items
        default: nil
        }
    }

    // MARK: - Labels and legend

    private static func textSetter(
        _ name: String, _ parameter: String, _ summary: String, _ example: String,
        _ set: @escaping @Sendable (PyplotFigures.Figure, String) -> Void
    ) -> Builtin {
        function(name, [.required(parameter), .namedVariadic("kwargs")], summary, example) { call throws(RuntimeError) in
            let text = PythonText.str(call.value(parameter))
            set(target(call), text)
            return .none
        }
    }

    static let title = textSetter("title", "label", "names the current figure", "plt.title(\"training loss\")") { $0.title = $1 }
    static let xlabel = textSetter("xlabel", "xlabel", "names the current figure's x axis", "plt.xlabel(\"epoch\")") { $0.xLabel = $1 }
    static let ylabel = textSetter("ylabel", "ylabel", "names the current figure's y axis", "plt.ylabel(\"loss\")") { $0.yLabel = $1 }

    static let legend = function(
        "legend", [.variadic("args"), .namedVariadic("kwargs")],
        "draws a legend naming the current figure's labelled lines; legend([\"a\", \"b\"]) names them in order",
        "plt.plot(x, label=\"input\"); plt.legend()"
    ) { call throws(RuntimeError) in
        var names: [String]?
        if let first = call.rest.first {
            guard let items = sequenceItems(first.value) else {
                throw RuntimeError("legend's labels must be a list of names, such as [\"train\", \"test\"]", at: first.range,
                                   raising: .typeError)
            }
            names = items.map { PythonText.str($0) }
        }
        let figure = target(call)
        figure.showsLegend = true
        if let names {
            for (index, name) in zip(figure.series.indices, names) { figure.series[index].label = name }
        }
        return .none
    }

    static let grid = function(
        "grid", [.unlisted(.optional("visible", default: .none)), .namedVariadic("kwargs")],
        "accepted: conv's figures always draw light grid lines",
        "plt.grid(True)"
    ) { _ throws(RuntimeError) in .none }

    static let tightLayout = function(
        "tight_layout", [.namedVariadic("kwargs")],
        "accepted: conv's figures are always laid out to fit their labels",
        "plt.tight_layout()"
    ) { _ throws(RuntimeError) in .none }

    // MARK: - Figures

    static let figure = function(
        "figure", [.unlisted(.optional("num", default: .none)), .namedVariadic("kwargs")],
        "starts a new figure, which later calls draw on (figsize= and dpi= are accepted; conv's figures have one size)",
        "plt.figure(figsize=(8, 4))"
    ) { call throws(RuntimeError) in
        call.context.pyplot.openNew()
        return .none
    }

    static let show = function(
        "show", [.namedVariadic("kwargs")],
        "shows every open figure (in block characters in a terminal, drawn in a notebook) and closes them",
        "plt.plot([1, 3, 2]); plt.show()"
    ) { call throws(RuntimeError) in
        call.context.showPlots()
        return .none
    }

    static let savefig = function(
        "savefig", [.required("fname"), .namedVariadic("kwargs")],
        "writes the current figure's drawing to an .svg file",
        "plt.savefig(\"loss.svg\")"
    ) { call throws(RuntimeError) in
        guard case .string(let path) = call.value("fname") else {
            throw call.error("savefig's fname must be a file name such as \"loss.svg\"", at: "fname", raising: .typeError)
        }
        // The format is the file name's extension, PNG without one, as matplotlib decides it.
        let fileName = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        let parts = fileName.split(separator: ".", omittingEmptySubsequences: false)
        let format = parts.count > 1 ? String(parts.last ?? "") : "png"
        guard format.lowercased() == "svg" else {
            throw call.error("Format '\(format)' is not supported (supported formats: svg)", at: "fname",
                             notes: ["conv draws figures as SVG: name the file \"\(path.hasSuffix("." + format) ? String(path.dropLast(format.count + 1)) : path).svg\""],
                             raising: .valueError)
        }
        try call.context.writeText(target(call).svg, to: path, at: call.range(of: "fname"))
        return .none
    }

    static let close = function(
        "close", [.unlisted(.optional("fig", default: .none))],
        "closes the current figure without showing it; close(\"all\") closes every one",
        "plt.close(\"all\")"
    ) { call throws(RuntimeError) in
        if case .string(let which) = call.value("fig"), which != "all" {
            throw call.error("Unrecognized string '\(which)' to close", at: "fig", notes: ["close() closes the current figure, close(\"all\") every one"],
                             raising: .valueError)
        }
        call.context.pyplot.close(all: call.value("fig") == .string("all"))
        return .none
    }

    static let clf = function("clf", [], "clears the current figure", "plt.clf()") { call throws(RuntimeError) in
        target(call).clear()
        return .none
    }

    static let cla = function("cla", [], "clears the current figure's lines and labels", "plt.cla()") { call throws(RuntimeError) in
        target(call).clear()
        return .none
    }
}

extension PyplotModule {
    /// `matplotlib.use("Agg")`, which scripts call before drawing without a screen: conv has one
    /// way of showing figures, so the choice changes nothing.
    static let useBackend = PythonConversions.moduleFunction(
        "matplotlib", "use", [.required("backend"), .namedVariadic("kwargs")],
        "accepted: conv shows figures its own way, whatever the backend", "matplotlib.use(\"Agg\")"
    ) { call throws(RuntimeError) in
        guard case .string = call.value("backend") else {
            throw call.error("matplotlib.use's backend must be a name such as \"Agg\"", at: "backend", raising: .typeError)
        }
        return .none
    }
}

extension EvaluationContext {
    /// Shows every open pyplot figure and closes them: as a figure event with its drawing when
    /// the host shows figures, else in block characters.
    func showPlots() {
        guard let pyplot = pyplotIfUsed else { return }
        for figure in pyplot.takeAll() { show(figure) }
    }

    /// Shows one figure: with its drawing when the host shows figures, else in block characters.
    func show(_ figure: PyplotFigures.Figure) {
        let text = figure.text
        output(figuresAsEvents ? .figure(Figure(kind: .plot, text: text, svg: figure.svg)) : .explanation(text))
    }
}
