/// Python's text functions on `str`, by code point (Swift's `String` counts grapheme clusters;
/// Python counts code points, and so does everything here).
public enum PythonString {}

extension PythonString {
    /// The largest width or precision this module builds. CPython builds any size it can
    /// allocate; beyond a million characters a width or precision is a slip of the keyboard, and
    /// building it would stall the session, so it is refused as `MemoryError`.
    static let maximumLength = 1 << 20

    /// `count` copies of `scalar` (none when `count` is not positive): the padding of every
    /// width in this module.
    static func repeated(_ scalar: Unicode.Scalar, _ count: Int) -> String {
        guard count > 0 else { return "" }
        let unit = Array(String(scalar).utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(unit.count * count)
        for _ in 0..<count { bytes.append(contentsOf: unit) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text of a run of code points.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

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
