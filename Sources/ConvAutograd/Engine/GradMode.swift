/// Whether operations are recorded for autograd: PyTorch's grad mode, scoped like
/// `torch.no_grad()` and `torch.enable_grad()`.
///
/// The setting is a task-local value, so it belongs to the task (or thread) that set it and
/// is restored when the scope ends, however it ends; nothing global is written.
public enum GradMode {
    @TaskLocal static var enabled = true

    /// Whether operations record their graph now.
    public static var isEnabled: Bool { enabled }

    /// Runs `body` with recording off, as inside `with torch.no_grad():`.
    public static func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
        try $enabled.withValue(false, operation: body)
    }

    /// Runs `body` with recording set to `isEnabled` (`torch.set_grad_enabled`).
    public static func with<R>(enabled isEnabled: Bool, _ body: () throws -> R) rethrows -> R {
        try $enabled.withValue(isEnabled, operation: body)
    }
}
