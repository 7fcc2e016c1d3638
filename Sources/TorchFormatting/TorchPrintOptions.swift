/// The state `torch.set_printoptions` changes: how many digits, when to summarise, where to
/// wrap, and whether to force scientific notation.
///
/// The defaults are PyTorch's (`precision=4, threshold=1000, edgeitems=3, linewidth=80`,
/// `sci_mode=None`); ``set(precision:threshold:edgeItems:lineWidth:profile:sciMode:)`` changes
/// them exactly as `set_printoptions` does.
public struct TorchPrintOptions: Sendable, Equatable {
    /// Digits after the point (fixed) or after the first digit (scientific).
    public var precision: Int = 4
    /// Tensors with more elements than this are summarised with `...`. A `Double` because the
    /// `full` profile sets it to infinity, as PyTorch does.
    public var threshold: Double = 1000
    /// How many items a summarised axis keeps at each end.
    public var edgeItems: Int = 3
    /// The width rows wrap at.
    public var lineWidth: Int = 80
    /// `true` or `false` forces scientific notation on or off; `nil` lets each tensor choose.
    public var sciMode: Bool?

    /// PyTorch's defaults.
    public init() {}

    /// The named presets of `set_printoptions(profile=...)`.
    public enum Profile: String, Sendable, CaseIterable {
        /// The defaults: precision 4, threshold 1000, edgeitems 3, linewidth 80.
        case `default`
        /// Precision 2 and 2 edge items.
        case short
        /// Never summarise (threshold infinity).
        case full
    }

    /// The options a profile sets (`sci_mode` is not part of a profile).
    public init(profile: Profile) {
        switch profile {
        case .default: break
        case .short:
            precision = 2
            edgeItems = 2
        case .full:
            threshold = .infinity
        }
    }

    /// `torch.set_printoptions(...)`: the profile first, then each option given; `sci_mode` is
    /// always replaced, so a call that does not name it turns the automatic choice back on.
    public mutating func set(
        precision: Int? = nil, threshold: Double? = nil, edgeItems: Int? = nil,
        lineWidth: Int? = nil, profile: Profile? = nil, sciMode: Bool? = nil
    ) {
        if let profile {
            let preset = TorchPrintOptions(profile: profile)
            self.precision = preset.precision
            self.threshold = preset.threshold
            self.edgeItems = preset.edgeItems
            self.lineWidth = preset.lineWidth
        }
        if let precision { self.precision = precision }
        if let threshold { self.threshold = threshold }
        if let edgeItems { self.edgeItems = edgeItems }
        if let lineWidth { self.lineWidth = lineWidth }
        self.sciMode = sciMode
    }
}
