import Foundation
import Testing
import TestSupport
import ConvLang

/// Python's ints beyond 64 bits against python3 itself: one program, run by conv and by python3,
/// shows the repr of each expression (or the exception it raised), and every line must agree.
/// The expressions are the cases people meet, then random operands of up to 400 bits through
/// every operator, seeded so that each run checks the same ones.
@Suite("Python ints beyond 64 bits, against python3")
struct BigIntegerAgreementTests {
    static let chosen = [
        "2 ** 64", "-2 ** 63 - 1", "10 ** 20 // 7", "-(10 ** 20) // 7", "-(10 ** 20) % 7", "10 ** 20 % -7",
        "123456789012345678901234567890", "0xffff_ffff_ffff_ffff_ff", "0o7777777777777777777777", "0b1" + String(repeating: "0", count: 80),
        "1_000_000_000_000_000_000_000", "(10 ** 30) / 3", "10 ** 400 / 10 ** 399", "1 / 10 ** 400", "-(10 ** 400) / 3 ** 700",
        "(2 ** 64 + 1) / 2 ** 64", "(2 ** 60 + 1) / 3", "2 ** 1074 / 2 ** 2148", "(2 ** 53 + 1) / 2 ** 1127", "float(2 ** 1024 - 2 ** 970)",
        "float(2 ** 1024 - 2 ** 971)", "float(-(2 ** 63) - 1)", "float(2 ** 54 + 3)", "10 ** 400 / 1", "float(10 ** 400)",
        "2 ** 53 + 1 == 2.0 ** 53", "(2 ** 53 + 1) > 2.0 ** 53", "10 ** 400 > 1e308", "-(10 ** 400) < float('-inf')", "2 ** 70 == 2.0 ** 70",
        "2 ** 70 + 0.5 > 2 ** 70", "(2 ** 63) <= 9.223372036854776e18", "(2 ** 63 + 1) > 9.223372036854776e18", "2 ** 64 != float('nan')",
        "int(1e300)", "int(-1.5e19)", "int(2.0 ** 63)", "int('  -1_000_000_000_000_000_000 ')", "int('0x_ff' + 'f' * 20, 0)", "int('z' * 20, 36)",
        "int('1__0')", "int('_1')", "int('0b102', 0)", "int('1' * 4301)", "int('f' * 5000, 16) % 1000",
        "~(2 ** 70)", "-(2 ** 70) >> 3", "(2 ** 70) & (2 ** 65 + 5)", "(-(2 ** 70)) | 3", "2 ** 70 ^ -1", "1 << 100", "(-1) << 64",
        "(-(2 ** 100)) >> 1000", "2 ** 100 >> 2 ** 70", "1 << -1", "5 & 3", "~5", "-7 >> 1", "True << 70",
        "abs(-(2 ** 63))", "abs(-(2 ** 100))", "round(2 ** 70, -3)", "round(123456789012345678901234567890, -5)", "round(-(2 ** 70), -1)",
        "round(25 * 10 ** 20, -21)", "round(35 * 10 ** 20, -21)", "round(2 ** 70, 5)", "round(1e20)", "round(1.5e300) == int(1.5e300)",
        "sorted([2 ** 70, 1, -(2 ** 70), 3.5, 2 ** 64, -1e30])", "max(2 ** 70, 2.0 ** 70 + 2 ** 20)", "min([2 ** 64, 2.0 ** 64])", "sum([2 ** 63] * 4)",
        "{2 ** 70: 'a'}[2.0 ** 70]", "2 ** 70 + 1 in {2 ** 70: 0}", "[1, 2, 3][:2 ** 70]", "[1, 2, 3][::-(2 ** 70)]", "[1, 2][2 ** 64]",
        "(2 ** 70) ** -1", "(2 ** 1100) ** -1", "0 ** (2 ** 70)", "(-1) ** (2 ** 70 + 1)", "1 ** (2 ** 80)", "(-2) ** 65", "3 ** 200",
        "(2 ** 70) // 0", "(2 ** 70) % 0", "(2 ** 70) // 3.0", "(2 ** 70) % 7.5", "(2 ** 64 + 1) * 1.0", "2 ** 1024 + 1.0", "-(2 ** 64)",
        "str(10 ** 4299)[:5]", "str(10 ** 4300)", "repr(-(10 ** 4300))", "f'{10 ** 4300}'", "f'{10 ** 4300!r}'", "'{}'.format(10 ** 4300)",
        "'%s' % (10 ** 4300)", "'%d' % (10 ** 4300)", "len(f'{10 ** 5000:x}')", "f'{2 ** 70:,}'", "f'{2 ** 70:_}'", "f'{2 ** 70:_x}'",
        "f'{-(2 ** 70):#b}'", "f'{2 ** 70:#o}'", "f'{2 ** 70:#X}'", "f'{2 ** 70:>40d}'", "f'{-(2 ** 70):=+40,}'", "f'{2 ** 70:e}'",
        "f'{2 ** 70:.3f}'", "f'{2 ** 70:%}'", "f'{2 ** 70:g}'", "f'{2 ** 70:n}'", "f'{10 ** 400:e}'", "f'{2 ** 70:c}'", "f'{2 ** 70:.2}'",
        "'%d|%i|%x|%X|%o|%e|%s|%r|%30d|%-30d|%+d|%#x|%#o' % ((2 ** 70,) * 13)", "'%c' % (2 ** 70)", "'%.30d' % (-(2 ** 70))",
        "'{:,} {!r:>25} {:b}'.format(-(2 ** 70), 2 ** 70, 2 ** 66)", "str(2 ** 64) + '!'", "(2 ** 64) * 'ab' if False else 1",
    ]

    /// Random operands of up to 400 bits through every operator, from a fixed seed.
    static var generated: [String] {
        var random = SplitMix64(seed: 64)
        func operand() -> String {
            let bits = random.pick([1, 30, 63, 64, 65, 100, 200, 400])
            let hex = (0..<Swift.max(1, bits / 16)).map { _ in String(random.int(in: 0...0xffff), radix: 16) }.joined()
            return (random.chance(0.5) ? "-" : "") + "0x" + hex
        }
        let operators = ["+", "-", "*", "//", "%", "/", "&", "|", "^", "==", "<", ">="]
        var cases: [String] = []
        for _ in 0..<150 {
            let (a, b) = (operand(), operand())
            cases.append("(\(a)) \(random.pick(operators)) (\(b))")
        }
        for _ in 0..<30 {
            cases.append("(\(operand())) ** \(random.int(in: 0...12))")
            cases.append("(\(operand())) >> \(random.int(in: 0...300))")
            cases.append("(\(operand())) << \(random.int(in: 0...100))")
            cases.append("float(\(operand()))")
            cases.append("(\(operand())) < \(Double(random.int(in: -1_000_000...1_000_000)) * 1e15)")
        }
        return cases
    }

    static func program(_ expressions: [String]) -> String {
        """
        def show(f):
            try:
                print(repr(f()))
            except Exception as e:
                print(type(e).__name__ + ":", e)

        """ + expressions.map { "show(lambda: \($0))" }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: ["chosen", "generated"])
    func everyExpressionShowsWhatPythonShows(_ set: String) throws {
        let expressions = set == "chosen" ? Self.chosen : Self.generated
        let source = Self.program(expressions)
        let expected = try python3(source)
        let outcome = run(source)
        #expect(outcome.errors == [])
        #expect(outcome.lines.count == expressions.count)
        for (index, (line, pythons)) in zip(outcome.lines, expected).enumerated() where line != pythons {
            Issue.record("\(expressions[index]): conv shows \(line), python3 \(pythons)")
        }
    }

    /// The lines python3 prints for `source`. Its output goes to a file rather than a pipe, so
    /// that no read is cut short by a signal another test's interrupt timer sends.
    private func python3(_ source: String) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("conv-bigint-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try FileHandle(forWritingTo: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", source]
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        try output.close()
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
