import ConvNumerics

/// Turns values into the text people read: deterministic, NumPy-like, and short.
///
/// Numbers use the shortest form at 8 significant digits (`2`, `0.5`, `-1.9`, `1e-09`), so
/// `0.1 + 0.2` shows `0.3`. Tensors print as nested brackets with aligned columns; more than
/// ``summaryThreshold`` elements are summarised with `...` and the shape.
public enum ValueFormatter {
    /// Tensors with more elements than this are summarised.
    public static let summaryThreshold = 1000
    /// How many items are kept at each end of a summarised axis.
    static let edgeItems = 3

    /// How an expression statement's value is shown.
    public static func display(_ value: Value) -> String { repr(value) }

    /// How an expression statement's value is shown on a screen `lineWidth` columns wide: a
    /// tensor's rows wrap there, as NumPy's do at its `linewidth` (75 by default), with the
    /// elements aligned; other values are as ``display(_:)`` shows them.
    public static func display(_ value: Value, lineWidth: Int) -> String {
        guard case .tensor(let tensor) = value else { return display(value) }
        return format(tensor, lineWidth: lineWidth)
    }

    /// How `print` shows a value: Python's `str(value)` (`3.0`, `True`, `None`, `(1, 'a')`,
    /// strings without quotes); a tensor as ``display(_:)`` shows it.
    public static func printed(_ value: Value) -> String {
        PythonText.str(value)
    }

    /// The representation of a value.
    public static func repr(_ value: Value) -> String { repr(value, tensors: .conv) }

    /// ``repr(_:)`` with tensors (also inside tuples) shown as `tensors` says.
    static func repr(_ value: Value, tensors: TensorDisplay) -> String {
        var open = OpenContainers()
        return repr(value, tensors: tensors, open: &open)
    }

    /// `open` holds the lists and dicts being shown, so one that contains itself shows `[...]`
    /// where it recurs (as Python's repr does) instead of recursing for ever.
    private static func repr(_ value: Value, tensors: TensorDisplay, open: inout OpenContainers) -> String {
        switch value {
        case .number(let x): return format(x)
        case .int(let i): return String(i)
        case .bigInt(let n): return IntegerText.display(n)
        case .range(let range): return range.description
        case .tensor(let t): return tensors.text(of: t)
        case .variable(let box): return tensors.text(of: box.tensor, marks: box.marks)
        case .object(let box): return value.numpyText(repr: true, options: tensors.numpy) ?? box.description
        case .string(let s): return "\"" + s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
        case .bool(let b): return b ? "true" : "false"
        case .none: return "none"
        // A list of numbers shows as the tensor it stands for, as list literals always have.
        case .list(let list):
            if let tensor = list.tensor { return format(tensor) }
            return open.containerText(value) { repr($0, tensors: tensors, open: &$1) } ?? ""
        case .size(let extents): return tensors.text(ofSize: extents)
        case .returnTuple(let named):
            guard tensors.mode == .torch else { return repr(.tuple(named.items), tensors: tensors, open: &open) }
            return named.text { repr($0, tensors: tensors, open: &open) }
        case .tuple, .dict, .set:
            return open.containerText(value) { repr($0, tensors: tensors, open: &$1) } ?? ""
        case .function(let f):
            switch f.kind {
            case .builtin: return "<builtin \(f.signature)>"
            case .user: return "<fn \(f.signature)>"
            case .python: return "<function \(f.signature)>"
            case .boundBuiltin(let receiver, let builtin): return "<built-in method \(builtin.name) of \(receiver.typeName) object>"
            case .method(let method): return PythonDisplay.repr(method)
            }
        case .layer(let layer): return layer.description
        case .namespace(let namespace): return "<module \(namespace.name)>"
        case .pythonClass(let pythonClass): return pythonClass.repr
        case .instance(let instance): return PythonDisplay.repr(instance) { repr($0, tensors: tensors) }
        }
    }

    /// A number in the shortest form at 8 significant digits.
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return x.sign == .minus ? "-0" : "0" }
        if x == x.rounded(), abs(x) < 1e8 { return String(Int64(x)) }
        return CFormatting.format(x, "%.8g")
    }

    /// A tensor as nested brackets; rank 2 and up align every column to one width. With a
    /// `lineWidth`, rows longer than that wrap onto lines indented under their first element.
    public static func format(_ tensor: Tensor, lineWidth: Int? = nil) -> String {
        if tensor.rank == 0 { return format(tensor.scalars.first ?? .nan) }
        // Long axes are summarised even when the tensor is empty ([10^6, 0] has 10^6 rows).
        let summarise = tensor.count > summaryThreshold || tensor.shape.contains { $0 > summaryThreshold }
        var cells = TensorCells(tensor: tensor, summarise: summarise)
        cells.lineWidth = lineWidth
        // Columns align when there are several rows; a single row reads best unpadded.
        let rows = tensor.count / Swift.max(tensor.shape.last ?? 1, 1)
        let width = tensor.rank >= 2 && rows > 1 ? cells.maximumWidth : 0
        var text = cells.render(axis: 0, offset: 0, indent: 1, width: width)
        if summarise { text += " (shape \(tensor.shape))" }
        return text
    }
}

/// Formats the visible elements of a tensor once, then lays them out recursively.
private struct TensorCells {
    let tensor: Tensor
    let summarise: Bool
    let strides: [Int]
    /// The elements as `Double`s, widened once rather than for every element formatted.
    private let elements: [Double]
    /// Formatted text of every visible element, by flat offset.
    private(set) var texts: [Int: String] = [:]
    /// Where rows wrap; nil keeps each row on one line.
    var lineWidth: Int?

    init(tensor: Tensor, summarise: Bool) {
        self.tensor = tensor
        self.summarise = summarise
        self.strides = Tensor.strides(of: tensor.shape)
        self.elements = tensor.scalars
        collect(axis: 0, offset: 0)
    }

    var maximumWidth: Int { texts.values.map(\.count).max() ?? 0 }

    /// The positions shown along an axis: all, or the first and last few with a gap (`nil`).
    func visible(_ axis: Int) -> [Int?] {
        let extent = tensor.shape[axis]
        let edge = ValueFormatter.edgeItems
        guard summarise, extent > 2 * edge else { return Array(0..<extent) }
        return Array(0..<edge) + [nil] + Array((extent - edge)..<extent)
    }

    private mutating func collect(axis: Int, offset: Int) {
        for position in visible(axis).compactMap({ $0 }) {
            let next = offset + position * strides[axis]
            if axis == tensor.rank - 1 {
                texts[next] = ValueFormatter.format(elements[next])
            } else {
                collect(axis: axis + 1, offset: next)
            }
        }
    }

    func render(axis: Int, offset: Int, indent: Int, width: Int) -> String {
        let positions = visible(axis)
        if axis == tensor.rank - 1 {
            let row = { (width: Int) in
                positions.map { position -> String in
                    guard let position else { return "..." }
                    let text = texts[offset + position * strides[axis]] ?? ""
                    return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
                }
            }
            let line = "[" + row(width).joined(separator: ", ") + "]"
            // The row starts after `axis` brackets (or as many spaces), and the closing brackets
            // of the outer axes (or a comma) follow it.
            let closing = tensor.rank - 1 - axis
            guard let lineWidth, axis + line.count + closing > lineWidth else { return line }
            return wrap(row(Swift.max(width, maximumWidth)), column: axis, closing: closing, lineWidth: lineWidth)
        }
        // Rows of a matrix are separated by a newline; blocks of higher rank by a blank line.
        let blankLines = String(repeating: "\n", count: tensor.rank - axis - 1)
        let separator = "," + blankLines + String(repeating: " ", count: indent)
        let rows = positions.map { position -> String in
            guard let position else { return "..." }
            return render(axis: axis + 1, offset: offset + position * strides[axis], indent: indent + 1, width: width)
        }
        return "[" + rows.joined(separator: separator) + "]"
    }

    /// A row too long for one line: as many elements per line as fit in `lineWidth`, each line
    /// after the first indented under the first element. The row's `[` is at `column`; its last
    /// line is followed by `closing` characters (the outer axes' brackets, or a comma).
    private func wrap(_ items: [String], column: Int, closing: Int, lineWidth: Int) -> String {
        var lines: [String] = []
        var line = "["
        for (index, item) in items.enumerated() {
            let isLast = index == items.count - 1
            let piece = item + (isLast ? "]" : ",")
            let reserved = isLast ? closing : 0
            if line != "[", column + line.count + 1 + piece.count + reserved > lineWidth {
                lines.append(line)
                line = " " + piece
                continue
            }
            line += (line == "[" ? "" : " ") + piece
        }
        lines.append(line)
        return lines.joined(separator: "\n" + String(repeating: " ", count: column))
    }
}
