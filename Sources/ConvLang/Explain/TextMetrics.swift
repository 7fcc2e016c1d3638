/// How wide a text is drawn, estimated without a font engine: a width per character, in em,
/// at least that of DejaVu Sans (the widest font the figures name) for every character they
/// use, so that a layout sized from it leaves room for the text in any of those fonts.
enum TextMetrics {
    private static let narrow = Set(".,·:;'!|()[]{} iljftrI")
    private static let wide = Set("mwMW…—%@")
    private static let symbols = Set("−+=<>×→≥≤±∞⌊⌋")

    /// The width of `text` at font `size`, in the same units.
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        let em = text.reduce(0.0) { total, character in
            if narrow.contains(character) { return total + 0.46 }
            if wide.contains(character) { return total + 1.0 }
            if symbols.contains(character) { return total + 0.92 }
            if character.isUppercase { return total + 0.82 }
            return total + (character.isASCII ? 0.74 : 1.0)
        }
        return em * size * (bold ? 1.1 : 1)
    }

    /// How far a text reaches above and below the middle it is drawn around (see
    /// ``SVGDocument/text(_:x:y:size:anchor:color:bold:className:)``).
    static func halfHeight(size: Double) -> Double { 0.6 * size }
}
