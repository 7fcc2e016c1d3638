import ConvLang

/// One fuzz input run through the whole language: lexer, parser, evaluator and display.
///
/// Every input must end in values or diagnostics. A trap, a sanitizer report, a hang (caught by
/// the fuzzer's own timeout) or memory beyond the limits is a bug in the language, not in the input.
enum FuzzTarget {
    /// Small limits keep each input fast, so the fuzzer spends its time on new paths.
    static let limits = Limits(maximumElements: 100_000, maximumCallDepth: 50, maximumSteps: 200_000,
                               timeLimit: .seconds(2))

    /// Runs `bytes` as a program, the way a host would: invalid UTF-8 becomes U+FFFD, as it
    /// would for a host that decodes leniently (the command line refuses it instead).
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = Interpreter.completeness(of: text)
        _ = Interpreter.cursorContext(before: text)
        var shown = 0
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: limits)) { event in
            // Formatting every event exercises the display and JSON code on whatever was made.
            shown &+= event.text.utf8.count &+ event.json.utf8.count
        }
        let result = interpreter.run(text, name: "fuzz.conv")
        for diagnostic in result.diagnostics { shown &+= diagnostic.rendered().utf8.count }
        // A second run in the same session reads the bindings the first one left.
        interpreter.run("print(1)", name: "again.conv")
        _ = interpreter.bindings.count &+ shown
    }
}
