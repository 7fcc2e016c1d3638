/// How a block of Python statements ended: a small value rather than a Swift error, so that
/// loops and returns cost nothing beyond a switch.
enum ControlFlow {
    case normal
    case breakLoop
    case continueLoop
    case returned(Value)
}
