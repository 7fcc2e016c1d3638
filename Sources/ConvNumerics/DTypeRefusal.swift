/// A refusal that can say the operands of a convolution-like call (input, weight, bias) do not
/// share a dtype, or share one the kernels do not compute in.
protocol DTypeRefusal: Error {
    static func dtypeMismatch(input: DType, weight: DType, bias: DType?) -> Self
    static func unsupportedDType(_ dtype: DType) -> Self
}

extension ConvolutionError: DTypeRefusal {}
extension ConvolutionTransposeError: DTypeRefusal {}

/// The dtype rules of the convolutions: one dtype for input, weight and bias, float32 or
/// float64. Nothing is converted: PyTorch refuses a float32 input with a float64 weight too.
enum OperandDTypes {
    /// The dtype input, weight and bias share, refused as `refusal.dtypeMismatch` when they
    /// differ and as `refusal.unsupportedDType` when it is not floating-point.
    static func floatingDType<Refusal: DTypeRefusal>(
        input: Tensor, weight: Tensor, bias: Tensor?, refusing refusal: Refusal.Type
    ) throws(Refusal) -> DType {
        let dtype = input.dtype
        guard weight.dtype == dtype, bias.map({ $0.dtype == dtype }) ?? true else {
            throw .dtypeMismatch(input: dtype, weight: weight.dtype, bias: bias?.dtype)
        }
        guard dtype.isFloatingPoint else { throw .unsupportedDType(dtype) }
        return dtype
    }

    /// The sentence for mixed operands: the input against the first operand that differs.
    static func mismatchText(input: DType, weight: DType, bias: DType?) -> String {
        if weight != input { return RefusalWording.dtypeMismatch("the input", input, "the weight", weight) }
        return RefusalWording.dtypeMismatch("the input", input, "the bias", bias ?? input)
    }
}
