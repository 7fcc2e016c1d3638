/// Folds the wide tables of an explanation into blocks that fit a terminal, instead of lines a
/// thousand columns long that the terminal wraps into a jumble.
///
/// A table is a run of lines laid out in columns: each has a gap of two or more spaces after its
/// first word, or is a single word (a tap under the input, `…`). Prose lines end a table. A table
/// wider than the screen is cut at columns that are blank in every one of its lines, so no number
/// is split, and each block repeats the rows' labels (`position`, `value`) on the left. Tables
/// that fit, and prose, are left as they are.
enum TableFolding {
    /// `text` with every table wider than `width` folded into blocks separated by blank lines.
    static func fold(_ text: String, width: Int) -> String {
        var result: [String] = []
        var table: [[Character]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init) {
            if isTableLine(line) {
                table.append(line)
                continue
            }
            result += foldTable(table, width: width)
            table = []
            result.append(String(line))
        }
        result += foldTable(table, width: width)
        return result.joined(separator: "\n")
    }

    /// Whether `line` is laid out in columns rather than written as a sentence.
    static func isTableLine(_ line: [Character]) -> Bool {
        guard let first = line.firstIndex(where: { $0 != " " }) else { return false }
        let content = line[first...]
        if !content.contains(" ") { return true }
        return zip(content, content.dropFirst()).contains { $0 == " " && $1 == " " }
    }

    /// The lines of one table, folded when wider than `width`.
    private static func foldTable(_ table: [[Character]], width: Int) -> [String] {
        let plain = table.map { String($0) }
        let longest = table.map(\.count).max() ?? 0
        let labels = labelWidth(table)
        // Too narrow a screen to hold the labels and a few columns: leave it to the terminal.
        guard longest > width, width - labels >= 12 else { return plain }
        let chunks = columns(of: table, from: labels, to: longest, room: width - labels)
        guard chunks.count > 1 else { return plain }
        var lines: [String] = []
        for (index, chunk) in chunks.enumerated() {
            if index > 0 { lines.append("") }
            for line in table {
                let label = String(line.prefix(labels))
                let body = chunk.lowerBound < line.count ? line[chunk.lowerBound..<min(chunk.upperBound, line.count)] : []
                // Rows that end before this block (a kernel's taps) are not repeated empty.
                if index > 0, body.allSatisfy({ $0 == " " }) { continue }
                var folded = label + String(body)
                while folded.last == " " { folded.removeLast() }
                lines.append(folded)
            }
        }
        return lines
    }

    /// The ranges of columns, from `start` to `end`, each at most `room` wide where possible and
    /// cut only where every line of `table` is blank: at the first blank column after a cell, so
    /// each block starts with a cell's whole padding and lines up as the first one does.
    private static func columns(of table: [[Character]], from start: Int, to end: Int, room: Int) -> [Range<Int>] {
        let blank = { (column: Int) in table.allSatisfy { column >= $0.count || $0[column] == " " } }
        let cuts = (start..<end).filter { blank($0) && !blank($0 - 1) }
        var chunks: [Range<Int>] = []
        var lower = start
        while lower < end {
            let limit = lower + room
            let upper = end <= limit ? end
                : cuts.last(where: { $0 > lower && $0 <= limit }) ?? cuts.first(where: { $0 > lower }) ?? end
            chunks.append(lower..<upper)
            lower = upper
        }
        return chunks
    }

    /// Where the rows' labels end: after the longest label (a first word with a letter, at the
    /// table's indentation, running to a gap of two spaces); the indentation when no row has one.
    private static func labelWidth(_ table: [[Character]]) -> Int {
        let indent = table.map { $0.firstIndex { $0 != " " } ?? $0.count }.min() ?? 0
        var width = indent
        for line in table where line.count > indent && line[indent] != " " {
            var end = indent
            while end < line.count, !(line[end] == " " && (end + 1 >= line.count || line[end + 1] == " ")) { end += 1 }
            if line[indent..<end].contains(where: \.isLetter) { width = max(width, end) }
        }
        return width
    }
}
