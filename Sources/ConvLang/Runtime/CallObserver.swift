/// Watches the calls a program makes, each just before it runs with its arguments bound, and
/// may run one itself: explain is one (`conv --explain`, `explain EXPR`), showing how each call
/// computes. The evaluator knows no builtin or layer by name; it only reports its calls.
protocol CallObserver: AnyObject {
    /// A builtin is about to run. A value stands for the call's result, and the builtin is not
    /// run again; `nil` lets it run.
    func willCall(_ call: inout BuiltinCall) throws(RuntimeError) -> Value?
    /// A layer is about to run on the call's arguments; as for builtins.
    func willCall(_ layer: any Module, _ call: ModuleCall) throws(RuntimeError) -> Value?
}
