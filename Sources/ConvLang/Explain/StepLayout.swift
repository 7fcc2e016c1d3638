/// The text layout every step-by-step explanation shares (conv, pooling, transposed conv):
/// row labels, the sentence that says where a window moves, the drawing of a window under the
/// input, and the lines that stand for what long inputs leave out.
enum StepLayout {
    /// Steps shown at the start and end of a long explanation.
    static let headSteps = 8, tailSteps = 2
    /// Channels, taps and padded positions shown before eliding the middle.
    static let headChannels = 4, headTaps = 6, widestRow = 24

    private typealias N = ExplanationNumbers

    /// A row label padded to one column width: `position  `, `value     `.
    static func label(_ text: String) -> String {
        text + String(repeating: " ", count: Swift.max(1, 10 - text.count))
    }

    /// The line that stands for the steps a long explanation leaves out.
    static func hiddenSteps(total: Int) -> String {
        let hidden = total - headSteps - tailSteps
        return "  … \(N.count(hidden, "more step")) of the same kind (explain(..., all=true) shows every step)"
    }

    /// `the kernel covers positions 0 and 1`, `the window moves 2 slots and covers positions 2
    /// and 3, skipping 1 between taps (d=2)`; a long window is written as a range.
    static func coverSentence(mover: String, step i: Int, window: [Int], stride: Int, dilation: Int, all: Bool) -> String {
        let positions = window.count > headTaps + 2 && !all
            ? "\(window[0]) to \(window[window.count - 1]) (every \(dilation == 1 ? "position" : "\(dilation)th position"))"
            : N.series(window.map { "\($0)" })
        let noun = window.count == 1 ? "position" : "positions"
        let gaps = dilation > 1 && window.count > 1 ? ", skipping \(dilation - 1) between taps (d=\(dilation))" : ""
        if i == 0 { return "the \(mover) covers \(noun) \(positions)\(gaps)" }
        return "the \(mover) moves \(N.count(stride, "slot")) and covers \(noun) \(positions)\(gaps)"
    }

    /// The input rows with the window's taps marked under the positions they cover (`w0 w1`
    /// for a kernel, `^` for a pooling window) and `·` for the gaps between taps. Long rows
    /// show a stretch around the window.
    ///
    /// - Parameters:
    ///   - rows: a label (empty for a single row) and each position's text.
    ///   - count: how many positions the rows have.
    ///   - marks: the text under each covered position.
    static func drawing(
        rows: [(label: String, cell: (Int) -> String)], count: Int, marks: [Int: String], window: [Int],
        width: Int, all: Bool
    ) -> [String] {
        let columns = Columns(count: count, widest: widestRow, all: all, focus: (window[0], window[window.count - 1]))
        let labelled = rows.contains { !$0.label.isEmpty }
        var lines = rows.prefix(headChannels).map { row in
            (labelled ? label(row.label) : "") + columns.render(width: width, row.cell)
        }
        if rows.count > headChannels { lines.append("…") }
        let marksRow = columns.render(width: width) { position in
            if let mark = marks[position] { return mark }
            return position > window[0] && position < window[window.count - 1] ? "·" : ""
        }
        lines.append((labelled ? label("") : "") + marksRow)
        return lines.map { $0.trimmingTrailingSpaces }
    }
}
