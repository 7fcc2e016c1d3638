import Foundation
import PythonFormatting

/// Runs a `method` case of the table: the named `str` method (or `len`, `[i]`, `[a:b:c]`, `repr`,
/// `ascii`) on the case's text with its arguments, its result shown as the table shows Python's.
enum StringMethodCases {
    struct BadCase: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ item: CaseTable.Case) throws -> String {
        let text = try item.string("self")
        let arguments = item.fields["args"] as? [Any] ?? []
        func argument(_ index: Int) -> Any? {
            guard index < arguments.count, !(arguments[index] is NSNull) else { return nil }
            return arguments[index]
        }
        func string(_ index: Int) -> String? { argument(index) as? String }
        func int(_ index: Int) -> Int? { argument(index) as? Int }
        func strings(_ index: Int) -> [String] {
            (argument(index) as? [String]) ?? string(index).map { [$0] } ?? []
        }
        let sub = string(0) ?? ""
        let result: Any
        switch try item.string("name") {
        case "upper": result = PythonString.upper(text)
        case "lower": result = PythonString.lower(text)
        case "title": result = PythonString.title(text)
        case "capitalize": result = PythonString.capitalize(text)
        case "swapcase": result = PythonString.swapcase(text)
        case "isdigit": result = PythonString.isDigit(text)
        case "isalpha": result = PythonString.isAlpha(text)
        case "isspace": result = PythonString.isSpace(text)
        case "isalnum": result = PythonString.isAlnum(text)
        case "isdecimal": result = PythonString.isDecimal(text)
        case "isnumeric": result = PythonString.isNumeric(text)
        case "isupper": result = PythonString.isUpper(text)
        case "islower": result = PythonString.isLower(text)
        case "splitlines": result = PythonString.splitlines(text, keepEnds: argument(0) as? Bool ?? false)
        case "len": result = PythonString.length(text)
        case "repr": result = PythonString.repr(text)
        case "ascii": result = FormatValue.string(text).ascii
        case "strip": result = PythonString.strip(text, characters: string(0))
        case "lstrip": result = PythonString.lstrip(text, characters: string(0))
        case "rstrip": result = PythonString.rstrip(text, characters: string(0))
        case "split": result = try PythonString.split(text, separator: string(0), maxSplit: int(1) ?? -1)
        case "rsplit": result = try PythonString.rsplit(text, separator: string(0), maxSplit: int(1) ?? -1)
        case "find": result = PythonString.find(text, sub, start: int(1), end: int(2))
        case "rfind": result = PythonString.rfind(text, sub, start: int(1), end: int(2))
        case "index": result = try PythonString.index(text, sub, start: int(1), end: int(2))
        case "rindex": result = try PythonString.rindex(text, sub, start: int(1), end: int(2))
        case "count": result = PythonString.count(text, sub, start: int(1), end: int(2))
        case "startswith": result = PythonString.startsWith(text, strings(0), start: int(1), end: int(2))
        case "endswith": result = PythonString.endsWith(text, strings(0), start: int(1), end: int(2))
        case "replace": result = PythonString.replace(text, sub, string(1) ?? "", count: int(2) ?? -1)
        case "center": result = try PythonString.center(text, int(0) ?? 0, fill: string(1) ?? " ")
        case "ljust": result = try PythonString.ljust(text, int(0) ?? 0, fill: string(1) ?? " ")
        case "rjust": result = try PythonString.rjust(text, int(0) ?? 0, fill: string(1) ?? " ")
        case "zfill": result = try PythonString.zfill(text, int(0) ?? 0)
        case "join": result = PythonString.join(text, strings(0))
        case "getitem": result = try PythonString.character(text, at: int(0) ?? 0)
        case "slice": result = try PythonString.slice(text, start: int(0), stop: int(1), step: int(2))
        case let name: throw BadCase(description: "line \(item.line): no method \(name)")
        }
        return CaseTable.show(result)
    }
}
