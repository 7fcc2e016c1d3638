/// The heading lines that the conv, pooling and transposed-convolution explanations word alike.
enum ExplanationHeading {
    private typealias N = ExplanationNumbers

    /// `computed` says what happens to every other item: "computed", "pooled".
    static func batchLine(_ batch: Int, computed: String) -> String? {
        guard batch > 1 else { return nil }
        return "a batch of \(batch) items: showing item 0; every other item is \(computed) the same way with its own values"
    }

    /// How output channels draw on input channels; `sums` is the verb ("sums over", "gathers from").
    /// `nil` for one channel in and out.
    static func channelsLine(inChannels: Int, outChannels: Int, groups: Int, inChannelsPerGroup: Int, sums: String) -> String? {
        guard inChannels > 1 || outChannels > 1 else { return nil }
        return "\(N.count(inChannels, "input channel")), \(N.count(outChannels, "output channel"))"
            + (groups > 1 ? " in \(groups) groups: each output channel \(sums) the \(N.count(inChannelsPerGroup, "input channel")) of its group"
                          : ": each output channel \(sums) every input channel")
    }

    /// The input and weight as written by the caller, then the bias: `…, no bias` or `…, b = 0.5`.
    static func operands(input: String, weight: String, bias: [Double]?) -> String {
        guard let bias else { return "\(input), \(weight), no bias" }
        return "\(input), \(weight), b = " + (bias.count == 1 ? N.number(bias[0]) : N.list(bias))
    }

    /// The line standing for the channels between the first `head` and the last one.
    static func elidedChannels(_ noun: String, head: Int, count: Int, computed: String) -> String {
        "… \(noun) \(head)–\(count - 2) are \(computed) the same way (explain(..., all=true) shows them)"
    }
}
