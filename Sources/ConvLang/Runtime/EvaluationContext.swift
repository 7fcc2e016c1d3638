import ConvNumerics

/// Limits that keep a program from exhausting the host: set by the host, checked by the evaluator.
public struct Limits: Sendable, Equatable {
    /// The most elements any one tensor may have.
    public var maximumElements: Int
    /// How deeply user functions may call each other (a recursive `fn` ends with an error).
    public var maximumCallDepth: Int
    /// The most evaluation steps one run may take: expressions evaluated, and in compiled
    /// Python code (function bodies, top-level loops) every loop pass and call. Without loops, only
    /// functions that call each other several times can take many steps: `fn f1(x) = f0(x) + f0(x)`
    /// and so on doubles the work per line, so forty lines would otherwise run for days.
    public var maximumSteps: Int
    /// The longest one run may take, or `nil` for no limit. The evaluator checks it every few
    /// thousand steps and the kernels between rows, so even one huge `conv` stops soon after.
    public var timeLimit: Duration?
    /// The most bytes the process's heap may hold, or `nil` for no budget. Checked before every
    /// tensor of a mebibyte or more is made (see ``ConvNumerics/MemoryBudget``): going over it is
    /// a `limit(memory)` diagnostic and the session keeps its bindings. Without a budget, memory
    /// the operating system refuses is still an error, never a trap.
    public var maximumMemory: Int?

    /// Safe defaults: 100 million elements (800 MB) per tensor, 200 nested calls, 10 million
    /// steps (seconds of work; the samples take a few hundred), no time limit, and a memory
    /// budget of half the machine's memory or 8 GiB, whichever is smaller.
    public init(maximumElements: Int = 100_000_000, maximumCallDepth: Int = 200,
                maximumSteps: Int = 10_000_000, timeLimit: Duration? = nil,
                maximumMemory: Int? = MemoryBudget.defaultLimit) {
        self.maximumElements = maximumElements
        self.maximumCallDepth = maximumCallDepth
        self.maximumSteps = maximumSteps
        self.timeLimit = timeLimit
        self.maximumMemory = maximumMemory
    }

    /// The memory budget these limits set.
    var memoryBudget: MemoryBudget { MemoryBudget(limit: maximumMemory) }
}

/// What a program shows: the value of an expression statement, or what `print` was given.
public enum OutputEvent: Sendable {
    /// An expression statement's value (never none).
    case value(Value)
    /// The arguments of one `print` call.
    case printed([Value])
    /// What `explain` (or `plot`, `lengths`) shows: text to read, several lines long.
    case explanation(String)
    /// An explanation or plot with its drawing, instead of `explanation`, when the host asked for
    /// figures as events (``Interpreter/Configuration/figuresAsEvents``).
    case figure(Figure)
    /// A `value` or `printed` event shown in PyTorch's display (``DisplayMode/torch``), with its
    /// text fixed when it was produced: a later `torch.set_printoptions` does not change it.
    indirect case rendered(OutputEvent, text: String)

    /// Whether a value it shows is one of NumPy's, which is rendered when it is produced.
    var showsNumPy: Bool {
        switch self {
        case .value(let value): value.showsNumPy
        case .printed(let values): values.contains(where: \.showsNumPy)
        default: false
        }
    }

    /// The text a person reads, without a trailing newline.
    public var text: String {
        switch self {
        case .value(let value): ValueFormatter.display(value)
        case .printed(let values): values.map(ValueFormatter.printed).joined(separator: " ")
        case .explanation(let text): text
        case .figure(let figure): figure.text
        case .rendered(_, let text): text
        }
    }

    /// The text for a screen `lineWidth` columns wide: a tensor shown or printed on its own wraps
    /// there (``ValueFormatter/display(_:lineWidth:)``); everything else is ``text``.
    public func text(lineWidth: Int) -> String {
        switch self {
        case .value(let value): ValueFormatter.display(value, lineWidth: lineWidth)
        case .printed(let values) where values.count == 1:
            if case .tensor = values[0] { ValueFormatter.display(values[0], lineWidth: lineWidth) } else { text }
        default: text
        }
    }
}

/// The state builtins share during a run: the random generator, the limits and the output sink.
final class EvaluationContext {
    var generator: TorchGenerator
    /// NumPy's legacy random state (`np.random`), seeded from the run's seed until the program
    /// calls `np.random.seed`, so an unseeded run repeats as a conv run does. Made when first
    /// drawn from: most programs never use it, and start-up stays free of its 624-word state.
    lazy var numpyRandom = runNumPyRandom
    /// A NumPy legacy state seeded from the run's seed, as an unseeded `np.random` starts.
    var runNumPyRandom: NumPyRandomState { NumPyRandomState(seed: UInt32(truncatingIfNeeded: seed)) }
    /// Python's `random` module's state, seeded from the run's seed as `random.seed(seed)` would
    /// until the program calls `random.seed`, and made when first drawn from, as ``numpyRandom``.
    lazy var pythonRandom = PythonRandomState(seed: seed)
    /// The seed the run started with.
    private let seed: UInt64
    let limits: Limits
    let interrupt: InterruptFlag
    /// The host's receiver of output; events go through ``output(_:)``.
    private let sink: (OutputEvent) -> Void
    /// What `print(..., end=...)` left without a line break, shown when a line completes, before
    /// any other output, or when the run ends (``PrintedLine``).
    var printedLine = PrintedLine()
    /// The dtype PyTorch's constructors give floating-point data (`torch.get_default_dtype()`),
    /// which `torch.set_default_dtype` changes for the rest of the session.
    var defaultDType: DType = .float32
    /// How tensors are shown now: conv's display, or PyTorch's with its print options.
    var display = TensorDisplay()
    /// Whether `import torch` switches ``display`` to PyTorch's
    /// (``Interpreter/Configuration/displayFollowsImports``).
    var displayFollowsImports = false
    /// (``Interpreter/Configuration/showsResultsOfCallsForEffect``).
    var showsResultsOfCallsForEffect = true
    /// The host's file access; without it, writing a figure is refused.
    var fileAccess: (any FileAccess)?
    /// Whether explanations and plots come with their drawings as ``OutputEvent/figure(_:)``.
    var figuresAsEvents = false
    /// Whether a run's end shows the pyplot figures it left open, as a notebook's inline
    /// backend does (``Interpreter/Configuration/showsPlotsAtEndOfRun``).
    var showsPlotsAtEndOfRun = false
    /// The figures `matplotlib.pyplot` draws on; made when a program first draws.
    private(set) var pyplotIfUsed: PyplotFigures?
    var pyplot: PyplotFigures {
        if let pyplotIfUsed { return pyplotIfUsed }
        let figures = PyplotFigures()
        pyplotIfUsed = figures
        return figures
    }
    /// Where the run is, for the line of each output record.
    var position = StatementPosition()
    /// Functions the host defined (``HostFunction``), by name: found after the program's own
    /// bindings and before the builtins.
    var hostFunctions: [String: Function] = [:]
    /// The evaluator running with this context, for builtins that call back into the program
    /// (`sorted(xs, key=f)`, `max(xs, key=f)`) and the layers a program defines in Python, whose
    /// `forward` is a method of the program's (``UserModule``); weak, as it holds the context.
    weak var evaluator: Evaluator?

    init(seed: UInt64, limits: Limits, interrupt: InterruptFlag, output: @escaping (OutputEvent) -> Void) {
        self.generator = TorchGenerator(seed: seed)
        self.seed = seed
        self.limits = limits
        self.interrupt = interrupt
        self.sink = output
    }

    /// Shows an event, after the text an unfinished `print` line holds. In PyTorch's display a
    /// value or `print` gets its text now, under the print options in effect: Python's repr and
    /// str, with tensors as PyTorch prints them.
    func output(_ event: OutputEvent) {
        if let pending = printedLine.flush() { sink(pending) }
        deliver(event)
    }

    /// Hands `event` to the host, rendered now in PyTorch's display (``output(_:)``).
    func deliver(_ event: OutputEvent) {
        // NumPy's arrays print as NumPy prints them in either display, under the options now.
        guard display.mode == .torch || event.showsNumPy else { return sink(event) }
        switch event {
        case .value(let value):
            sink(.rendered(event, text: PythonText.repr(value, tensors: display)))
        case .printed(let values):
            sink(.rendered(event, text: values.map { PythonText.str($0, tensors: display) }.joined(separator: " ")))
        case .explanation, .figure, .rendered:
            sink(event)
        }
    }

    /// An import line ran: importing `torch` (or a module inside it) switches to PyTorch's
    /// display when the host asked for that.
    func noteImport(of modules: [String]) {
        guard displayFollowsImports else { return }
        if modules.contains(where: { $0 == "torch" || $0.hasPrefix("torch.") }) { display.mode = .torch }
    }

    /// Refuses a tensor shape whose element count overflows or exceeds the limit, or whose
    /// elements (of `dtype`) the memory budget has no room for.
    func checkElementCount(of shape: [Int], dtype: DType = .float64, at range: SourceRange) throws(RuntimeError) {
        guard let count = Tensor.elementCount(of: shape) else {
            throw RuntimeError("a tensor of shape \(shape) is too large to make", at: range, kind: .limit(.elements))
        }
        guard count <= limits.maximumElements else {
            throw RuntimeError("a tensor of shape \(shape) would have \(count) elements, more than the limit of \(limits.maximumElements)",
                               at: range, kind: .limit(.elements))
        }
        // An empty tensor holds nothing, but showing it walks every row of its other axes:
        // [10^12, 0] is 10^12 empty rows. Its shape must fit the limit as if empty axes were 1.
        let rows = Tensor.elementCount(of: shape.map { Swift.max($0, 1) })
        guard let rows, rows <= limits.maximumElements else {
            throw RuntimeError("a tensor of shape \(shape) is empty, but its shape is larger than the limit of \(limits.maximumElements) elements",
                               at: range, kind: .limit(.elements))
        }
        try reserveMemory(MemoryBudget.bytes(of: count, dtype), at: range)
    }

    /// `value`, or a `limit(memory)` error when it is a large tensor that took the heap past the
    /// budget (the tensor is dropped, so its memory is free again when the error is reported).
    ///
    /// Builtins and operators whose result is no larger than their operands (elementwise
    /// functions, reductions) are checked this way, once their result exists, rather than each
    /// guessing its result's size beforehand; those that make tensors larger than their
    /// arguments (`zeros`, `conv`, a broadcast) reserve the exact size before allocating.
    func checkMemory(afterMaking value: Value, at range: SourceRange) throws(RuntimeError) -> Value {
        guard let tensor = value.asTensor, let limit = limits.maximumMemory else { return value }
        let bytes = MemoryBudget.bytes(of: tensor.count, tensor.dtype)
        guard bytes >= MemoryBudget.minimumCheckedBytes else { return value }
        let inUse = MemoryBudget.heapBytesInUse
        guard inUse > limit else { return value }
        throw RuntimeError(memoryRefusal: .overBudget(needed: bytes, inUse: Swift.max(inUse - bytes, 0), limit: limit), at: range)
    }

    /// Refuses an allocation of `bytes` that the memory budget or the operating system has no
    /// room for.
    func reserveMemory(_ bytes: Int, at range: SourceRange) throws(RuntimeError) {
        do {
            try limits.memoryBudget.reserve(bytes)
        } catch {
            throw RuntimeError(memoryRefusal: error, at: range)
        }
    }

    /// Writes `text` (UTF-8) to `path` through the host's file access.
    func writeText(_ text: String, to path: String, at range: SourceRange) throws(RuntimeError) {
        guard let fileAccess else {
            throw RuntimeError("cannot write \"\(path)\": this interpreter was given no file access", at: range,
                               notes: ["the host decides whether a program may write files"], kind: .fileAccess)
        }
        do {
            try fileAccess.write(Array(text.utf8), to: path)
        } catch {
            throw RuntimeError("cannot write \"\(path)\": \(error)", at: range, kind: .fileAccess)
        }
    }

    /// Stops the run when the host raised the interrupt flag or the time limit has passed.
    func checkInterrupt(at range: SourceRange) throws(RuntimeError) {
        if interrupt.isRaised { throw interruption(at: range) }
    }

    /// Evaluation steps taken in the current run (see ``Limits/maximumSteps``). Counted for
    /// every loop pass and call, so the run-time exclusivity check is left out (a run is
    /// single-threaded).
    @exclusivity(unchecked) private(set) var steps = 0

    /// Starts counting a run's steps and time.
    func beginRun() {
        steps = 0
        interrupt.raise(after: limits.timeLimit)
    }

    /// Whether generators left suspended stay so when a run ends (an interactive session; see
    /// ``Interpreter/Configuration/generatorsOutliveRuns``).
    var generatorsOutliveRuns = false

    /// Ends a run: the generators left suspended are closed (their `finally` blocks run, under
    /// the run's limits, and their threads end) unless they outlive runs, then only the dropped
    /// ones; its deadline no longer applies, and a `print` line left open is shown. A notebook's
    /// run first shows the pyplot figures it left open.
    func endRun() {
        if showsPlotsAtEndOfRun { showPlots() }
        if generatorsOutliveRuns { evaluator?.closeDroppedGenerators() } else { evaluator?.closeAllGenerators() }
        interrupt.raise(after: nil)
        if let pending = printedLine.flush() { sink(pending) }
    }

    /// Counts one evaluation step; stops the run past the step limit, and every 1,024 steps
    /// also checks the interrupt flag and the time limit (reading the clock costs more than a step).
    /// The range is only worked out when an error needs it: this runs for every expression.
    @inline(__always)
    func countStep(at range: @autoclosure () -> SourceRange) throws(RuntimeError) {
        steps += 1
        if steps > limits.maximumSteps {
            throw RuntimeError("the program took more than \(limits.maximumSteps) evaluation steps, the limit", at: range(),
                               notes: ["does a loop never end, or a function call others many times over?"], kind: .limit(.steps))
        }
        if steps & 1023 == 0 { try checkInterrupt(at: range()) }
    }

    /// Counts `count` steps at once, before work that one operation does in a loop of its own (a
    /// product of large ints), so that the step limit and the time limit bound it too.
    func countSteps(_ count: Int, at range: SourceRange) throws(RuntimeError) {
        let (total, overflow) = steps.addingReportingOverflow(count)
        steps = overflow ? .max : total
        if overflow || total > limits.maximumSteps {
            throw RuntimeError("the program took more than \(limits.maximumSteps) evaluation steps, the limit", at: range,
                               notes: ["an int of millions of digits costs a step for every few hundred machine words it is computed with"],
                               kind: .limit(.steps))
        }
        try checkInterrupt(at: range)
    }

    /// The error a run ends with: a kernel stopped by the flag cannot tell the host's interrupt
    /// from the time limit, so an interruption is told apart here.
    func settled(_ error: RuntimeError) -> RuntimeError {
        error.kind == .interrupted ? interruption(at: error.range) : error
    }

    /// The error that ends an interrupted run: the time limit's own, when that is what raised it.
    func interruption(at range: SourceRange) -> RuntimeError {
        guard interrupt.deadlineHasPassed, let timeLimit = limits.timeLimit else {
            return RuntimeError("interrupted", at: range, kind: .interrupted)
        }
        return RuntimeError("the program ran longer than its time limit of \(EvaluationContext.describe(timeLimit))", at: range,
                            kind: .limit(.time))
    }

    /// A duration as a person reads it: "2 s", "0.5 s".
    static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let fraction = Double(attoseconds) / 1e18
        return ValueFormatter.format(Double(seconds) + fraction) + " s"
    }
}
