extension PythonString {
    /// `str.upper()`: each character's full uppercase mapping (`ß` becomes `SS`).
    public static func upper(_ text: String) -> String {
        map(text) { scalars, index in scalars[index].properties.uppercaseMapping }
    }

    /// `str.lower()`: each character's full lowercase mapping, with Σ becoming ς at the end of
    /// a word as CPython does.
    public static func lower(_ text: String) -> String {
        map(text, lowercase)
    }

    /// `str.title()`: a character after a cased one is lower-cased, any other title-cased.
    public static func title(_ text: String) -> String {
        var previousIsCased = false
        return map(text) { scalars, index in
            defer { previousIsCased = scalars[index].properties.isCased }
            return previousIsCased ? lowercase(scalars, index) : scalars[index].properties.titlecaseMapping
        }
    }

    /// `str.capitalize()`: the first character title-cased, the rest lower-cased.
    public static func capitalize(_ text: String) -> String {
        map(text) { scalars, index in
            index == 0 ? scalars[index].properties.titlecaseMapping : lowercase(scalars, index)
        }
    }

    /// `str.swapcase()`: uppercase characters lower-cased, lowercase ones upper-cased.
    public static func swapcase(_ text: String) -> String {
        map(text) { scalars, index in
            let properties = scalars[index].properties
            if properties.isUppercase { return lowercase(scalars, index) }
            if properties.isLowercase { return properties.uppercaseMapping }
            return String(scalars[index])
        }
    }

    /// The text with each character replaced by `mapping(characters, index)`.
    private static func map(_ text: String, _ mapping: ([Unicode.Scalar], Int) -> String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for index in scalars.indices { out += mapping(scalars, index) }
        return out
    }

    /// The lowercase mapping of `scalars[index]`; capital sigma is final (ς) when a cased letter
    /// precedes it and none follows, skipping case-ignorable characters both ways.
    private static func lowercase(_ scalars: [Unicode.Scalar], _ index: Int) -> String {
        guard scalars[index] == "\u{03A3}" else { return scalars[index].properties.lowercaseMapping }
        let before = scalars[..<index].last { !$0.properties.isCaseIgnorable }
        let after = scalars[(index + 1)...].first { !$0.properties.isCaseIgnorable }
        let final = before?.properties.isCased == true && after?.properties.isCased != true
        return final ? "\u{03C2}" : "\u{03C3}"
    }
}
