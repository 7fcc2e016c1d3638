/// String literals in the parser: adjacent literals join (`"a" "b"`), and f-strings become
/// parts whose fields hold expressions parsed by the ordinary expression grammar.
extension Parser {
    /// strings -> ( STRING | fstring ) { STRING | fstring }
    mutating func parseStrings() throws(ParseFailure) -> Expr {
        let first = peek
        if case .string = first.kind, !startsString(peekNext.kind) {
            advance()
            return .string(tokens.text(of: first), first.range)  // the common case: one plain literal
        }
        var parts: [FStringPart] = []
        var isFormatted = false
        var heights = [1]
        while true {
            switch peek.kind {
            case .string:
                let token = advance()
                parts.append(.literal(tokens.text(of: token), token.range))
            case .fstringStart:
                isFormatted = true
                try parseFString(into: &parts, heights: &heights)
            default:
                let range = first.range.union(previous.range)
                let joined = Self.joinLiterals(parts)
                guard isFormatted else {
                    lastHeight = 1
                    return .string(joined.map(Self.literalText).joined(), range)
                }
                return try finish(.fstring(joined, range), childHeights: heights)
            }
        }
    }

    /// fstring -> FSTRING_START { FSTRING_MIDDLE | field } FSTRING_END
    private mutating func parseFString(into parts: inout [FStringPart], heights: inout [Int]) throws(ParseFailure) {
        let start = advance()
        while true {
            switch peek.kind {
            case .fstringMiddle:
                let token = advance()
                parts.append(.literal(tokens.text(of: token), token.range))
            case .leftBrace:
                let field = try parseField()
                heights.append(lastHeight)
                parts.append(.field(field))
            case .fstringEnd:
                advance()
                return
            default:
                throw report("unterminated f-string", at: start.range.union(previous.range), causedBy: peek)
            }
        }
    }

    /// field -> "{" exprlist [ "=" ] [ "!" NAME ] [ ":" { FSTRING_MIDDLE | field } ] "}"
    private mutating func parseField() throws(ParseFailure) -> FStringField {
        try enterRecursion()
        defer { recursionDepth -= 1 }
        let open = advance()
        if check(.rightBrace) || check(.bang) || check(.colon) || check(.equal) {
            throw report("f-string: empty expression not allowed", at: open.range.union(peek.range),
                         notes: ["put an expression between the braces, or write '{{' for a literal brace"], causedBy: peek)
        }
        let expression = try parseExpressionList()
        var height = lastHeight
        var debugText: String?
        if match(.equal) { debugText = source.text(of: SourceRange(start: open.range.end, end: peek.range.start)) }
        var conversion: FStringField.Conversion?
        if match(.bang) { conversion = try parseConversion() }
        var formatSpec: [FStringPart]?
        if match(.colon) {
            var spec: [FStringPart] = []
            while true {
                if case .fstringMiddle = peek.kind {
                    let token = advance()
                    spec.append(.literal(tokens.text(of: token), token.range))
                } else if check(.leftBrace) {
                    spec.append(.field(try parseField()))
                    height = Swift.max(height, lastHeight)
                } else {
                    break
                }
            }
            formatSpec = spec
        }
        let close = try expect(.rightBrace, "f-string: expecting '}'", openedAt: open.range)
        lastHeight = height + 1
        return FStringField(expression: expression, debugText: debugText, conversion: conversion, formatSpec: formatSpec,
                            range: open.range.union(close.range))
    }

    /// conversion -> "r" | "s" | "a"      (after "!")
    private mutating func parseConversion() throws(ParseFailure) -> FStringField.Conversion {
        let token = peek
        guard token.kind == .identifier, let conversion = FStringField.Conversion(rawValue: source.text(of: token.range)) else {
            throw report("f-string: invalid conversion character \(token.kind == .identifier ? "'\(source.text(of: token.range))'" : token.kind.spelling)",
                         at: token.range, notes: ["expected 'r', 's' or 'a' after '!'"], causedBy: token)
        }
        advance()
        return conversion
    }

    private func startsString(_ kind: TokenKind) -> Bool {
        switch kind {
        case .string, .fstringStart: true
        default: false
        }
    }

    /// Adjacent literal parts merged into one, so `"a" f"b{x}"` has the text "ab" then the field.
    private static func joinLiterals(_ parts: [FStringPart]) -> [FStringPart] {
        var joined: [FStringPart] = []
        for part in parts {
            if case .literal(let text, let range) = part, case .literal(let before, let beforeRange)? = joined.last {
                joined[joined.count - 1] = .literal(before + text, beforeRange.union(range))
            } else {
                joined.append(part)
            }
        }
        return joined
    }

    private static func literalText(_ part: FStringPart) -> String {
        if case .literal(let text, _) = part { return text }
        return ""
    }
}
