import Foundation

/// Reads the golden PyTorch vectors in `Tests/Golden`.
public enum GoldenSet {
    /// A golden file that is missing or not in the expected form.
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The `cases` array of golden file `name` (for example `torch-ops.json`).
    public static func cases(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: RepositoryFolder.golden.appendingPathComponent(name))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]]
        else { throw Unreadable(description: "\(name) has no 'cases' array") }
        return cases
    }
}
