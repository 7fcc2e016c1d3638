/// 1-D signals drawn with Unicode block characters, one column per sample (or per bucket of
/// samples when there are more than ``maximumWidth``), with the maximum labelled on the top
/// row, the minimum on the bottom one and, when the values cross zero, a zero line `┼───`.
/// Several series share one scale and one x axis, so an input and its convolution can be
/// compared where they belong (`x=` shifts a series along it).
struct TerminalPlot {
    var series: [PlotSeries]
    var height = 8
    var title: String?
    static let maximumWidth = 72
    /// Eighths of a cell, from empty to full.
    private static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    init(series: [PlotSeries], height: Int = 8, title: String? = nil) {
        self.series = series
        self.height = height
        self.title = title
    }

    func render() -> String {
        let finite = series.flatMap { $0.values.filter(\.isFinite) }
        guard let low = finite.min(), let high = finite.max() else {
            return "plot: nothing to draw (no finite values)"
        }
        let grid = Columns(series)
        let zeroRow = low < 0 && high > 0 ? row(ofLevel: level(0, low: low, high: high)) : nil
        let top = ExplanationNumbers.rounded(high, digits: 4), bottom = ExplanationNumbers.rounded(low, digits: 4)
        let labelWidth = Swift.max(top.count, bottom.count, zeroRow == nil ? 0 : 1)
        var lines = title.map { [$0] } ?? []
        for (index, item) in series.enumerated() {
            if series.count > 1 || item.label != nil {
                lines.append("\(item.label ?? "series \(index + 1)") (\(ExplanationNumbers.count(item.values.count, "sample"))):")
            }
            let columns = grid.means(of: item)
            for (row, text) in chart(columns, width: grid.count, low: low, high: high, zeroRow: zeroRow).enumerated() {
                var label = row == 0 ? top : (row == height - 1 ? bottom : "")
                if row == zeroRow, label.isEmpty { label = "0" }
                let axis = row == zeroRow ? " ┼" : " ┤"
                lines.append((String(repeating: " ", count: labelWidth - label.count) + label + axis + text).trimmingTrailingSpaces)
            }
            lines.append(String(repeating: " ", count: labelWidth) + " └" + String(repeating: "─", count: columns.count)
                         + " " + axisNote(item, grid: grid))
        }
        return lines.joined(separator: "\n")
    }

    /// `40 samples`, with how columns gather samples and, for given positions, where they lie.
    private func axisNote(_ item: PlotSeries, grid: Columns) -> String {
        var note = "\(item.values.count) samples"
        if let gathering = grid.note { note += ", " + gathering }
        if let positions = item.positions, let first = positions.min(), let last = positions.max() {
            note += ", x from \(ExplanationNumbers.rounded(first, digits: 4)) to \(ExplanationNumbers.rounded(last, digits: 4))"
        }
        return note
    }

    /// How many eighths a value fills, from 1 (the minimum still shows) to `height · 8`.
    private func level(_ value: Double, low: Double, high: Double) -> Int? {
        let levels = height * 8
        guard value.isFinite else { return nil }
        guard high > low else { return levels / 2 }
        // Halved operands keep `high − low` finite even for values near ±1.8e308.
        let fraction = (value / 2 - low / 2) / (high / 2 - low / 2)
        guard fraction.isFinite else { return nil }
        return Swift.max(1, Int((Swift.min(Swift.max(fraction, 0), 1) * Double(levels - 1)).rounded()) + 1)
    }

    /// The row (from the top) whose cells hold `level`.
    private func row(ofLevel level: Int?) -> Int? {
        level.map { height - 1 - ($0 - 1) / 8 }
    }

    /// Rows from top to bottom; each column fills eighths of cells up to its value, and the
    /// zero row shows `─` wherever it is empty.
    private func chart(_ columns: [Double?], width: Int, low: Double, high: Double, zeroRow: Int?) -> [String] {
        let filled = columns.map { $0.flatMap { level($0, low: low, high: high) } }
        return (0..<height).map { row in
            let floor = (height - 1 - row) * 8
            return String((0..<Swift.max(width, filled.count)).map { column -> Character in
                let level = column < filled.count ? filled[column] : nil
                let block = level.map { Self.blocks[Swift.min(8, Swift.max(0, $0 - floor))] } ?? " "
                return row == zeroRow && block == " " ? "─" : block
            })
        }
    }

    /// The shared x axis: one column per position on a grid of whole numbers, or of the
    /// smallest step between positions that are not whole numbers (`x=(0, 0.5)`), gathered in
    /// buckets when there are more than ``maximumWidth``; or, when no such grid is small enough,
    /// ``maximumWidth`` columns over the positions' range.
    struct Columns {
        private let first: Double
        private let span: Double
        /// The grid's step, or `nil` for columns spread over the range.
        private let unit: Double?
        /// Grid positions per column.
        private let perColumn: Int
        let count: Int

        init(_ series: [PlotSeries]) {
            let xs = series.flatMap(\.xs).filter(\.isFinite)
            first = xs.min() ?? 0
            let last = xs.max() ?? 0
            span = last / 2 - first / 2
            let unit = Self.unit(xs)
            let steps = (last - first) / unit
            if steps.isFinite, steps < 1e7 {
                let positions = Int(steps.rounded()) + 1
                self.unit = unit
                perColumn = (positions + TerminalPlot.maximumWidth - 1) / TerminalPlot.maximumWidth
                count = (positions + perColumn - 1) / perColumn
            } else {
                self.unit = nil
                perColumn = 1
                count = TerminalPlot.maximumWidth
            }
        }

        /// 1 when every position is a whole number, else the smallest step between two positions.
        private static func unit(_ xs: [Double]) -> Double {
            guard !xs.allSatisfy({ $0 == $0.rounded() }) else { return 1 }
            let sorted = Set(xs).sorted()
            return zip(sorted, sorted.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }.min() ?? 1
        }

        /// How columns gather samples, when they do: `each column the mean of 2`.
        var note: String? {
            guard let unit else { return "each column the mean of the samples in it" }
            guard perColumn > 1 else { return nil }
            return unit == 1 ? "each column the mean of \(perColumn)" : "each column the mean of the samples in it"
        }

        func column(_ x: Double) -> Int {
            if let unit { return Int(((x - first) / unit).rounded()) / perColumn }
            let fraction = span > 0 ? (x / 2 - first / 2) / span : 0
            return Int((Swift.min(Swift.max(fraction, 0), 1) * Double(count - 1)).rounded())
        }

        /// Each column's mean up to the series' last column; `nil` where it has no sample.
        func means(of item: PlotSeries) -> [Double?] {
            var sums: [Double] = [], counts: [Int] = []
            for (i, value) in item.values.enumerated() {
                let c = column(item.x(i))
                if c >= sums.count {
                    sums += Array(repeating: 0, count: c + 1 - sums.count)
                    counts += Array(repeating: 0, count: c + 1 - counts.count)
                }
                sums[c] += value
                counts[c] += 1
            }
            return zip(sums, counts).map { $1 == 0 ? nil : $0 / Double($1) }
        }
    }
}
