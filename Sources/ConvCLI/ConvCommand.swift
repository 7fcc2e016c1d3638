import ArgumentParser
import ConvLang
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `conv` command line.
public struct ConvCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "conv",
        abstract: "A small language for 1-D convolution, with PyTorch's exact semantics.",
        discussion: """
        conv FILE.conv        run a script
        conv -e 'SOURCE'      run the given text
        conv < FILE.conv      read the program from standard input
        conv                  start the interactive session (on a terminal)

        Exit status: 0 success, 1 an error in the program, 2 a usage error or an unreadable file.
        """,
        version: version
    )

    @Argument(help: "A .conv script to run.")
    var file: String?

    @Option(name: [.customShort("e"), .customLong("eval")], help: "Run SOURCE instead of a file.")
    var source: String?

    @Flag(help: "Print every displayed value and print() call as one JSON line.")
    var json = false

    @Flag(help: "Check the syntax only; run nothing.")
    var check = false

    @Option(help: "Seed the random generator, as torch.manual_seed(N) would.")
    var seed: Int64?

    @Option(help: "The most elements one tensor may have.")
    var maxElements: Int = Limits().maximumElements

    public init() {}

    public func validate() throws {
        if file != nil, source != nil { throw ValidationError("give a file or -e SOURCE, not both") }
        if maxElements < 1 { throw ValidationError("--max-elements must be at least 1") }
    }

    public mutating func run() throws {
        var runner = ScriptRunner(json: json, checkOnly: check)
        runner.seed = seed.map { UInt64(bitPattern: $0) }
        runner.limits.maximumElements = maxElements
        let status: ExitStatus
        do {
            if let source {
                status = runner.run(source, name: "<-e>")
            } else if let file {
                status = runner.run(try SourceReader.read(path: file), name: file)
            } else if isatty(0) == 1 {
                let configuration = Interpreter.Configuration(seed: runner.seed, limits: runner.limits)
                status = InteractiveSession.run(configuration: configuration, version: Self.version)
            } else {
                status = runner.run(try SourceReader.readStandardInput(), name: "<stdin>")
            }
        } catch {
            OutputStream.standardError.writeLine("conv: error: \(error.description)")
            OutputStream.standardError.flush()
            throw ExitCode(ExitStatus.usageError.rawValue)
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// Parses the arguments and runs; usage errors exit with status 2.
    public static func runFromCommandLine() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            terminate(ExitStatus.success.rawValue)
        } catch let code as ExitCode {
            terminate(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                OutputStream.standardOutput.writeLine(fullMessage(for: error))
                OutputStream.standardOutput.flush()
                terminate(0)
            }
            OutputStream.standardError.writeLine(fullMessage(for: error))
            OutputStream.standardError.writeLine(usageString())
            OutputStream.standardError.flush()
            terminate(ExitStatus.usageError.rawValue)
        }
    }
}

/// Ends the process with `status` (the C library's `exit`, which a command's own `exit` hides).
private func terminate(_ status: Int32) -> Never {
    OutputStream.standardOutput.flush()
    OutputStream.standardError.flush()
    exit(status)
}
