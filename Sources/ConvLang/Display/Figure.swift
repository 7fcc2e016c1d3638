/// An explanation or a plot together with its drawing, for hosts that show figures themselves
/// (a notebook, an editor) instead of having them written to files.
///
/// Figures arrive as ``OutputEvent/figure(_:)`` only when the host sets
/// ``Interpreter/Configuration/figuresAsEvents``; otherwise an explanation or a terminal plot is
/// an ``OutputEvent/explanation(_:)`` as before, and `svg=` alone writes a drawing.
public struct Figure: Sendable, Equatable {
    /// What drew the figure.
    public enum Kind: String, Sendable {
        /// `explain` of a convolution, pooling or transposed convolution: the steps, and the kernel
        /// moving over the input.
        case explanation
        /// `plot(...)`: one or more signals on one scale.
        case plot
    }

    /// What drew the figure.
    public var kind: Kind
    /// What a person reads in a terminal: the explanation, or the plot in block characters.
    public var text: String
    /// The drawing: one complete SVG document.
    public var svg: String

    /// Creates a figure.
    public init(kind: Kind, text: String, svg: String) {
        self.kind = kind
        self.text = text
        self.svg = svg
    }
}

extension EvaluationContext {
    /// Shows an explanation: as a figure event with its drawing when the host asked for figures
    /// as events, else as text; and writes the drawing to `path` when there is one (`svg=`, or
    /// `conv --explain --svg DIR`). The drawing is only made when something needs it.
    func showExplanation(_ text: String, drawing: () -> String, path: String?, at range: SourceRange) throws(RuntimeError) {
        guard figuresAsEvents || path != nil else {
            output(.explanation(text))
            return
        }
        let svg = drawing()
        output(figuresAsEvents ? .figure(Figure(kind: .explanation, text: text, svg: svg)) : .explanation(text))
        if let path { try writeText(svg, to: path, at: range) }
    }
}
