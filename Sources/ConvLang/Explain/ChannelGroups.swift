/// Input and output channels split into `groups` equal groups, as convolution and transposed
/// convolution split them: output channel `o` only sees the input channels of its group.
protocol ChannelGroups {
    var inChannels: Int { get }
    var outChannels: Int { get }
    var groups: Int { get }
}

extension ChannelGroups {
    var inChannelsPerGroup: Int { inChannels / Swift.max(groups, 1) }
    var outChannelsPerGroup: Int { outChannels / Swift.max(groups, 1) }

    /// The input channels output channel `o` draws on.
    func inputChannels(ofOutput o: Int) -> Range<Int> {
        let group = o / Swift.max(outChannelsPerGroup, 1)
        return (group * inChannelsPerGroup)..<((group + 1) * inChannelsPerGroup)
    }
}
