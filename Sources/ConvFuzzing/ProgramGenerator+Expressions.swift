/// Expressions of each kind the generator tracks: numbers, text (f-strings with specs, nested
/// to a bound), lists, dicts and comprehensions, conditions.
extension ProgramGenerator {
    /// An expression of any kind, for a `print` or an expression statement.
    mutating func anyExpression() -> String {
        switch choices.below(6) {
        case 0: intExpression(depth: 0)
        case 1: stringExpression(depth: 0)
        case 2: tensorExpression(depth: 0)
        case 3: listExpression(depth: 0)
        case 4: dictExpression(depth: 0)
        default: "\(floatLiteral()) \(choices.pick(["+", "-", "*", "/", "**"])) \(intExpression(depth: 1))"
        }
    }

    /// An integer (or, past a zero divisor or a huge power, an error).
    mutating func intExpression(depth: Int) -> String {
        let leaf = depth >= bounds.expressionDepth
        switch choices.below(leaf ? 2 : 9) {
        case 0: return String(choices.pick([0, 1, 2, 3, 7, -1, 10, 255, -128, 1 << 20]))
        case 1: return scope.ints.isEmpty ? String(choices.int(in: 0...9)) : choices.pick(scope.ints)
        case 2:
            let op = choices.pick(["+", "-", "*", "//", "%", "**"])
            // Small exponents keep powers in range; 0 still divides by zero.
            let right = op == "**" ? String(choices.int(in: 0...6)) : intExpression(depth: depth + 1)
            return "(\(intExpression(depth: depth + 1)) \(op) \(right))"
        case 3: return "len(\(choices.chance(50) && !scope.lists.isEmpty ? choices.pick(scope.lists) : listExpression(depth: depth + 1)))"
        case 4 where choices.chance(50): return "\(choices.pick(["abs", "int"]))(\(intExpression(depth: depth + 1)))"
        case 4: return "\(choices.pick(["min", "max"]))(\(intExpression(depth: depth + 1)), \(intExpression(depth: depth + 1)))"
        case 5 where !scope.lists.isEmpty: return "\(choices.pick(scope.lists))[\(intExpression(depth: depth + 1))]"
        case 6 where !scope.dicts.isEmpty: return "\(choices.pick(scope.dicts)).get(\(stringLiteral()), \(choices.int(in: 0...3)))"
        case 7: return "sum(\(listExpression(depth: depth + 1)))"
        default: return "(\(intExpression(depth: depth + 1)) if \(condition()) else \(intExpression(depth: depth + 1)))"
        }
    }

    mutating func floatLiteral() -> String {
        let literal = choices.pick(["0.5", "1.5", "-2.25", "1e-3", "3.0", "1e300", "nan", "inf", "0.1"])
        return ["nan", "inf"].contains(literal) ? "float(\(quoted(literal)))" : literal
    }

    mutating func stringLiteral() -> String {
        quoted(choices.pick(["a", "b", "key", "", "x y", "é", "1"]))
    }

    /// `text` in quotes no f-string around it uses, as Python 3.11 requires; inside two f-strings,
    /// whose fields may hold neither quote, an expression whose value is the text.
    func quoted(_ text: String) -> String {
        guard let quote = freeQuote else { return "chr(\(text.unicodeScalars.first.map { $0.value } ?? 32))" }
        return "\(quote)\(text)\(quote)"
    }

    /// A quote no enclosing f-string uses, if one is left.
    var freeQuote: String? { ["\"", "'"].first { !fStringQuotes.contains($0) } }

    mutating func stringExpression(depth: Int) -> String {
        let leaf = depth >= bounds.expressionDepth
        switch choices.below(leaf ? 2 : 6) {
        case 0: return stringLiteral()
        case 1: return scope.strings.isEmpty ? stringLiteral() : choices.pick(scope.strings)
        case 2: return fString(depth: 0)
        case 3:
            let method = choices.pick(["upper()", "strip()", "split(\(quoted(" ")))[0]", "replace(\(quoted("a")), \(quoted("b")))", "zfill(5)"])
            return "\(stringExpression(depth: depth + 1)).\(method)"
        case 4: return "str(\(anyLeaf()))"
        default:
            let variable = fresh("j")
            return "\(quoted(",")).join([str(\(variable)) for \(variable) in range(\(choices.int(in: 0...4)))])"
        }
    }

    /// An f-string with values, conversions and format specs, holding f-strings of its own up
    /// to `bounds.fStringDepth`, each in a quote its enclosing ones do not use (Python 3.11's
    /// rule); with no quote left, `str` of a value instead.
    mutating func fString(depth: Int) -> String {
        guard let quote = freeQuote else { return "str(\(intExpression(depth: bounds.expressionDepth)))" }
        fStringQuotes.append(quote)
        defer { fStringQuotes.removeLast() }
        var parts: [String] = []
        for _ in 0..<(1 + choices.below(3)) {
            switch choices.below(5) {
            case 0: parts.append(choices.pick(["v=", " ", "{{x}}", "->", "ß"]))
            case 1 where depth + 1 < bounds.fStringDepth: parts.append("{\(fString(depth: depth + 1))}")
            case 2: parts.append("{\(intExpression(depth: 2))\(choices.pick(["!r", "!s", ""]))}")
            case 3:
                let width = scope.ints.isEmpty ? "{\(choices.int(in: 0...9))}" : "{\(choices.pick(scope.ints))}"
                parts.append("{\(intExpression(depth: 2)):\(choices.pick([">", "<", "^", ""]))\(width)}")
            default: parts.append("{\(anyLeaf()):\(formatSpec())}")
            }
        }
        return "f\(quote)\(parts.joined())\(quote)"
    }

    /// A format spec; some do not fit the value they format (`d` for a float), which is an error.
    mutating func formatSpec() -> String {
        choices.pick([">8", "<5", "^7", "08.3f", ".2e", "+d", "x", "b", ",", ".1%", "g", "#o", "*^9", "=+6", ".0f", "10.4", "d", "s"])
    }

    /// A number or a name, for a place where nesting must stop.
    mutating func anyLeaf() -> String {
        switch choices.below(4) {
        case 0: floatLiteral()
        case 1 where !scope.tensors.isEmpty: choices.pick(scope.tensors)
        case 2 where !scope.strings.isEmpty: choices.pick(scope.strings)
        default: intExpression(depth: bounds.expressionDepth)
        }
    }

    mutating func listExpression(depth: Int) -> String {
        let leaf = depth >= bounds.expressionDepth
        switch choices.below(leaf ? 1 : 5) {
        case 0: return "[\((0..<choices.below(4)).map { _ in String(choices.int(in: -3...9)) }.joined(separator: ", "))]"
        case 1:
            let variable = fresh("q")
            return "[\(variable) \(choices.pick(["*", "+", "%", "//"])) \(choices.int(in: 1...3)) for \(variable) in range(\(choices.int(in: 0...8)))\(choices.chance(50) ? " if \(variable) % 2 == 0" : "")]"
        case 2: return "sorted(\(listExpression(depth: depth + 1))\(choices.chance(50) ? ", reverse=True" : ""))"
        case 3: return "list(range(\(choices.int(in: 0...5))))"
        default: return "\(listExpression(depth: depth + 1)) + \(listExpression(depth: depth + 1))"
        }
    }

    mutating func dictExpression(depth: Int) -> String {
        switch choices.below(depth >= bounds.expressionDepth ? 1 : 3) {
        case 0: return "{\((0..<choices.below(3)).map { _ in "\(stringLiteral()): \(choices.int(in: 0...9))" }.joined(separator: ", "))}"
        case 1:
            let variable = fresh("k")
            return "{str(\(variable)): \(variable) * \(variable) for \(variable) in range(\(choices.int(in: 0...5)))}"
        default: return "dict(\(choices.pick(["a", "b"]))=\(intExpression(depth: depth + 1)))"
        }
    }

    /// A comparison for `if`, `while` or a conditional expression.
    mutating func condition() -> String {
        switch choices.below(4) {
        case 0: "\(intExpression(depth: 2)) \(choices.pick(["<", "<=", "==", "!=", ">", ">="])) \(intExpression(depth: 2))"
        case 1 where !scope.dicts.isEmpty: "\(stringLiteral()) in \(choices.pick(scope.dicts))"
        case 2: "not \(intExpression(depth: 2))"
        default: "\(intExpression(depth: 2)) > 0 and \(intExpression(depth: 2)) % 2 == 0"
        }
    }
}
