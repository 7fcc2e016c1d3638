/// A forward scan of the text before the cursor that tracks open `(` and `[`, strings and `#`
/// comments, so completion knows which call the cursor is in and which named arguments that
/// call already has.
struct BracketScanner {
    /// An open bracket and what has been seen inside it at its own depth.
    struct Frame {
        /// `(` or `[`.
        var opener: UInt8
        /// The dotted name right before `(`, or empty for grouping parentheses and lists.
        var callee: String
        /// Names written as `name=` directly inside this call.
        var givenNames: Set<String> = []
        /// Commas seen directly inside this bracket: the arguments finished before the cursor.
        var commaCount = 0
    }

    /// The open brackets, outermost first.
    private(set) var frames: [Frame] = []
    /// The quote character of the string the text ends in, if any.
    private(set) var openQuote: UInt8?
    /// Whether that string is triple-quoted (`"""`), and so may go on over more lines.
    private(set) var isTripleQuoted = false
    /// Whether the text ends inside a `#` comment.
    private(set) var inComment = false

    /// Whether the cursor sits where no identifier can be completed.
    var isInStringOrComment: Bool { openQuote != nil || inComment }

    /// The innermost open bracket if it is a call `f(`.
    var innermostCall: Frame? {
        guard let last = frames.last, last.opener == UInt8(ascii: "("), !last.callee.isEmpty else { return nil }
        return last
    }

    /// Scans `text` from its start.
    static func scan(_ text: [UInt8]) -> BracketScanner {
        var scanner = BracketScanner()
        var index = 0
        while index < text.count { index = scanner.step(text, at: index) }
        return scanner
    }

    /// Consumes the token at `index` and returns the index after it.
    private mutating func step(_ text: [UInt8], at index: Int) -> Int {
        let byte = text[index]
        if let quote = openQuote { return stringStep(text, at: index, quote: quote) }
        if inComment {
            if byte == UInt8(ascii: "\n") { inComment = false }
            return index + 1
        }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            openQuote = byte
            isTripleQuoted = Self.isTripleQuote(text, at: index)
            if isTripleQuoted { return index + 3 }
        case UInt8(ascii: "#"): inComment = true
        case UInt8(ascii: "("): frames.append(Frame(opener: byte, callee: calleeName(text, before: index)))
        case UInt8(ascii: "["): frames.append(Frame(opener: byte, callee: ""))
        case UInt8(ascii: ")"), UInt8(ascii: "]"): if !frames.isEmpty { frames.removeLast() }
        case UInt8(ascii: "="): noteNamedArgument(text, equalsAt: index)
        case UInt8(ascii: ","): if !frames.isEmpty { frames[frames.count - 1].commaCount += 1 }
        default: break
        }
        return index + 1
    }

    /// Inside a string: a backslash escapes the next byte; the matching quote (three of them for
    /// a triple-quoted string) closes it.
    private mutating func stringStep(_ text: [UInt8], at index: Int, quote: UInt8) -> Int {
        if text[index] == UInt8(ascii: "\\") { return index + 2 }
        guard text[index] == quote else { return index + 1 }
        if !isTripleQuoted {
            openQuote = nil
            return index + 1
        }
        guard Self.isTripleQuote(text, at: index) else { return index + 1 }
        openQuote = nil
        isTripleQuoted = false
        return index + 3
    }

    /// Whether three equal quote characters start at `index`.
    private static func isTripleQuote(_ text: [UInt8], at index: Int) -> Bool {
        index + 2 < text.count && text[index + 1] == text[index] && text[index + 2] == text[index]
    }

    /// The dotted identifier that ends right before `index` (spaces skipped), or "".
    private func calleeName(_ text: [UInt8], before index: Int) -> String {
        var end = index
        while end > 0, text[end - 1] == UInt8(ascii: " ") { end -= 1 }
        var start = end
        while start > 0, ByteClass.isWord(text[start - 1]) { start -= 1 }
        let name = String(decoding: text[start..<end], as: UTF8.self)
        guard let first = name.utf8.first, !ByteClass.isDigit(first), first != UInt8(ascii: ".") else { return "" }
        return name
    }

    /// Records `name=` (but not `==`, `<=`, ...) written at an argument position of the innermost call.
    private mutating func noteNamedArgument(_ text: [UInt8], equalsAt index: Int) {
        guard !frames.isEmpty, frames[frames.count - 1].opener == UInt8(ascii: "(") else { return }
        if index + 1 < text.count, text[index + 1] == UInt8(ascii: "=") { return }
        var end = index
        while end > 0, text[end - 1] == UInt8(ascii: " ") { end -= 1 }
        var start = end
        while start > 0, ByteClass.isIdentifier(text[start - 1]) { start -= 1 }
        guard start < end else { return }
        var before = start
        while before > 0, ByteClass.isSpace(text[before - 1]) { before -= 1 }
        guard before > 0, text[before - 1] == UInt8(ascii: "(") || text[before - 1] == UInt8(ascii: ",") else { return }
        frames[frames.count - 1].givenNames.insert(String(decoding: text[start..<end], as: UTF8.self))
    }
}
