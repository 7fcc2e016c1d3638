@testable import ConvNumerics

extension DType {
    /// The dtypes the kernels compute in, as test arguments.
    static let kernelDTypes = allCases.filter(\.isFloatingPoint)

    /// The cost model's figures for the kernels of this dtype.
    var kernelCosts: KernelCosts { self == .float32 ? .float32 : .float64 }
}
