@testable import ConvNumerics

/// The element types the fast kernels compute in, as test arguments.
enum Precision: String, CaseIterable, Sendable, CustomStringConvertible {
    case float64
    case float32

    var costs: KernelCosts {
        switch self {
        case .float64: .float64
        case .float32: .float32
        }
    }

    var description: String { rawValue }
}
