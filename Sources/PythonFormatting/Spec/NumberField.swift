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
    /// The integer digits, already upper-cased for `X`; empty for `c`, `inf` and `nan`.
    var digits: String.UnicodeScalarView
    /// Whether a decimal point follows the digits.
    var hasDecimal = false
    /// What follows the point (or the digits): fraction, exponent, `%`, `inf`, a `c` character.
    var remainder: String = ""

    /// The float text `text` (as `FloatText` makes it) split into its parts.
    init(floatText text: String) {
        var scalars = Substring(text).unicodeScalars
        negative = scalars.first == "-"
        if negative { scalars = scalars.dropFirst() }
        let digitEnd = scalars.firstIndex { !($0.value >= 48 && $0.value <= 57) } ?? scalars.endIndex
        digits = String.UnicodeScalarView(scalars[..<digitEnd])
        var rest = scalars[digitEnd...]
        if rest.first == "." {
            hasDecimal = true
            rest = rest.dropFirst()
        }
        remainder = String(String.UnicodeScalarView(rest))
    }

    init(negative: Bool, prefix: String, digits: String, remainder: String) {
        self.negative = negative
        self.prefix = prefix
        self.digits = digits.unicodeScalars
        self.remainder = remainder
    }

    /// The field laid out by `spec`; `groupSize` is 3, or 4 for `_` in binary, octal and hex.
    func render(_ spec: ResolvedSpec, groupSize: Int = 3) -> String {
        let signCharacter: Unicode.Scalar? = switch spec.sign {
        case .plus: negative ? "-" : "+"
        case .space: negative ? "-" : " "
        case .minus, nil: negative ? "-" : nil
        }
        let width = spec.width ?? -1
        let nonDigits = (signCharacter == nil ? 0 : 1) + prefix.unicodeScalars.count
            + (hasDecimal ? 1 : 0) + remainder.unicodeScalars.count
        let minimumDigits = spec.fill == "0" && spec.align == "=" ? width - nonDigits : 0
        let separator = spec.grouping.map { $0 == .comma ? "," : "_" as Unicode.Scalar }
        let grouped = digits.isEmpty
            ? String.UnicodeScalarView()
            : Self.group(digits, minimumWidth: minimumDigits, separator: separator, size: groupSize)
        let padding = Swift.max(0, width - (nonDigits + grouped.count))
        var left = 0, middle = 0, right = 0
        switch spec.align {
        case "<": right = padding
        case "^": left = padding / 2; right = padding - left
        case "=": middle = padding
        default: left = padding
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: repeatElement(spec.fill, count: left))
        if let signCharacter { out.append(signCharacter) }
        out.append(contentsOf: prefix.unicodeScalars)
        out.append(contentsOf: repeatElement(spec.fill, count: middle))
        out.append(contentsOf: grouped)
        if hasDecimal { out.append(".") }
        out.append(contentsOf: remainder.unicodeScalars)
        out.append(contentsOf: repeatElement(spec.fill, count: right))
        return String(out)
    }

    /// `_PyUnicode_InsertThousandsGrouping`: groups of `size` from the right, separated, and
    /// padded with zeros (grouped as well) to at least `minimumWidth`.
    static func group(
        _ digits: String.UnicodeScalarView, minimumWidth: Int, separator: Unicode.Scalar?, size: Int
    ) -> String.UnicodeScalarView {
        let all = Array(digits)
        var remaining = all.count
        var minimumWidth = Swift.max(0, minimumWidth)
        var pieces: [[Unicode.Scalar]] = []
        func take(_ length: Int) {
            let zeros = Swift.max(0, length - remaining)
            let count = Swift.max(0, Swift.min(remaining, length))
            var piece = [Unicode.Scalar](repeating: "0", count: zeros)
            piece += all[(remaining - count)..<remaining]
            if let separator, !pieces.isEmpty { piece.append(separator) }
            pieces.append(piece)
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
        var out = String.UnicodeScalarView()
        for piece in pieces.reversed() { out.append(contentsOf: piece) }
        return out
    }
}
