import Foundation
import Testing
import ConvNumerics

/// Turns the values of golden cases (read with `GoldenSet.cases`) into tensors and settings.
enum GoldenFile {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// A tensor from nested JSON lists; the shape comes from the first element at each depth.
    static func tensor(_ value: Any?) throws -> Tensor {
        var shape: [Int] = []
        var probe = value
        while let list = probe as? [Any] {
            shape.append(list.count)
            probe = list.first
        }
        var scalars: [Double] = []
        try flatten(value, into: &scalars)
        guard let tensor = Tensor(shape: shape, scalars: scalars) else {
            throw Missing(description: "ragged list of shape \(shape)")
        }
        return tensor
    }

    private static func flatten(_ value: Any?, into scalars: inout [Double]) throws {
        if let list = value as? [Any] {
            for element in list { try flatten(element, into: &scalars) }
        } else if let number = value as? NSNumber {
            scalars.append(number.doubleValue)
        } else {
            throw Missing(description: "not a number: \(String(describing: value))")
        }
    }

    /// `padding` of a conv1d case: an integer, "same" or "valid".
    static func padding(_ value: Any?) throws -> Padding {
        switch value {
        case let text as String where text == "same": return .same
        case let text as String where text == "valid": return .valid
        case let number as NSNumber: return .symmetric(number.intValue)
        default: throw Missing(description: "unknown padding \(String(describing: value))")
        }
    }

    static func int(_ value: Any?, _ key: String) throws -> Int {
        guard let number = value as? NSNumber else { throw Missing(description: "missing \(key)") }
        return number.intValue
    }
}

extension ConvolutionError {
    /// The case name without its numbers, to compare kinds of failure. (A case with a
    /// payload reflects as one child labelled with the case name.)
    var kind: String {
        Mirror(reflecting: self).children.first?.label ?? "interrupted"
    }
}
