import Foundation
import Testing
import ConvNumerics

/// Reads the PyTorch golden vectors in `<repo>/../shared/golden`.
enum GoldenFile {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// This file is `<repo>/Tests/ConvNumericsTests/GoldenFile.swift`, so the package root is
    /// three levels up and the shared folder is its sibling.
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/golden")
    }

    /// The `cases` array of a golden file.
    static func cases(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]]
        else { throw Missing(description: "\(name) has no 'cases' array") }
        return cases
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
