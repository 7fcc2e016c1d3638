import Testing
import ConvLang

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
