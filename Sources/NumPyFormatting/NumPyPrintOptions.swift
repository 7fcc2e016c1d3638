/// The state `np.set_printoptions` changes, with NumPy's defaults: 8 digits, summarise past
/// 1000 elements keeping 3 at each end, wrap at 75 columns, no suppression of small numbers.
///
/// Only NumPy's default float mode (`maxprec`: each element's shortest round-trip digits, at
/// most `precision` after the point) and sign mode (`-`) are modelled.
public struct NumPyPrintOptions: Sendable, Equatable {
    /// The most digits after the point (fixed) or after the first digit (scientific).
    public var precision = 8
    /// Arrays with more elements than this are summarised with `...`.
    public var threshold = 1000
    /// How many items a summarised axis keeps at each end.
    public var edgeItems = 3
    /// The width lines wrap at.
    public var lineWidth = 75
    /// `suppress=True`: never scientific for small numbers; they round to the precision.
    public var suppressSmall = false

    /// NumPy's defaults.
    public init() {}
}
