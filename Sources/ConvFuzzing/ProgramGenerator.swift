/// Random well-formed programs that mix conv's short language with Python's statements, made
/// from ``FuzzChoices`` so that libFuzzer and the test suite share them.
///
/// A program may still fail at run time (a shape that does not fit, a stride of 0, an index out
/// of range, recursion past the call-depth limit): those are the errors it exists to provoke.
/// What it never is, is a syntax error: every block has a body, every name it reads was bound
/// where it is read (names bound inside a block are forgotten after it, since the block may not
/// run), and loops are bounded (`for` over a small `range`, `while` on a counter raised first).
public struct ProgramGenerator {
    /// How large programs get.
    public struct Bounds: Sendable {
        /// The most statements at the top level.
        public var statements = 24
        /// The most blocks inside each other.
        public var blockDepth = 3
        /// The most f-strings inside each other.
        public var fStringDepth = 3
        /// The most expressions inside each other.
        public var expressionDepth = 3

        public init() {}
    }

    /// The names a statement may read, by what they hold.
    struct Scope {
        var ints: [String] = []
        var strings: [String] = []
        var tensors: [String] = []
        var lists: [String] = []
        var dicts: [String] = []
        /// Functions and how many arguments they need.
        var functions: [(name: String, arity: Int)] = []
        var models: [String] = []
        var isInFunction = false
        var isInLoop = false
    }

    var choices: FuzzChoices
    let bounds: Bounds
    var lines: [String] = []
    var indent = 0
    var scope = Scope()
    /// The quotes of the f-strings around the expression being made, innermost last.
    var fStringQuotes: [String] = []
    /// Numbers fresh names.
    private var nameCount = 0

    init(choices: FuzzChoices, bounds: Bounds) {
        self.choices = choices
        self.bounds = bounds
    }

    /// A whole program: the imports, then up to `bounds.statements` statements.
    public static func program(_ choices: FuzzChoices, bounds: Bounds = Bounds()) -> String {
        var generator = ProgramGenerator(choices: choices, bounds: bounds)
        generator.emit("import torch")
        generator.emit("import torch.nn as nn")
        generator.emit("import torch.nn.functional as F")
        generator.emit("torch.manual_seed(\(generator.choices.below(100)))")
        let count = 1 + generator.choices.below(bounds.statements)
        for _ in 0..<count { generator.statement() }
        return generator.lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Output

    mutating func emit(_ line: String) {
        lines.append(String(repeating: "    ", count: indent) + line)
    }

    mutating func fresh(_ prefix: String) -> String {
        nameCount += 1
        return "\(prefix)\(nameCount)"
    }

    /// Emits a block's body one level in: one to three statements, then the scope as it was.
    mutating func block(_ body: (inout ProgramGenerator) -> Void = { $0.statements(1 + $0.choices.below(3)) }) {
        let saved = scope
        indent += 1
        body(&self)
        indent -= 1
        scope = saved
    }

    mutating func statements(_ count: Int) {
        for _ in 0..<count { statement() }
    }

    // MARK: - Statements

    /// One statement; compound ones only while blocks may still nest. A simple statement that
    /// may fail is sometimes guarded by `try`, so that one refusal does not end the program.
    mutating func statement() {
        let nested = indent < bounds.blockDepth
        let kind = choices.below(nested ? 22 : 12)
        guard nested, kind >= 6, kind <= 11, choices.chance(40) else { return simpleOrCompound(kind) }
        emit("try:")
        block { $0.simpleOrCompound(kind) }
        emit("except \(choices.pick(["Exception", "RuntimeError", "(ValueError, TypeError, IndexError)"])) as \(fresh("e")):")
        block { $0.emit("pass") }
    }

    mutating func simpleOrCompound(_ kind: Int) {
        switch kind {
        case 0: assignInt()
        case 1: assignString()
        case 2: assignTensor()
        case 3: assignList()
        case 4: assignDict()
        case 5: emit("print(\(fString(depth: 0)))")
        case 6: emit("print(\(anyExpression()))")
        case 7: emit(anyExpression())
        case 8: convolutionStatement()
        case 9: explainStatement()
        case 10: shortFunction()
        case 11: mutateContainer()
        case 12: forLoop()
        case 13: whileLoop()
        case 14: ifStatement()
        case 15: functionDefinition()
        case 16: recursiveFunction()
        case 17: tryStatement()
        case 18: plainClass()
        case 19: moduleClass()
        case 20: loopControl()
        default: callSomething()
        }
    }

    mutating func assignInt() {
        let name = scope.ints.isEmpty || choices.chance(70) ? fresh("n") : choices.pick(scope.ints)
        emit("\(name) = \(intExpression(depth: 0))")
        if !scope.ints.contains(name) { scope.ints.append(name) }
    }

    mutating func assignString() {
        let name = fresh("s")
        emit("\(name) = \(stringExpression(depth: 0))")
        scope.strings.append(name)
    }

    mutating func assignTensor() {
        let name = fresh("t")
        // The short language's `let` and Python's assignment bind alike.
        emit((choices.chance(30) ? "let " : "") + "\(name) = \(tensorExpression(depth: 0))")
        scope.tensors.append(name)
    }

    mutating func assignList() {
        let name = fresh("l")
        emit("\(name) = \(listExpression(depth: 0))")
        scope.lists.append(name)
    }

    mutating func assignDict() {
        let name = fresh("d")
        emit("\(name) = \(dictExpression(depth: 0))")
        scope.dicts.append(name)
    }

    /// `l.append(x)`, `d[k] = v`, `l[i] = x`, `n += 1`, `del d[k]`.
    mutating func mutateContainer() {
        switch choices.below(5) {
        case 0 where !scope.lists.isEmpty: emit("\(choices.pick(scope.lists)).append(\(intExpression(depth: 1)))")
        case 1 where !scope.dicts.isEmpty:
            emit("\(choices.pick(scope.dicts))[\(stringLiteral())] = \(intExpression(depth: 1))")
        case 2 where !scope.lists.isEmpty:
            emit("\(choices.pick(scope.lists))[\(intExpression(depth: 1))] = \(intExpression(depth: 1))")
        case 3 where !scope.ints.isEmpty:
            emit("\(choices.pick(scope.ints)) \(choices.pick(["+=", "-=", "*=", "//=", "%="])) \(choices.int(in: 1...3))")
        case 4 where !scope.dicts.isEmpty: emit("del \(choices.pick(scope.dicts))[\(stringLiteral())]")
        default: assignList()
        }
    }

    /// `for i in range(k):` over a small range, a list, a dict's items or `enumerate`.
    mutating func forLoop() {
        let variable = fresh("i")
        switch choices.below(4) {
        case 1 where !scope.lists.isEmpty: emit("for \(variable) in \(choices.pick(scope.lists)):")
        case 2 where !scope.dicts.isEmpty:
            let value = fresh("v")
            emit("for \(variable), \(value) in \(choices.pick(scope.dicts)).items():")
            return loopBody(binding: [variable])
        case 3: emit("for \(variable) in range(\(choices.int(in: -1...3)), \(choices.int(in: 0...8)), \(choices.pick([1, 2, 3, -1]))):")
        default: emit("for \(variable) in range(\(choices.int(in: 0...6))):")
        }
        loopBody(binding: [variable])
    }

    /// `c = 0` then `while c < k:` whose body raises the counter before anything else.
    mutating func whileLoop() {
        let counter = fresh("c")
        emit("\(counter) = 0")
        emit("while \(counter) < \(choices.int(in: 0...6)):")
        loopBody(binding: [counter], first: "\(counter) += 1")
        scope.ints.append(counter)
    }

    mutating func loopBody(binding names: [String], first: String? = nil) {
        block { generator in
            if let first { generator.emit(first) }
            generator.scope.ints += names
            generator.scope.isInLoop = true
            generator.statements(1 + generator.choices.below(3))
        }
    }

    /// `break` or `continue` inside a loop, behind a condition; elsewhere `pass`.
    mutating func loopControl() {
        guard scope.isInLoop else { return emit(choices.chance(80) ? "pass" : "assert \(condition())") }
        emit("if \(condition()):")
        block { $0.emit($0.choices.pick(["break", "continue"])) }
    }

    mutating func ifStatement() {
        emit("if \(condition()):")
        block()
        if choices.chance(40) {
            emit("elif \(condition()):")
            block()
        }
        if choices.chance(50) {
            emit("else:")
            block()
        }
    }

    /// `try` with handlers for what the body may raise, sometimes `else` and `finally`; the body
    /// sometimes raises on purpose.
    mutating func tryStatement() {
        emit("try:")
        block { generator in
            generator.statements(1 + generator.choices.below(2))
            if generator.choices.chance(40) { generator.raiseStatement() }
        }
        let handlers = 1 + choices.below(2)
        for index in 0..<handlers {
            let types = choices.pick(["ValueError", "(ValueError, ZeroDivisionError)", "RuntimeError", "Exception",
                                      "(IndexError, KeyError)", "TypeError", "ArithmeticError", "LookupError"])
            let bare = index == handlers - 1 && choices.chance(15)
            let name = fresh("e")
            emit(bare ? "except:" : "except \(types) as \(name):")
            block { generator in
                if !bare { generator.emit("print(\"caught\", type(\(name)).__name__, \(name))") }
                if generator.choices.chance(20) { generator.emit("raise") } else { generator.statement() }
            }
        }
        if choices.chance(30) {
            emit("else:")
            block()
        }
        if choices.chance(40) {
            emit("finally:")
            block()
        }
    }

    mutating func raiseStatement() {
        let type = choices.pick(["ValueError", "RuntimeError", "KeyError", "ZeroDivisionError", "TypeError", "Exception"])
        switch choices.below(3) {
        case 0: emit("raise \(type)(\(fString(depth: 1)))")
        case 1: emit("raise \(type)")
        default: emit("raise \(type)(\(intExpression(depth: 1))) from None")
        }
    }
}
