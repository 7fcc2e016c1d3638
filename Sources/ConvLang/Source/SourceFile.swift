/// A half-open range of UTF-8 byte offsets into a ``SourceFile``.
public struct SourceRange: Sendable, Hashable {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte; equal to `start` for an empty range (a point).
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = Swift.max(start, end)
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }
}

/// A 1-based line and column; the column counts characters, not bytes.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var description: String { "\(line):\(column)" }
}

/// The text of one program together with its name (a file path, or `<repl:3>`), and the line
/// table that turns byte offsets into line and column numbers when a diagnostic is rendered.
public struct SourceFile: Sendable {
    /// Shown in diagnostics, e.g. `walkthrough.conv`.
    public let name: String
    /// The program text.
    public let text: String
    /// The program as UTF-8 bytes, which the lexer scans.
    let bytes: [UInt8]
    /// Byte offset at which each line starts.
    private let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.bytes = Array(text.utf8)
        // A plain loop over the buffer: a script of ten million lines is read in a second
        // even unoptimised, where a generic sequence walk took most of a minute.
        self.lineStarts = bytes.withUnsafeBufferPointer { buffer in
            var starts = [0]
            var offset = 0
            while offset < buffer.count {
                if buffer[offset] == UInt8(ascii: "\n") { starts.append(offset + 1) }
                offset += 1
            }
            return starts
        }
    }

    /// The source text covered by `range`.
    public func text(of range: SourceRange) -> String {
        let lower = clamp(range.start)
        let upper = clamp(range.end)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// The line and column of a byte offset.
    public func location(of offset: Int) -> SourceLocation {
        let offset = clamp(offset)
        let lineIndex = lineIndex(containing: offset)
        let start = lineStarts[lineIndex]
        let column = String(decoding: bytes[start..<offset], as: UTF8.self).count + 1
        return SourceLocation(line: lineIndex + 1, column: column)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The offset of the end of the text.
    public var endOffset: Int { bytes.count }

    private func clamp(_ offset: Int) -> Int { Swift.min(Swift.max(offset, 0), bytes.count) }

    private func lineIndex(containing offset: Int) -> Int {
        // Binary search for the last line start at or before `offset`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
