#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ConvNumerics

/// NumPy's elementwise functions of one array (`np.sqrt(a)`, `np.exp(a)`, `np.abs(a)`): a
/// float32 array stays float32, integers and booleans give float64 (`abs` keeps int64), and a
/// scalar gives a scalar.
enum NumPyMath {
    static let all: [Builtin] = [
        elementwise("sqrt") { $0.squareRoot() }, elementwise("exp") { exp($0) }, elementwise("log") { log($0) },
        elementwise("sin") { sin($0) }, elementwise("cos") { cos($0) }, elementwise("tanh") { tanh($0) },
        elementwise("abs", keepsIntegers: true) { Swift.abs($0) },
        elementwise("floor", keepsIntegers: true) { $0.rounded(.down) },
        elementwise("ceil", keepsIntegers: true) { $0.rounded(.up) },
        elementwise("log2") { log2($0) }, elementwise("log10") { log10($0) }, elementwise("log1p") { log1p($0) },
        elementwise("expm1") { expm1($0) },
        // NumPy's sign: -1, 0 or 1, and nan for nan.
        elementwise("sign", keepsIntegers: true) { $0 > 0 ? 1 : $0 < 0 ? -1 : $0 == 0 ? 0 : $0 },
    ]

    private static func elementwise(
        _ name: String, keepsIntegers: Bool = false, _ function: @escaping @Sendable (Double) -> Double
    ) -> Builtin {
        NumPyLibrary.function(name, [.required("x")], "the \(name) of each element", example: "np.\(name)(np.array([1.0, 4.0]))") { call throws(RuntimeError) in
            let input = try NumPyLibrary.tensor(call, "x")
            let dtype: DType = input.dtype.isFloatingPoint || (keepsIntegers && input.dtype == .int64) ? input.dtype : .float64
            let values = input.scalars.map(function)
            let result = Tensor(shape: input.shape, scalars: values) ?? Tensor(values)
            return .numpyResult(result.converted(to: dtype))
        }
    }
}
