import ConvNumerics

/// Builtins that show rather than compute: `plot` draws signals, `lengths` works out output
/// lengths without any data. (`explain` itself is a keyword; see `Evaluator+Explain.swift`.)
enum ExplainBuiltins {
    static let all: [Builtin] = [plot, lengths]

    static let plot = Builtin(
        name: "plot",
        parameters: [.variadic("series"), .optional("svg", default: .none, namedOnly: true),
                     .optional("height", default: .number(8), namedOnly: true),
                     .optional("title", default: .none, namedOnly: true),
                     .optional("label", default: .none, namedOnly: true),
                     .optional("x", default: .none, namedOnly: true)],
        summary: "draw 1-D signals in the terminal, or as an SVG line chart",
        details: """
        plot(x, ...)  plot(x, svg="x.svg")  plot(x, conv(x, w), x=(0, 1), label=("input", "output"), title="...")

        Draws each 1-D signal with block characters, one column per sample (long signals are
        averaged into at most 72 columns), the maximum labelled on the top row, the minimum on
        the bottom one and a zero line when the values cross zero. Several signals share one
        scale and one x axis, so an input and its convolution can be compared. svg="x.svg"
        writes a line chart instead, with round-numbered ticks and a legend; height=N sets the
        rows (default 8). title= names the plot, label= each signal (a tuple of names for
        several), and x= places samples: positions as long as the signal, or an offset, one
        each for several signals (none for the sample index).

          plot(sin(linspace(0, 6.28, 40)), title="sin")
          x = [0, 1, 3, 2, 5, 4, 6]
          plot(x, conv(x, ones(3) / 3), x=(0, 1), label=("x", "mean of 3"))
        """,
        body: { call throws(RuntimeError) in try drawPlot(&call) })

    static let lengths = Builtin(
        name: "lengths",
        parameters: [.required("L", "length"), .required("k", "kernel_size"), .optional("s", "stride", default: .number(1)),
                     .optional("p", "padding", default: .number(0)), .optional("d", "dilation", default: .number(1))],
        summary: "the output length of a convolution, with the formula, without any data",
        details: """
        lengths(L, k, s=1, p=0, d=1)

        Shows L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1 with the numbers put in, and
        returns L_out. p may be a number, (left, right), "valid", "same", "causal" or "full".
        Sizes that no convolution accepts are refused with the reason and the smallest fix.

          lengths(L=3, k=2, s=2, p=1)      # 2
        """,
        body: { call throws(RuntimeError) in try outputLength(&call) })

    // MARK: - plot

    private static func drawPlot(_ call: inout BuiltinCall) throws(RuntimeError) -> Value {
        guard !call.rest.isEmpty else {
            throw call.error("plot needs a signal to draw", notes: ["for example: plot([0, 1, 3, 2, 5])"])
        }
        guard call.rest.count <= 4 else {
            throw RuntimeError("plot draws at most 4 signals at once, got \(call.rest.count)", at: call.rest[4].range)
        }
        let plot = try PlotArguments(call)
        let path: String?
        switch call.value("svg") {
        case .none: path = nil
        case .string(let file): path = file
        case let other:
            throw call.error("plot's svg must be a file name such as \"x.svg\", not \(other.typeName)", at: "svg")
        }
        let drawing = { PlotSVG(series: plot.series, title: plot.title).render() }
        // Without svg= the plot shows in the terminal; a host that shows figures gets it drawn too.
        let figures = call.context.figuresAsEvents
        if figures || path == nil {
            let text = TerminalPlot(series: plot.series, height: try call.integer("height", in: 1...40), title: plot.title).render()
            call.context.output(figures ? .figure(Figure(kind: .plot, text: text, svg: drawing())) : .explanation(text))
        }
        if let path { try call.context.writeText(drawing(), to: path, at: call.range(of: "svg")) }
        return .none
    }

    // MARK: - lengths

    private static func outputLength(_ call: inout BuiltinCall) throws(RuntimeError) -> Value {
        let length = try call.integer("L")
        let kernelSize = try call.integer("k")
        let parameters = ConvolutionParameters(
            stride: try call.integer("s"), padding: try ConvBuiltins.padding(call.value("p"), at: call.range(of: "p")),
            dilation: try call.integer("d"))
        let bound = call
        let result: Int
        let padding: (left: Int, right: Int)
        do throws(ConvolutionError) {
            result = try Convolution.outputLength(inputLength: length, kernelSize: kernelSize, parameters: parameters)
            padding = try Convolution.resolvedPadding(parameters, kernelSize: kernelSize)
        } catch {
            throw ConvBuiltins.refusal(error, parameters: parameters, at: call.range, inputRange: call.range(of: "L"),
                                       argumentRange: { name in bound.range(of: name == "w" ? "k" : name) })
        }
        let formula = LengthFormula(inputLength: length, left: padding.left, right: padding.right, kernelSize: kernelSize,
                                    stride: parameters.stride, dilation: parameters.dilation)
        call.context.output(.explanation(formula.symbolic + "\n" + formula.substituted))
        return .number(Double(result))
    }
}
