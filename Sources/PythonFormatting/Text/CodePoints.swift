extension PythonString {
    /// `len(text)`: the number of code points.
    public static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// `text[index]`: the code point at `index`, counting from the end when negative.
    public static func character(_ text: String, at index: Int) throws(PythonFormatError) -> String {
        let scalars = Array(text.unicodeScalars)
        let position = index < 0 ? index + scalars.count : index
        guard position >= 0 && position < scalars.count else { throw .indexOutOfRange }
        return String(scalars[position])
    }
}
