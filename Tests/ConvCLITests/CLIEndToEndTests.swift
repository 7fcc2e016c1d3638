import Foundation
import Testing
import TestSupport
@testable import ConvCLI

/// The built `conv` command, run as a user runs it: stdout, stderr and exit status.
@Suite("conv command end to end")
struct CLIEndToEndTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = RepositoryFolder.root

    /// The conv executable next to this test bundle.
    static var executable: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var folder = here.deletingLastPathComponent()
        if folder.path.hasSuffix(".xctest") || folder.lastPathComponent.hasSuffix(".xctest") { folder.deleteLastPathComponent() }
        if let selfExe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folder = URL(fileURLWithPath: selfExe).deletingLastPathComponent()
        }
        return folder.appendingPathComponent("conv")
    }

    static func conv(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                   stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Every sample script prints exactly its `.expected` file, with nothing on stderr.
    @Test func everySampleMatchesItsExpectedOutput() throws {
        let samples = Self.packageRoot.appendingPathComponent("Samples")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".conv") }.sorted()
        #expect(scripts.count >= 13)
        for script in scripts {
            let expectedURL = samples.appendingPathComponent(String(script.dropLast(5)) + ".expected")
            let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            let run = try Self.conv(["--seed", "0", "Samples/" + script])
            #expect(run.status == 0, "\(script): \(run.stderr)")
            #expect(run.stderr.isEmpty, "\(script)")
            #expect(run.stdout == expected, "\(script)")
        }
    }

    /// Every PyTorch program in Samples/torch prints, with no option, exactly what PyTorch
    /// printed for the same file (its `.expected`): `import torch` turns PyTorch's display on.
    @Test func everyTorchSamplePrintsWhatPyTorchPrinted() throws {
        let samples = Self.packageRoot.appendingPathComponent("Samples/torch")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".conv") }.sorted()
        #expect(scripts.count >= 3)
        for script in scripts {
            let expected = try String(contentsOf: samples.appendingPathComponent(String(script.dropLast(5)) + ".expected"), encoding: .utf8)
            let run = try Self.conv(["Samples/torch/" + script])
            #expect(run.status == 0, "\(script): \(run.stderr)")
            #expect(run.stderr.isEmpty, "\(script)")
            #expect(run.stdout == expected, "\(script)")
        }
    }

    @Test func evalOption() throws {
        let run = try Self.conv(["-e", "let x = [2, 3, 4]; conv(x, [0.5, -1], b=0.1, s=2, p=1)"])
        #expect(run == Run(status: 0, stdout: "[-1.9, -2.4]\n", stderr: ""))
    }

    @Test func displayOption() throws {
        let program = "tensor([0.5, 2])\nimport torch\nprint(tensor([1, 2]))"
        let auto = "[0.5, 2]\ntensor([1., 2.], dtype=torch.float64)\n"
        #expect(try Self.conv(["-e", program]).stdout == auto)
        #expect(try Self.conv(["--display", "auto", "-e", program]).stdout == auto)
        #expect(try Self.conv([], stdin: program).stdout == auto)
        #expect(try Self.conv(["--display", "conv", "-e", program]).stdout == "[0.5, 2]\n[1, 2]\n")
        #expect(try Self.conv(["--display", "torch", "-e", program]).stdout
                == "tensor([0.5000, 2.0000], dtype=torch.float64)\ntensor([1., 2.], dtype=torch.float64)\n")
        #expect(try Self.conv(["--display", "numpy", "-e", "1"]).status == 2)
    }

    /// `--json` follows the same default: a record's `text` is what the terminal would show,
    /// PyTorch's printout after `import torch`, while `value` keeps full precision.
    @Test func jsonTextFollowsTheDisplay() throws {
        let program = "import torch\ntorch.tensor([0.5, 2.])"
        let auto = try Self.conv(["--json", "-e", program]).stdout
        #expect(auto.contains(#""value":[0.5,2],"text":"tensor([0.5000, 2.0000])""#))
        let plain = try Self.conv(["--json", "--display", "conv", "-e", program]).stdout
        #expect(plain.contains(#""value":[0.5,2],"text":"[0.5, 2]""#))
        // A torch.return_types value is recorded as the tuple it is.
        let named = try Self.conv(["--json", "-e", "import torch\ntorch.tensor([1, 5]).max(dim=0)"]).stdout
        #expect(named.contains(#""type":"tuple","dtype":null,"shape":null,"value":[5,1]"#))
        #expect(named.contains(#""text":"torch.return_types.max(\nvalues=tensor(5),\nindices=tensor(1))""#))
    }

    @Test func programFromStandardInput() throws {
        let run = try Self.conv([], stdin: "conv([1, 2, 3], [1, 1])\n")
        #expect(run == Run(status: 0, stdout: "[3, 5]\n", stderr: ""))
    }

    @Test func jsonLines() throws {
        let run = try Self.conv(["--json", "-e", "0.1 + 0.2; print(\"a\", 1); [1, 2]; 0/0"])
        #expect(run.stdout == """
            {"kind":"value","line":1,"type":"number","dtype":"float64","shape":[],"value":0.30000000000000004,"text":"0.3"}
            {"kind":"print","line":1,"values":[{"type":"string","dtype":null,"shape":null,"value":"a"},{"type":"int","dtype":"int64","shape":[],"value":1}],"text":"a 1"}
            {"kind":"value","line":1,"type":"tensor","dtype":"float64","shape":[2],"value":[1,2],"text":"[1, 2]"}
            {"kind":"value","line":1,"type":"number","dtype":"float64","shape":[],"value":null,"nonfinite":{"NaN":[0]},"text":"nan"}

            """)
    }

    @Test func syntaxErrorsAreAllReportedWithCarets() throws {
        let run = try Self.conv(["-e", "let = 1\nconv(x,, 2)"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == """
            <-e>:1:5: error: expected a name after 'let', found '='
             1 | let = 1
               |     ^
            <-e>:2:8: error: expected an expression, found ','
             2 | conv(x,, 2)
               |        ^

            """)
    }

    @Test func runtimeErrorStopsTheScriptAfterEarlierOutput() throws {
        let run = try Self.conv(["-e", "1\nconv([1, 2, 3], [1, 1, 1], d=2)\n3"])
        #expect(run.status == 1)
        #expect(run.stdout == "1\n")
        #expect(run.stderr.hasPrefix("<-e>:2:1: error: padded length 3"))
    }

    @Test func checkParsesOnly() throws {
        #expect(try Self.conv(["--check", "-e", "undefined_name + 1"]).status == 0)
        #expect(try Self.conv(["--check", "-e", "1 +"]).status == 1)
    }

    @Test func unreadableFilesAndUsageErrorsExitTwo() throws {
        let missing = try Self.conv(["no/such/file.conv"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read 'no/such/file.conv'"))
        let directory = try Self.conv(["Samples"])
        #expect(directory.status == 2)
        #expect(try Self.conv(["--no-such-flag"]).status == 2)
        #expect(try Self.conv(["-e", "1", "Samples/dilation.conv"]).status == 2)
    }

    @Test func binaryAndNonUTF8ScriptsAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conv-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("binary.conv")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: binary)
        let latin1 = folder.appendingPathComponent("latin1.conv")
        try Data([0x78, 0x20, 0x3D, 0x20, 0xE9]).write(to: latin1)
        let empty = folder.appendingPathComponent("empty.conv")
        try Data().write(to: empty)
        #expect(try Self.conv([binary.path]).stderr.contains("binary file"))
        #expect(try Self.conv([latin1.path]).stderr.contains("not valid UTF-8"))
        #expect(try Self.conv([empty.path]) == Run(status: 0, stdout: "", stderr: ""))
    }

    @Test func seedMakesRunsReproducible() throws {
        let first = try Self.conv(["--seed", "7", "-e", "rand(3)"])
        let second = try Self.conv(["--seed", "7", "-e", "rand(3)"])
        #expect(first.stdout == second.stdout)
        #expect(first.status == 0)
    }

    @Test func versionAndHelp() throws {
        #expect(try Self.conv(["--version"]).stdout.hasPrefix("0."))
        let help = try Self.conv(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--json"))
    }

    @Test("conv FILE and conv -e SOURCE alone skip the argument parser; anything else goes through it")
    func quickCommandLines() {
        #expect(QuickCommandLine(["script.conv"]) == .file("script.conv"))
        #expect(QuickCommandLine(["-e", "1 + 1"]) == .source("1 + 1"))
        #expect(QuickCommandLine(["--eval", "x"]) == .source("x"))
        for arguments: ArraySlice<String> in [
            [], ["help"], ["-"], ["--help"], ["a.conv", "b.conv"], ["-e", "-1"], ["-e", ""], ["--json", "-e", "1"],
            ["-e", "1", "--seed", "3"], ["--eval=1"], ["-e"],
        ] {
            #expect(QuickCommandLine(arguments) == nil, "\(arguments)")
        }
    }

    @Test("The quick command lines give exactly what the argument parser gives")
    func quickCommandLinesAgreeWithTheParser() throws {
        for program in ["1 + 1", "print(\"a\"); [1, 2]", "let = 1", "conv([1, 2], nope)"] {
            #expect(try Self.conv(["-e", program]) == Self.conv(["--eval=\(program)"]), "\(program)")
        }
        let sample = "Samples/walkthrough-k2-s2-p1.conv"
        #expect(try Self.conv([sample]) == Self.conv(["--", sample]))
        #expect(try Self.conv(["no-such-script.conv"]) == Self.conv(["--", "no-such-script.conv"]))
    }
}

extension CLIEndToEndTests.Run: Equatable {}
