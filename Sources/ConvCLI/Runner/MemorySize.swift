/// A `--max-memory` value: a number of bytes, a size with a decimal or binary unit (`512MB`,
/// `8GB`, `2GiB`, `1.5G`), or `none` for no budget.
struct MemorySize: Equatable {
    /// The budget in bytes, or `nil` for none.
    var bytes: Int?

    /// The size `text` spells, or `nil` when it is not one (or is zero, negative or too large).
    static func parse(_ text: String) -> MemorySize? {
        let spelled = text.trimmingSpaces.lowercased()
        if spelled == "none" { return MemorySize(bytes: nil) }
        let digits = spelled.prefix { $0.isNumber || $0 == "." }
        let unit = spelled.dropFirst(digits.count).trimmingSpaces
        guard let number = Double(digits), number > 0, let scale = units[String(unit)] else { return nil }
        let bytes = (number * scale).rounded(.down)
        guard bytes >= 1, bytes < 0x1p62 else { return nil }
        return MemorySize(bytes: Int(bytes))
    }

    private static let units: [String: Double] = [
        "": 1, "b": 1,
        "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
        "kib": 0x1p10, "mib": 0x1p20, "gib": 0x1p30, "tib": 0x1p40,
    ]
}

private extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
