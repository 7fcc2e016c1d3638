import Foundation
import Testing
import ConvLang
import TestSupport

/// One program golden: `TOPIC/NAME.conv` under `Tests/Programs` and the exact text it shows,
/// `TOPIC/NAME.expected` beside it (see `Tests/Programs/README.md`).
struct ProgramGolden: Sendable, CustomTestStringConvertible {
    /// The path under `Tests/Programs` without the extension, e.g. `explain/conv-k2-s2-p1`.
    let name: String

    var testDescription: String { name }
    var programPath: String { name + ".conv" }
    var expectedPath: String { name + ".expected" }

    /// Every case under `Tests/Programs`: each name that has a program, an expected file or
    /// both, so that one without the other is a case that fails rather than one left out.
    static var all: [ProgramGolden] {
        let paths = FileManager.default.enumerator(atPath: RepositoryFolder.programs.path)?.allObjects as? [String] ?? []
        let names = paths.compactMap { path in
            [".conv", ".expected"].first(where: path.hasSuffix).map { String(path.dropLast($0.count)) }
        }
        return Set(names).sorted().map(ProgramGolden.init)
    }

    /// The text of `path` under `Tests/Programs`, or `nil` when there is no such file.
    static func text(at path: String) -> String? {
        try? String(contentsOf: RepositoryFolder.programs.appendingPathComponent(path), encoding: .utf8)
    }

    /// What `conv --seed 0 TOPIC/NAME.conv` writes, run in `Tests/Programs`: the text of
    /// everything the program shows (values, prints, explanations), a line each as the command
    /// writes it, then each diagnostic as the command renders it (uncoloured) when the program
    /// fails. Files the program writes stay in memory; every SVG figure among them is checked
    /// for overlapping texts (``FigureCheck``).
    static func transcript(of source: String, name: String) -> String {
        var transcript = ""
        let files = InMemoryFileAccess()
        var configuration = Interpreter.Configuration(seed: 0, fileAccess: files)
        // As the command runs scripts: PyTorch's display after `import torch`.
        configuration.displayFollowsImports = true
        configuration.showsResultsOfCallsForEffect = false  // as the script runner runs it
        let interpreter = Interpreter(configuration: configuration) { event in transcript += event.text + "\n" }
        for diagnostic in interpreter.run(source, name: name).diagnostics {
            transcript += diagnostic.rendered() + "\n"
        }
        FigureCheck.checkEverySVG(in: files, writtenBy: name)
        return transcript
    }

    /// Where `actual` first departs from `expected`, line by line, for a person to read; `nil`
    /// when the two are the same text.
    static func firstDifference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let common = min(expectedLines.count, actualLines.count)
        let index = (0..<common).first { expectedLines[$0] != actualLines[$0] } ?? common
        func line(_ lines: [Substring]) -> String {
            index < lines.count ? "\"\(lines[index])\"" : "(the text ends before this line)"
        }
        return "first difference at line \(index + 1):\n  expected: \(line(expectedLines))\n  actual:   \(line(actualLines))"
    }
}
