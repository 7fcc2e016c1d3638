/// The session's history entries, oldest first, with the rules the file keeps too: no empty
/// entries, no adjacent duplicates, and at most `limit` entries (the oldest go first).
public struct HistoryList: Sendable, Equatable {
    /// The largest number of entries kept by default.
    public static let defaultLimit = 1000

    /// The entries, oldest first.
    public private(set) var entries: [String] = []
    /// The largest number of entries kept.
    public let limit: Int

    /// Starts from `entries` (normalised by the same rules as `add`).
    public init(_ entries: [String] = [], limit: Int = HistoryList.defaultLimit) {
        self.limit = max(limit, 0)
        for entry in entries { add(entry) }
    }

    /// Appends `entry` unless it is blank or equal to the newest entry. Returns whether it was added.
    @discardableResult
    public mutating func add(_ entry: String) -> Bool {
        guard entry.contains(where: { !$0.isWhitespace }), entry != entries.last else { return false }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return true
    }
}
