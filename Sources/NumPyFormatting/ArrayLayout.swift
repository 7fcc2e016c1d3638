/// NumPy's `_formatArray`: a non-empty array's elements as nested brackets, each row wrapped
/// before the line width, axes longer than twice the edge items summarised with `...` when the
/// array has more elements than the threshold.
struct ArrayLayout {
    private let shape: [Int]
    private let strides: [Int]
    private let elements: ArrayElements
    private let separator: String
    private let summarise: Bool
    private let edgeItems: Int
    private let formatter: ElementFormat

    init(shape: [Int], elements: ArrayElements, count: Int, separator: String, options: NumPyPrintOptions) {
        self.shape = shape
        self.elements = elements
        self.separator = separator
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.reversed().dropFirst() { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        self.strides = strides
        edgeItems = Swift.max(options.edgeItems, 0)
        summarise = count > options.threshold
        // The format is chosen from the elements shown (`_leading_trailing`).
        let shown = summarise ? elements.picking(Self.shownIndices(shape: shape, strides: strides, edge: edgeItems)) : elements
        formatter = ElementFormat(shown: shown, isScalar: shape.isEmpty, options: options)
    }

    /// The text of a 0-d array's one element, as `repr` shows it inside `array(...)`.
    func scalar() -> String { formatter.format(elements, at: 0) }

    /// The brackets, for an array printed after `prefix` columns, wrapped at `lineWidth`.
    func render(prefixWidth: Int, lineWidth: Int) -> String {
        render(axis: 0, offset: 0, hangingIndent: String(repeating: " ", count: prefixWidth + 1), width: lineWidth)
    }

    /// Whether an axis of `size` items is cut to its edges.
    private func isCut(_ size: Int) -> Bool { summarise && edgeItems < (size + 1) / 2 }

    private func render(axis: Int, offset: Int, hangingIndent: String, width: Int) -> String {
        if axis == shape.count { return formatter.format(elements, at: offset) }
        let size = shape[axis]
        let cut = isCut(size)
        // The items before the `...` and after it; with no cut, all of them come "after". NumPy
        // always writes the last item, so a cut with no edge items still shows it.
        let leading = cut ? Array(0..<edgeItems) : []
        let trailing = cut ? Array((size - Swift.max(edgeItems, 1))..<size) : Array(0..<size)
        let nextIndent = hangingIndent + " "
        let item = { (index: Int) in
            render(axis: axis + 1, offset: offset + index * strides[axis], hangingIndent: nextIndent, width: width - 1)
        }
        var text = ""
        if axis == shape.count - 1 {
            let elementWidth = width - Swift.max(trimmedTrailing(separator).utf8.count, 1)
            var line = hangingIndent
            let words = leading.map(item) + (cut ? ["..."] : []) + trailing.map(item)
            for (position, word) in words.enumerated() {
                extend(&text, &line, word, width: elementWidth, indent: hangingIndent)
                if position < words.count - 1 { line += separator }
            }
            text += line
        } else {
            let lineSeparator = trimmedTrailing(separator) + String(repeating: "\n", count: shape.count - axis - 1)
            let rows = leading.map(item) + (cut ? ["..."] : []) + trailing.map(item)
            text = rows.map { hangingIndent + $0 }.joined(separator: lineSeparator)
        }
        return "[" + String(text.dropFirst(hangingIndent.utf8.count)) + "]"
    }

    /// `_extendLine`: starts a new line when the word would pass the width, unless the line
    /// holds nothing but its indent (wrapping would not help).
    private func extend(_ text: inout String, _ line: inout String, _ word: String, width: Int, indent: String) {
        if line.utf8.count + word.utf8.count > width, line.utf8.count > indent.utf8.count {
            text += trimmedTrailing(line) + "\n"
            line = indent
        }
        line += word
    }

    private func trimmedTrailing(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }

    /// `_leading_trailing`: the flat indices of the elements a summarised array shows. With no
    /// edge items NumPy's `a[-0:]` keeps every item.
    private static func shownIndices(shape: [Int], strides: [Int], edge: Int) -> [Int] {
        func walk(axis: Int, offset: Int) -> [Int] {
            if axis == shape.count { return [offset] }
            let size = shape[axis]
            let items = size > 2 * edge && edge > 0 ? Array(0..<edge) + Array((size - edge)..<size) : Array(0..<size)
            return items.flatMap { walk(axis: axis + 1, offset: offset + $0 * strides[axis]) }
        }
        return walk(axis: 0, offset: 0)
    }
}
