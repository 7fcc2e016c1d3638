/// Pure helpers for how a set of candidates is shown or merged when Tab finds several.
enum CompletionListing {
    /// The longest common prefix of `words`, cut at a character boundary.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            let characters = Array(word)
            var length = 0
            while length < min(prefix.count, characters.count), prefix[length] == characters[length] { length += 1 }
            prefix.removeSubrange(length...)
        }
        return String(prefix)
    }

    /// Lays `items` out in columns, filled top to bottom like `ls`, within `width` columns.
    /// Each row is returned without trailing spaces.
    static func columns(_ items: [String], width: Int) -> [String] {
        guard !items.isEmpty else { return [] }
        let gap = 2
        let cell = (items.map { $0.count }.max() ?? 0) + gap
        let perRow = max(1, (max(width, 1) + gap) / cell)
        let rows = (items.count + perRow - 1) / perRow
        return (0..<rows).map { row in
            let cells = stride(from: row, to: items.count, by: rows).map { items[$0] }
            return cells.enumerated().map { column, item in
                column == cells.count - 1 ? item : item + String(repeating: " ", count: cell - item.count)
            }.joined()
        }
    }
}
