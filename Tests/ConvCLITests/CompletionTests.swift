import Testing
@testable import ConvCLI

/// A vocabulary shaped like the REPL's: a few keywords, builtins with named parameters, bindings.
private let vocabulary = CompletionVocabulary(
    keywords: ["let", "fn", "true", "false", "none"],
    functions: [
        "conv": ["k", "s", "p", "w", "b", "d", "mode"],
        "conv_transpose": ["s", "p"],
        "ones": ["n"],
        "nn.Conv1d": ["in_channels", "out_channels", "kernel_size"],
        "nn.functional.conv1d": ["stride"],
    ],
    names: ["x", "xs", "µx", "m", "kernel"],
    members: ["m": ["weight", "bias"]],
    commands: [":help", ":vars", ":quit", ":q", ":type", ":load"]
)

/// The completions at the end of `line`, as `text+suffix` strings, plus the replace offset.
private func complete(_ line: String, context: String = "") -> (from: Int, words: [String]) {
    let reply = completions(in: line, cursor: line.utf8.count, vocabulary: vocabulary, context: context)
    return (reply.replaceFrom, reply.candidates.map(\.description))
}

@Suite("Completion candidates")
struct CompletionTests {
    @Test func commandsAtLineStart() {
        #expect(complete(":he").words == [":help"])
        #expect(complete(":q").words == [":q", ":quit"])
        #expect(complete("  :v").from == 2)
        #expect(complete(":").words.count == 6)
    }

    @Test func helpTopicsAfterHelpCommand() {
        let reply = complete(":help co")
        #expect(reply.from == 6)
        #expect(reply.words == ["conv", "conv_transpose"])
    }

    @Test func colonInsideAnExpressionIsNotACommand() {
        #expect(complete("x[1:").words.isEmpty == false)
        #expect(!complete("x[1:").words.contains(":help"))
    }

    @Test func keywordsFunctionsAndNames() {
        #expect(complete("co").words == ["conv(", "conv_transpose("])
        #expect(complete("l").words == ["let"])
        #expect(complete("x").words == ["x", "xs"])
        #expect(complete("on").words == ["ones("])
    }

    @Test func emptyLineOffersEverythingButCommands() {
        let words = complete("").words
        #expect(words.contains("let") && words.contains("conv(") && words.contains("x") && words.contains("nn."))
        #expect(!words.contains(":help"))
    }

    @Test func wordStartIsAByteOffset() {
        let reply = complete("let y = µ")
        #expect(reply.from == 8)
        #expect(reply.words == ["µx"])
    }

    @Test func members() {
        let reply = complete("m.we")
        #expect(reply.from == 2)
        #expect(reply.words == ["weight"])
        #expect(complete("y = m.").words == ["bias", "weight"])
        #expect(complete("q.").words.isEmpty)
    }

    @Test func dottedFunctionNames() {
        #expect(complete("nn.Con").words == ["Conv1d("])
        #expect(complete("nn.Con").from == 3)
        #expect(complete("nn.").words == ["Conv1d(", "functional."])
        #expect(complete("nn.functional.c").words == ["conv1d("])
        #expect(complete("n").words == ["nn.", "none"])
    }

    @Test func namedParametersOfTheOpenCall() {
        #expect(complete("conv(x, ").words == ["b=", "d=", "k=", "kernel", "m", "mode=", "p=", "s=", "w=", "x", "xs", "µx"])
        #expect(complete("conv(x, k").words == ["k=", "kernel"])
        #expect(complete("conv(").words.contains("mode="))
    }

    @Test func parametersAlreadyGivenAreLeftOut() {
        let words = complete("conv(x, [1,2], s=2, ").words
        #expect(!words.contains("s="))
        #expect(words.contains("k=") && words.contains("p="))
        let spaced = complete("conv(x, k = 3, p=\"same\", ").words
        #expect(!spaced.contains("k=") && !spaced.contains("p=") && spaced.contains("s="))
    }

    @Test func innermostCallWins() {
        let words = complete("conv(x, ones(").words
        #expect(words.contains("n="))
        #expect(!words.contains("k="))
        // Back in conv once ones(...) is closed; its own n= does not count for conv.
        let outer = complete("conv(ones(n=3), s=1, ").words
        #expect(outer.contains("k=") && !outer.contains("s=") && !outer.contains("n="))
    }

    @Test func bracketsAndStringsDoNotConfuseTheCall() {
        #expect(!complete("conv(x, [1, 2], ").words.contains("x=") )
        #expect(complete("conv(x, [1, ").words.contains("k=") == false)
        #expect(complete("conv(x, \"(\", ").words.contains("k="))
        #expect(complete("conv(x, ')', s=1, ").words.contains("k="))
        #expect(!complete("conv(x, ')', s=1, ").words.contains("s="))
        #expect(complete("conv(x, \"a\\\"(\", ").words.contains("k="))
    }

    @Test func comparisonIsNotANamedArgument() {
        let words = complete("conv(x, s==2, ").words
        #expect(words.contains("s="))
    }

    @Test func noParametersInValuePosition() {
        let words = complete("conv(x, k=").words
        #expect(!words.contains("k=") && !words.contains("s="))
        #expect(words.contains("x"))
        #expect(!complete("conv(x, k=2*").words.contains("s="))
    }

    @Test func typedPrefixInsideCallAlsoMatchesFunctions() {
        #expect(complete("conv(x, o").words == ["ones("])
        #expect(complete("conv(x, on").from == 8)
    }

    @Test func nothingInsideStringsCommentsOrNumbers() {
        #expect(complete("conv(x, p=\"sa").words.isEmpty)
        #expect(complete("x # co").words.isEmpty)
        #expect(complete("1.5").words.isEmpty)
        #expect(complete("x = 12").words.isEmpty)
    }

    @Test func unknownCalleeOffersPlainWords() {
        let words = complete("(x").words
        #expect(words == ["x", "xs"])
        #expect(!complete("foo(").words.contains("k="))
    }

    @Test func continuationLinesSeeTheOpenCall() {
        let reply = complete("  s=2, ", context: "y = conv(x,")
        #expect(reply.from == 7)
        #expect(reply.words.contains("k=") && !reply.words.contains("s="))
        #expect(!complete(":he", context: "conv(x,").words.contains(":help"))
    }

    @Test func cursorInTheMiddleUsesTheTextBeforeIt() {
        let reply = completions(in: "co(x)", cursor: 2, vocabulary: vocabulary)
        #expect(reply.replaceFrom == 0)
        #expect(reply.candidates.map(\.text) == ["conv", "conv_transpose"])
    }

    @Test func outOfRangeCursorIsClamped() {
        #expect(completions(in: "co", cursor: 99, vocabulary: vocabulary).candidates.count == 2)
        #expect(completions(in: "co", cursor: -4, vocabulary: vocabulary).replaceFrom == 0)
    }

    @Test func duplicatesCollapseAndPreferTheCallableForm() {
        var words = vocabulary
        words.names.append("ones")
        words.names.append("x")
        #expect(completions(in: "on", cursor: 2, vocabulary: words).candidates == [CompletionCandidate("ones", suffix: "(")])
        #expect(completions(in: "x", cursor: 1, vocabulary: words).candidates.map(\.text) == ["x", "xs"])
    }
}

@Suite("Completion listing")
struct CompletionListingTests {
    @Test func commonPrefix() {
        #expect(CompletionListing.commonPrefix(["conv", "conv_transpose"]) == "conv")
        #expect(CompletionListing.commonPrefix(["µa", "µb"]) == "µ")
        #expect(CompletionListing.commonPrefix([]) == "")
        #expect(CompletionListing.commonPrefix(["a", "b"]) == "")
    }

    @Test func columnsFillTopToBottomWithinTheWidth() {
        let items = ["b=", "d=", "k=", "mode=", "p=", "s=", "w=", "x"]
        let rows = CompletionListing.columns(items, width: 30)
        // cell width 7: four columns fit in 30 columns.
        #expect(rows == ["b=     k=     p=     w=", "d=     mode=  s=     x"])
        #expect(rows.allSatisfy { $0.count <= 30 })
    }

    @Test func narrowTerminalGivesOneColumn() {
        #expect(CompletionListing.columns(["alpha", "beta"], width: 3) == ["alpha", "beta"])
        #expect(CompletionListing.columns([], width: 80).isEmpty)
    }
}
