/// A small SVG writer: shapes and text appended in drawing order, rendered as one string.
/// Pure string building; writing it anywhere is the host's business.
struct SVGDocument {
    var width: Double
    var height: Double
    private var definitions: [String] = []
    private var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func define(_ element: String) { definitions.append(element) }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String,
                       strokeWidth: Double = 1, dashed: Bool = false, radius: Double = 0, className: String? = nil) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
        attributes += " fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(strokeWidth))\""
        if radius > 0 { attributes += " rx=\"\(Self.number(radius))\"" }
        if dashed { attributes += " stroke-dasharray=\"4 3\"" }
        if let className { attributes += " class=\"\(className)\"" }
        elements.append("<rect \(attributes)/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                       dashed: Bool = false, arrow: Bool = false) {
        var attributes = "x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\""
        attributes += " stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
        if dashed { attributes += " stroke-dasharray=\"4 3\"" }
        if arrow { attributes += " marker-end=\"url(#arrow)\"" }
        elements.append("<line \(attributes)/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
        let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        elements.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\" stroke-linejoin=\"round\"/>")
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        elements.append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\"/>")
    }

    enum Anchor: String { case start, middle, end }

    /// Text whose vertical middle is at `y`.
    mutating func text(_ content: String, x: Double, y: Double, size: Double = 14, anchor: Anchor = .middle,
                       color: String = "#222", bold: Bool = false, className: String? = nil) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y + size * 0.35))\" font-size=\"\(Self.number(size))\""
        attributes += " text-anchor=\"\(anchor.rawValue)\" fill=\"\(color)\""
        if bold { attributes += " font-weight=\"bold\"" }
        if let className { attributes += " class=\"\(className)\"" }
        elements.append("<text \(attributes)>\(Self.escaped(content))</text>")
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
