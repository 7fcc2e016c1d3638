/// NumPy's `FloatingFormat` in its default mode (`floatmode='maxprec'`, `sign='-'`): one style
/// and one padding for every element of an array, chosen from the elements shown.
///
/// Scientific notation is chosen when the largest nonzero finite magnitude reaches 1e8 (1e6
/// for float32) or,
/// unless small numbers are suppressed, when the smallest is below 1e-4 or the two are more
/// than 1000 apart. Positional elements are padded to a common integer part on the left and a
/// common fraction on the right (`[1.  2.5 3. ]`); scientific ones share their digit count and
/// exponent width (`[1.0e+20 1.5e-05]`).
struct FloatingFormat {
    private let isFloat32: Bool
    private let exponential: Bool
    /// The digit cap of the pass that pads: the option's for positional texts, the longest
    /// fraction for scientific ones (which are then padded with zeros to it).
    private let precision: Int
    private var padLeft = 0
    private var padRight = 0
    private var exponentDigits = 2

    init(_ values: [Double], isFloat32: Bool, options: NumPyPrintOptions) {
        self.isFloat32 = isFloat32
        let finite = values.filter(\.isFinite)
        exponential = Self.choosesScientific(finite, isFloat32: isFloat32, suppress: options.suppressSmall)
        let cap = Swift.max(options.precision, 0)
        if finite.isEmpty {
            precision = cap
        } else if exponential {
            let parts = finite.map { Dragon4.scientific($0, isFloat32: isFloat32, precision: cap) }
            precision = parts.map(\.fraction.utf8.count).max() ?? 0
            exponentDigits = Swift.max(parts.map { String(Swift.abs($0.exponent)).utf8.count }.max() ?? 2, 2)
            padLeft = parts.map(\.integer.utf8.count).max() ?? 1
            padRight = exponentDigits + 2 + precision
        } else {
            precision = cap
            let parts = finite.map { Dragon4.positional($0, isFloat32: isFloat32, precision: cap) }
            padLeft = parts.map(\.integer.utf8.count).max() ?? 1
            padRight = parts.map(\.fraction.utf8.count).max() ?? 0
        }
        if finite.count != values.count {
            // nan and inf are right-aligned in the whole width, which must hold them.
            let negativeInfinity = values.contains { $0.isInfinite && $0 < 0 } ? 1 : 0
            let offset = padRight + 1
            padLeft = Swift.max(padLeft, 3 - offset, 3 + negativeInfinity - offset)
        }
    }

    /// NumPy compares a float32 array's magnitudes in float32, against the bounds as float32.
    private static func choosesScientific(_ finite: [Double], isFloat32: Bool, suppress: Bool) -> Bool {
        let magnitudes = finite.filter { $0 != 0 }.map(Swift.abs)
        guard let largest = magnitudes.max(), let smallest = magnitudes.min() else { return false }
        // NumPy 2.3's cutoff follows the dtype's decimal precision: 1e6 for float32, 1e8 for float64.
        if largest >= (isFloat32 ? 1e6 : 1e8) { return true }
        guard !suppress else { return false }
        let small = isFloat32 ? Double(Float(1e-4)) : 1e-4
        let ratio = isFloat32 ? Double(Float(largest) / Float(smallest)) : largest / smallest
        return smallest < small || ratio > 1000
    }

    /// One element, padded.
    func format(_ value: Double) -> String {
        guard value.isFinite else {
            let text = value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
            return pad(text, to: padLeft + padRight + 1)
        }
        if exponential {
            let parts = Dragon4.scientific(value, isFloat32: isFloat32, precision: precision, minimumDigits: precision)
            return pad(parts.integer, to: padLeft) + "." + parts.fraction + Dragon4.exponentText(parts.exponent, digits: exponentDigits)
        }
        let parts = Dragon4.positional(value, isFloat32: isFloat32, precision: precision)
        let spaces = String(repeating: " ", count: Swift.max(padRight - parts.fraction.utf8.count, 0))
        return pad(parts.integer, to: padLeft) + "." + parts.fraction + spaces
    }

    private func pad(_ text: String, to width: Int) -> String {
        let missing = width - text.utf8.count
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }
}

/// The formatter of one array's elements, by kind: floats (``FloatingFormat``), integers
/// right-aligned to the widest of the largest and smallest, booleans as ` True` and `False`
/// (`True` alone in a 0-d array).
struct ElementFormat {
    private enum Kind {
        case floating(FloatingFormat)
        case integer(width: Int)
        case boolean(trueText: String)
    }

    private let kind: Kind

    init(shown: ArrayElements, isScalar: Bool, options: NumPyPrintOptions) {
        switch shown {
        case .floating(let values, let isFloat32):
            kind = .floating(FloatingFormat(values, isFloat32: isFloat32, options: options))
        case .integer(let values):
            let extremes = [values.max(), values.min()].compactMap { $0 }
            kind = .integer(width: extremes.map { String($0).utf8.count }.max() ?? 0)
        case .boolean:
            kind = .boolean(trueText: isScalar ? "True" : " True")
        }
    }

    /// Element `index` of `elements`, as it is laid out.
    func format(_ elements: ArrayElements, at index: Int) -> String {
        switch (kind, elements) {
        case (.floating(let format), .floating(let values, _)): return format.format(values[index])
        case (.integer(let width), .integer(let values)):
            let text = String(values[index])
            return String(repeating: " ", count: Swift.max(width - text.utf8.count, 0)) + text
        case (.boolean(let trueText), .boolean(let values)): return values[index] ? trueText : "False"
        default: return ""
        }
    }
}
