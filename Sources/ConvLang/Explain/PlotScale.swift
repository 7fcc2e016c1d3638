/// One signal `plot` draws: its samples, where each one sits along the x axis, and its name in
/// the legend.
struct PlotSeries: Sendable, Equatable {
    var values: [Double]
    /// The x position of each sample; `nil` for the sample index (0, 1, 2, ...).
    var positions: [Double]?
    var label: String?
    /// How the SVG drawing shows it; the terminal's block characters have one style only.
    var style = PlotStyle()

    init(_ values: [Double], positions: [Double]? = nil, label: String? = nil, style: PlotStyle = PlotStyle()) {
        self.values = values
        self.positions = positions
        self.label = label
        self.style = style
    }

    /// Sample `i`'s x position.
    func x(_ i: Int) -> Double { positions?[i] ?? Double(i) }

    /// Every sample's x position.
    var xs: [Double] { positions ?? values.indices.map(Double.init) }
}

/// How a series is drawn: `plot`'s solid line in the next colour, or what pyplot's format
/// string and keywords ask for (`"r--"`, `"o"`, `color=`, `linestyle=`, `marker=`).
struct PlotStyle: Sendable, Equatable {
    enum Line: Sendable, Equatable { case solid, dashed, dotted, dashDot, none }
    /// An SVG colour (`#d62728`), or `nil` for the series' colour in the cycle.
    var color: String?
    var line = Line.solid
    /// Whether each sample is marked with a dot.
    var markers = false
    var width = 2.0

    /// The stroke's `stroke-dasharray`, scaled to its width; `nil` for a solid line.
    var dashes: String? {
        let w = Swift.max(width, 1)
        switch line {
        case .solid, .none: return nil
        case .dashed: return "\(SVGDocument.number(3.7 * w)) \(SVGDocument.number(1.6 * w))"
        case .dotted: return "\(SVGDocument.number(w)) \(SVGDocument.number(1.65 * w))"
        case .dashDot: return "\(SVGDocument.number(6.4 * w)) \(SVGDocument.number(1.6 * w)) \(SVGDocument.number(w)) \(SVGDocument.number(1.6 * w))"
        }
    }
}

/// The range an axis shows and the round numbers it is labelled with: steps of 1, 2, 2.5 or 5
/// times a power of ten, the range widened to whole steps, and labels with at most 4
/// significant digits (more only where 4 would print two ticks alike).
struct PlotScale: Sendable, Equatable {
    var low: Double
    var high: Double
    var ticks: [Double]

    /// About `count` ticks over `low...high`; with `integers`, no step below 1.
    init(low: Double, high: Double, count: Int, integers: Bool = false) {
        let (low, high) = low < high ? (low, high) : Self.widened(low)
        if let (step, first, n) = Self.step(low: low, high: high, count: count, integers: integers) {
            ticks = (0...n).map { i in
                let tick = first + Double(i) * step
                // 0.1 + 0.2 lands beside 0.3; a tick within a billionth of a step of 0 is 0.
                return abs(tick) < step * 1e-9 ? 0 : tick
            }
            self.low = ticks[0]
            self.high = ticks[ticks.count - 1]
        } else {
            // Too wide for round steps (near ±1.8e308): the ends alone.
            ticks = [low, high]
            self.low = low
            self.high = high
        }
    }

    /// A range around a single value.
    private static func widened(_ value: Double) -> (Double, Double) {
        let half = value == 0 ? 1 : Swift.min(abs(value) / 2, 1)
        return (value - half, value + half)
    }

    /// The round step, the first tick at or below `low`, and how many steps reach `high`.
    private static func step(low: Double, high: Double, count: Int, integers: Bool) -> (Double, Double, Int)? {
        let rough = (high / 2 - low / 2) / Double(Swift.max(count - 1, 1)) * 2
        guard rough.isFinite, rough > 0 else { return nil }
        var power = 1.0
        while power * 10 <= rough, power < 1e307 { power *= 10 }
        while power > rough, power > 1e-307 { power /= 10 }
        let multiples: [Double] = integers ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]
        var step = (multiples.first { $0 * power >= rough } ?? 10) * power
        if integers { step = Swift.max(1, step) }
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        let steps = ((last - first) / step).rounded()
        guard first.isFinite, last.isFinite, steps.isFinite, steps >= 1, steps <= 50 else { return nil }
        return (step, first, Int(steps))
    }

    /// Where `value` falls, from 0 at ``low`` to 1 at ``high`` (halved so the span stays finite).
    func fraction(_ value: Double) -> Double {
        (value / 2 - low / 2) / (high / 2 - low / 2)
    }

    /// Whether zero lies strictly inside the range, so a zero line helps.
    var crossesZero: Bool { low < 0 && high > 0 }

    /// The tick labels: 4 significant digits, or as many more as it takes to tell them apart.
    var labels: [String] { Self.labels(ticks) }

    static func labels(_ values: [Double]) -> [String] {
        for digits in 4...17 {
            let labels = values.map { ExplanationNumbers.rounded($0, digits: digits) }
            if Set(labels).count == Set(values).count { return labels }
        }
        return values.map(ExplanationNumbers.number)
    }
}
