import CEditLine
import ConvLang
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How what a program shows is laid out for where it goes. Tensors wrap at the terminal's width,
/// or at NumPy's 75 columns when the output is not a terminal (no sample has a tensor line that
/// long, so scripts print what they always printed); wide explanation tables fold into blocks on
/// a terminal only, so files and pipes keep one line per row.
public struct OutputLayout: Sendable {
    /// NumPy's default `linewidth`, for output that is not a terminal.
    public static let pipeWidth = 75

    /// Whether the output is a terminal (tables fold only there).
    public let isTerminal: Bool
    /// The descriptor whose window size is the width, read at each output (windows are resized).
    private let descriptor: Int32

    /// The layout for file descriptor `fd` (1 for standard output).
    public init(fileDescriptor fd: Int32) {
        self.descriptor = fd
        self.isTerminal = isatty(fd) == 1
    }

    /// The columns output may use now.
    public var width: Int {
        guard isTerminal else { return Self.pipeWidth }
        var rows: Int32 = 0, columns: Int32 = 0
        cel_window_size(descriptor, &rows, &columns)
        return columns > 0 ? Int(columns) : 80
    }

    /// The text of `event` laid out for this output.
    public func text(of event: OutputEvent) -> String {
        let width = width
        switch event {
        case .explanation, .figure: return isTerminal ? TableFolding.fold(event.text, width: width) : event.text
        default: return event.text(lineWidth: width)
        }
    }
}
