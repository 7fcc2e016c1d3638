#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether and how to colour text written to one stream (the prompt on standard output, errors
/// on standard error).
public struct TerminalStyle: Sendable, Equatable {
    /// The character that brackets invisible escape sequences inside a prompt, so the line editor
    /// does not count them as columns (it is registered with the editor as the prompt escape).
    public static let promptEscape: Character = "\u{1}"

    /// Whether escape sequences are written at all.
    public let usesColor: Bool

    /// A style that colours or not, as told.
    public init(usesColor: Bool) {
        self.usesColor = usesColor
    }

    /// The style for file descriptor `fd` (1 for standard output, 2 for standard error) under `environment`.
    public init(fileDescriptor fd: Int32, environment: [String: String]) {
        self.init(usesColor: Self.shouldColor(isTerminal: isatty(fd) == 1, environment: environment))
    }

    /// The conventions, in order: `NO_COLOR` set to anything but "" turns colour off
    /// (no-color.org; an explicit opt-out wins); `CLICOLOR_FORCE` set to anything but "" or "0"
    /// turns it on, even when the output is not a terminal or `TERM` is `dumb`; otherwise colour
    /// only on a terminal whose `TERM` is not `dumb`.
    public static func shouldColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
        return isTerminal && environment["TERM"] != "dumb"
    }

    /// `text` as a prompt for the line editor: bold green, with each escape sequence bracketed by
    /// `promptEscape`. Only for `EditLineReader`; plain text when colour is off.
    ///
    /// The reset goes before the last character: libedit drops an escaped sequence that ends the
    /// prompt, and without its reset everything typed after the prompt would be green.
    public func prompt(_ text: String) -> String {
        guard usesColor, let last = text.last else { return text }
        let escape = String(Self.promptEscape)
        return escape + SGR.boldGreen + escape + text.dropLast() + escape + SGR.reset + escape + String(last)
    }

    /// `prompt` without the escape sequences bracketed by `promptEscape`, for output that is not
    /// drawn by the line editor.
    public static func removingPromptEscapes(_ prompt: String) -> String {
        var visible = ""
        var hidden = false
        for character in prompt {
            if character == promptEscape { hidden.toggle() } else if !hidden { visible.append(character) }
        }
        return visible
    }

    /// `text` in bold red, for the `error:` label or a caret line.
    public func error(_ text: String) -> String { paint(text, SGR.boldRed) }

    /// `text` in bold, for emphasis in messages.
    public func emphasis(_ text: String) -> String { paint(text, SGR.bold) }

    /// Wraps `text` in `code` and a reset when colour is on.
    private func paint(_ text: String, _ code: String) -> String {
        usesColor ? code + text + SGR.reset : text
    }
}

/// ANSI "select graphic rendition" sequences.
private enum SGR {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let boldGreen = "\u{1B}[1;32m"
    static let boldRed = "\u{1B}[1;31m"
}
