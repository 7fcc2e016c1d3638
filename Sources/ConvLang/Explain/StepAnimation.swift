/// The animated variant of a step figure, like the well-known convolution-arithmetic
/// animations: the input drawn once, the window jumping from step to step over it, and each
/// output cell filling in as its step computes it, with the step's arithmetic written under the
/// output. One self-contained SVG; SMIL `<animate>` plays it in any browser, with no script.
///
/// Each step is a frame of ``secondsPerStep``; the last one stays for ``holdSteps`` more before
/// the loop starts again. What belongs to one frame is a group marked `data-frame="k"`, what
/// shows from a frame on is marked `data-from-frame="k"`. A viewer that does not animate shows
/// the last frame with every output filled in.
///
/// Long inputs are capped: only the first ``FigureOptions/animatedSteps(of:)`` steps are
/// animated, and the figure says how many were left out.
struct StepAnimation {
    static let secondsPerStep = 1.0, holdSteps = 2.0

    let figure: StepFigure
    /// How many steps the explanation has, and how many are animated.
    let steps: Int
    let frames: Int

    private typealias F = StepFigure

    /// What the explanation being animated draws itself.
    struct Drawing {
        var title: String
        var subtitle: String
        /// The rows that stay (positions, input values) from `top`; returns where they end.
        var drawStatic: (inout SVGDocument, _ top: Double) -> Double
        /// What marks step `k`'s window over those rows (outlines, kernel, bracket).
        var drawWindow: (inout SVGDocument, _ step: Int, _ top: Double) -> Void
        /// Where the arrow to step `k`'s output leaves the window: the middle of its bottom edge.
        var windowBottom: (_ step: Int, _ top: Double) -> (x: Double, y: Double)
        var output: (_ step: Int) -> Double
        /// The column step `k`'s output is drawn in (its own index unless given).
        var outputColumn: (_ step: Int) -> Int = { $0 }
        /// Step `k`'s arithmetic, rounded and exact.
        var sum: (_ step: Int) -> (text: String, exact: String)
        var legend: [(String, String, String, Bool)]
    }

    private var duration: Double { (Double(frames) + Self.holdSteps) * Self.secondsPerStep }
    private func start(_ k: Int) -> Double { Double(k) * Self.secondsPerStep / duration }

    func render(_ drawing: Drawing) -> String {
        var svg = SVGDocument(width: 560, height: 0)
        F.defineMarkers(&svg)
        F.drawTitle(&svg, drawing.title, subtitle: drawing.subtitle)
        var top = F.margin + 56
        if frames < steps {
            svg.text("animating the first \(frames) of \(steps) steps (explain(..., all=true) animates up to "
                     + "\(FigureOptions.animatedStepsWithAll))", x: F.margin, y: top - 4, size: 12, anchor: .start,
                     color: F.paddingInk, className: "cap-note")
            top += 22
        }
        top += 20
        let staticEnd = drawing.drawStatic(&svg, top)
        let outputTop = staticEnd + 44
        drawOutputRow(&svg, drawing, top: outputTop)
        let captionY = outputTop + F.cellHeight + 22
        for k in 0..<frames {
            frame(&svg, k) { svg in
                drawing.drawWindow(&svg, k, top)
                let from = drawing.windowBottom(k, top)
                let column = drawing.outputColumn(k)
                let target = (x: figure.x(ofColumn: column) + figure.cell / 2, y: outputTop - 3)
                svg.line(x1: from.x, y1: from.y + 3, x2: target.x, y2: target.y, stroke: F.outputStroke, width: 1.5,
                         arrow: true, className: "arrow")
                svg.rect(x: figure.x(ofColumn: column) + 1, y: outputTop, width: figure.cell - 2, height: F.cellHeight, fill: "none",
                         stroke: F.coverColor, strokeWidth: 3, radius: 3, className: "cover")
                let sum = drawing.sum(k)
                svg.group(tooltip: sum.exact) { svg in
                    svg.text("step \(k + 1): " + sum.text, x: F.margin, y: captionY, size: 13, anchor: .start, color: "#333",
                             className: "frame-caption")
                }
            }
        }
        F.drawLegend(&svg, items: drawing.legend, y: captionY + 34)
        svg.fit(margin: F.margin)
        return svg.render()
    }

    /// Empty outlines for every animated output, each filled in from its own frame on.
    private func drawOutputRow(_ svg: inout SVGDocument, _ drawing: Drawing, top: Double) {
        figure.drawRowLabel(&svg, "output", y: top)
        let x = { (k: Int) in figure.x(ofColumn: drawing.outputColumn(k)) }
        for k in 0..<frames {
            svg.rect(x: x(k) + 1, y: top, width: figure.cell - 2, height: F.cellHeight, fill: "none",
                     stroke: F.outputStroke, dashed: true, radius: 3, className: "output-slot")
        }
        if frames < steps { figure.drawElision(&svg, x: x(frames - 1) + figure.cell, y: top) }
        for k in 0..<frames {
            shown(&svg, from: k) { svg in figure.drawOutputCell(&svg, step: k, output: drawing.output(k), x: x(k), y: top) }
        }
    }

    /// A group shown during frame `k` only (and, where nothing animates, if it is the last).
    private func frame(_ svg: inout SVGDocument, _ k: Int, _ body: (inout SVGDocument) -> Void) {
        let last = k == frames - 1
        svg.group(className: "frame", attributes: [("data-frame", "\(k)"), ("opacity", last ? "1" : "0")]) { svg in
            if frames > 1 {
                let end = start(k + 1)
                switch (k == 0, last) {
                case (true, _): svg.animateDiscretely("opacity", values: ["1", "0"], keyTimes: [0, end], duration: duration)
                case (false, true): svg.animateDiscretely("opacity", values: ["0", "1"], keyTimes: [0, start(k)], duration: duration)
                case (false, false):
                    svg.animateDiscretely("opacity", values: ["0", "1", "0"], keyTimes: [0, start(k), end], duration: duration)
                }
            }
            body(&svg)
        }
    }

    /// A group shown from frame `k` on (and always where nothing animates).
    private func shown(_ svg: inout SVGDocument, from k: Int, _ body: (inout SVGDocument) -> Void) {
        svg.group(className: "fill", attributes: [("data-from-frame", "\(k)")]) { svg in
            if k > 0 { svg.animateDiscretely("opacity", values: ["0", "1"], keyTimes: [0, start(k)], duration: duration) }
            body(&svg)
        }
    }
}
