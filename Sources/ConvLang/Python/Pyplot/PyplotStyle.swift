/// pyplot's ways of saying how a line looks, read into a ``PlotStyle``: the format string
/// (`"r--"`, `"o"`, `"C1:"`), colours by letter, name, cycle index (`C0`), hex or grey level,
/// and the `linestyle=` names. Markers of every shape are drawn as dots.
enum PyplotStyle {
    /// matplotlib's single-letter colours.
    static let letterColors: [Character: String] = [
        "b": "#0000ff", "g": "#008000", "r": "#ff0000", "c": "#00bfbf",
        "m": "#bf00bf", "y": "#bfbf00", "k": "#000000", "w": "#ffffff",
    ]

    /// The default colour cycle, `C0` to `C9` (also `tab:blue` ...).
    static let cycle = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    private static let cycleNames = ["blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"]

    /// The named colours tutorials use most, as matplotlib (and CSS) define them.
    static let namedColors: [String: String] = [
        "black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000", "blue": "#0000ff",
        "orange": "#ffa500", "purple": "#800080", "gray": "#808080", "grey": "#808080", "brown": "#a52a2a",
        "pink": "#ffc0cb", "olive": "#808000", "cyan": "#00ffff", "magenta": "#ff00ff", "yellow": "#ffff00",
        "navy": "#000080", "teal": "#008080", "maroon": "#800000", "lime": "#00ff00", "gold": "#ffd700",
        "silver": "#c0c0c0", "crimson": "#dc143c", "coral": "#ff7f50", "salmon": "#fa8072", "tomato": "#ff6347",
        "violet": "#ee82ee", "indigo": "#4b0082", "orchid": "#da70d6", "tan": "#d2b48c", "khaki": "#f0e68c",
        "skyblue": "#87ceeb", "steelblue": "#4682b4", "royalblue": "#4169e1", "lightblue": "#add8e6",
        "darkblue": "#00008b", "darkred": "#8b0000", "darkgreen": "#006400", "lightgreen": "#90ee90",
        "forestgreen": "#228b22", "seagreen": "#2e8b57", "darkorange": "#ff8c00", "orangered": "#ff4500",
        "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3", "darkgray": "#a9a9a9", "darkgrey": "#a9a9a9",
        "dimgray": "#696969", "dimgrey": "#696969", "turquoise": "#40e0d0", "slategray": "#708090",
    ]

    /// Marker characters of format strings.
    static let markers: Set<Character> = [".", ",", "o", "v", "^", "<", ">", "1", "2", "3", "4", "8", "s", "p", "P", "*",
                                          "h", "H", "+", "x", "X", "D", "d", "|", "_"]

    /// A colour as an SVG colour, or nil when it is none of pyplot's spellings.
    static func color(_ value: Value) -> String? {
        switch value {
        case .string(let text): return color(named: text)
        case .tuple(let items) where items.count == 3 || items.count == 4:
            let channels = items.prefix(3).compactMap(\.asNumber)
            guard channels.count == 3, channels.allSatisfy({ (0...1).contains($0) }) else { return nil }
            return "#" + channels.map { hex(Int(($0 * 255).rounded())) }.joined()
        default: return nil
        }
    }

    static func color(named text: String) -> String? {
        if text.count == 1, let letter = text.first, let color = letterColors[letter] { return color }
        let lower = text.lowercased()
        if let color = namedColors[lower] { return color }
        if lower.hasPrefix("tab:"), let index = cycleNames.firstIndex(of: String(lower.dropFirst(4))) { return cycle[index] }
        if lower.hasPrefix("c"), lower.count >= 2, let index = Int(lower.dropFirst()), index >= 0 { return cycle[index % cycle.count] }
        if lower.hasPrefix("#"), [4, 5, 7, 9].contains(lower.count), lower.dropFirst().allSatisfy(\.isHexDigit) {
            let digits = Array(lower.dropFirst())
            // #rgb(a) doubles each digit; the alpha channel is left out of the drawing.
            let rgb = digits.count <= 4 ? digits.prefix(3).map { "\($0)\($0)" }.joined() : String(digits.prefix(6))
            return "#" + rgb
        }
        if let grey = Double(text), (0...1).contains(grey) {
            let level = hex(Int((grey * 255).rounded()))
            return "#" + level + level + level
        }
        return nil
    }

    private static func hex(_ value: Int) -> String {
        let digits = String(Swift.min(Swift.max(value, 0), 255), radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// `linestyle=` by symbol or name; nil when it is neither.
    static func line(named text: String) -> PlotStyle.Line? {
        switch text {
        case "-", "solid": .solid
        case "--", "dashed": .dashed
        case ":", "dotted": .dotted
        case "-.", "dashdot": .dashDot
        case "", " ", "None", "none": PlotStyle.Line.none
        default: nil
        }
    }

    /// A format string `[marker][line][color]` in any order, as matplotlib reads it: a string that
    /// is a colour as a whole is one; a marker without a line style draws markers alone.
    static func format(_ text: String) -> Result<PlotStyle, FormatError> {
        var style = PlotStyle()
        if let whole = color(named: text), text.count > 1 {
            style.color = whole
            return .success(style)
        }
        var line: PlotStyle.Line?
        var marker = false
        var characters = Array(text)[...]
        while let first = characters.first {
            // The two-character line styles before the one-character `-`.
            let pair = String(characters.prefix(2))
            if pair == "--" || pair == "-." {
                guard line == nil else { return .failure(.twoLineStyles(text)) }
                line = pair == "--" ? .dashed : .dashDot
                characters = characters.dropFirst(2)
                continue
            }
            if first == "-" || first == ":" {
                guard line == nil else { return .failure(.twoLineStyles(text)) }
                line = first == "-" ? .solid : .dotted
            } else if first == "C", characters.count > 1, let digit = characters.dropFirst().first, digit.isNumber,
                      let index = digit.wholeNumberValue {
                guard style.color == nil else { return .failure(.twoColors(text)) }
                style.color = cycle[index]
                characters = characters.dropFirst(2)
                continue
            } else if let color = letterColors[first] {
                guard style.color == nil else { return .failure(.twoColors(text)) }
                style.color = color
            } else if markers.contains(first) {
                guard !marker else { return .failure(.twoMarkers(text)) }
                marker = true
            } else {
                return .failure(.unrecognized(first, text))
            }
            characters = characters.dropFirst()
        }
        style.markers = marker
        style.line = line ?? (marker ? .none : .solid)
        return .success(style)
    }

    /// Why a format string was refused, in matplotlib's words.
    enum FormatError: Error {
        case unrecognized(Character, String)
        case twoLineStyles(String)
        case twoMarkers(String)
        case twoColors(String)

        var message: String {
            switch self {
            case .unrecognized(let character, let text): "Unrecognized character \(character) in format string '\(text)'"
            case .twoLineStyles(let text): "Illegal format string \"\(text)\"; two linestyle symbols"
            case .twoMarkers(let text): "Illegal format string \"\(text)\"; two marker symbols"
            case .twoColors(let text): "Illegal format string \"\(text)\"; two color symbols"
            }
        }
    }
}
