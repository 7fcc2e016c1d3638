/// How `explain` draws its figure: `all=true` (every step), `digits=` (significant digits of the
/// values drawn; the exact values are in each cell's tooltip) and `animate=true` (one SVG in
/// which the window slides from step to step).
struct FigureOptions: Sendable, Equatable {
    var all = false
    var digits = FigureOptions.defaultDigits
    var animate = false

    /// PyTorch prints tensors with 4 significant digits.
    static let defaultDigits = 4
    /// A double has at most 17 significant digits.
    static let digitsRange = 1...17
    /// How many steps an animation shows at most; with `all=true`, ``animatedStepsWithAll``.
    /// The first steps are shown, and the figure says how many were left out.
    static let animatedSteps = 16, animatedStepsWithAll = 256

    /// How many of `count` steps an animation shows.
    func animatedSteps(of count: Int) -> Int {
        Swift.min(count, all ? Self.animatedStepsWithAll : Self.animatedSteps)
    }
}

/// The figure of each kind of explanation, as SVG text: pure functions, so a host may write
/// the text to a file or show it itself.
enum ExplanationFigure {
    static func svg(_ explanation: ConvExplanation, _ options: FigureOptions) -> String {
        let figure = ConvExplanationSVG(explanation, options: options)
        return options.animate ? figure.renderAnimated() : figure.render()
    }

    static func svg(_ explanation: PoolExplanation, _ options: FigureOptions) -> String {
        let figure = PoolExplanationSVG(explanation, options: options)
        return options.animate ? figure.renderAnimated() : figure.render()
    }

    static func svg(_ explanation: TransposeExplanation, _ options: FigureOptions) -> String {
        let figure = TransposeExplanationSVG(explanation, options: options)
        return options.animate ? figure.renderAnimated() : figure.render()
    }
}
