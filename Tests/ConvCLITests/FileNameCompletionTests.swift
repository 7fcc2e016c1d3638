import Foundation
import Testing
@testable import ConvCLI

/// A folder with files, a sub-folder and a hidden file, removed when released.
private final class Folder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("conv-files-\(UUID().uuidString)").path
        let manager = FileManager.default
        try manager.createDirectory(atPath: path + "/data", withIntermediateDirectories: true)
        for name in ["session.conv", "setup.conv", "signal.csv", ".hidden.conv", "data/inner.npy"] {
            try "1\n".write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

private let vocabulary = CompletionVocabulary(
    keywords: ["let"], functions: ["seed": ["n"], "load": ["path"], "save": ["path", "x"], "plot": ["x", "svg"]],
    names: ["x"], commands: [":help", ":load", ":save", ":type"], fileCommands: [":load", ":save"]
)

private func complete(_ line: String, in folder: Folder) -> (from: Int, words: [String]) {
    let reply = completions(in: line, cursor: line.utf8.count, vocabulary: vocabulary,
                            files: FileNameCompletion(base: folder.path, home: folder.path))
    return (reply.replaceFrom, reply.candidates.map(\.description))
}

@Suite("File name completion")
struct FileNameCompletionTests {
    @Test func afterLoadAndSaveTheArgumentIsAFileNeverABuiltin() throws {
        let folder = try Folder()
        #expect(complete(":load se", in: folder).words == ["session.conv", "setup.conv"])
        #expect(complete(":load se", in: folder).from == 6)
        #expect(complete(":save s", in: folder).words == ["session.conv", "setup.conv", "signal.csv"])
        #expect(complete(":save! sig", in: folder).words == ["signal.csv"])
        #expect(complete(":lo se", in: folder).words == ["session.conv", "setup.conv"])
        // :help still completes topics, so `se` there is the builtin.
        #expect(complete(":help se", in: folder).words == ["seed"])
    }

    @Test func foldersGetASlashAndTheLastPartIsCompleted() throws {
        let folder = try Folder()
        #expect(complete(":load d", in: folder).words == ["data/"])
        let inner = complete(":load data/in", in: folder)
        #expect(inner.words == ["inner.npy"])
        #expect(inner.from == ":load data/".utf8.count)
        #expect(complete(":load ~/da", in: folder).words == ["data/"])
        #expect(complete(":load \(folder.path)/sig", in: folder).words == ["signal.csv"])
        #expect(complete(":load \"sess", in: folder).words == ["session.conv"])
    }

    @Test func hiddenFilesOnlyWhenADotIsTyped() throws {
        let folder = try Folder()
        #expect(!complete(":load ", in: folder).words.contains(".hidden.conv"))
        #expect(complete(":load .h", in: folder).words == [".hidden.conv"])
    }

    @Test func insideTheStringOfLoadSaveAndSvg() throws {
        let folder = try Folder()
        #expect(complete("let s = load(\"sig", in: folder).words == ["signal.csv"])
        #expect(complete("let s = load(\"sig", in: folder).from == "let s = load(\"".utf8.count)
        #expect(complete("np.load('data/", in: folder).words == ["inner.npy"])
        #expect(complete("save(\"se", in: folder).words == ["session.conv", "setup.conv"])
        #expect(complete("plot(x, svg=\"si", in: folder).words == ["signal.csv"])
        #expect(complete("plot(x, svg = 'si", in: folder).words == ["signal.csv"])
    }

    @Test func otherStringsAndCommentsOfferNothing() throws {
        let folder = try Folder()
        #expect(complete("print(\"se", in: folder).words.isEmpty)
        #expect(complete("conv(x, mode=\"se", in: folder).words.isEmpty)
        #expect(complete("load(x) # se", in: folder).words.isEmpty)
        #expect(complete("let s = \"it's\" + load(\"se", in: folder).words == ["session.conv", "setup.conv"])
    }
}
