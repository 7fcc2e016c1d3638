/// matplotlib's object-oriented face, as `fig, ax = plt.subplots()` code uses it: an `Axes`
/// whose `plot`, `scatter`, `set_title`, `set_xlabel`, `set_ylabel`, `set`, `legend` and `grid`
/// draw on its figure, and a `Figure` with `savefig`, `suptitle`, `tight_layout` and `show`.
/// Both run pyplot's own functions (``PyplotModule``) on their figure instead of the current one.
///
/// conv's figures have one pair of axes, so `subplots` makes one.
protocol PyplotDrawable: TorchObject {
    /// The figure the object's methods draw on.
    var figure: PyplotFigures.Figure { get }
}

extension PyplotDrawable {
    /// A method: one of pyplot's functions, bound to this object so that it draws on its figure.
    func method(_ builtin: Builtin?) -> Value? {
        builtin.map { .function(Function(.boundBuiltin(receiver: .object(ObjectBox(self)), $0))) }
    }
}

/// `ax` of `fig, ax = plt.subplots()`, or `plt.gca()`.
final class PyplotAxes: PyplotDrawable {
    let figure: PyplotFigures.Figure
    init(_ figure: PyplotFigures.Figure) { self.figure = figure }

    var typeName: String { "Axes" }
    /// matplotlib's repr: `<Axes: title={'center': 'loss'}, xlabel='epoch'>`.
    var description: String {
        var parts: [String] = []
        if let title = figure.title { parts.append("title={'center': \(PythonText.repr(.string(title)))}") }
        if let x = figure.xLabel { parts.append("xlabel=\(PythonText.repr(.string(x)))") }
        if let y = figure.yLabel { parts.append("ylabel=\(PythonText.repr(.string(y)))") }
        return "<Axes: " + parts.joined(separator: ", ") + ">"
    }

    private static let methods: [String: Builtin] = [
        "plot": PyplotModule.plot, "scatter": PyplotModule.scatter, "set_title": PyplotModule.title,
        "set_xlabel": PyplotModule.xlabel, "set_ylabel": PyplotModule.ylabel, "set": PyplotModule.setLabels,
        "legend": PyplotModule.legend, "grid": PyplotModule.grid, "cla": PyplotModule.cla, "clear": PyplotModule.cla,
    ]
    var memberNames: [String] { (Array(Self.methods.keys) + ["figure"]).sorted() }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        if name == "figure" { return .object(ObjectBox(PyplotFigureObject(figure))) }
        return method(Self.methods[name])
    }

    func isEqual(to other: any TorchObject) -> Bool { (other as? PyplotAxes)?.figure === figure }
}

/// `fig` of `fig, ax = plt.subplots()`, or `plt.gcf()`.
final class PyplotFigureObject: PyplotDrawable {
    let figure: PyplotFigures.Figure
    init(_ figure: PyplotFigures.Figure) { self.figure = figure }

    var typeName: String { "Figure" }
    /// matplotlib's repr at its default size: conv's figures have one size.
    var description: String { "<Figure size 640x480 with 1 Axes>" }

    private static let methods: [String: Builtin] = [
        "savefig": PyplotModule.savefig, "suptitle": PyplotModule.title, "tight_layout": PyplotModule.tightLayout,
        "show": PyplotModule.showFigure, "clf": PyplotModule.clf, "clear": PyplotModule.clf,
    ]
    var memberNames: [String] { (Array(Self.methods.keys) + ["axes", "gca"]).sorted() }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        if name == "axes" { return .list(PythonList([.object(ObjectBox(PyplotAxes(figure)))])) }
        if name == "gca" { return method(PyplotModule.gca) }
        return method(Self.methods[name])
    }

    func isEqual(to other: any TorchObject) -> Bool { (other as? PyplotFigureObject)?.figure === figure }
}

extension PyplotModule {
    static let subplots = function(
        "subplots", [.optional("nrows", default: .int(1)), .optional("ncols", default: .int(1)), .namedVariadic("kwargs")],
        "starts a new figure and gives (fig, ax), its figure and its axes",
        "fig, ax = plt.subplots(); ax.plot(losses); ax.set_xlabel(\"epoch\")"
    ) { call throws(RuntimeError) in
        let rows = try call.integer("nrows"), columns = try call.integer("ncols")
        guard rows == 1, columns == 1 else {
            throw call.error("conv's figures have one pair of axes, so subplots(\(rows), \(columns)) is not supported",
                             at: call.isGiven("ncols") && columns != 1 ? "ncols" : "nrows",
                             notes: ["draw each plot as a figure of its own: fig, ax = plt.subplots()"])
        }
        let figure = call.context.pyplot.openNew()
        return .tuple([.object(ObjectBox(PyplotFigureObject(figure))), .object(ObjectBox(PyplotAxes(figure)))])
    }

    static let gcf = function("gcf", [], "the current figure, as an object", "fig = plt.gcf()") { call throws(RuntimeError) in
        .object(ObjectBox(PyplotFigureObject(target(call))))
    }

    static let gca = function("gca", [], "the current figure's axes", "ax = plt.gca()") { call throws(RuntimeError) in
        .object(ObjectBox(PyplotAxes(target(call))))
    }

    /// `ax.set(title=..., xlabel=..., ylabel=...)`.
    static let setLabels = function(
        "set", [.namedVariadic("kwargs")], "sets the axes' title and axis names by keyword",
        "ax.set(title=\"loss\", xlabel=\"epoch\", ylabel=\"MSE\")"
    ) { call throws(RuntimeError) in
        let figure = target(call)
        for (label, value, range) in call.namedRest {
            let text = PythonText.str(value)
            switch label {
            case "title": figure.title = text
            case "xlabel": figure.xLabel = text
            case "ylabel": figure.yLabel = text
            default:
                throw RuntimeError("Axes.set() got an unexpected keyword argument '\(label)'", at: range,
                                   notes: ["conv's axes take title=, xlabel= and ylabel="], raising: .attributeError)
            }
        }
        return .none
    }

    /// `fig.show()`: this figure alone, shown and left open.
    static let showFigure = function("show_figure", [.namedVariadic("kwargs")], "shows this figure", "fig.show()") { call throws(RuntimeError) in
        call.context.show(target(call))
        return .none
    }
}
