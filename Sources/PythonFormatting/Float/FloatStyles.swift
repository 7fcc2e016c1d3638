extension PythonFloat {
    /// `format(value, f".{precision}f")`: `precision` digits after the point, rounded half to
    /// even from the exact binary value (`-0.0` keeps its sign: `-0`). A negative precision
    /// counts as 0.
    public static func fixed(_ value: Double, precision: Int) -> String {
        FloatText(style: .fixed, precision: Swift.max(precision, 0)).text(value)
    }

    /// `format(value, f".{precision}e")`: one digit, the point, `precision` digits and a signed
    /// exponent of at least two digits (`1.0000e-05`). A negative precision counts as 0.
    public static func scientific(_ value: Double, precision: Int) -> String {
        FloatText(style: .exponent, precision: Swift.max(precision, 0)).text(value)
    }
}
