/// Reads a template the way CPython's `unicode_format.h` does, one markup at a time.
struct TemplateParser {
    let scalars: [Unicode.Scalar]
    /// Automatic field numbering, shared by the template and its nested specs.
    private var numbering = Numbering.unset
    private var nextAutomatic = 0
    /// Set once an error segment is made: nothing after it is read.
    private var stopped = false

    private enum Numbering { case unset, automatic, manual }

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// The segments of `range`; `depth` is how many more levels of nested specs may expand
    /// (CPython's `recursion_depth`, 2 for a template).
    mutating func segments(in range: Range<Int>, depth: Int) -> [FormatTemplate.Segment] {
        var segments: [FormatTemplate.Segment] = []
        var literal = String.UnicodeScalarView()
        var position = range.lowerBound
        func fail(_ error: PythonFormatError) -> [FormatTemplate.Segment] {
            if !literal.isEmpty { segments.append(.literal(String(literal))) }
            segments.append(.error(error))
            return segments
        }
        while position < range.upperBound && !stopped {
            // Literal text up to a brace; a doubled brace stays in the literal.
            var brace: Unicode.Scalar?
            let start = position
            while position < range.upperBound {
                let character = scalars[position]
                position += 1
                if character == "{" || character == "}" { brace = character; break }
            }
            let atEnd = position >= range.upperBound
            var end = position
            if brace == "}" && (atEnd || scalars[position] != "}") { stopped = true; return fail(.singleBrace("}")) }
            if atEnd && brace == "{" { stopped = true; return fail(.singleBrace("{")) }
            if !atEnd, let brace {
                if scalars[position] == brace {
                    position += 1
                    literal.append(contentsOf: scalars[start..<end])
                    continue
                }
                end -= 1
            }
            literal.append(contentsOf: scalars[start..<end])
            guard brace != nil else { continue }
            if !literal.isEmpty { segments.append(.literal(String(literal))) }
            literal = String.UnicodeScalarView()
            switch field(from: &position, end: range.upperBound, depth: depth) {
            case .success(let field):
                segments.append(.field(field))
                if field.failsAfterLookup { stopped = true }
            case .failure(let error): stopped = true; return fail(error)
            }
        }
        if !literal.isEmpty { segments.append(.literal(String(literal))) }
        return segments
    }

    /// `parse_field` and `field_name_split`: one field, from after its `{` to after its `}`.
    private mutating func field(from position: inout Int, end: Int, depth: Int) -> Result<ReplacementField, PythonFormatError> {
        let nameStart = position
        var terminator: Unicode.Scalar?
        while position < end {
            let character = scalars[position]
            position += 1
            terminator = character
            if character == "{" { return .failure(.unexpectedBraceInFieldName) }
            if character == "[" {
                while position < end && scalars[position] != "]" { position += 1 }
                continue
            }
            if character == "}" || character == ":" || character == "!" { break }
        }
        let nameEnd = position - 1
        var conversion: FieldConversion?
        func finish(_ spec: Range<Int>, nests: Bool) -> Result<ReplacementField, PythonFormatError> {
            name(nameStart..<nameEnd).map { argument, accessors in
                ReplacementField(
                    argument: argument, accessors: accessors, conversion: conversion,
                    spec: self.spec(spec, nests: nests, depth: depth))
            }
        }
        if terminator == "}" { return finish(position..<position, nests: false) }
        guard terminator == "!" || terminator == ":" else { return .failure(.expectedClosingBrace) }
        if terminator == "!" {
            guard position < end else { return .failure(.endOfStringLookingForConversion) }
            conversion = FieldConversion(scalars[position])
            position += 1
            if position < end {
                let next = scalars[position]
                position += 1
                if next == "}" { return finish(position..<position, nests: false) }
                if next != ":" { return .failure(.expectedColonAfterConversion) }
            }
        }
        guard let (spec, nests) = specExtent(from: &position, end: end) else {
            return .failure(.unmatchedBraceInFormatSpec)
        }
        return finish(spec, nests: nests)
    }

    /// `field_name_split` and `FieldNameIterator`: the argument (numbering `{}` automatically,
    /// and refusing to mix `{}` with `{0}`), then the accessors.
    private mutating func name(_ range: Range<Int>) -> Result<(FieldArgument, [FieldAccessor]), PythonFormatError> {
        var firstEnd = range.lowerBound
        while firstEnd < range.upperBound && scalars[firstEnd] != "." && scalars[firstEnd] != "[" { firstEnd += 1 }
        let first = range.lowerBound..<firstEnd
        let index: Int?
        do { index = try integer(first) } catch { return .failure(error) }
        if first.isEmpty || index != nil {
            if numbering == .unset { numbering = first.isEmpty ? .automatic : .manual }
            if numbering == .manual && first.isEmpty { return .failure(.switchToAutomaticNumbering) }
            if numbering == .automatic && !first.isEmpty { return .failure(.switchToManualNumbering) }
        }
        let argument: FieldArgument
        if first.isEmpty {
            argument = .positional(nextAutomatic)
            nextAutomatic += 1
        } else {
            argument = index.map(FieldArgument.positional) ?? .keyword(text(first))
        }
        return .success((argument, accessors(firstEnd..<range.upperBound)))
    }

    /// `.name` and `[key]` lookups; a malformed one ends the list as `.invalid`.
    private func accessors(_ range: Range<Int>) -> [FieldAccessor] {
        var result: [FieldAccessor] = []
        var position = range.lowerBound
        while position < range.upperBound {
            let kind = scalars[position]
            position += 1
            let start = position
            switch kind {
            case ".":
                while position < range.upperBound && scalars[position] != "." && scalars[position] != "[" { position += 1 }
                if start == position { return result + [.invalid(.emptyAttribute)] }
                result.append(.attribute(text(start..<position)))
            case "[":
                while position < range.upperBound && scalars[position] != "]" { position += 1 }
                guard position < range.upperBound else { return result + [.invalid(.missingClosingBracket)] }
                let inner = start..<position
                position += 1
                let index: Int?
                do { index = try integer(inner) } catch { return result + [.invalid(error)] }
                if inner.isEmpty { return result + [.invalid(.emptyAttribute)] }
                result.append(index.map(FieldAccessor.index) ?? .key(text(inner)))
            default:
                return result + [.invalid(.onlyDotOrBracketAfterBracket)]
            }
        }
        return result
    }

    /// CPython's `get_integer`: the value when every character is a decimal digit, nil when one
    /// is not (or there are none); an overflow is an error even if a non-digit follows.
    private func integer(_ range: Range<Int>) throws(PythonFormatError) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for position in range {
            guard let digit = FormatSpec.decimalValue(scalars[position]) else { return nil }
            value = try FormatSpec.appending(digit, to: value)
        }
        return value
    }

    private func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    /// The spec runs to the `}` that balances the field's `{`; nil if none does.
    private func specExtent(from position: inout Int, end: Int) -> (Range<Int>, Bool)? {
        let start = position
        var depth = 1
        var nests = false
        while position < end {
            let character = scalars[position]
            position += 1
            if character == "{" {
                nests = true
                depth += 1
            } else if character == "}" {
                depth -= 1
                if depth == 0 { return (start..<(position - 1), nests) }
            }
        }
        return nil
    }

    /// A spec's segments: its text, or (when it holds fields) the nested template, one level
    /// deeper.
    private mutating func spec(_ range: Range<Int>, nests: Bool, depth: Int) -> [FormatTemplate.Segment] {
        guard nests else {
            return range.isEmpty ? [] : [.literal(String(String.UnicodeScalarView(scalars[range])))]
        }
        guard depth > 1 else {
            stopped = true
            return [.error(.maxRecursionExceeded)]
        }
        return segments(in: range, depth: depth - 1)
    }
}

extension ReplacementField {
    /// Whether the field holds an error met after its lookups (a malformed accessor or an
    /// unknown conversion), beyond which nothing of the template is read.
    var failsAfterLookup: Bool {
        if case .invalid = accessors.last { return true }
        if case .unknown = conversion { return true }
        return false
    }
}
