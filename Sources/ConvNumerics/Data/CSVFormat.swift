/// Numbers in comma-separated text, read and written as bytes (no file access here).
///
/// One row per line, values separated by commas, surrounding spaces ignored. Blank lines and
/// everything after a `#` are skipped, as NumPy's `loadtxt` does. A single row or a single
/// column reads as a rank-1 tensor; anything else as rank 2 (rows × columns). Writing is the
/// inverse: a rank-1 tensor becomes one value per line (as `numpy.savetxt` writes it), a
/// matrix one line per row, each number in the shortest text that reads back exactly.
public enum CSVFormat {
    /// Why text could not be read as numbers, or a tensor could not be written.
    public enum Failure: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
        /// The bytes are not UTF-8 text.
        case notText
        /// A field is not a number.
        case notANumber(line: Int, column: Int, text: String)
        /// A field is empty (two commas in a row, or a trailing comma).
        case emptyField(line: Int, column: Int)
        /// A row's length differs from the first row's.
        case raggedRow(line: Int, count: Int, expected: Int, firstLine: Int)
        /// No numbers at all.
        case empty
        /// More values than the caller allows.
        case tooLarge(elements: Int, limit: Int)
        /// Only ranks 0, 1 and 2 fit in rows and columns.
        case rankTooHigh(shape: [Int])

        public var description: String {
            switch self {
            case .notText: return "the CSV file is not UTF-8 text"
            case .notANumber(let line, let column, let text):
                return "line \(line), column \(column): '\(text)' is not a number"
            case .emptyField(let line, let column):
                return "line \(line), column \(column): the field is empty"
            case .raggedRow(let line, let count, let expected, let firstLine):
                return "line \(line) has \(count) value\(count == 1 ? "" : "s"), but line \(firstLine) has \(expected); "
                    + "every row must have the same number of values"
            case .empty: return "the CSV file holds no numbers"
            case .tooLarge(let elements, let limit):
                return "the CSV file holds \(elements) values, more than the limit of \(limit)"
            case .rankTooHigh(let shape):
                return "a CSV file holds rows and columns, so a tensor of shape \(shape) (rank \(shape.count)) "
                    + "cannot be saved; reshape it to rank 1 or 2 first"
            }
        }
    }

    // MARK: - Reading

    /// Reads CSV bytes as a tensor: rank 1 for one row or one column, rank 2 otherwise.
    public static func decode(_ bytes: [UInt8], elementLimit: Int = Int.max) throws(Failure) -> Tensor {
        guard var text = String(validating: bytes, as: UTF8.self) else { throw .notText }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [[Double]] = []
        // "\r\n" is one Character in Swift, so splitting on isNewline handles both endings.
        var firstLine = 0
        var total = 0
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            guard let row = try parseRow(line, lineNumber: lineNumber) else { continue }
            if let expected = rows.first?.count, row.count != expected {
                throw .raggedRow(line: lineNumber, count: row.count, expected: expected, firstLine: firstLine)
            }
            if rows.isEmpty { firstLine = lineNumber }
            total += row.count
            guard total <= elementLimit else { throw .tooLarge(elements: total, limit: elementLimit) }
            rows.append(row)
        }
        guard let columns = rows.first?.count else { throw .empty }
        let scalars = rows.flatMap { $0 }
        let shape = rows.count == 1 || columns == 1 ? [scalars.count] : [rows.count, columns]
        guard let tensor = Tensor(shape: shape, scalars: scalars) else { throw .empty }
        return tensor
    }

    /// The numbers of one line, or `nil` for a blank or comment-only line.
    private static func parseRow(_ line: Substring, lineNumber: Int) throws(Failure) -> [Double]? {
        var content = line
        if let hash = content.firstIndex(of: "#") { content = content[..<hash] }
        if content.allSatisfy(\.isWhitespace) { return nil }
        var row: [Double] = []
        for (index, field) in content.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let trimmed = field.trimmingWhitespace()
            guard !trimmed.isEmpty else { throw .emptyField(line: lineNumber, column: index + 1) }
            guard let value = parseNumber(trimmed) else {
                throw .notANumber(line: lineNumber, column: index + 1, text: String(trimmed.prefix(40)))
            }
            row.append(value)
        }
        return row
    }

    /// A decimal number, `nan`, `inf` or `-inf` (any case); hexadecimal and other spellings
    /// that are not plain decimal are refused.
    static func parseNumber(_ text: Substring) -> Double? {
        // Bytes, not Characters: a field is checked a million times on a wide line.
        if text.utf8.allSatisfy(isDecimalByte) { return Double(text) }
        switch text.lowercased() {
        case "nan", "+nan", "-nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return nil
        }
    }

    /// A byte of a plain decimal number: a digit, a sign, the point or an exponent mark.
    private static func isDecimalByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }

    // MARK: - Writing

    /// CSV text for a tensor of rank 0, 1 (one value per line) or 2 (one row per line).
    public static func encode(_ tensor: Tensor) throws(Failure) -> [UInt8] {
        let columns: Int
        switch tensor.rank {
        case 0, 1: columns = 1
        case 2: columns = tensor.shape[1]
        default: throw .rankTooHigh(shape: tensor.shape)
        }
        var text = ""
        text.reserveCapacity(tensor.count * 8)
        for (index, value) in tensor.scalars.enumerated() {
            text += format(value)
            text += (index + 1) % Swift.max(columns, 1) == 0 ? "\n" : ","
        }
        return Array(text.utf8)
    }

    /// The shortest decimal text that reads back to exactly `value`; whole numbers without
    /// a fraction (`3`, not `3.0`).
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension Substring {
    /// The text without leading and trailing whitespace.
    func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        return self[first...last]
    }
}
