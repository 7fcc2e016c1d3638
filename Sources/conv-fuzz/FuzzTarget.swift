import ConvFuzzing
import ConvLang

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The fuzz targets: one input's bytes, run through one part of conv.
///
/// Every input must end in values or diagnostics. A trap, a sanitizer report, a hang (caught by
/// the fuzzer's own timeout) or memory beyond the limits is a bug in conv, not in the input; so
/// is a problem a check reports, which stops the process so that the fuzzer saves the input.
enum FuzzTarget: String, CaseIterable {
    /// The bytes as a program: lexer, parser, evaluator and display.
    case language
    /// The bytes as the choices of ``ProgramGenerator``: a well-formed program, run twice.
    case programs
    /// The bytes as a `.npy` or CSV file (``DataFileCheck``).
    case dataFiles = "data-files"

    /// The target a fuzzer binary is built for (Fuzz/build-fuzzer.sh defines the flag).
    static var compiled: FuzzTarget {
        #if FUZZ_PROGRAMS
        .programs
        #elseif FUZZ_DATA_FILES
        .dataFiles
        #else
        .language
        #endif
    }

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .language: LanguageInput.run(bytes)
        case .programs: Self.stopIfAny(ProgramCheck.problems(running: Self.program(bytes)))
        case .dataFiles: Self.stopIfAny(DataFileCheck.problems(checking: Array(bytes)))
        }
    }

    /// The program ``programs`` makes of `bytes`.
    static func program(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        ProgramGenerator.program(FuzzChoices(bytes: bytes))
    }

    /// Reports the problems and aborts, so that the fuzzer keeps the input as a crash.
    static func stopIfAny(_ problems: [String]) {
        guard !problems.isEmpty else { return }
        for problem in problems {
            // Straight to the file descriptor: nothing buffered is lost when abort ends the process.
            let line = Array("conv-fuzz: \(problem)\n".utf8)
            _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        }
        abort()
    }
}

/// One fuzz input run through the whole language: lexer, parser, evaluator and display.
enum LanguageInput {
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
