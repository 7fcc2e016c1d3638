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
        conv --serve          a session driven by JSON requests on standard input (docs/serve.md)

        Exit status: 0 success, 1 an error in the program, 2 a usage error or an unreadable file.
        """,
        version: version
    )

    @Argument(help: "A .conv script to run.")
    var file: String?

    @Option(name: [.customShort("e"), .customLong("eval")], help: "Run SOURCE instead of a file.")
    var source: String?

    @Flag(help: "Write one JSON record per line: values, prints, explanations and plots (with their SVG), diagnostics (docs/json.md).")
    var json = false

    @Flag(help: "Answer JSON requests on standard input, one per line, for editors and notebooks (docs/serve.md).")
    var serve = false

    @Flag(help: "Check the syntax only; run nothing.")
    var check = false

    @Option(help: "Seed the random generator, as torch.manual_seed(N) would.")
    var seed: Int64?

    @Option(help: "The most elements one tensor may have.")
    var maxElements: Int = Limits().maximumElements

    @Option(help: ArgumentHelp("The most memory the program's tensors may take: bytes, or with a unit (512MB, 8GB, 2GiB), or none. Default: half the machine's memory or 8 GiB, whichever is smaller.",
                               valueName: "SIZE"))
    var maxMemory: String?

    @Option(help: "How deeply user functions may call each other.")
    var maxCallDepth: Int = Limits().maximumCallDepth

    @Option(help: "The most evaluation steps one program (or one interactive entry) may take.")
    var maxSteps: Int = Limits().maximumSteps

    @Option(help: ArgumentHelp("Stop a program (or one interactive entry) that runs longer than SECONDS.",
                               valueName: "SECONDS"))
    var timeout: Double?

    @Flag(help: "Explain every convolution the script runs, step by step, before its value.")
    var explain = false

    @Option(help: ArgumentHelp("With --explain: write one SVG figure per explained call into DIR (step-figure-1.svg, ...); DIR is created if missing.",
                               valueName: "DIR"))
    var svg: String?

    @Option(help: ArgumentHelp("How tensors are shown: conv's display, PyTorch's printout, or auto (PyTorch's after `import torch`, the default; --serve defaults to conv).",
                               valueName: "MODE"))
    var display: DisplayChoice?

    @Option(name: .customLong("allow"),
            help: ArgumentHelp("Let load, save and svg= (and :load, :save) use DIR and below, besides the current folder and the script's; repeatable.",
                               valueName: "DIR"))
    var allowed: [String] = []

    /// The longest `--timeout`: a year, far beyond any real use, so the conversion cannot overflow.
    static let longestTimeout = 365.0 * 24 * 3600

    public init() {}

    public func validate() throws {
        if file != nil, source != nil { throw ValidationError("give a file or -e SOURCE, not both") }
        if maxElements < 1 { throw ValidationError("--max-elements must be at least 1") }
        if let maxMemory, MemorySize.parse(maxMemory) == nil {
            throw ValidationError("--max-memory \(maxMemory): give bytes, a size with a unit such as 512MB, 8GB or 2GiB, or none")
        }
        if maxCallDepth < 1 { throw ValidationError("--max-call-depth must be at least 1") }
        if maxSteps < 1 { throw ValidationError("--max-steps must be at least 1") }
        if let timeout, !(timeout > 0 && timeout <= Self.longestTimeout) {
            throw ValidationError("--timeout must be a number of seconds above 0 and at most \(Int(Self.longestTimeout))")
        }
        if svg != nil, !explain { throw ValidationError("--svg DIR needs --explain") }
        if serve, file != nil || source != nil || json || check {
            throw ValidationError("--serve reads requests from standard input: give no file, -e, --json or --check")
        }
        for folder in allowed where !FolderCheck.isFolder(folder) {
            throw ValidationError("--allow \(folder): \(FolderCheck.exists(folder) ? "not a folder" : "no such folder")")
        }
        // Made before anything runs, so a figure folder that cannot exist is a usage error, not
        // a failure halfway through the script.
        if let svg {
            do {
                try FolderCheck.make(svg)
            } catch {
                throw ValidationError("--svg \(svg): cannot create the folder: \(error.reason.lowercased())")
            }
        }
    }

    public mutating func run() throws {
        var runner = ScriptRunner(json: json, checkOnly: check)
        runner.seed = seed.map { UInt64(bitPattern: $0) }
        runner.limits.maximumElements = maxElements
        if let maxMemory, let size = MemorySize.parse(maxMemory) { runner.limits.maximumMemory = size.bytes }
        runner.limits.maximumCallDepth = maxCallDepth
        runner.limits.maximumSteps = maxSteps
        runner.limits.timeLimit = timeout.map { .milliseconds(Int64(($0 * 1000).rounded(.up))) }
        runner.explainCalls = explain
        runner.explainFigureDirectory = svg
        runner.allowedFolders = allowed
        runner.display = display ?? (serve ? .conv : .auto)
        let status: ExitStatus
        do {
            if serve {
                status = ServeSession.run(configuration: sessionConfiguration(runner), version: Self.version)
            } else if let source {
                status = try Self.runProgram(.source(source), with: runner)
            } else if let file {
                status = try Self.runProgram(.file(file), with: runner)
            } else if isatty(0) == 1 {
                status = InteractiveSession.run(configuration: sessionConfiguration(runner), version: Self.version)
            } else {
                status = runner.run(try SourceReader.readStandardInput(), name: "<stdin>")
            }
        } catch {
            throw ExitCode(Self.reportUnreadable(error).rawValue)
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// Runs `-e SOURCE` or a script file with `runner`.
    static func runProgram(_ program: QuickCommandLine, with runner: ScriptRunner) throws(SourceReader.Failure) -> ExitStatus {
        switch program {
        case .source(let source): runner.run(source, name: "<-e>")
        case .file(let file): runner.run(try SourceReader.read(path: file), name: file, scriptPath: file)
        }
    }

    /// A script or standard input that cannot be read is a usage error, reported once here.
    static func reportUnreadable(_ error: SourceReader.Failure) -> ExitStatus {
        OutputStream.standardError.writeLine("conv: error: \(error.description)")
        OutputStream.standardError.flush()
        return ExitStatus(for: .usage)
    }

    /// The interpreter of an interactive or served session: its load, save, svg=, :load and :save
    /// reach the current folder and the --allow folders, and `conv --explain` starts it with
    /// :explain on.
    private func sessionConfiguration(_ runner: ScriptRunner) -> Interpreter.Configuration {
        let files = DirectoryFileAccess(granting: ["."] + allowed, base: ".")
        var configuration = Interpreter.Configuration(seed: runner.seed, limits: runner.limits, fileAccess: files)
        configuration.explainCalls = explain
        runner.display.apply(to: &configuration)
        return configuration
    }

    /// Parses the arguments and runs; usage errors exit with status 2.
    public static func runFromCommandLine() -> Never {
        AllocatorTuning.keepFreedMemory()
        if let program = QuickCommandLine(CommandLine.arguments.dropFirst()) {
            let status: ExitStatus
            do {
                status = try runProgram(program, with: ScriptRunner(json: false, checkOnly: false))
            } catch {
                status = reportUnreadable(error)
            }
            terminate(status.rawValue)
        }
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
            terminate(ExitStatus(for: .usage).rawValue)
        }
    }
}

/// The two commonest command lines, `conv FILE` and `conv -e SOURCE` with nothing else, which
/// mean the defaults of every option: they run without building the argument parser, most of
/// a short script's start-up. Any other command line (options, help, a value that looks like
/// an option, mistakes) goes through the parser, which gives the same result for these two.
enum QuickCommandLine: Equatable, Sendable {
    case source(String)
    case file(String)

    /// The program these arguments (without the command's name) run, or `nil` when the
    /// argument parser must read them.
    init?(_ arguments: ArraySlice<String>) {
        let words = Array(arguments)
        func plain(_ word: String) -> Bool { !word.isEmpty && !word.hasPrefix("-") }
        if words.count == 1, plain(words[0]), words[0] != "help" {
            self = .file(words[0])
        } else if words.count == 2, words[0] == "-e" || words[0] == "--eval", plain(words[1]) {
            self = .source(words[1])
        } else {
            return nil
        }
    }
}

/// Ends the process with `status` (the C library's `exit`, which a command's own `exit` hides).
private func terminate(_ status: Int32) -> Never {
    OutputStream.standardOutput.flush()
    OutputStream.standardError.flush()
    exit(status)
}
