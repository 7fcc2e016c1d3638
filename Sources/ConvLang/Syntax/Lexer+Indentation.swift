/// Indentation, measured as Python's tokenizer measures it: at the start of each line outside
/// brackets, the line's indentation is compared with the open blocks'. Deeper gives INDENT,
/// shallower gives one DEDENT per block closed; a level no open block has is an error. Blank
/// and comment-only lines do not count, whatever their indentation. A tab moves to the next
/// multiple of 8; the same comparison with a tab counted as 1 must agree, or the indentation
/// mixes tabs and spaces ambiguously (Python's TabError). The first line's indentation is the
/// program's margin, as a notebook or IPython removes a cell's common indentation: an entry
/// typed or pasted with leading spaces reads as at the top level.
extension Lexer {
    /// One open block's indentation.
    struct IndentationLevel {
        /// With tabs to multiples of 8.
        var column: Int
        /// With a tab counted as one space.
        var alternateColumn: Int
        /// Made after an error (a dedent to no enclosing level), so that the lines that follow
        /// at that level are not reported again; it closes without a DEDENT, as it opened
        /// without an INDENT.
        var isSilent = false

        static let top = IndentationLevel(column: 0, alternateColumn: 0)
    }

    /// At the start of a line: INDENT or DEDENT when its indentation changes, else nil.
    mutating func lineStart() -> Token? {
        let lineStart = position
        var column = 0
        var alternateColumn = 0
        var index = position
        measuring: while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "): column += 1; alternateColumn += 1
            case UInt8(ascii: "\t"): column = (column / 8 + 1) * 8; alternateColumn += 1
            case 0x0C: column = 0; alternateColumn = 0  // a form feed resets the count, as in Python
            case UInt8(ascii: "\r"): break
            default: break measuring
            }
            index += 1
        }
        guard index < bytes.count, !isBlankLineRest(at: index) else { return nil }
        position = index
        let range = SourceRange(start: lineStart, end: index)
        let level = IndentationLevel(column: column, alternateColumn: alternateColumn)
        if !hasMargin {
            hasMargin = true
            indentation[0] = level
            return nil
        }
        let current = indentation[indentation.count - 1]
        if column == current.column {
            if alternateColumn != current.alternateColumn { reportTabError(range) }
            return nil
        }
        if column > current.column { return indent(level, range: range, after: current) }
        return dedent(to: level, range: range)
    }

    /// Whether what follows the indentation at `index` makes the line blank: a line break, a
    /// comment, or a `\` continuation.
    private func isBlankLineRest(at index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "\n"), UInt8(ascii: "#"): true
        case UInt8(ascii: "\\"): lineBreakLength(at: index + 1) > 0
        default: false
        }
    }

    private mutating func indent(_ level: IndentationLevel, range: SourceRange, after current: IndentationLevel) -> Token {
        if level.alternateColumn <= current.alternateColumn { reportTabError(range) }
        indentation.append(level)
        return Token(kind: .indent, range: range)
    }

    /// Closes every block deeper than the line; the first DEDENT now, the others next.
    private mutating func dedent(to level: IndentationLevel, range: SourceRange) -> Token? {
        var closed = 0
        while indentation.count > 1, level.column < indentation[indentation.count - 1].column {
            if !indentation.removeLast().isSilent { closed += 1 }
        }
        let enclosing = indentation[indentation.count - 1]
        if level.column != enclosing.column {
            diagnostics.append(Diagnostic(
                message: "unindent does not match any outer indentation level", range: range, source: source,
                notes: ["indent this line exactly as far as a line of an enclosing block"]))
            var silent = level
            silent.isSilent = true
            indentation.append(silent)
        } else if level.alternateColumn != enclosing.alternateColumn {
            reportTabError(range)
        }
        guard closed > 0 else { return nil }
        pendingDedents = closed - 1
        return Token(kind: .dedent, range: SourceRange(start: range.end, end: range.end))
    }

    private mutating func reportTabError(_ range: SourceRange) {
        diagnostics.append(Diagnostic(
            message: "inconsistent use of tabs and spaces in indentation", range: range, source: source,
            notes: ["indent with spaces only (or tabs only) throughout a block"]))
    }

    /// Whether the text ends with an empty line (a line break, then nothing but blanks).
    static func endsWithBlankLine(_ bytes: [UInt8]) -> Bool {
        var index = bytes.count
        while index > 0, bytes[index - 1] == UInt8(ascii: " ") || bytes[index - 1] == UInt8(ascii: "\t") || bytes[index - 1] == UInt8(ascii: "\r") {
            index -= 1
        }
        return index > 0 && bytes[index - 1] == UInt8(ascii: "\n")
    }
}
