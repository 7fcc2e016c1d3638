import Foundation
import Testing
import ConvLang
@testable import ConvCLI

/// The command line's sandbox for load and save: granted folders only, no escape through
/// `..` or symbolic links.
@Suite("Directory file access")
struct DirectoryFileAccessTests {
    /// The shared tree plus links from granted to outside (relative and to the folder) and
    /// one link within granted.
    final class Tree: SandboxTree {
        override init() throws {
            try super.init()
            try link("link.csv", to: "../outside/secret.csv")
            try link("away", to: outside)
            try link("inner.csv", to: "signal.csv")
        }
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
            #expect(throws: OutsideGrantedFolders.self, "\(path)") { try tree.access.read(path) }
        }
        #expect(throws: OutsideGrantedFolders.self) { try tree.access.write("../outside/new.csv", [0x31]) }
        #expect(!FileManager.default.fileExists(atPath: tree.outside + "/new.csv"))
    }

    @Test func symbolicLinkEscapeIsRefused() throws {
        let tree = try Tree()
        #expect(throws: OutsideGrantedFolders.self) { try tree.access.read("link.csv") }
        #expect(throws: OutsideGrantedFolders.self) { try tree.access.read("away/secret.csv") }
        #expect(throws: OutsideGrantedFolders.self) { try tree.access.write("away/new.csv", [0x31]) }
        #expect(throws: OutsideGrantedFolders.self) { try tree.access.write("link.csv", [0x31]) }
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
        #expect(escaped.diagnostics.first?.kind == .fileAccess)
        #expect(escaped.diagnostics.first?.message.contains("outside the folders") == true)
        #expect(FileManager.default.fileExists(atPath: tree.granted + "/twice.npy"))
    }

    @Test func noAccessConfiguredRefusesEverything() {
        let result = Interpreter().run("load(\"signal.csv\")")
        #expect(result.diagnostics.map(\.kind) == [.fileAccess])
        #expect(result.diagnostics.map(\.message) == ["cannot load \"signal.csv\": this interpreter was given no file access"])
    }

    @Test func scriptFolder() {
        #expect(DirectoryFileAccess.folder(ofScript: "Samples/a.conv") == "Samples")
        #expect(DirectoryFileAccess.folder(ofScript: "a.conv") == ".")
        #expect(DirectoryFileAccess.folder(ofScript: "/a.conv") == "/")
        #expect(DirectoryFileAccess.folder(ofScript: nil) == ".")
    }
}
