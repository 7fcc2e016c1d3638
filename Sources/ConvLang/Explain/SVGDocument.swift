/// A small SVG writer: shapes and text appended in drawing order, rendered as one string.
/// Pure string building; writing it anywhere is the host's business.
///
/// It keeps the extent of what it draws (texts by ``TextMetrics``), so a figure can grow to
/// hold everything with ``fit(margin:)`` instead of clipping what it did not plan for.
struct SVGDocument {
    var width: Double
    var height: Double
    private var definitions: [String] = []
    private var elements: [String] = []
    /// The right and bottom edges of everything drawn so far.
    private(set) var right = 0.0, bottom = 0.0

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func define(_ element: String) { definitions.append(element) }

    /// Grows the document to hold everything drawn, with `margin` to spare on the right and below.
    mutating func fit(margin: Double) {
        width = Swift.max(width, right + margin)
        height = Swift.max(height, bottom + margin)
    }

    private mutating func extend(x: Double, y: Double) {
        right = Swift.max(right, x)
        bottom = Swift.max(bottom, y)
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String,
                       strokeWidth: Double = 1, dashed: Bool = false, radius: Double = 0, className: String? = nil) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
        attributes += " fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(strokeWidth))\""
        if radius > 0 { attributes += " rx=\"\(Self.number(radius))\"" }
        if dashed { attributes += " stroke-dasharray=\"4 3\"" }
        if let className { attributes += " class=\"\(className)\"" }
        elements.append("<rect \(attributes)/>")
        extend(x: x + width, y: y + height)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                       dashed: Bool = false, arrow: Bool = false, className: String? = nil) {
        var attributes = "x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\""
        attributes += " stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
        if dashed { attributes += " stroke-dasharray=\"4 3\"" }
        if arrow { attributes += " marker-end=\"url(#arrow)\"" }
        if let className { attributes += " class=\"\(className)\"" }
        elements.append("<line \(attributes)/>")
        extend(x: Swift.max(x1, x2), y: Swift.max(y1, y2))
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, arrow: Bool = false,
                           dashes: String? = nil, className: String? = nil) {
        let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        var attributes = "points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\" stroke-linejoin=\"round\""
        if let dashes { attributes += " stroke-dasharray=\"\(dashes)\"" }
        if arrow { attributes += " marker-end=\"url(#arrow)\"" }
        if let className { attributes += " class=\"\(className)\"" }
        elements.append("<polyline \(attributes)/>")
        for (x, y) in points { extend(x: x, y: y) }
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        elements.append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\"/>")
        extend(x: x + radius, y: y + radius)
    }

    enum Anchor: String { case start, middle, end }

    /// Text read from bottom to top (an axis label beside a vertical axis), centred on `x`, `y`.
    mutating func verticalText(_ content: String, x: Double, y: Double, size: Double = 14, color: String = "#222",
                               className: String? = nil) {
        let baseline = x + size * 0.35
        var attributes = "x=\"\(Self.number(baseline))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\""
        attributes += " text-anchor=\"middle\" fill=\"\(color)\" transform=\"rotate(-90 \(Self.number(baseline)) \(Self.number(y)))\""
        if let className { attributes += " class=\"\(className)\"" }
        elements.append("<text \(attributes)>\(Self.escaped(content))</text>")
        extend(x: x + TextMetrics.halfHeight(size: size), y: y + TextMetrics.width(content, size: size) / 2)
    }

    /// Text whose vertical middle is at `y`.
    mutating func text(_ content: String, x: Double, y: Double, size: Double = 14, anchor: Anchor = .middle,
                       color: String = "#222", bold: Bool = false, className: String? = nil) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y + size * 0.35))\" font-size=\"\(Self.number(size))\""
        attributes += " text-anchor=\"\(anchor.rawValue)\" fill=\"\(color)\""
        if bold { attributes += " font-weight=\"bold\"" }
        if let className { attributes += " class=\"\(className)\"" }
        elements.append("<text \(attributes)>\(Self.escaped(content))</text>")
        let width = TextMetrics.width(content, size: size, bold: bold)
        let end = switch anchor {
        case .start: x + width
        case .middle: x + width / 2
        case .end: x
        }
        extend(x: end, y: y + TextMetrics.halfHeight(size: size))
    }

    /// A group drawn by `body`: with a tooltip (`<title>`, shown when the pointer rests on it),
    /// a class, and further attributes such as `data-frame` or `opacity`.
    mutating func group(className: String? = nil, tooltip: String? = nil, attributes: [(String, String)] = [],
                        _ body: (inout SVGDocument) -> Void) {
        var opening = "<g"
        if let className { opening += " class=\"\(className)\"" }
        for (name, value) in attributes { opening += " \(name)=\"\(Self.escaped(value))\"" }
        elements.append(opening + ">")
        if let tooltip { elements.append("<title>\(Self.escaped(tooltip))</title>") }
        body(&self)
        elements.append("</g>")
    }

    /// Inside a group: steps `attribute` through `values`, each from its key time (a fraction of
    /// `duration` seconds) to the next, without easing, repeating forever (SMIL; no script).
    mutating func animateDiscretely(_ attribute: String, values: [String], keyTimes: [Double], duration: Double) {
        let times = keyTimes.map(Self.fraction)
        elements.append("<animate attributeName=\"\(attribute)\" values=\"\(values.joined(separator: ";"))\" "
                        + "keyTimes=\"\(times.joined(separator: ";"))\" dur=\"\(Self.number(duration))s\" "
                        + "calcMode=\"discrete\" repeatCount=\"indefinite\"/>")
    }

    func render() -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
                + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
        ]
        if !definitions.isEmpty { lines.append("<defs>" + definitions.joined() + "</defs>") }
        lines += elements
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Coordinates with at most two decimals, no trailing zeros.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let rounded = (x * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }

    /// A fraction between 0 and 1 with at most four decimals and no exponent: `0`, `0.125`, `1`.
    static func fraction(_ x: Double) -> String {
        let tenThousandths = Int((Swift.min(Swift.max(x, 0), 1) * 10_000).rounded())
        if tenThousandths == 0 { return "0" }
        if tenThousandths == 10_000 { return "1" }
        var digits = String(tenThousandths)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
