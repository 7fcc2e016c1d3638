import PythonFormatting

/// Number literals, as Python reads them: integers (`7`, `0x1f`, `0o17`, `0b101`, `1_000`),
/// exact at any size (beyond 2^63 − 1 a big int), and floats (`2.`, `.5`, `1e-3`, `7.0`).
extension Lexer {
    /// number -> "0" ("x"|"o"|"b") digits | digits [ "." digits ] [ exponent ] | "." digits [ exponent ]
    mutating func number() -> Token {
        let start = position
        if bytes[start] == UInt8(ascii: "0"), let marker = peek(1), let radix = Self.radix(marker) {
            position += 2
            skipDigits(radix: radix)
            if let next = peek(), isDigit(next) {
                skipDigits(radix: 10)
                return invalid(SourceRange(start: start, end: position),
                               "invalid digit '\(Character(Unicode.Scalar(next)))' in a base-\(radix) integer")
            }
            let range = SourceRange(start: start, end: position)
            return finishNumber(range, kind: integerValue((start + 2)..<position, radix: radix).map(TokenKind.integer))
        }
        skipDigits(radix: 10)
        var isFloat = false
        if peek() == UInt8(ascii: ".") {
            isFloat = true
            position += 1
            skipDigits(radix: 10)
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let afterSign = (peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")) ? 2 : 1
            if peek(afterSign).map(isDigit) == true {
                isFloat = true
                position += afterSign
                skipDigits(radix: 10)
            }
        }
        let range = SourceRange(start: start, end: position)
        let kind = isFloat ? floatLiteral(range) : integerValue(start..<position, radix: 10).map(TokenKind.integer)
        return finishNumber(range, kind: kind)
    }

    /// The token for the number in `range` (`kind` nil when malformed or too large), unless a
    /// name is glued to it (`2x`, `1j`).
    @inline(__always)
    private mutating func finishNumber(_ range: SourceRange, kind: TokenKind?) -> Token {
        if let next = peek(), isASCIILetter(next) || (next >= 0x80 && isIdentifierStart(at: position)) {
            let nameEnd = scanIdentifierEnd(from: position)
            let whole = SourceRange(start: range.start, end: nameEnd)
            position = nameEnd
            if nameEnd == range.end + 1, next | 0x20 == UInt8(ascii: "j") {
                return unsupported(.complexNumber, from: range.start)
            }
            // `2x` is almost always a missing operator; say so rather than reading two tokens.
            return invalid(whole, "'\(source.text(of: whole))' is not a number or a name; is an operator missing, as in '2 * x'?")
        }
        guard let kind else {
            if let radix = integerOverflows(range) { return bigInteger(range, radix: radix) }
            return invalid(range, "malformed number '\(source.text(of: range))'")
        }
        return Token(kind: kind, range: range)
    }

    private static func radix(_ marker: UInt8) -> Int? {
        switch marker | 0x20 {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    /// The value of the digits (and `_` separators) in `indices`, or `nil` when there is no
    /// digit or the value passes 2^63 − 1.
    @inline(__always)
    private func integerValue(_ indices: Range<Int>, radix: Int) -> Int64? {
        var value: Int64 = 0
        var sawDigit = false
        for index in indices where bytes[index] != UInt8(ascii: "_") {
            guard let digit = Self.digitValue(bytes[index]), digit < radix else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: Int64(radix))
            let (sum, overflowAgain) = shifted.addingReportingOverflow(Int64(digit))
            if overflow || overflowAgain { return nil }
            value = sum
            sawDigit = true
        }
        return sawDigit ? value : nil
    }

    /// The radix of `range`'s well-formed integer digits whose value is too large for 64 bits;
    /// nil when they are not well formed.
    private func integerOverflows(_ range: SourceRange) -> Int? {
        let text = source.text(of: range).lowercased()
        let radix = text.hasPrefix("0x") ? 16 : text.hasPrefix("0o") ? 8 : text.hasPrefix("0b") ? 2 : 10
        let digits = (radix == 10 ? Substring(text) : text.dropFirst(2)).filter { $0 != "_" }
        return !digits.isEmpty && digits.allSatisfy { $0.hexDigitValue.map { $0 < radix } == true } ? radix : nil
    }

    /// The token of an integer literal beyond 64 bits. Past 4300 decimal digits Python's compiler
    /// refuses the literal (its limit on decimal conversion); other bases have no limit.
    private mutating func bigInteger(_ range: SourceRange, radix: Int) -> Token {
        let text = source.text(of: range)
        let digits = (radix == 10 ? Substring(text) : text.dropFirst(2)).filter { $0 != "_" }
        if radix == 10, digits.count > BigIntegerDigits.maximumDigits {
            return invalid(range, "Exceeds the limit (\(BigIntegerDigits.maximumDigits) digits) for integer string conversion: value has \(digits.count) digits",
                           notes: ["write a huge constant in hexadecimal, which has no limit, or compute it (10 ** 5000)"])
        }
        guard case .bigInt(let value)? = Value.integer(digits: digits, radix: radix) else {
            return invalid(range, "malformed number '\(text)'")
        }
        literals[range.start] = .bigInteger(value)
        return Token(kind: .bigInteger, range: range)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    private func floatLiteral(_ range: SourceRange) -> TokenKind? {
        (exactDecimal(range) ?? Double(source.text(of: range).replacingAll("_", with: ""))).map(TokenKind.float)
    }

    /// The value of a plain decimal such as `42` or `0.5`, computed exactly without making a
    /// string: when the digits fit in 2^53 and there are at most 22 decimals, one correctly
    /// rounded IEEE division gives the nearest double. Anything else (exponents, `_`, many
    /// digits) returns `nil` and takes the general path.
    private func exactDecimal(_ range: SourceRange) -> Double? {
        var significand: UInt64 = 0
        var decimals = 0
        var seenPoint = false
        for index in range.start..<range.end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard isDigit(byte), significand < 1 << 49 else { return nil }
            significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
            if seenPoint { decimals += 1 }
        }
        guard decimals <= 22 else { return nil }
        return Double(significand) / Lexer.powersOfTen[decimals]
    }

    /// 10^0 through 10^22, all exact in a double.
    private static let powersOfTen: [Double] = (0...22).reduce(into: []) { table, n in table.append(n == 0 ? 1 : table[n - 1] * 10) }

    /// Skips digits of `radix` and `_` separators. Letters beyond a radix's digits stop it, so
    /// `0x1g` ends at `g` and is reported as a number glued to a name.
    private mutating func skipDigits(radix: Int) {
        while let byte = peek() {
            let isDigitOfRadix = radix == 10 ? isDigit(byte) : Self.digitValue(byte).map { $0 < radix } == true
            guard isDigitOfRadix || byte == UInt8(ascii: "_") else { return }
            position += 1
        }
    }
}
