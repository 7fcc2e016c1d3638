import ConvNumerics

extension RuntimeError {
    /// The `limit(memory)` error for a refused allocation: how much was asked for, how much of
    /// the budget is in use, and the ways out.
    init(memoryRefusal refusal: MemoryRefusal, at range: SourceRange) {
        var notes = [Self.memoryAdvice]
        if case .systemRefused = refusal {
            notes.append("the process's address space may be limited (ulimit -v) below the budget")
        }
        self.init(refusal.description, at: range, notes: notes, kind: .limit(.memory))
    }

    /// What a program (or its user) can do about a refused allocation.
    static let memoryAdvice = "free memory with del (or by rebinding names that hold large tensors), or raise the budget (conv --max-memory)"
}
