/// The three fields of a `.npy` header.
struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// Parses the header dict. Only a Python literal is accepted (never evaluated), and any
    /// surprise is a ``NPYFormat/Failure/malformedHeader(_:)``, never a trap.
    static func parse(_ text: String) throws(NPYFormat.Failure) -> NPYHeader {
        var parser = PythonLiteralParser(text)
        let value = try parser.parseDocument()
        guard case .dict(let entries) = value else { throw .malformedHeader("it is not a dict") }
        var table: [String: PythonLiteral] = [:]
        for (key, entry) in entries {
            guard table.updateValue(entry, forKey: key) == nil else { throw .malformedHeader("the key '\(key)' appears twice") }
        }
        let keys = Set(table.keys)
        guard keys == ["descr", "fortran_order", "shape"] else {
            throw .malformedHeader("it must have exactly the keys 'descr', 'fortran_order' and 'shape', not "
                + keys.sorted().map { "'\($0)'" }.joined(separator: ", "))
        }
        guard case .string(let descr)? = table["descr"] else {
            throw .unsupportedType("(a structured type)")
        }
        guard case .bool(let fortranOrder)? = table["fortran_order"] else {
            throw .malformedHeader("'fortran_order' must be True or False")
        }
        guard case .tuple(let extents)? = table["shape"] else { throw .malformedHeader("'shape' must be a tuple") }
        var shape: [Int] = []
        for extent in extents {
            guard case .integer(let size) = extent, size >= 0 else {
                throw .malformedHeader("'shape' must hold non-negative whole numbers")
            }
            shape.append(size)
        }
        return NPYHeader(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }
}

/// The Python literals a `.npy` header may contain.
indirect enum PythonLiteral: Equatable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(String, PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.none, .none): true
        case (.tuple(let a), .tuple(let b)), (.list(let a), .list(let b)): a == b
        case (.dict(let a), .dict(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }
}

/// A recursive-descent parser for the subset of Python literals NumPy writes in headers:
/// dicts, tuples, lists, strings, integers, True, False and None. Nesting is limited so a
/// hostile header cannot exhaust the stack.
struct PythonLiteralParser {
    static let maximumDepth = 32

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var depth = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// One literal, with only whitespace around it.
    mutating func parseDocument() throws(NPYFormat.Failure) -> PythonLiteral {
        let value = try parseValue()
        skipWhitespace()
        guard position == scalars.count else { throw failure("unexpected text after the dict") }
        return value
    }

    private mutating func parseValue() throws(NPYFormat.Failure) -> PythonLiteral {
        skipWhitespace()
        guard let next = peek() else { throw failure("it ends where a value was expected") }
        switch next {
        case "{": return try nested { (parser: inout PythonLiteralParser) throws(NPYFormat.Failure) in try parser.parseDict() }
        case "(": return try nested { (parser: inout PythonLiteralParser) throws(NPYFormat.Failure) in
            .tuple(try parser.parseSequence(closing: ")"))
        }
        case "[": return try nested { (parser: inout PythonLiteralParser) throws(NPYFormat.Failure) in
            .list(try parser.parseSequence(closing: "]"))
        }
        case "'", "\"": return .string(try parseString())
        case "-", "+", "0"..."9": return .integer(try parseInteger())
        default: return try parseWord()
        }
    }

    private mutating func nested(
        _ body: (inout PythonLiteralParser) throws(NPYFormat.Failure) -> PythonLiteral
    ) throws(NPYFormat.Failure) -> PythonLiteral {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw failure("it is nested too deeply") }
        return try body(&self)
    }

    private mutating func parseDict() throws(NPYFormat.Failure) -> PythonLiteral {
        position += 1  // {
        var entries: [(String, PythonLiteral)] = []
        while true {
            skipWhitespace()
            if peek() == "}" { position += 1; return .dict(entries) }
            guard case .string(let key) = try parseValue() else { throw failure("a dict key must be a string") }
            skipWhitespace()
            guard peek() == ":" else { throw failure("expected ':' after the key '\(key)'") }
            position += 1
            entries.append((key, try parseValue()))
            skipWhitespace()
            switch peek() {
            case ",": position += 1
            case "}": position += 1; return .dict(entries)
            default: throw failure("expected ',' or '}' in the dict")
            }
        }
    }

    /// The items of a tuple or list up to `closing`; a trailing comma is allowed.
    private mutating func parseSequence(closing: Unicode.Scalar) throws(NPYFormat.Failure) -> [PythonLiteral] {
        position += 1  // ( or [
        var items: [PythonLiteral] = []
        while true {
            skipWhitespace()
            if peek() == closing { position += 1; return items }
            items.append(try parseValue())
            skipWhitespace()
            if peek() == "," { position += 1; continue }
            guard peek() == closing else { throw failure("expected ',' or '\(closing)'") }
            position += 1
            return items
        }
    }

    private mutating func parseString() throws(NPYFormat.Failure) -> String {
        guard let quote = peek() else { throw failure("it ends inside a string") }
        position += 1
        var text = String.UnicodeScalarView()
        while let scalar = peek() {
            position += 1
            if scalar == quote { return String(text) }
            if scalar == "\\" {
                guard let escaped = peek() else { break }
                position += 1
                text.append(escaped)
            } else {
                text.append(scalar)
            }
        }
        throw failure("a string is not closed")
    }

    /// A decimal integer, optionally signed, with Python 2's `L` suffix tolerated.
    private mutating func parseInteger() throws(NPYFormat.Failure) -> Int {
        var negative = false
        if let sign = peek(), sign == "-" || sign == "+" {
            negative = sign == "-"
            position += 1
        }
        var value = 0
        var digits = 0
        while let scalar = peek(), let digit = scalar.properties.numericType == .decimal ? Int(String(scalar)) : nil,
              scalar.isASCII {
            guard let shifted = value.multipliedChecked(by: 10)?.addingChecked(negative ? -digit : digit) else {
                throw failure("a number is too large")
            }
            value = shifted
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw failure("expected a number") }
        if let suffix = peek(), suffix == "L" || suffix == "l" { position += 1 }
        return value
    }

    private mutating func parseWord() throws(NPYFormat.Failure) -> PythonLiteral {
        var word = ""
        while let scalar = peek(), scalar.properties.isAlphabetic || scalar == "_" {
            word.unicodeScalars.append(scalar)
            position += 1
        }
        switch word {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .none
        case "": throw failure("unexpected character '\(peek().map { String($0) } ?? "")'")
        default: throw failure("unexpected word '\(word)'")
        }
    }

    private func peek() -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func skipWhitespace() {
        while let scalar = peek(), scalar.properties.isWhitespace { position += 1 }
    }

    private func failure(_ why: String) -> NPYFormat.Failure {
        .malformedHeader("\(why) (at character \(position + 1))")
    }
}
