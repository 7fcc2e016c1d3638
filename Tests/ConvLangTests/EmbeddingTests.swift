import Foundation
import Testing
import ConvLang
import ConvNumerics

/// The README's embedding example, compiled and run as a host would.
@Suite("Embedding API")
struct EmbeddingTests {
    @Test func readmeExample() {
        // --- README example begins ---
        var shown: [String] = []
        let interpreter = Interpreter(configuration: .init(seed: 0)) { event in
            shown.append(event.text)
        }
        let result = interpreter.run("""
            let x = [2, 3, 4]
            conv(x, [0.5, -1], b=0.1, s=2, p=1)
            """, name: "walkthrough")
        for diagnostic in result.diagnostics {
            print(diagnostic.rendered())
        }
        if case .tensor(let output)? = result.lastValue {
            print(output.shape, output.scalars)   // [2] [-1.9, -2.4]
        }
        // --- README example ends ---
        #expect(shown == ["[-1.9, -2.4]"])
        #expect(result.succeeded)
    }

    @Test func readmeHostExample() throws {
        // --- README host example begins ---
        let host = Interpreter(configuration: .init(seed: 0))
        host.define(HostFunction(
            name: "scale",
            parameters: [.required("x"), .optional("by", default: .number(2))],
            summary: "multiply every element by a number",
            help: "scale(x, by=2)\n\nMultiplies every element of x by `by`."
        ) { arguments in
            let x = try arguments.tensor("x")
            let factor = try arguments.number("by")
            return .tensor(Tensor(shape: x.shape, scalars: x.scalars.map { $0 * factor }) ?? x)
        })
        host.run("fn smooth(v, n=3) = conv(scale(v, by=0.5), ones(n) / n, p=\"same\")")
        host["signal"] = .tensor(Tensor([6, 0, 6, 0]))
        do {
            let smoothed = try host.call("smooth", [host["signal"] ?? .none], named: ["n": .number(3)])
            print(smoothed == .tensor(Tensor([1, 2, 1, 1])))   // true
        } catch {
            switch error.kind {
            case .limit, .interrupted: print("stopped:", error.message)
            default: print(error.rendered())
            }
        }
        // --- README host example ends ---
        #expect(try host.call("smooth", [host["signal"] ?? .none], named: ["n": .number(3)]) == .tensor(Tensor([1, 2, 1, 1])))
        #expect(throws: Diagnostic.self) { try host.call("smooth", [.string("no")]) }
    }

    /// Every Swift block of the README's Embedding section appears, line for line, in this file,
    /// so the README and the code this suite runs cannot drift apart.
    @Test func readmeSnippetsAreTheCodeThisSuiteRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let mine = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Embedding").dropFirst().first?.components(separatedBy: "\n## ").first)
        let blocks = section.components(separatedBy: "```swift\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        #expect(blocks.count == 2)
        let normalizedMine = Self.normalized(mine)
        for block in blocks {
            let code = block.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("import ") }.joined(separator: "\n")
            #expect(normalizedMine.contains(Self.normalized(code)), "README block not mirrored here:\n\(code)")
        }
    }

    /// Lines without their indentation and blank lines, so nesting in a test does not matter.
    private static func normalized(_ text: String) -> String {
        text.split(separator: "\n").map { $0.drop { $0 == " " } }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    @Test func diagnosticsAreValuesWithRanges() {
        let interpreter = Interpreter()
        let result = interpreter.run("let a = 1\nlet b = a +* 2\nlet = 3", name: "bad.conv")
        #expect(result.diagnostics.count == 2)
        #expect(result.diagnostics.map(\.description) == [
            "bad.conv:2:12: error: expected an expression, found '*'",
            "bad.conv:3:5: error: expected a name after 'let', found '='",
        ])
        #expect(interpreter.bindings.isEmpty, "a program with syntax errors runs nothing")
    }

    @Test func outputIsDeliveredAsEvents() {
        var events: [String] = []
        let interpreter = Interpreter(configuration: .init(seed: 0)) { events.append($0.text) }
        interpreter.run("print(\"hi\", [1, 2]); 2 ** 0.5")
        #expect(events == ["hi [1, 2]", "1.4142136"])
    }
}
