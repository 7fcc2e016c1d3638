import PythonFormatting

/// PyTorch's `_Formatter`: one text style and one width for every element of a tensor, chosen
/// from the elements that will be shown.
///
/// Floating tensors whose nonzero finite elements are all integral print in *integer mode*
/// (`2.`); scientific notation is chosen when the largest and smallest nonzero finite
/// magnitudes are more than 1000 apart, the largest exceeds 1e8, or (outside integer mode) the
/// smallest is below 1e-4, unless the options force it on or off. Integers and booleans print
/// as Python's `str` does. Every element is right-aligned to the widest.
struct ElementFormatter {
    private let precision: Int
    private var integerMode = true
    private var scientificMode = false
    /// The width every element is padded to (at least 1).
    private(set) var width = 1

    /// The formatter for a tensor whose shown elements are `shown`.
    init(shown: TensorElements, options: TorchPrintOptions) {
        precision = options.precision
        switch shown {
        case .integer(let values):
            width = values.reduce(1) { Swift.max($0, String($1).utf8.count) }
        case .boolean(let values):
            width = values.reduce(1) { Swift.max($0, Self.text($1).utf8.count) }
        case .floating(let values):
            chooseFloatingStyle(values, forcedScientific: options.sciMode)
        }
    }

    /// The floating rules; a tensor with no nonzero finite element keeps integer mode, width 1
    /// and ignores a forced scientific mode, as PyTorch's early return does.
    private mutating func chooseFloatingStyle(_ values: [Double], forcedScientific: Bool?) {
        let nonzeroFinite = values.filter { $0.isFinite && $0 != 0 }
        guard let first = nonzeroFinite.first else { return }
        var smallest = Swift.abs(first)
        var largest = smallest
        for value in nonzeroFinite {
            smallest = Swift.min(smallest, Swift.abs(value))
            largest = Swift.max(largest, Swift.abs(value))
        }
        integerMode = nonzeroFinite.allSatisfy { $0 == $0.rounded(.up) }
        scientificMode = forcedScientific
            ?? (largest / smallest > 1000 || largest > 1e8 || (!integerMode && smallest < 1e-4))
        for value in nonzeroFinite {
            let length = scientificMode || !integerMode
                ? body(value).utf8.count
                : PythonFloat.fixed(value, precision: 0).utf8.count + 1
            width = Swift.max(width, length)
        }
    }

    /// The text of one float before padding: `{:.Ne}`, `{:.0f}` plus a point, or `{:.Nf}`.
    private func body(_ value: Double) -> String {
        if scientificMode { return PythonFloat.scientific(value, precision: precision) }
        if integerMode {
            let text = PythonFloat.fixed(value, precision: 0)
            return value.isFinite ? text + "." : text
        }
        return PythonFloat.fixed(value, precision: precision)
    }

    /// Python's `str` of a bool.
    private static func text(_ flag: Bool) -> String { flag ? "True" : "False" }

    /// Element `index` of `elements`, right-aligned to ``width``.
    func format(_ elements: TensorElements, at index: Int) -> String {
        let text = switch elements {
        case .floating(let values): body(values[index])
        case .integer(let values): String(values[index])
        case .boolean(let values): Self.text(values[index])
        }
        let padding = width - text.utf8.count
        return padding > 0 ? String(repeating: " ", count: padding) + text : text
    }
}
