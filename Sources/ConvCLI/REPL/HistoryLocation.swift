/// Where the history file lives, decided from the environment alone.
public enum HistoryLocation {
    /// The history file path, or nil when history must not be saved:
    /// `$CONV_HISTFILE` if set (set but empty disables history); else
    /// `$XDG_STATE_HOME/conv/history` when that is an absolute path; else
    /// `$HOME/.local/state/conv/history`; nil when there is no usable HOME.
    public static func resolve(environment: [String: String]) -> String? {
        if let explicit = environment["CONV_HISTFILE"] {
            return explicit.isEmpty ? nil : explicit
        }
        // The XDG spec says relative paths there are invalid and must be ignored.
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return join(state, "conv/history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return join(home, ".local/state/conv/history")
    }

    /// `directory/relative` without doubling a trailing slash.
    private static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
