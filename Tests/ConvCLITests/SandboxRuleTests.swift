import Foundation
import Testing
import ConvLang
@testable import ConvCLI

/// The sandbox rules, tried the way a hostile program (or a hostile folder) would: every way out
/// is refused with a reason, and nothing in a granted folder can make load or save hang.
@Suite("Sandbox rules")
struct SandboxRuleTests {
    /// root/granted (signal.csv, sub/, a FIFO, links) and root/outside (secret.csv).
    final class Tree: SandboxTree {
        override init() throws {
            try super.init()
            try link("zero.csv", to: "/dev/zero")
            try link("loop.csv", to: "loop.csv")
            try link("absolute.csv", to: outside + "/secret.csv")
            try link("away", to: outside)
            guard mkfifo(granted + "/pipe.csv", 0o600) == 0 else { throw FileAccessError("mkfifo failed") }
        }

        /// The reason `read` refused `path`, or nil when it read it.
        func readRefusal(_ path: String) -> String? {
            do {
                _ = try access.read(path)
                return nil
            } catch {
                return "\(error)"
            }
        }

        func writeRefusal(_ path: String) -> String? {
            do {
                try access.write(Array("9\n".utf8), to: path)
                return nil
            } catch {
                return "\(error)"
            }
        }
    }

    @Test func waysOutAreRefused() throws {
        let tree = try Tree()
        for path in ["../outside/secret.csv", "sub/../../outside/secret.csv", tree.outside + "/secret.csv",
                     "away/secret.csv", "absolute.csv", "zero.csv", "/etc/passwd", "/proc/self/environ"] {
            #expect(tree.readRefusal(path)?.contains("outside the folders this program may use") == true, "\(path)")
            #expect(tree.writeRefusal(path)?.contains("outside the folders this program may use") == true, "\(path)")
        }
        let secret = try String(contentsOfFile: tree.outside + "/secret.csv", encoding: .utf8)
        #expect(secret == "42\n", "nothing outside was written")
    }

    @Test func pathsThatStayInsideWork() throws {
        let tree = try Tree()
        #expect(tree.readRefusal("sub/../signal.csv") == nil)
        #expect(tree.readRefusal(tree.granted + "/signal.csv") == nil)
        #expect(tree.writeRefusal("sub/new.csv") == nil)
        #expect(try String(contentsOfFile: tree.granted + "/sub/new.csv", encoding: .utf8) == "9\n")
    }

    @Test func pipesDevicesAndFoldersNeverBlock() throws {
        let tree = try Tree()
        // Nobody writes to or reads from the FIFO: opening it normally would block for ever.
        #expect(tree.readRefusal("pipe.csv")?.contains("not a regular file") == true)
        #expect(tree.writeRefusal("pipe.csv") != nil)
        #expect(tree.readRefusal("sub")?.contains("names a folder") == true || tree.readRefusal("sub")?.contains("is a folder") == true)
        #expect(tree.writeRefusal("sub") != nil)
    }

    @Test func oddNamesAreRefusedWithAReason() throws {
        let tree = try Tree()
        #expect(tree.readRefusal("")?.contains("empty") == true)
        #expect(tree.readRefusal("a\u{0}b.csv")?.contains("NUL") == true)
        #expect(tree.readRefusal("loop.csv") != nil)
        #expect(tree.readRefusal(".")?.contains("names a folder") == true)
        #expect(tree.readRefusal("..")?.contains("names a folder") == true)
        #expect(tree.readRefusal(String(repeating: "a/", count: 5_000) + "x.csv") != nil)
        #expect(tree.readRefusal(String(repeating: "x", count: 100_000) + ".csv") != nil)
    }

    @Test func theCommandLineGrantsTheCurrentFolderOnly() throws {
        let tree = try Tree()
        let fromOutside = try CLIEndToEndTests.conv(["-e", "load(\"\(tree.outside)/secret.csv\")"])
        #expect(fromOutside.status == 1 && fromOutside.stderr.contains("outside the folders"), "\(fromOutside.stderr)")
        let upward = try CLIEndToEndTests.conv(["-e", "save(\"../conv-sandbox-escape.csv\", [1, 2])"])
        #expect(upward.status == 1 && upward.stderr.contains("outside the folders"), "\(upward.stderr)")
    }

    @Test func aFolderGrantedTwiceIsListedOnce() throws {
        let tree = try Tree()
        let access = DirectoryFileAccess(granting: [tree.granted, tree.granted + "/.", tree.granted + "/sub/.."], base: tree.granted)
        #expect(access.grantedDirectories.count == 1)
        do {
            _ = try access.resolve("../outside/secret.csv")
            Issue.record("the path outside was not refused")
        } catch let refusal as OutsideGrantedFolders {
            #expect(refusal.granted == access.grantedDirectories)
            #expect(refusal.description.components(separatedBy: tree.granted).count == 2, "\(refusal)")
        }
    }

    @Test func allowGrantsAFolderToLoadSaveAndSvg() throws {
        let tree = try Tree()
        let secret = "load(\"\(tree.outside)/secret.csv\")"
        #expect(try CLIEndToEndTests.conv(["-e", secret]).status == 1)
        let allowed = try CLIEndToEndTests.conv(["--allow", tree.outside, "-e", secret])
        #expect(allowed.status == 0 && allowed.stdout == "[42]\n", "\(allowed.stderr)")

        let plot = "plot([1, 2, 3], svg=\"\(tree.outside)/p.svg\")"
        let refused = try CLIEndToEndTests.conv(["-e", plot])
        #expect(refused.status == 1 && refused.stderr.contains("outside the folders"), "\(refused.stderr)")
        let drawn = try CLIEndToEndTests.conv(["--allow", tree.granted, "--allow", tree.outside, "-e", plot])
        #expect(drawn.status == 0, "\(drawn.stderr)")
        #expect(FileManager.default.fileExists(atPath: tree.outside + "/p.svg"))
    }

    @Test func allowNeedsAnExistingFolder() throws {
        let tree = try Tree()
        let missing = try CLIEndToEndTests.conv(["--allow", tree.root + "/nowhere", "-e", "print(1)"])
        #expect(missing.status == 2 && missing.stdout.isEmpty && missing.stderr.contains("no such folder"), "\(missing.stderr)")
        let file = try CLIEndToEndTests.conv(["--allow", tree.outside + "/secret.csv", "-e", "print(1)"])
        #expect(file.status == 2 && file.stderr.contains("not a folder"), "\(file.stderr)")
    }

    @Test func svgFolderIsCreatedOrRefusedBeforeAnythingRuns() throws {
        let tree = try Tree()
        let program = "print(\"ran\"); conv([2, 3, 4], [0.5, -1])"
        let made = try CLIEndToEndTests.conv(["--explain", "--svg", tree.root + "/figures/new", "-e", program])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: tree.root + "/figures/new/step-figure-1.svg"))
        let blocked = try CLIEndToEndTests.conv(["--explain", "--svg", tree.outside + "/secret.csv/figures", "-e", program])
        #expect(blocked.status == 2, "\(blocked.stderr)")
        #expect(blocked.stdout.isEmpty, "nothing ran")
        #expect(blocked.stderr.contains("--svg \(tree.outside)/secret.csv/figures: cannot create the folder"), "\(blocked.stderr)")
    }
}
