import ConvNumerics

/// What stops the lexer and the parser of an enormous program early: ten million short lines
/// take minutes and gigabytes to read, before the step limit could see a single statement. The
/// run's time limit (or an interrupt) and the memory budget therefore apply to reading too.
/// Checked every few thousand tokens and top-level statements, so it costs nothing measurable.
struct ReadingLimit {
    /// Raised, or past the deadline the time limit set on it, to stop reading.
    var interrupt: InterruptFlag?
    /// The time limit the deadline came from, for the message.
    var timeLimit: Duration?
    var memory = MemoryBudget.unlimited

    /// How many tokens or top-level statements pass between checks.
    static let interval = 4_096
    /// No limit: the editing helpers read what a person typed.
    static let none = ReadingLimit()

    /// The error that stops reading at `range`, or nil to go on.
    func stop(at range: SourceRange, in source: SourceFile) -> Diagnostic? {
        if let interrupt, interrupt.isRaised {
            guard interrupt.deadlineHasPassed, let timeLimit else {
                return Diagnostic(kind: .interrupted, message: "interrupted", range: range, source: source)
            }
            return Diagnostic(kind: .limit(.time),
                              message: "the program took longer than its time limit of \(EvaluationContext.describe(timeLimit)) to read",
                              range: range, source: source, notes: Self.advice)
        }
        if let limit = memory.limit {
            let inUse = MemoryBudget.heapBytesInUse
            guard inUse > limit else { return nil }
            return Diagnostic(kind: .limit(.memory),
                              message: "out of memory while reading the program: \(ByteCount(inUse)) of the \(ByteCount(limit)) memory budget is in use",
                              range: range, source: source, notes: Self.advice)
        }
        return nil
    }

    static let advice = ["the program is too large to read within its limits; split it into smaller ones"]
}
