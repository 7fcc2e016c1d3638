/// A formatted number in its parts, laid out the way CPython's `calc_number_widths` and
/// `fill_number` do:
///
///     <left padding><sign><prefix><sign padding><grouped digits><point><remainder><right padding>
///
/// Only one padding is ever non-empty. With `0` padding (fill `0`, alignment `=`) the zeros go
/// into the digits instead, so that they are grouped too (`format(1234, '010,')` is `00,001,234`).
struct NumberField {
    var negative: Bool
    /// `0x`, `0o`, `0b` (as shown, already upper-cased for `X`), or empty.
    var prefix: String = ""
    /// The integer digits (ASCII), already upper-cased for `X`; empty for `c`, `inf` and `nan`.
    var digits: [UInt8]
    /// Whether a decimal point follows the digits.
    var hasDecimal = false
    /// What follows the point (or the digits): fraction, exponent, `%`, `inf`, a `c` character.
    var remainder: String = ""

    /// The float text `text` (as `FloatText` makes it) split into its parts.
    init(floatText text: String) {
        var bytes = Substring(text).utf8
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let digitEnd = bytes.firstIndex { !isDigit($0) } ?? bytes.endIndex
        digits = Array(bytes[..<digitEnd])
        var rest = bytes[digitEnd...]
        if rest.first == UInt8(ascii: ".") {
            hasDecimal = true
            rest = rest.dropFirst()
        }
        remainder = String(Substring(rest))
    }

    init(negative: Bool, prefix: String, digits: String, remainder: String) {
        self.negative = negative
        self.prefix = prefix
        self.digits = Array(digits.utf8)
        self.remainder = remainder
    }

    /// The field laid out by `spec`; `groupSize` is 3, or 4 for `_` in binary, octal and hex.
    func render(_ spec: ResolvedSpec, groupSize: Int = 3) -> String {
        let signCharacter: String = switch spec.sign {
        case .plus: negative ? "-" : "+"
        case .space: negative ? "-" : " "
        case .minus, nil: negative ? "-" : ""
        }
        let width = spec.width ?? -1
        let nonDigits = signCharacter.utf8.count + prefix.unicodeScalars.count
            + (hasDecimal ? 1 : 0) + remainder.unicodeScalars.count
        let minimumDigits = spec.fill == "0" && spec.align == "=" ? width - nonDigits : 0
        let separator: UInt8? = spec.grouping.map { $0 == .comma ? UInt8(ascii: ",") : UInt8(ascii: "_") }
        let grouped = digits.isEmpty
            ? []
            : Self.group(digits, minimumWidth: minimumDigits, separator: separator, size: groupSize)
        let padding = Swift.max(0, width - (nonDigits + grouped.count))
        var left = 0, middle = 0, right = 0
        switch spec.align {
        case "<": right = padding
        case "^": left = padding / 2; right = padding - left
        case "=": middle = padding
        default: left = padding
        }
        return PythonString.repeated(spec.fill, left) + signCharacter + prefix
            + PythonString.repeated(spec.fill, middle) + String(decoding: grouped, as: UTF8.self)
            + (hasDecimal ? "." : "") + remainder + PythonString.repeated(spec.fill, right)
    }

    /// `_PyUnicode_InsertThousandsGrouping`: groups of `size` from the right, separated, and
    /// padded with zeros (grouped as well) to at least `minimumWidth`.
    static func group(_ digits: [UInt8], minimumWidth: Int, separator: UInt8?, size: Int) -> [UInt8] {
        var remaining = digits.count
        var minimumWidth = Swift.max(0, minimumWidth)
        var pieces: [ArraySlice<UInt8>] = []
        func take(_ length: Int) {
            let zeros = Swift.max(0, length - remaining)
            let count = Swift.max(0, Swift.min(remaining, length))
            var piece = [UInt8](repeating: UInt8(ascii: "0"), count: zeros)
            piece += digits[(remaining - count)..<remaining]
            if let separator, !pieces.isEmpty { piece.append(separator) }
            pieces.append(piece[...])
            remaining -= count
        }
        if separator != nil {
            while true {
                let length = Swift.min(size, Swift.max(remaining, minimumWidth, 1))
                take(length)
                minimumWidth -= length
                if remaining <= 0 && minimumWidth <= 0 { break }
                minimumWidth -= 1  // the separator's width
            }
        } else {
            take(Swift.max(remaining, minimumWidth, 1))
        }
        return Array(pieces.reversed().joined())
    }
}
