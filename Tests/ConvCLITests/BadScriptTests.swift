import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Scripts that are not scripts, and the command line's limit flags: a clear error or a value,
/// never a hang.
@Suite("conv command: bad scripts and limits")
struct BadScriptTests {
    /// A fresh folder for one test's files.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conv-bad-scripts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func file(_ bytes: [UInt8], in folder: URL, named name: String = "script.conv") throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func anEmptyScriptRunsNothing() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLIEndToEndTests.conv([try Self.file([], in: folder)])
        #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty)
    }

    @Test func binaryAndNonUTF8ScriptsAreRefused() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = try CLIEndToEndTests.conv([try Self.file(Array("1 + 1\u{0}".utf8), in: folder)])
        #expect(binary.status == 2 && binary.stderr.contains("is a binary file, not a conv script"))
        let latin1 = try CLIEndToEndTests.conv([try Self.file([0x63, 0x61, 0x66, 0xE9], in: folder)])
        #expect(latin1.status == 2 && latin1.stderr.contains("is not valid UTF-8 text"))
        let piped = try CLIEndToEndTests.conv([], stdin: "print(1)\u{0}")
        #expect(piped.status == 2 && piped.stderr.contains("standard input is a binary file"))
        let bom = try CLIEndToEndTests.conv([try Self.file([0xEF, 0xBB, 0xBF] + Array("2 * 3\n".utf8), in: folder)])
        #expect(bom.status == 0 && bom.stdout == "6\n")
    }

    @Test func devZeroIsRefusedAtOnce() throws {
        let run = try CLIEndToEndTests.conv(["/dev/zero"])
        #expect(run.status == 2 && run.stderr.contains("'/dev/zero' is a binary file"))
    }

    @Test func aHugeScriptIsRefusedBeforeItIsRead() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.file([], in: folder, named: "huge.conv")
        // A sparse file: 100 MB long, no disk used.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 100 * 1024 * 1024)
        try handle.close()
        let run = try CLIEndToEndTests.conv([path])
        #expect(run.status == 2 && run.stderr.contains("is larger than 64 MiB"))
    }

    @Test func aFIFONobodyWritesToDoesNotHang() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pipe.conv").path
        #expect(mkfifo(path, 0o600) == 0)
        let run = try CLIEndToEndTests.conv([path])
        #expect(run.status == 0 && run.stdout.isEmpty, "\(run.stderr)")
    }

    @Test func directoriesMissingAndUnreadableFiles() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = try CLIEndToEndTests.conv([folder.path])
        #expect(directory.status == 2 && directory.stderr.contains("it is a directory"))
        let missing = try CLIEndToEndTests.conv([folder.appendingPathComponent("nope.conv").path])
        #expect(missing.status == 2 && missing.stderr.contains("no such file or directory"))
        let locked = try Self.file(Array("1".utf8), in: folder, named: "locked.conv")
        #expect(chmod(locked, 0) == 0)
        let unreadable = try CLIEndToEndTests.conv([locked])
        // The superuser reads it anyway; anyone else is told why not.
        if getuid() != 0 {
            #expect(unreadable.status == 2 && unreadable.stderr.contains("permission denied"))
        } else {
            #expect(unreadable.status == 0 && unreadable.stdout == "1\n")
        }
    }

    // MARK: - Limit flags

    @Test func limitFlagsReachTheInterpreter() throws {
        let recursion = try CLIEndToEndTests.conv(["--max-call-depth", "3", "-e", "fn f(n) = f(n + 1)\nf(0)"])
        #expect(recursion.status == 1 && recursion.stderr.contains("too many nested calls (more than 3)"))
        let elements = try CLIEndToEndTests.conv(["--max-elements", "10", "-e", "zeros(11)"])
        #expect(elements.status == 1 && elements.stderr.contains("more than the limit of 10"))
        var doubling = ["sum(arange(10))", "fn f0(x) = x"]
        for level in 1...60 { doubling.append("fn f\(level)(x) = f\(level - 1)(x) + f\(level - 1)(x)") }
        doubling.append("f60(1)")
        let steps = try CLIEndToEndTests.conv(["--max-steps", "100", "-e", doubling.joined(separator: "\n")])
        #expect(steps.status == 1 && steps.stdout == "45\n" && steps.stderr.contains("more than 100 evaluation steps"))
        let slow = try CLIEndToEndTests.conv(["--max-steps", "1000000000000", "--timeout", "0.2", "-e",
                                              doubling.joined(separator: "\n")])
        #expect(slow.status == 1 && slow.stderr.contains("ran longer than its time limit of 0.2 s"))
    }

    @Test func badLimitFlagsAreUsageErrors() throws {
        for arguments in [["--timeout", "0"], ["--timeout", "nan"], ["--timeout", "-1"], ["--timeout", "1e300"],
                          ["--max-steps", "0"], ["--max-call-depth", "-5"], ["--max-elements", "0"]] {
            let run = try CLIEndToEndTests.conv(arguments + ["-e", "1"])
            #expect(run.status == 2, "\(arguments)")
        }
    }
}
