/// PyTorch's `_tensor_str`: a non-empty tensor's elements as nested brackets, rows wrapped at
/// the line width, long axes summarised with `...` when the tensor has more elements than the
/// threshold.
struct TensorLayout {
    let shape: [Int]
    let elements: TensorElements
    let options: TorchPrintOptions
    private let strides: [Int]
    private let summarise: Bool
    private let formatter: ElementFormatter

    init(shape: [Int], elements: TensorElements, count: Int, options: TorchPrintOptions) {
        self.shape = shape
        self.elements = elements
        self.options = options
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.reversed().dropFirst() { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        self.strides = strides
        summarise = Double(count) > options.threshold
        // The style is chosen from the shown elements only (`get_summarized_data`).
        let shown = summarise ? elements.picking(Self.shownIndices(shape: shape, strides: strides, options: options)) : elements
        formatter = ElementFormatter(shown: shown, options: options)
    }

    /// The text, for a tensor printed `indent` columns in (after `tensor(`).
    func render(indent: Int) -> String {
        shape.isEmpty ? formatter.format(elements, at: 0) : render(axis: 0, offset: 0, indent: indent)
    }

    private var edgeItems: Int { Swift.max(options.edgeItems, 0) }

    /// Whether an axis of `size` items is cut to its edges.
    private func isCut(_ size: Int) -> Bool { summarise && Self.exceedsBothEdges(size, edgeItems) }

    /// `size > 2 * edge`, without overflow for any edge count.
    private static func exceedsBothEdges(_ size: Int, _ edge: Int) -> Bool { edge < (size + 1) / 2 }

    /// The items of an axis that are shown, with `nil` where the `...` goes.
    private func shownItems(_ size: Int) -> [Int?] {
        guard isCut(size) else { return (0..<size).map { $0 } }
        return (0..<edgeItems).map { $0 } + [nil] + ((size - edgeItems)..<size).map { $0 }
    }

    private func render(axis: Int, offset: Int, indent: Int) -> String {
        if axis == shape.count - 1 { return vector(offset: offset, indent: indent) }
        let slices = shownItems(shape[axis]).map { item in
            item.map { render(axis: axis + 1, offset: offset + $0 * strides[axis], indent: indent + 1) } ?? "..."
        }
        let newlines = String(repeating: "\n", count: shape.count - axis - 1)
        return "[" + slices.joined(separator: "," + newlines + String(repeating: " ", count: indent + 1)) + "]"
    }

    /// `_vector_str`: the last axis, as many elements per line as fit in the line width.
    private func vector(offset: Int, indent: Int) -> String {
        let size = shape[shape.count - 1]
        let step = strides[shape.count - 1]
        let items: [String] = summarise && edgeItems == 0
            ? ["..."]
            : shownItems(size).map { item in item.map { formatter.format(elements, at: offset + $0 * step) } ?? " ..." }
        let elementLength = formatter.width + 2
        // A width below the indent fits one element a line, as any negative width does.
        let lineWidth = Swift.min(Swift.max(options.lineWidth, 0), Int(Int32.max))
        let perLine = Swift.max(1, Self.floorDivide(lineWidth - indent, elementLength))
        let lines = stride(from: 0, to: items.count, by: perLine).map { start in
            items[start..<Swift.min(start + perLine, items.count)].joined(separator: ", ")
        }
        return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    /// `get_summarized_data`: the flat indices of the elements the formatter looks at. Note
    /// PyTorch's quirks: with no edge items a vector keeps every element (`t[-0:]` is all of
    /// it) while a higher axis keeps none.
    private static func shownIndices(shape: [Int], strides: [Int], options: TorchPrintOptions) -> [Int] {
        let edge = Swift.max(options.edgeItems, 0)
        func walk(axis: Int, offset: Int) -> [Int] {
            if axis == shape.count { return [offset] }
            let size = shape[axis]
            let items: [Int]
            if axis == shape.count - 1 {
                items = exceedsBothEdges(size, edge) ? Array(0..<edge) + Array((edge == 0 ? 0 : size - edge)..<size) : Array(0..<size)
            } else if edge == 0 {
                items = []
            } else {
                items = exceedsBothEdges(size, edge) ? Array(0..<edge) + Array((size - edge)..<size) : Array(0..<size)
            }
            return items.flatMap { walk(axis: axis + 1, offset: offset + $0 * strides[axis]) }
        }
        return walk(axis: 0, offset: 0)
    }
}
