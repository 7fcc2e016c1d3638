import Foundation
import Testing
import PythonFormatting
import TestSupport

/// The cases CPython 3.11 produced (`cases.jsonl`, written by `generate_cases.py` beside it): each
/// names a kind, its inputs, and Python's output or its error.
struct CaseTable {
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// One case: its JSON fields.
    struct Case {
        var fields: [String: Any]
        var line: Int

        func string(_ key: String) throws -> String {
            guard let text = fields[key] as? String else { throw Unreadable(description: "line \(line): no \(key)") }
            return text
        }

        func value(_ key: String) throws -> FormatValue {
            try CaseTable.value(fields[key], line: line)
        }

        /// What Python produced: its text, or its error as `ExceptionName: message`.
        var expected: String {
            if let error = fields["error"] as? [String] { return "\(error[0]): \(error[1])" }
            return fields["out"].map(CaseTable.show) ?? "?"
        }
    }

    static let file = RepositoryFolder.root.appendingPathComponent("Tests/PythonFormattingTests/cases.jsonl")

    /// Every case of kind `kind`.
    static func cases(_ kind: String) throws -> [Case] {
        let text = try String(contentsOf: file, encoding: .utf8)
        var result: [Case] = []
        let prefix = "{\"kind\":\"\(kind)\""
        for (index, line) in text.split(separator: "\n").enumerated() where line.hasPrefix(prefix) {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw Unreadable(description: "line \(index + 1) is not an object")
            }
            result.append(Case(fields: object, line: index + 1))
        }
        return result
    }

    /// `["int", "12"]`, `["float", "3ff0000000000000"]`, `["str", "a"]`, `["bool", true]`, `["none"]`,
    /// `["object", str, repr, type name]`.
    static func value(_ json: Any?, line: Int) throws -> FormatValue {
        guard let pair = json as? [Any], let tag = pair.first as? String else {
            throw Unreadable(description: "line \(line): not a value")
        }
        switch (tag, pair.count > 1 ? pair[1] : nil) {
        case ("int", let digits as String):
            if let integer = Int(digits) { return .int(integer) }
        case ("float", let hex as String):
            if let bits = UInt64(hex, radix: 16) { return .float(Double(bitPattern: bits)) }
        case ("str", let text as String): return .string(text)
        case ("bool", let flag as Bool): return .bool(flag)
        case ("none", _): return .none
        case ("object", let str as String) where pair.count == 4:
            if let repr = pair[2] as? String, let typeName = pair[3] as? String {
                return .object(RenderedObject(str: str, repr: repr, typeName: typeName))
            }
        default: break
        }
        throw Unreadable(description: "line \(line): bad value \(pair)")
    }

    /// `template % args` operand: `["tuple", [values]]`, `["single", value]`,
    /// `["mapping", object, {key: value}]`.
    static func percentArguments(_ json: Any?, line: Int) throws -> PercentArguments {
        guard let parts = json as? [Any], let tag = parts.first as? String, parts.count >= 2 else {
            throw Unreadable(description: "line \(line): bad arguments")
        }
        switch tag {
        case "tuple":
            let items = parts[1] as? [Any] ?? []
            return .tuple(try items.map { try value($0, line: line) })
        case "single":
            return .single(try value(parts[1], line: line))
        case "mapping" where parts.count == 3:
            let entries = parts[2] as? [String: Any] ?? [:]
            return .mapping(try value(parts[1], line: line), try entries.mapValues { try value($0, line: line) })
        default:
            throw Unreadable(description: "line \(line): bad arguments \(tag)")
        }
    }

    /// `template.format(*args, **kwargs)` arguments: `args` and `kwargs` of a case.
    static func formatArguments(_ item: Case) throws -> FormatArguments {
        let args = item.fields["args"] as? [Any] ?? []
        let kwargs = item.fields["kwargs"] as? [String: Any] ?? [:]
        return FormatArguments(
            try args.map { try value($0, line: item.line) },
            keywords: try kwargs.mapValues { try value($0, line: item.line) })
    }

    /// A JSON result as the comparison shows it: strings as they are, other JSON as JSON.
    static func show(_ json: Any) -> String {
        if let text = json as? String { return text }
        guard let data = try? JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed, .sortedKeys]) else {
            return "\(json)"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs `run` on every case of `kind`, comparing its text (or `ExceptionName: message`) with
    /// Python's; records the first differences and returns how many cases ran.
    @discardableResult
    static func check(_ kind: String, run: (Case) throws -> String) throws -> Int {
        let cases = try cases(kind)
        var failures = 0
        for item in cases {
            let actual: String
            do {
                actual = try run(item)
            } catch let error as PythonFormatError {
                actual = "\(error.exceptionName): \(error.message)"
            }
            if actual != item.expected {
                failures += 1
                if failures <= 25 {
                    Issue.record("line \(item.line) \(show(item.fields.filter { $0.key != "out" && $0.key != "error" })): got \(actual.debugDescription), Python \(item.expected.debugDescription)")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(cases.count) \(kind) cases differ from Python")
        return cases.count
    }
}
