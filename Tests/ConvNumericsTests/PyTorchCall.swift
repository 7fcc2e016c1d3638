import Foundation
import ConvNumerics

/// One PyTorch expression of a golden case (`torch.randn(3, 8)`, `nn.init.kaiming_normal_(
/// torch.empty(8, 2, 3), mode='fan_out')`, `torch.empty(6).normal_(1.5, 0.3)`), parsed.
///
/// The golden files write their calls as PyTorch source; this reads the small part of Python
/// they use (names, numbers, strings, tuples, lists, calls with keywords, method calls) so a
/// test can run each call on ``TorchGenerator`` without a table of hand-copied arguments.
indirect enum PyTorchCall: Equatable {
    case number(Double, isInteger: Bool)
    case string(String)
    case name(String)
    case tuple([PyTorchCall])
    case list([PyTorchCall])
    case call(PyTorchCall, arguments: [PyTorchCall], keywords: [String: PyTorchCall])
    case member(PyTorchCall, String)

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses `text` as one expression.
    static func parse(_ text: String) throws -> PyTorchCall {
        var parser = Parser(characters: Array(text))
        let expression = try parser.expression()
        parser.skipSpaces()
        guard parser.position == parser.characters.count else { throw Unreadable(description: "trailing text in \(text)") }
        return expression
    }

    /// The dotted name of a `name` or `member` chain (`nn.init.normal_`), else `nil`.
    var dottedName: String? {
        switch self {
        case .name(let name): name
        case .member(let base, let name): base.dottedName.map { "\($0).\(name)" }
        default: nil
        }
    }

    private struct Parser {
        let characters: [Character]
        var position = 0

        mutating func skipSpaces() {
            while position < characters.count, characters[position] == " " { position += 1 }
        }

        mutating func peek() -> Character? {
            skipSpaces()
            return position < characters.count ? characters[position] : nil
        }

        mutating func expect(_ character: Character) throws {
            guard peek() == character else { throw Unreadable(description: "expected \(character) at \(position)") }
            position += 1
        }

        mutating func expression() throws -> PyTorchCall {
            var value = try primary()
            while let next = peek() {
                if next == "(" {
                    position += 1
                    let (arguments, keywords) = try argumentList(closing: ")")
                    value = .call(value, arguments: arguments, keywords: keywords)
                } else if next == "." {
                    position += 1
                    value = .member(value, identifier())
                } else {
                    break
                }
            }
            return value
        }

        mutating func primary() throws -> PyTorchCall {
            guard let first = peek() else { throw Unreadable(description: "unexpected end") }
            if first == "(" || first == "[" {
                position += 1
                let (items, _) = try argumentList(closing: first == "(" ? ")" : "]")
                return first == "(" ? .tuple(items) : .list(items)
            }
            if first == "'" || first == "\"" {
                position += 1
                let start = position
                while position < characters.count, characters[position] != first { position += 1 }
                defer { position += 1 }
                return .string(String(characters[start..<position]))
            }
            if first == "-" || first.isNumber {
                return try number()
            }
            return .name(identifier())
        }

        mutating func number() throws -> PyTorchCall {
            let start = position
            position += 1
            while position < characters.count, characters[position].isNumber || "._eE".contains(characters[position])
                || (characters[position] == "-" && "eE".contains(characters[position - 1])) {
                position += 1
            }
            var text = String(characters[start..<position]).replacingOccurrences(of: "_", with: "")
            if text.hasSuffix(".") { text += "0" }
            guard let value = Double(text) else { throw Unreadable(description: "bad number \(text)") }
            return .number(value, isInteger: !text.contains(where: { ".eE".contains($0) }))
        }

        mutating func identifier() -> String {
            skipSpaces()
            let start = position
            while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
                position += 1
            }
            return String(characters[start..<position])
        }

        /// Items up to `closing`, positional then `name=value`.
        mutating func argumentList(closing: Character) throws -> ([PyTorchCall], [String: PyTorchCall]) {
            var items: [PyTorchCall] = []
            var keywords: [String: PyTorchCall] = [:]
            while peek() != closing {
                let saved = position
                let name = identifier()
                if !name.isEmpty, peek() == "=" {
                    position += 1
                    keywords[name] = try expression()
                } else {
                    position = saved
                    items.append(try expression())
                }
                if peek() == "," { position += 1 } else { break }
            }
            try expect(closing)
            return (items, keywords)
        }
    }
}
