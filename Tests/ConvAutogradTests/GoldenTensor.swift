import Foundation
import ConvNumerics
import ConvAutograd

/// Reads the `{"dtype", "shape", "values"}` tensors of the later golden files.
enum GoldenTensor {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func tensor(_ value: Any?) throws -> Tensor {
        guard let object = value as? [String: Any],
              let dtype = object["dtype"] as? String,
              let shape = object["shape"] as? [Int],
              let values = object["values"] as? [Any]
        else { throw Malformed(description: "not a tensor: \(String(describing: value))") }
        let numbers = try values.map(number)
        let tensor: Tensor? = switch dtype {
        case "float64": Tensor(shape: shape, scalars: numbers)
        case "float32": Tensor(shape: shape, scalars: numbers.map { Float($0) })
        case "int64": Tensor(shape: shape, scalars: numbers.map { Int64($0) })
        case "bool": Tensor(shape: shape, scalars: numbers.map { $0 != 0 })
        default: nil
        }
        guard let tensor else { throw Malformed(description: "bad tensor \(dtype) \(shape)") }
        return tensor
    }

    static func number(_ value: Any) throws -> Double {
        if let number = value as? NSNumber { return number.doubleValue }
        switch value as? String {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: throw Malformed(description: "not a number: \(value)")
        }
    }

    /// The largest difference between `actual` and `expected`, relative to the larger of each
    /// expected value and the expected tensor's largest magnitude times `floor`; `nil` when the
    /// shapes differ. NaNs match NaNs.
    static func relativeError(_ actual: Tensor, _ expected: Tensor, floor: Double = 1e-3) -> Double? {
        guard actual.shape == expected.shape else { return nil }
        let a = actual.scalars, b = expected.scalars
        let scale = (b.map { Swift.abs($0) }.filter(\.isFinite).max() ?? 0) * floor
        var worst = 0.0
        for (x, y) in zip(a, b) {
            if x.isNaN && y.isNaN || x == y { continue }
            let error = Swift.abs(x - y) / Swift.max(Swift.abs(y), scale, 1e-300)
            worst = Swift.max(worst, error.isNaN ? .infinity : error)
        }
        return worst
    }
}
