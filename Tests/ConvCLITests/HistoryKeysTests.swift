import Testing
@testable import ConvCLI

@Suite("Up and Down by prefix")
struct HistoryNavigationTests {
    let entries = ["let a = 1", "let b = 2", "conv(a, b)", "let a2 = 3", "a + b"]

    @Test func anEmptyLineWalksEveryEntryNewestFirst() {
        var walk = HistoryNavigation()
        #expect(walk.older(from: "", in: entries) == "a + b")
        #expect(walk.older(from: "a + b", in: entries) == "let a2 = 3")
        #expect(walk.older(from: "let a2 = 3", in: entries) == "conv(a, b)")
        #expect(walk.newer(from: "conv(a, b)", in: entries) == "let a2 = 3")
        #expect(walk.newer(from: "let a2 = 3", in: entries) == "a + b")
        // Past the newest entry the typed (empty) line comes back; then the bell.
        #expect(walk.newer(from: "a + b", in: entries) == "")
        #expect(walk.newer(from: "", in: entries) == nil)
    }

    @Test func typedTextVisitsOnlyEntriesStartingWithIt() {
        var walk = HistoryNavigation()
        #expect(walk.older(from: "let a", in: entries) == "let a2 = 3")
        // The prefix stays `let a` while the user keeps pressing Up.
        #expect(walk.older(from: "let a2 = 3", in: entries) == "let a = 1")
        #expect(walk.older(from: "let a = 1", in: entries) == nil)
        #expect(walk.newer(from: "let a = 1", in: entries) == "let a2 = 3")
        #expect(walk.newer(from: "let a2 = 3", in: entries) == "let a")
    }

    @Test func editingTheRecalledLineStartsANewWalk() {
        var walk = HistoryNavigation()
        #expect(walk.older(from: "", in: entries) == "a + b")
        // The user typed over the recalled line: its text is the new prefix.
        #expect(walk.older(from: "let b", in: entries) == "let b = 2")
        #expect(walk.typed == "let b")
    }

    @Test func theLineShownIsSkippedAndNothingMatchingRingsTheBell() {
        var walk = HistoryNavigation()
        #expect(walk.older(from: "a + b", in: entries + ["a + b"]) == nil)
        var other = HistoryNavigation()
        #expect(other.older(from: "zzz", in: entries) == nil)
        #expect(other.newer(from: "zzz", in: entries) == nil)
        var empty = HistoryNavigation()
        #expect(empty.older(from: "", in: []) == nil)
    }
}

@Suite("Ctrl-R search")
struct HistorySearchTests {
    let entries = ["let a = 5", "conv(a, [1, 1])", "let abc = 7", "print(a)"]

    @Test func typingShowsTheNewestMatchInThePrompt() {
        var search = HistorySearch(entries: entries, original: "typed")
        #expect(search.prompt == "(reverse-i-search)'': ")
        #expect(search.line == "typed")
        search.type("a =")
        #expect(search.line == "let a = 5")
        #expect(search.prompt == "(reverse-i-search)'a =': ")
        #expect(search.cursor == 4)
    }

    @Test func ctrlRGoesOlderAndBackspaceUndoes() {
        var search = HistorySearch(entries: entries, original: "")
        search.type("a")
        #expect(search.line == "print(a)")
        search.older()
        #expect(search.line == "let abc = 7")
        search.older()
        #expect(search.line == "conv(a, [1, 1])")
        search.undoLast()
        #expect(search.line == "let abc = 7")
        search.undoLast()
        search.undoLast()
        #expect(search.line == "" && search.pattern == "")
    }

    @Test func aFailedSearchKeepsTheLastMatchAndSaysSo() {
        var search = HistorySearch(entries: entries, original: "")
        search.type("ab")
        search.type("z")
        #expect(search.failed)
        #expect(search.line == "let abc = 7")
        #expect(search.prompt == "(failed reverse-i-search)'abz': ")
        search.undoLast()
        #expect(!search.failed)
    }

    @Test func theCursorCountsCharactersNotBytes() {
        var search = HistorySearch(entries: ["let µ = [1]"], original: "")
        search.type("=")
        #expect(search.cursor == 6)
    }
}
