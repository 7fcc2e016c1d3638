import Foundation
import Testing
@testable import ConvCLI

@Suite("History location")
struct HistoryLocationTests {
    @Test func explicitFileWins() {
        #expect(HistoryLocation.resolve(environment: ["CONV_HISTFILE": "/tmp/h", "HOME": "/home/a"]) == "/tmp/h")
    }

    @Test func emptyExplicitFileDisables() {
        #expect(HistoryLocation.resolve(environment: ["CONV_HISTFILE": "", "HOME": "/home/a"]) == nil)
    }

    @Test func xdgStateHome() {
        #expect(HistoryLocation.resolve(environment: ["XDG_STATE_HOME": "/s", "HOME": "/home/a"]) == "/s/conv/history")
        #expect(HistoryLocation.resolve(environment: ["XDG_STATE_HOME": "/s/"]) == "/s/conv/history")
    }

    @Test func emptyOrRelativeXdgFallsBackToHome() {
        let expected = "/home/a/.local/state/conv/history"
        #expect(HistoryLocation.resolve(environment: ["XDG_STATE_HOME": "", "HOME": "/home/a"]) == expected)
        #expect(HistoryLocation.resolve(environment: ["XDG_STATE_HOME": "rel", "HOME": "/home/a"]) == expected)
        #expect(HistoryLocation.resolve(environment: ["HOME": "/home/a"]) == expected)
    }

    @Test func noHomeDisables() {
        #expect(HistoryLocation.resolve(environment: [:]) == nil)
        #expect(HistoryLocation.resolve(environment: ["HOME": ""]) == nil)
        #expect(HistoryFile(environment: [:]) == nil)
    }
}

@Suite("History list")
struct HistoryListTests {
    @Test func adjacentDuplicatesAndBlanksAreDropped() {
        var list = HistoryList()
        let results = ["a", "a", "   ", "", "b", "a"].map { list.add($0) }
        #expect(results == [true, false, false, false, true, true])
        #expect(list.entries == ["a", "b", "a"])
    }

    @Test func capKeepsTheNewest() {
        let list = HistoryList((1...1005).map { "e\($0)" })
        #expect(list.entries.count == 1000)
        #expect(list.entries.first == "e6")
        #expect(list.entries.last == "e1005")
    }
}

@Suite("History codec")
struct HistoryCodecTests {
    @Test func roundTripKeepsMultiLineAndUnicodeEntriesWhole() {
        let entries = ["let µ = 1", "conv(x,\n  k=2)", "a\\nb", "tab\there", "cr\r", "trailing\\", "😀 \"q\" 'q' #c"]
        let decoded = HistoryCodec.decode(Array(HistoryCodec.encode(entries).utf8))
        #expect(decoded == HistoryCodec.Decoded(entries: entries))
    }

    @Test func encodedEntriesAreOneLineEach() {
        let text = HistoryCodec.encode(["a\nb", "c"])
        #expect(text == "#conv history v1\na\\nb\nc\n")
    }

    @Test func emptyFileIsEmptyHistory() {
        #expect(HistoryCodec.decode([]) == HistoryCodec.Decoded(entries: []))
    }

    @Test func binaryDataIsRejected() {
        let decoded = HistoryCodec.decode(Array("#conv history v1\nx\u{0}y\n".utf8))
        #expect(decoded.entries.isEmpty)
        #expect(decoded.problem != nil)
    }

    @Test func foreignHeaderIsRejected() {
        let decoded = HistoryCodec.decode(Array("_HiStOrY_V2_\nlet\\040a\n".utf8))
        #expect(decoded.entries.isEmpty)
        #expect(decoded.problem?.contains("#conv history v1") == true)
    }

    @Test func invalidUTF8LinesAreSkippedOthersKept() {
        let bytes = Array("#conv history v1\ngood\n".utf8) + [0xC3, 0x28, 0x0A] + Array("also good".utf8)
        let decoded = HistoryCodec.decode(bytes)
        #expect(decoded.entries == ["good", "also good"])
        #expect(decoded.problem == "1 damaged line skipped")
    }

    @Test func unknownEscapesStayAsWritten() {
        #expect(HistoryCodec.unescape("a\\qb\\") == "a\\qb\\")
    }
}

@Suite("History file", .serialized)
struct HistoryFileTests {
    /// A fresh directory for one test; the caller removes it with `removeTree`.
    private func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("conv-history-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    private func mode(of path: String) -> mode_t {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return info.st_mode & 0o777
    }

    private func writeRaw(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    @Test func saveCreatesPrivateDirectoriesAndFileThenLoadsBack() throws {
        let root = temporaryDirectory()
        defer { removeTree(root) }
        let file = try #require(HistoryFile(environment: ["HOME": root]))
        #expect(file.load() == ([], nil))
        let entries = ["let µ = 1", "conv(x,\n k=2)"]
        try file.save(entries)
        #expect(mode(of: root + "/.local/state/conv") == 0o700)
        #expect(mode(of: file.path) == 0o600)
        let loaded = file.load()
        #expect(loaded.entries == entries)
        #expect(loaded.warning == nil)
    }

    @Test func saveKeepsTheNewestThousand() throws {
        let root = temporaryDirectory()
        defer { removeTree(root) }
        let file = HistoryFile(path: root + "/h")
        try file.save((1...1200).map { "e\($0)" })
        let loaded = file.load().entries
        #expect(loaded.count == 1000)
        #expect(loaded.first == "e201")
    }

    @Test func saveLeavesNoTemporaryFilesBehind() throws {
        let root = temporaryDirectory()
        defer { removeTree(root) }
        let file = HistoryFile(path: root + "/h")
        try file.save(["a"])
        try file.save(["a", "b"])
        let names = try FileManager.default.contentsOfDirectory(atPath: root)
        #expect(names == ["h"])
    }

    @Test func damagedFileGivesWarningNotFailure() throws {
        let root = temporaryDirectory()
        defer { removeTree(root) }
        let file = HistoryFile(path: root + "/h")
        writeRaw([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0xFF], to: file.path)
        let loaded = file.load()
        #expect(loaded.entries.isEmpty)
        #expect(loaded.warning?.contains("binary") == true)
        // The next save replaces the damaged file with a good one.
        try file.save(["x"])
        #expect(file.load() == (["x"], nil))
    }

    @Test func unreadablePathGivesWarning() {
        let root = temporaryDirectory()
        defer { removeTree(root) }
        // A directory where the file should be cannot be read as history.
        let loaded = HistoryFile(path: root).load()
        #expect(loaded.entries.isEmpty)
        #expect(loaded.warning != nil)
    }

    @Test func aFIFOInPlaceOfTheFileNeitherHangsNorIsUsed() throws {
        let root = temporaryDirectory()
        defer { removeTree(root) }
        // Nobody writes to or reads from the FIFO: opening it normally would wait for ever.
        #expect(mkfifo(root + "/h", 0o600) == 0)
        let loaded = HistoryFile(path: root + "/h").load()
        #expect(loaded.entries.isEmpty)
        #expect(loaded.warning?.contains("not a regular file") == true)
        // Saving replaces it with a regular file (written beside it, then renamed over it).
        try HistoryFile(path: root + "/h").save(["x"])
        #expect(HistoryFile(path: root + "/h").load() == (["x"], nil))
    }

    @Test func unwritableLocationThrowsAnError() {
        let root = temporaryDirectory()
        defer { removeTree(root) }
        writeRaw(Array("not a directory".utf8), to: root + "/blocker")
        let file = HistoryFile(path: root + "/blocker/conv/history")
        #expect(throws: HistoryFileError.self) { try file.save(["a"]) }
    }
}
