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

extension PythonString {
    /// `text[start:stop:step]` by code point, with Python's slice rules (nil bounds are the ends
    /// for the step's direction; bounds out of range are clamped).
    public static func slice(_ text: String, start: Int? = nil, stop: Int? = nil, step: Int? = nil) throws(PythonFormatError) -> String {
        let scalars = Array(text.unicodeScalars)
        let indices = try sliceIndices(count: scalars.count, start: start, stop: stop, step: step)
        var out = String.UnicodeScalarView()
        for index in indices { out.append(scalars[index]) }
        return String(out)
    }

    /// The positions `slice(start, stop, step)` selects in a sequence of `count` elements
    /// (`PySlice_Unpack` and `PySlice_AdjustIndices`).
    public static func sliceIndices(count: Int, start: Int?, stop: Int?, step: Int?) throws(PythonFormatError) -> StrideTo<Int> {
        let step = Swift.max(step ?? 1, -Int.max)
        if step == 0 { throw .sliceStepZero }
        let backwards = step < 0
        func clamp(_ bound: Int?, ifNone: Int) -> Int {
            guard let bound else { return ifNone }
            if bound < 0 { return bound + count < 0 ? (backwards ? -1 : 0) : bound + count }
            return bound >= count ? (backwards ? count - 1 : count) : bound
        }
        let first = clamp(start, ifNone: backwards ? count - 1 : 0)
        let last = clamp(stop, ifNone: backwards ? -1 : count)
        return stride(from: first, to: last, by: step)
    }
}
