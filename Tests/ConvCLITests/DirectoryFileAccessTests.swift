import Foundation
import Testing
import ConvLang
@testable import ConvCLI

/// The command line's sandbox for load and save: granted folders only, no escape through
/// `..` or symbolic links.
@Suite("Directory file access")
struct DirectoryFileAccessTests {
    /// A fresh folder tree: root/granted (with a file), root/outside (with a secret), and
    /// links from granted to outside.
    final class Tree {
        let root: String
        var granted: String { root + "/granted" }
        var outside: String { root + "/outside" }

        init() throws {
            var template = Array((NSTemporaryDirectory() + "conv-sandbox-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else { throw FileAccessError("mkdtemp failed") }
            root = String(cString: made)
            let manager = FileManager.default
            try manager.createDirectory(atPath: granted + "/sub", withIntermediateDirectories: true)
            try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
            try "1,2,3\n".write(toFile: granted + "/signal.csv", atomically: true, encoding: .utf8)
            try "42\n".write(toFile: outside + "/secret.csv", atomically: true, encoding: .utf8)
            try manager.createSymbolicLink(atPath: granted + "/link.csv", withDestinationPath: "../outside/secret.csv")
            try manager.createSymbolicLink(atPath: granted + "/away", withDestinationPath: outside)
            try manager.createSymbolicLink(atPath: granted + "/inner.csv", withDestinationPath: "signal.csv")
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        var access: DirectoryFileAccess { DirectoryFileAccess(granting: [granted], base: granted) }
    }

    @Test func readsAndWritesInsideTheGrantedFolder() throws {
        let tree = try Tree()
        #expect(try tree.access.read("signal.csv") == Array("1,2,3\n".utf8))
        #expect(try tree.access.read(tree.granted + "/signal.csv") == Array("1,2,3\n".utf8))
        #expect(try tree.access.read("sub/../signal.csv") == Array("1,2,3\n".utf8))
        #expect(try tree.access.read("inner.csv") == Array("1,2,3\n".utf8))  // a link that stays inside
        try tree.access.write("sub/out.csv", Array("7\n".utf8))
        #expect(FileManager.default.contents(atPath: tree.granted + "/sub/out.csv") == Data("7\n".utf8))
    }

    @Test func dotDotEscapeIsRefused() throws {
        let tree = try Tree()
        for path in ["../outside/secret.csv", "sub/../../outside/secret.csv", tree.outside + "/secret.csv"] {
            #expect(throws: FileAccessError.self, "\(path)") { try tree.access.read(path) }
        }
        #expect(throws: FileAccessError.self) { try tree.access.write("../outside/new.csv", [0x31]) }
        #expect(!FileManager.default.fileExists(atPath: tree.outside + "/new.csv"))
    }

    @Test func symbolicLinkEscapeIsRefused() throws {
        let tree = try Tree()
        #expect(throws: FileAccessError.self) { try tree.access.read("link.csv") }
        #expect(throws: FileAccessError.self) { try tree.access.read("away/secret.csv") }
        #expect(throws: FileAccessError.self) { try tree.access.write("away/new.csv", [0x31]) }
        #expect(throws: FileAccessError.self) { try tree.access.write("link.csv", [0x31]) }
        #expect(FileManager.default.contents(atPath: tree.outside + "/secret.csv") == Data("42\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: tree.outside + "/new.csv"))
    }

    @Test func errorsSayWhy() throws {
        let tree = try Tree()
        do {
            _ = try tree.access.read("../outside/secret.csv")
        } catch {
            #expect("\(error)".contains("outside the folders this program may use"))
        }
        #expect(throws: FileAccessError.self) { try tree.access.read("missing.csv") }
        #expect(throws: FileAccessError.self) { try tree.access.read("nofolder/x.csv") }
        #expect(throws: FileAccessError.self) { try tree.access.read("sub") }
        #expect(throws: FileAccessError.self) { try tree.access.read("") }
    }

    @Test func theLanguageGoesThroughIt() throws {
        let tree = try Tree()
        let interpreter = Interpreter(configuration: .init(seed: 0, fileAccess: tree.access))
        #expect(interpreter.run("save(\"twice.npy\", load(\"signal.csv\") * 2)").succeeded)
        let escaped = interpreter.run("load(\"../outside/secret.csv\")")
        #expect(escaped.diagnostics.first?.message.contains("outside the folders") == true)
        #expect(FileManager.default.fileExists(atPath: tree.granted + "/twice.npy"))
    }

    @Test func noAccessConfiguredRefusesEverything() {
        let result = Interpreter().run("load(\"signal.csv\")")
        #expect(result.diagnostics.first?.message == "cannot load \"signal.csv\": this interpreter was given no file access")
    }

    @Test func scriptFolder() {
        #expect(DirectoryFileAccess.folder(ofScript: "Samples/a.conv") == "Samples")
        #expect(DirectoryFileAccess.folder(ofScript: "a.conv") == ".")
        #expect(DirectoryFileAccess.folder(ofScript: "/a.conv") == "/")
        #expect(DirectoryFileAccess.folder(ofScript: nil) == ".")
    }
}
