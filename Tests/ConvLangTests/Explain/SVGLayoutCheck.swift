import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an SVG figure and finds what a reader could not read: two texts on top of each other,
/// a line or arrow through a text, a text spilling out of the cell it is written in, or a text
/// cut off at the figure's edge.
///
/// Text extents are estimated, not measured: the width from the font size and a conservative
/// width per character (wider than DejaVu Sans, the widest of the fonts the figures name, for
/// every character they use), shifted by `text-anchor`; the height from the font's ascent and
/// descent around the baseline. The estimate is this file's own, independent of the one the
/// figures are laid out with, so a layout that under-estimates its texts is caught here.
///
/// An animated figure (groups marked `data-frame="k"`, shown only in frame `k`, or
/// `data-from-frame="k"`, shown from frame `k` on) is checked frame by frame: what shows at
/// the same time must not overlap.
struct SVGLayoutCheck {
    struct Box {
        var minX, minY, maxX, maxY: Double

        func overlaps(_ other: Box, by tolerance: Double = 0.5) -> Bool {
            Swift.min(maxX, other.maxX) - Swift.max(minX, other.minX) > tolerance
                && Swift.min(maxY, other.maxY) - Swift.max(minY, other.minY) > tolerance
        }

        func contains(_ other: Box, tolerance: Double = 0.5) -> Bool {
            other.minX >= minX - tolerance && other.maxX <= maxX + tolerance
                && other.minY >= minY - tolerance && other.maxY <= maxY + tolerance
        }

        func contains(x: Double, y: Double) -> Bool { x >= minX && x <= maxX && y >= minY && y <= maxY }

        var area: Double { (maxX - minX) * (maxY - minY) }
    }

    /// When an element shows in an animated figure.
    enum Showing: Equatable {
        case always
        case only(Int)
        case from(Int)

        func shows(in frame: Int) -> Bool {
            switch self {
            case .always: true
            case .only(let k): k == frame
            case .from(let k): frame >= k
            }
        }
    }

    struct Text { var content: String; var box: Box; var showing: Showing }
    /// A line, a polyline's piece or an arrow, as a segment and how far its ink reaches either side.
    struct Segment { var x1, y1, x2, y2, reach: Double; var showing: Showing }
    struct Cell { var box: Box; var showing: Showing }

    private(set) var texts: [Text] = []
    private(set) var segments: [Segment] = []
    private(set) var cells: [Cell] = []
    private(set) var width = 0.0, height = 0.0
    /// Whether the document parsed as XML.
    private(set) var parsed = false
    private(set) var frames: Set<Int> = []

    init(_ svg: String) {
        let reader = Reader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        // FoundationXML's parse() can succeed past an error it reports; either fails the figure.
        parsed = parser.parse() && parser.parserError == nil
        texts = reader.texts
        segments = reader.segments
        cells = reader.cells
        width = reader.width
        height = reader.height
        frames = reader.frames
    }

    /// Every problem found, one sentence each; empty when the figure reads cleanly.
    var problems: [String] {
        guard parsed else { return ["the figure is not well-formed XML"] }
        let bounds = Box(minX: 0, minY: 0, maxX: width, maxY: height)
        var found = texts.filter { !bounds.contains($0.box) }.map { "\"\($0.content)\" is cut off at the figure's edge" }
        for frame in frames.isEmpty ? [0] : frames.sorted() {
            let note = frames.isEmpty ? "" : " (frame \(frame))"
            let shown = texts.filter { $0.showing.shows(in: frame) }
            for (i, a) in shown.enumerated() {
                for b in shown[(i + 1)...] where a.box.overlaps(b.box) {
                    found.append("\"\(a.content)\" overlaps \"\(b.content)\"\(note)")
                }
                for line in segments where line.showing.shows(in: frame) && Self.crosses(line, a.box) {
                    found.append("a line crosses \"\(a.content)\"\(note)")
                }
                let holders = cells.filter { $0.showing.shows(in: frame) && $0.box.contains(x: (a.box.minX + a.box.maxX) / 2, y: (a.box.minY + a.box.maxY) / 2) }
                if let cell = holders.min(by: { $0.box.area < $1.box.area }), !cell.box.contains(a.box) {
                    found.append("\"\(a.content)\" spills out of its cell\(note)")
                }
            }
        }
        return Array(Set(found)).sorted()
    }

    /// Whether a segment, thickened by its reach, touches a box (Liang–Barsky clipping).
    static func crosses(_ s: Segment, _ box: Box) -> Bool {
        let grown = Box(minX: box.minX - s.reach, minY: box.minY - s.reach, maxX: box.maxX + s.reach, maxY: box.maxY + s.reach)
        let dx = s.x2 - s.x1, dy = s.y2 - s.y1
        var low = 0.0, high = 1.0
        for (p, q) in [(-dx, s.x1 - grown.minX), (dx, grown.maxX - s.x1), (-dy, s.y1 - grown.minY), (dy, grown.maxY - s.y1)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { low = Swift.max(low, t) } else { high = Swift.min(high, t) }
            }
        }
        // Touching only along the grown edge does not count.
        return high - low > 1e-6 && low <= high
    }

    /// Conservative widths in em: narrow punctuation and letters, the widest letters and
    /// symbols, and everything else.
    static func estimatedWidth(_ text: String, size: Double, bold: Bool) -> Double {
        let narrow = Set(".,·:;'!|()[]{} iljftrI"), wide = Set("mwMW…—%@"), symbols = Set("−+=<>×→≥≤±∞")
        let em = text.reduce(0.0) { total, character in
            total + (narrow.contains(character) ? 0.45 : wide.contains(character) ? 1.0 : symbols.contains(character) ? 0.9 : 0.72)
        }
        return em * size * (bold ? 1.1 : 1)
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var texts: [Text] = []
        var segments: [Segment] = []
        var cells: [Cell] = []
        var width = 0.0, height = 0.0
        var frames: Set<Int> = []
        private var stack: [(name: String, showing: Showing)] = []
        private var pendingText: (x: Double, y: Double, size: Double, anchor: String, bold: Bool)?
        /// The centre of a text's `rotate(-90 x y)`, the one turn the figures use (an axis label).
        private var quarterTurn: (x: Double, y: Double)?
        private var content = ""

        private var showing: Showing { stack.last?.showing ?? .always }
        private var inDefinitions: Bool { stack.contains { $0.name == "defs" || $0.name == "title" } }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            var current = showing
            if let k = attributes["data-frame"].flatMap(Int.init) { current = .only(k); frames.insert(k) }
            if let k = attributes["data-from-frame"].flatMap(Int.init) { current = .from(k); frames.insert(k) }
            let number = { (key: String) in attributes[key].flatMap(Double.init) ?? 0 }
            if !inDefinitions {
                switch name {
                case "svg":
                    (width, height) = (number("width"), number("height"))
                case "text":
                    pendingText = (number("x"), number("y"), attributes["font-size"].flatMap(Double.init) ?? 16,
                                   attributes["text-anchor"] ?? "start", attributes["font-weight"] == "bold")
                    content = ""
                    quarterTurn = nil
                    if let transform = attributes["transform"], transform.hasPrefix("rotate(-90 ") {
                        let centre = transform.dropFirst("rotate(-90 ".count).dropLast().split(separator: " ").compactMap { Double($0) }
                        if centre.count == 2 { quarterTurn = (centre[0], centre[1]) }
                    }
                case "line":
                    addLine([(number("x1"), number("y1")), (number("x2"), number("y2"))], attributes, current)
                case "polyline":
                    let points = (attributes["points"] ?? "").split(separator: " ").compactMap { pair -> (Double, Double)? in
                        let xy = pair.split(separator: ",").compactMap { Double($0) }
                        return xy.count == 2 ? (xy[0], xy[1]) : nil
                    }
                    addLine(points, attributes, current)
                case "rect":
                    if let w = attributes["width"].flatMap(Double.init), let h = attributes["height"].flatMap(Double.init) {
                        cells.append(Cell(box: Box(minX: number("x"), minY: number("y"), maxX: number("x") + w, maxY: number("y") + h),
                                          showing: current))
                    }
                default: break
                }
            }
            stack.append((name, current))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if stack.last?.name == "text" { content += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text", let text = pendingText {
                let width = SVGLayoutCheck.estimatedWidth(content, size: text.size, bold: text.bold)
                let left = text.anchor == "middle" ? text.x - width / 2 : text.anchor == "end" ? text.x - width : text.x
                var box = Box(minX: left, minY: text.y - 0.8 * text.size, maxX: left + width, maxY: text.y + 0.25 * text.size)
                if let c = quarterTurn {
                    // Turned a quarter counter-clockwise about c: (x, y) goes to (c.x + y − c.y, c.y − (x − c.x)).
                    box = Box(minX: c.x + box.minY - c.y, minY: c.y - (box.maxX - c.x), maxX: c.x + box.maxY - c.y, maxY: c.y - (box.minX - c.x))
                }
                texts.append(Text(content: content, box: box, showing: showing))
                pendingText = nil
            }
            stack.removeLast()
        }

        /// The pieces of a line, and its arrow head when it has one: the figures' marker is 7
        /// stroke widths long and wide, ending at the line's end.
        private func addLine(_ points: [(Double, Double)], _ attributes: [String: String], _ showing: Showing) {
            let stroke = attributes["stroke-width"].flatMap(Double.init) ?? 1
            for index in points.indices.dropFirst() {
                let (a, b) = (points[index - 1], points[index])
                segments.append(Segment(x1: a.0, y1: a.1, x2: b.0, y2: b.1, reach: stroke / 2, showing: showing))
            }
            guard attributes["marker-end"] != nil, points.count >= 2 else { return }
            let (a, b) = (points[points.count - 2], points[points.count - 1])
            let length = ((b.0 - a.0) * (b.0 - a.0) + (b.1 - a.1) * (b.1 - a.1)).squareRoot()
            guard length > 0 else { return }
            let head = Swift.min(1, 7 * stroke / length)
            segments.append(Segment(x1: b.0 - (b.0 - a.0) * head, y1: b.1 - (b.1 - a.1) * head, x2: b.0, y2: b.1,
                                    reach: 3.5 * stroke, showing: showing))
        }
    }
}
