import ConvNumerics
import NumPyFormatting
import Testing

/// NumPy's printout of arrays; each expected text is what NumPy 2.4 printed for the same array
/// (`str(a)` and `repr(a)`). Tests/python/test_numpy_print.py compares many more against NumPy.
struct NumPyTextTests {
    private static func f64(_ values: [Double], _ shape: [Int]? = nil) -> Tensor {
        Tensor(shape: shape ?? [values.count], scalars: values) ?? Tensor([])
    }

    private static func f32(_ values: [Double]) -> Tensor { f64(values).converted(to: .float32) }

    private static func check(_ tensor: Tensor, str: String, repr: String, options: NumPyPrintOptions = NumPyPrintOptions()) {
        #expect(NumPyText.str(tensor, options: options) == str)
        #expect(NumPyText.repr(tensor, options: options) == repr)
    }

    @Test func floatsPadToACommonIntegerPartAndFraction() {
        Self.check(Self.f64([1, 2.5, 3]), str: "[1.  2.5 3. ]", repr: "array([1. , 2.5, 3. ])")
    }

    @Test func integersAlignRightInRows() {
        Self.check(Self.f64([1, 2, 3, 4], [2, 2]).converted(to: .int64), str: "[[1 2]\n [3 4]]", repr: "array([[1, 2],\n       [3, 4]])")
    }

    @Test func float32NamesItsDTypeAndPrintsItsOwnShortestDigits() {
        Self.check(Self.f32([1, 2]), str: "[1. 2.]", repr: "array([1., 2.], dtype=float32)")
        Self.check(Self.f32([0.1, 1.0 / 3.0]), str: "[0.1        0.33333334]", repr: "array([0.1       , 0.33333334], dtype=float32)")
    }

    @Test func scientificNotationSharesDigitsAndExponentWidth() {
        Self.check(Self.f64([1e20, 1.5e-5]), str: "[1.0e+20 1.5e-05]", repr: "array([1.0e+20, 1.5e-05])")
        Self.check(Self.f64([0.001, 1000]), str: "[1.e-03 1.e+03]", repr: "array([1.e-03, 1.e+03])")
    }

    @Test func specialFloatsAlignWithTheRest() {
        Self.check(Self.f64([0.1, -0.0, .nan, -.infinity]), str: "[ 0.1 -0.   nan -inf]", repr: "array([ 0.1, -0. ,  nan, -inf])")
    }

    @Test func booleansPadTrueToFalsesWidth() {
        let flags = Tensor([true, false])
        Self.check(flags, str: "[ True False]", repr: "array([ True, False])")
        #expect(NumPyText.repr(Tensor(scalar: true)) == "array(True)")
    }

    @Test func zeroDimensionalAndEmptyArrays() {
        #expect(NumPyText.str(Tensor(scalar: 2.5)) == "2.5")
        #expect(NumPyText.repr(Tensor(scalar: 1.0)) == "array(1.)")
        #expect(NumPyText.str(Tensor(scalar: 1e20)) == "1e+20")
        Self.check(Self.f64([]), str: "[]", repr: "array([], dtype=float64)")
        #expect(NumPyText.repr(Tensor(shape: [0, 3], scalars: [Double]()) ?? Tensor([])) == "array([], shape=(0, 3), dtype=float64)")
    }

    @Test func longRowsWrapBeforeTheLineWidth() {
        let values = (0..<30).map { Double($0) / 7 }
        let str = NumPyText.str(Self.f64(values))
        #expect(str.split(separator: "\n").first == "[0.         0.14285714 0.28571429 0.42857143 0.57142857 0.71428571")
        #expect(str.split(separator: "\n").count == 5)
        let repr = NumPyText.repr(Self.f64(values))
        #expect(repr.split(separator: "\n")[1] == "       0.71428571, 0.85714286, 1.        , 1.14285714, 1.28571429,")
    }

    @Test func summarisedArraysKeepTheirEdgesAndSayTheirShape() {
        let counted = Self.f64((0..<2000).map(Double.init)).converted(to: .int64)
        Self.check(counted, str: "[   0    1    2 ... 1997 1998 1999]",
                   repr: "array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))")
    }

    @Test func precisionRoundsTheExactValueHalfToEven() {
        var options = NumPyPrintOptions()
        options.precision = 2
        #expect(NumPyText.str(Self.f64([0.125, 0.375, 0.005, 1.005]), options: options) == "[0.12 0.38 0.01 1.  ]")
    }
}
