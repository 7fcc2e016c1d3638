import ConvLang

/// The analysis behind `completions(in:cursor:vocabulary:context:)`: it looks only at the text
/// before the cursor and decides which kind of word is being typed there.
struct CompletionContext {
    /// The entry's text up to the cursor, as UTF-8.
    let text: [UInt8]
    /// What may be offered.
    let vocabulary: CompletionVocabulary
    /// Where file names come from.
    let files: FileNameCompletion

    /// The candidates for the word that ends at the end of `text`.
    func reply() -> CompletionReply {
        let cursor = Interpreter.cursorContext(before: String(decoding: text, as: UTF8.self))
        // A command line is not code: `:load "sess` is a quoted path, not an open string.
        if let command = commandReply() { return command }
        if cursor.isInStringOrComment { return pathInString() ?? (text.count, []) }
        let start = wordStart()
        let word = String(decoding: text[start...], as: UTF8.self)
        if let first = word.utf8.first, ByteClass.isDigit(first) { return (text.count, []) }
        if let dot = word.lastIndex(of: ".") {
            return dottedReply(word: word, dot: dot, wordStart: start)
        }
        let candidates = plainCandidates(prefix: word, call: cursor.innermostCall, wordStart: start)
        return (start, CandidateSet.finish(candidates))
    }

    // MARK: Commands

    /// `:he` at the start of the entry completes commands; `:help co` completes help topics.
    private func commandReply() -> CompletionReply? {
        guard let colon = text.firstIndex(where: { !ByteClass.isSpace($0) }), text[colon] == UInt8(ascii: ":") else {
            return nil
        }
        let rest = text[colon...]
        guard let space = rest.firstIndex(where: ByteClass.isSpace) else {
            let typed = String(decoding: rest, as: UTF8.self)
            let found = vocabulary.commands.filter { $0.hasPrefix(typed) }.map { CompletionCandidate($0) }
            return (colon, CandidateSet.finish(found))
        }
        if takesFile(String(decoding: rest[..<space], as: UTF8.self)) {
            guard let argument = text[space...].firstIndex(where: { !ByteClass.isSpace($0) }) else {
                return filePath(from: text.count)
            }
            // A path may be quoted, as at a shell prompt.
            let quoted = text[argument] == UInt8(ascii: "\"") || text[argument] == UInt8(ascii: "'")
            return filePath(from: quoted ? argument + 1 : argument)
        }
        let start = wordStart()
        guard start > space else { return (text.count, []) }
        let typed = String(decoding: text[start...], as: UTF8.self)
        let topics = Array(vocabulary.functions.keys) + vocabulary.keywords + vocabulary.commands
        return (start, CandidateSet.finish(topics.filter { $0.hasPrefix(typed) }.map { CompletionCandidate($0) }))
    }

    /// Whether `command` (as typed, maybe a unique prefix, maybe with `!`) takes a file name.
    private func takesFile(_ command: String) -> Bool {
        let word = command.count > 2 && command.hasSuffix("!") ? String(command.dropLast()) : command
        let matches = vocabulary.commands.filter { $0.hasPrefix(word) }
        let name = matches.contains(word) ? word : (matches.count == 1 ? matches[0] : "")
        return vocabulary.fileCommands.contains(name)
    }

    // MARK: File names

    /// The file names for the path typed from `start` to the cursor.
    private func filePath(from start: Int) -> CompletionReply {
        let typed = String(decoding: text[start...], as: UTF8.self)
        let found = files.complete(typed)
        return (start + found.from, found.candidates)
    }

    /// File names when the cursor is in a string that is an argument of `load(` or `save(`, or
    /// the value of `svg=`; nil in any other string.
    private func pathInString() -> CompletionReply? {
        guard let opening = openingQuote() else { return nil }
        let before = String(decoding: text[..<opening], as: UTF8.self)
        guard let previous = text[..<opening].lastIndex(where: { !ByteClass.isSpace($0) }) else { return nil }
        switch text[previous] {
        case UInt8(ascii: "("), UInt8(ascii: ","):
            guard let call = Interpreter.cursorContext(before: before).innermostCall,
                  let function = call.callee.split(separator: ".").last, function == "load" || function == "save" else {
                return nil
            }
        case UInt8(ascii: "="):
            let name = text[..<previous].reversed().drop(while: ByteClass.isSpace).prefix(while: ByteClass.isIdentifier)
            guard Array(name.reversed()) == Array("svg".utf8) else { return nil }
        default:
            return nil
        }
        return filePath(from: opening + 1)
    }

    /// The offset of the quote that opens the string the cursor is in: the last quote that is
    /// not itself inside a string or comment.
    private func openingQuote() -> Int? {
        var index = text.count - 1
        while index >= 0 {
            if text[index] == UInt8(ascii: "\"") || text[index] == UInt8(ascii: "'"),
               !Interpreter.cursorContext(before: String(decoding: text[..<index], as: UTF8.self)).isInStringOrComment {
                return index
            }
            index -= 1
        }
        return nil
    }

    // MARK: Words after a dot

    /// `m.we` offers the members of `m`; `nn.Con` offers the next segment of dotted function names.
    private func dottedReply(word: String, dot: String.Index, wordStart: Int) -> CompletionReply {
        let base = String(word[..<dot])
        let partial = String(word[word.index(after: dot)...])
        var found: [CompletionCandidate] = []
        for member in vocabulary.members[base] ?? [] where member.hasPrefix(partial) {
            found.append(CompletionCandidate(member))
        }
        found += functionSegments(after: base + ".", matching: partial)
        return (wordStart + base.utf8.count + 1, CandidateSet.finish(found))
    }

    /// The next dotted segment of every function under `qualifier`: `Conv1d(` for a whole name,
    /// `functional.` when more segments follow.
    private func functionSegments(after qualifier: String, matching partial: String) -> [CompletionCandidate] {
        vocabulary.functions.keys.compactMap { name -> CompletionCandidate? in
            guard name.hasPrefix(qualifier) else { return nil }
            let rest = name.dropFirst(qualifier.count)
            guard rest.hasPrefix(partial) else { return nil }
            if let nextDot = rest.firstIndex(of: ".") {
                return CompletionCandidate(String(rest[..<nextDot]), suffix: ".")
            }
            return CompletionCandidate(String(rest), suffix: "(")
        }
    }

    // MARK: Plain words

    /// Keywords, functions and names; inside a call also its named parameters.
    private func plainCandidates(prefix: String, call: CursorContext.OpenCall?, wordStart: Int) -> [CompletionCandidate] {
        var found: [CompletionCandidate] = []
        let call = call.flatMap { call in
            vocabulary.functions[call.callee].map { (parameters: $0, given: call.givenNames) }
        }
        if let call, isArgumentStart(wordStart) {
            found += call.parameters.filter { !call.given.contains($0) }.map { CompletionCandidate($0, suffix: "=") }
        }
        found += vocabulary.names.map { CompletionCandidate($0) }
        // An empty prefix inside a call lists only what fits an argument; a typed prefix may be anything.
        if call == nil || !prefix.isEmpty {
            found += vocabulary.keywords.map { CompletionCandidate($0) }
            found += functionSegments(after: "", matching: prefix)
        }
        return found.filter { $0.text.hasPrefix(prefix) }
    }

    /// Whether the word starting at `offset` directly follows `(` or `,`, i.e. could be `name=`.
    private func isArgumentStart(_ offset: Int) -> Bool {
        guard let previous = text[..<offset].last(where: { !ByteClass.isSpace($0) }) else { return false }
        return previous == UInt8(ascii: "(") || previous == UInt8(ascii: ",")
    }

    /// The offset where the identifier (possibly dotted) that ends at the cursor begins.
    private func wordStart() -> Int {
        var start = text.count
        while start > 0, ByteClass.isWord(text[start - 1]) { start -= 1 }
        return start
    }
}

/// Byte classes for completion: identifiers are ASCII letters, digits, `_`, and every byte of a
/// non-ASCII scalar (so `µx` is one word); words may also contain dots (`nn.Conv1d`, `m.weight`).
enum ByteClass {
    /// Whether `byte` can be part of a (possibly dotted) word.
    static func isWord(_ byte: UInt8) -> Bool { isIdentifier(byte) || byte == UInt8(ascii: ".") }

    /// Whether `byte` can be part of an identifier.
    static func isIdentifier(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "_") || isDigit(byte)
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    /// Whether `byte` is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Whether `byte` is a space, tab or line break.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}

/// Sorting and de-duplication of candidates.
enum CandidateSet {
    /// Unique by text (a named parameter beats a function, which beats a plain word), then sorted.
    static func finish(_ candidates: [CompletionCandidate]) -> [CompletionCandidate] {
        var best: [String: CompletionCandidate] = [:]
        for candidate in candidates {
            if let kept = best[candidate.text], rank(kept) >= rank(candidate) { continue }
            best[candidate.text] = candidate
        }
        return best.values.sorted()
    }

    /// `=` (named argument) first, then `(` or `.` (callable or qualifier), then bare words.
    private static func rank(_ candidate: CompletionCandidate) -> Int {
        switch candidate.suffix {
        case "=": return 2
        case "": return 0
        default: return 1
        }
    }
}
