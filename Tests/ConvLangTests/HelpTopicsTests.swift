import Testing
@testable import ConvLang

@Suite("Help by topic")
struct HelpTopicsTests {
    @Test func theOverviewFitsAScreenAndNamesEveryBuiltin() {
        let lines = HelpText.overview.split(separator: "\n", omittingEmptySubsequences: false)
        // A screen and a little: the random draws, nn.init, Python and training (gradients,
        // optimizers) and the losses take topics of their own, and PyTorch's other layers
        // (Linear, BatchNorm1d, ..., the recurrent layers and cells, the adaptive pools) four
        // lines of layers and two of pooling.
        #expect(lines.count <= 38, "\(lines.count) lines")
        #expect(lines.allSatisfy { $0.count <= 80 })
        let words = Set(HelpText.overview.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        // A topic too long for the screen names its layers there, and its page every builtin
        // (F.relu beside nn.ReLU): each builtin is one help("TOPIC") away at most.
        let abridged = HelpTopics.all.filter { $0.overview != nil }
        for builtin in BuiltinLibrary.all {
            let onAPage = abridged.contains { $0.builtins.contains(builtin.name) && words.contains($0.name) }
            #expect(words.contains(builtin.name) || onAPage, "\(builtin.name) is missing from help()")
        }
        for topic in abridged {
            #expect(topic.overview?.isSubset(of: Set(topic.builtins)) == true, "\(topic.name) names a builtin it does not list")
        }
    }

    @Test func topicsAreListedAndShown() {
        let list = HelpText.topic("topics") ?? ""
        for name in ["convolution", "layers", "explain", "files", "language"] {
            #expect(list.contains("  " + name + " "), "\(name)")
        }
        let convolution = HelpText.topic("convolution") ?? ""
        #expect(convolution.hasPrefix("convolution: "))
        #expect(convolution.contains("  conv_transpose1d  "))
        #expect(HelpText.topic("nothing") == nil)
    }

    @Test func explainIsExplainedByNameByStringAndAsAKeyword() {
        let page = HelpText.topic("explain") ?? ""
        #expect(page.contains("explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)"))
        let shown = run("help(explain)\nhelp(\"explain\")\nhelp( explain )")
        #expect(shown.diagnostics.isEmpty, "\(shown.errors)")
        #expect(shown.lines == [page, page, page])
    }

    @Test func statementKeywordsShowTheLanguage() {
        let shown = run("help(let)\nhelp(fn)")
        #expect(shown.diagnostics.isEmpty, "\(shown.errors)")
        #expect(shown.lines.allSatisfy { $0.hasPrefix("language: ") })
        // Keywords are names only alone in help(...): elsewhere they are still syntax errors.
        #expect(!run("print(let)").diagnostics.isEmpty)
        #expect(!run("help(let, 1)").diagnostics.isEmpty)
    }

    @Test func anUnknownTopicPointsToTheTopics() {
        let shown = run("help(\"convolutoin\")")
        #expect(shown.errors == ["no help for \"convolutoin\""])
        #expect(shown.diagnostics.first?.notes == ["did you mean \"convolution\"?", "help(\"topics\") lists the topics"])
    }
}
