import ConvNumerics

/// The embeddable conv interpreter: evaluate programs, get values and diagnostics back.
///
/// ```swift
/// let interpreter = Interpreter(configuration: .init(seed: 0)) { event in
///     print(event.text)
/// }
/// let result = interpreter.run("conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)", name: "demo")
/// for diagnostic in result.diagnostics { print(diagnostic.rendered()) }
/// ```
///
/// An interpreter keeps its bindings between runs, as a REPL session does. It never prints,
/// never reads files, never exits and never traps on any input: everything it shows goes to
/// the output closure, and every problem comes back as a ``Diagnostic``.
///
/// ## Threading
///
/// - One interpreter is used by one thread at a time: ``run(_:name:)``, ``call(_:_:named:)``,
///   ``define(_:)`` and reading or setting bindings must not overlap. To share one between
///   threads, confine it (to an actor or a serial queue). It is not `Sendable` for that reason.
/// - Many interpreters may run in parallel on different threads: they share nothing mutable
///   (the builtin tables are immutable, and each has its own generator, limits and bindings).
/// - ``interrupt`` may be raised from any thread, or a signal handler's helper thread, at any
///   time; it stops the run under way and is lowered when the next one starts.
/// - Each run executes on a thread of its own with a large stack while the calling thread waits;
///   the output closure and the bodies of ``HostFunction``s are called there, one at a time, and
///   must not call back into the same interpreter.
///
/// ## Lifetime
///
/// A run keeps its interpreter alive. A host may drop its last reference while a run is under
/// way on another thread: the interpreter is freed when that run returns. To stop the run
/// first, keep ``interrupt`` (an ``InterruptFlag``, `Sendable` and independent of the
/// interpreter) and raise it; raising it after the interpreter is gone does nothing.
public final class Interpreter {
    /// How a host sets up an interpreter.
    public struct Configuration: Sendable {
        /// The random seed; `nil` picks an unpredictable one, as PyTorch does.
        public var seed: UInt64?
        /// Resource limits.
        public var limits: Limits
        /// How programs read and write files; `nil` refuses every file operation.
        public var fileAccess: (any FileAccess)?
        /// Explain every convolution the program runs, before its value (`conv --explain`).
        public var explainCalls = false
        /// With ``explainCalls``: a folder to write one SVG figure per explained call into,
        /// named `step-figure-1.svg`, `step-figure-2.svg`, ...
        public var explainFigureDirectory: String?
        /// Explanations and plots arrive as ``OutputEvent/figure(_:)`` with their SVG drawing,
        /// for a host that shows figures itself (a notebook); `svg=` still writes its file.
        public var figuresAsEvents = false
        /// Functions written in Swift that programs call by name (see ``HostFunction``); a later
        /// one replaces an earlier one of the same name, as ``Interpreter/define(_:)`` does.
        public var hostFunctions: [HostFunction] = []
        /// How tensors are shown when the session starts (and after ``Interpreter/reset()``).
        public var display = DisplayMode.conv
        /// Whether `import torch` (or `from torch import ...`, `import torch.nn as nn`) switches
        /// the session to ``DisplayMode/torch``, so that pasted PyTorch code prints as PyTorch
        /// does. Off by default, so a host's display is what it set; the `conv` command turns it
        /// on for scripts and the interactive session.
        public var displayFollowsImports = false
        /// Whether a top-level call made for its effect shows the value it returns: an in-place
        /// or initialising call (`w.add_(1)`, `nn.init.zeros_(b)`, PyTorch's trailing underscore)
        /// or a module method that returns the module (`m.eval()`, `m.train()`). On, as in
        /// Python's interactive session; a script turns it off, since a pasted PyTorch script
        /// prints nothing for those lines.
        public var showsResultsOfCallsForEffect = true
        /// Whether a generator left suspended when a run ends stays suspended for the next run
        /// (an interactive session: `g = count()` in one entry and `next(g)` in each later one
        /// must go on), closed when the interpreter is reset or goes. Off, a run ends as Python's
        /// interpreter exits: the generators it leaves are closed, their `finally` blocks run.
        public var generatorsOutliveRuns = false
        /// Whether a run's end shows the `matplotlib.pyplot` figures it drew and did not show,
        /// as a notebook's inline backend does; off, they wait for `plt.show()` as in a script.
        public var showsPlotsAtEndOfRun = false

        public init(seed: UInt64? = nil, limits: Limits = Limits(), fileAccess: (any FileAccess)? = nil) {
            self.seed = seed
            self.limits = limits
            self.fileAccess = fileAccess
        }
    }

    /// What one run produced.
    public struct RunResult: Sendable {
        /// Syntax errors (all of them), or the runtime error that stopped the run.
        public var diagnostics: [Diagnostic]
        /// The value of the last expression statement that ran, if any.
        public var lastValue: Value?
        /// True when the program ran to the end without an error.
        public var succeeded: Bool { diagnostics.isEmpty }
    }

    /// Raise it from any thread to stop the current run; the run ends with an "interrupted"
    /// error and the session keeps its bindings. Lowered at the start of every run.
    public let interrupt = InterruptFlag()

    let evaluator: Evaluator
    /// Numbers the figures of ``Configuration/explainFigureDirectory`` for the whole session.
    private let figures: FigureNumbering?
    /// The configured display, which ``reset()`` returns to.
    private let initialDisplay: DisplayMode

    /// Makes an interpreter. `output` receives every displayed value and `print`ed line.
    public init(configuration: Configuration = Configuration(), output: @escaping (OutputEvent) -> Void = { _ in }) {
        let seed = configuration.seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
        let context = EvaluationContext(seed: seed, limits: configuration.limits, interrupt: interrupt, output: output)
        context.fileAccess = configuration.fileAccess
        context.figuresAsEvents = configuration.figuresAsEvents
        context.display.mode = configuration.display
        context.displayFollowsImports = configuration.displayFollowsImports
        context.showsResultsOfCallsForEffect = configuration.showsResultsOfCallsForEffect
        context.generatorsOutliveRuns = configuration.generatorsOutliveRuns
        context.showsPlotsAtEndOfRun = configuration.showsPlotsAtEndOfRun
        initialDisplay = configuration.display
        self.evaluator = Evaluator(context: context)
        figures = configuration.explainFigureDirectory.map(FigureNumbering.init(directory:))
        explainCalls = configuration.explainCalls
        for function in configuration.hostFunctions { define(function) }
    }

    /// A session's suspended generators end with it: their `finally` blocks run and their
    /// threads finish.
    deinit {
        evaluator.closeAllGenerators()
    }

    /// Whether every convolution explains itself before its value (the REPL's `:explain on`):
    /// explain then listens to every call the evaluator makes.
    public var explainCalls: Bool {
        get { evaluator.callObserver is CallExplainer }
        set { evaluator.callObserver = newValue ? CallExplainer(context: evaluator.context, figures: figures) : nil }
    }

    /// Parses and runs `text`. With syntax errors nothing runs and all of them come back;
    /// a runtime error stops the run (statements before it have run).
    @discardableResult
    public func run(_ text: String, name: String = "<input>") -> RunResult {
        run(parse(text, name: name))
    }

    /// Parses `text` into a program that ``run(_:)-(Program)`` can run, once or many times.
    ///
    /// Reading is held to the limits too: the time limit (from the start of the parse),
    /// ``interrupt`` and the memory budget stop an enormous program (millions of lines) with
    /// that limit's error as the program's only diagnostic, so nothing of it runs.
    public func parse(_ text: String, name: String = "<input>") -> Program {
        let source = SourceFile(name: name, text: text)
        let limits = evaluator.context.limits
        interrupt.reset()
        interrupt.raise(after: limits.timeLimit)
        defer { interrupt.raise(after: nil) }
        let limit = ReadingLimit(interrupt: interrupt, timeLimit: limits.timeLimit, memory: limits.memoryBudget)
        let (statements, syntaxErrors) = Parser.parse(source, limit: limit, foldsConstants: true)
        return Program(source: source, statements: statements, syntaxErrors: syntaxErrors)
    }

    /// Runs a parsed program. With syntax errors nothing runs and all of them come back.
    @discardableResult
    public func run(_ program: Program) -> RunResult {
        guard program.syntaxErrors.isEmpty else { return RunResult(diagnostics: program.syntaxErrors, lastValue: nil) }
        interrupt.reset()
        let task = RunTask(evaluator: evaluator, statements: program.statements, source: program.source)
        LargeStack.run(task)
        return task.result
    }

    /// Parses `text` without running it; returns every syntax error.
    public func check(_ text: String, name: String = "<input>") -> [Diagnostic] {
        Parser.parse(SourceFile(name: name, text: text)).diagnostics
    }

    /// The value bound to `name`, if any.
    public func value(of name: String) -> Value? { evaluator.globals[name]?.hostValue }

    /// Binds `name` to `value`, as `let name = ...` would.
    public func bind(_ name: String, to value: Value) {
        try? evaluator.bind(name, value, at: SourceRange(start: 0, end: 0))
    }

    /// The session's bindings in the order they were first made.
    public var bindings: [(name: String, value: Value)] {
        evaluator.globalOrder.compactMap { name in evaluator.globals[name].map { (name, $0) } }
    }

    /// Forgets every binding.
    public func reset() {
        evaluator.closeAllGenerators()
        evaluator.reset()
        evaluator.context.display = TensorDisplay(mode: initialDisplay)
        evaluator.context.defaultDType = .float32
    }

    /// How tensors are shown now: the configured mode, or PyTorch's after `import torch` when
    /// the configuration follows imports.
    public var display: DisplayMode {
        get { evaluator.context.display.mode }
        set { evaluator.context.display.mode = newValue }
    }

    /// Every top-level name: the session's bindings, then the builtins and modules.
    public var visibleNames: [String] { evaluator.visibleNames }
}

/// A parsed program: its source, its statements, and its syntax errors (all of them).
public struct Program: Sendable {
    /// The text it was parsed from.
    public let source: SourceFile
    let statements: [Stmt]
    /// Every syntax error; a program with any does not run.
    public let syntaxErrors: [Diagnostic]
}

/// One run of a parsed program, executed on a large stack (see ``LargeStack``).
private final class RunTask: LargeStackTask, @unchecked Sendable {
    let evaluator: Evaluator
    let statements: [Stmt]
    let source: SourceFile
    var result = Interpreter.RunResult(diagnostics: [], lastValue: nil)

    init(evaluator: Evaluator, statements: [Stmt], source: SourceFile) {
        self.evaluator = evaluator
        self.statements = statements
        self.source = source
    }

    override func execute() {
        evaluator.context.beginRun()
        defer { evaluator.context.endRun() }
        let slots = evaluator.globalSlots(for: statements)
        let position = evaluator.context.position
        position.source = source
        for (statement, slot) in zip(statements, slots) {
            position.offset = statement.range.start
            do throws(RuntimeError) {
                if let value = try evaluator.execute(statement, slot: slot) {
                    result.lastValue = value.hostValue
                    evaluator.context.output(.value(value))
                }
                // A generator the statement dropped while suspended is closed now, as Python
                // closes it once nothing refers to it.
                evaluator.closeDroppedGenerators()
            } catch {
                result.diagnostics = [evaluator.context.settled(error).diagnostic(in: source)]
                return
            }
        }
    }
}
