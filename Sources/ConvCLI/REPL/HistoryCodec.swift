/// The on-disk form of the history: a header line, then one entry per line with `\\`, `\n`,
/// `\r` and `\t` escaped, so a multi-line entry stays one line of the file and one entry when
/// read back. The text is UTF-8.
///
/// The file is written by this code (not by libedit's own save), so it can be written atomically
/// and read leniently.
enum HistoryCodec {
    /// The first line of every history file this code writes.
    static let header = "#conv history v1"
    /// Files larger than this are not history files written by conv; they are ignored.
    static let maximumSize = 16 << 20

    /// The result of reading a file: the entries that could be decoded, and what was wrong, if anything.
    struct Decoded: Equatable {
        /// Entries in file order.
        var entries: [String]
        /// A description of damage, for the user; nil when the file was clean.
        var problem: String?
    }

    /// The file contents for `entries`.
    static func encode(_ entries: [String]) -> String {
        ([header] + entries.map(escape)).joined(separator: "\n") + "\n"
    }

    /// Reads file contents. Binary data or a foreign header rejects the whole file; a line that is
    /// not valid UTF-8 is skipped and reported; a missing final newline is tolerated.
    static func decode(_ bytes: [UInt8]) -> Decoded {
        if bytes.isEmpty { return Decoded(entries: []) }
        if bytes.count > maximumSize { return Decoded(entries: [], problem: "it is larger than \(maximumSize >> 20) MiB") }
        if bytes.contains(0) { return Decoded(entries: [], problem: "it contains binary data") }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, String(validating: first, as: UTF8.self) == header else {
            return Decoded(entries: [], problem: "it does not start with '\(header)'")
        }
        var entries: [String] = []
        var damaged = 0
        for line in lines.dropFirst() {
            guard let text = String(validating: line, as: UTF8.self) else { damaged += 1; continue }
            if !text.isEmpty { entries.append(unescape(text)) }
        }
        let problem = damaged == 0 ? nil : "\(damaged) damaged line\(damaged == 1 ? "" : "s") skipped"
        return Decoded(entries: entries, problem: problem)
    }

    /// One entry as one line.
    static func escape(_ entry: String) -> String {
        var out = ""
        out.reserveCapacity(entry.utf8.count)
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The inverse of `escape`; an unknown escape or a lone trailing backslash is kept as written.
    static func unescape(_ line: String) -> String {
        var out = ""
        var pendingBackslash = false
        for scalar in line.unicodeScalars {
            if pendingBackslash {
                pendingBackslash = false
                switch scalar {
                case "\\": out += "\\"
                case "n": out += "\n"
                case "r": out += "\r"
                case "t": out += "\t"
                default: out += "\\"; out.unicodeScalars.append(scalar)
                }
            } else if scalar == "\\" {
                pendingBackslash = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if pendingBackslash { out += "\\" }
        return out
    }
}
