/// A `for NAME in range(...)` loop whose body only assigns ints and floats to names
/// (`s += i * 0.5`, `t = a * b - c`): run on unboxed registers instead of ``Value``s.
///
/// Such a body cannot call anything, raise, or let other code see its names while it runs, so
/// its names can live in registers for the whole loop and be written back when it ends. The
/// registers' types come from the names' values when the loop starts; a body whose types would
/// change from one pass to the next (`s = 0` then `s += 0.5`), reads a name that is not an int
/// or a float, or divides two ints is left to the general loop. A pass whose int arithmetic
/// overflows is undone and run again, with every later one, by the general loop (which promotes
/// to a big int), so results are those of the general operators exactly (``FastArithmetic``).
/// Each pass counts its step as the general loop does.
final class NumericLoop: @unchecked Sendable {
    indirect enum Expression {
        case int(Int)
        case float(Double)
        case name(Int)
        case negate(Expression)
        case binary(BinaryOperator, Expression, Expression)
    }

    /// `name = value`, or `name op= value`.
    struct Assignment {
        let name: Int
        let op: BinaryOperator?
        let value: Expression
    }

    enum Kind: Equatable { case int, float }

    /// The names the loop reads or writes, by number; the loop variable is number 0.
    let names: [String]
    let slots: [NameSlot]
    let body: [Assignment]
    /// Whether the body's first pass may read the name before assigning it (it must then be
    /// bound to an int or a float when the loop starts).
    let readFirst: [Bool]
    /// The names the body assigns, in the order of their first assignment: the order in which
    /// the general loop would first bind them (after the loop variable).
    let assigned: [Int]
    /// The program made for the kinds the names had the last time the loop started.
    private var specialised: (kinds: [Kind?], program: NumericProgram?)?

    private init(names: [String], slots: [NameSlot], body: [Assignment], readFirst: [Bool], assigned: [Int]) {
        (self.names, self.slots, self.body, self.readFirst, self.assigned) = (names, slots, body, readFirst, assigned)
    }

    /// The numeric form of `loop` (whose target is the name `target`), or nil when its body does
    /// anything else.
    static func make(_ loop: ForStatement, target: String, _ compiler: CodeCompiler) -> NumericLoop? {
        guard loop.orElse == nil, !loop.body.isEmpty else { return nil }
        var builder = Builder(target: target)
        for statement in loop.body {
            switch statement {
            case .passStatement: continue
            case .assign(let name, _, let value, _) where !statement.isLetBinding:
                guard let value = builder.expression(value) else { return nil }
                builder.assign(name, op: nil, value)
            case .assignment(let targets, let value, _):
                guard targets.count == 1, case .name(let name, _) = targets[0], let value = builder.expression(value) else { return nil }
                builder.assign(name, op: nil, value)
            case .augmentedAssign(.name(let name, _), let op, _, let value, _)
                where op == .add || op == .subtract || op == .multiply || op == .divide:
                builder.read(name)
                guard let value = builder.expression(value) else { return nil }
                builder.assign(name, op: op, value)
            default:
                return nil
            }
        }
        guard !builder.body.isEmpty else { return nil }
        return NumericLoop(names: builder.names, slots: builder.names.map(compiler.slot(of:)), body: builder.body,
                           readFirst: builder.readFirst, assigned: builder.assignedOrder)
    }

    /// Reads the body's names into numbers as it is made.
    private struct Builder {
        var names: [String]
        var numbers: [String: Int]
        var readFirst: [Bool]
        var written: Set<Int>
        var assignedOrder: [Int] = []
        var body: [Assignment] = []

        init(target: String) {
            (names, numbers, readFirst, written) = ([target], [target: 0], [false], [0])
        }

        mutating func number(_ name: String) -> Int {
            if let number = numbers[name] { return number }
            names.append(name)
            readFirst.append(false)
            numbers[name] = names.count - 1
            return names.count - 1
        }

        mutating func read(_ name: String) {
            let number = number(name)
            if !written.contains(number) { readFirst[number] = true }
        }

        mutating func assign(_ name: String, op: BinaryOperator?, _ value: Expression) {
            let number = number(name)
            if number != 0, written.insert(number).inserted { assignedOrder.append(number) }
            body.append(Assignment(name: number, op: op, value: value))
        }

        mutating func expression(_ expr: Expr) -> Expression? {
            switch expr {
            case .integer(let value, _): return .int(Int(value))
            case .number(let value, _): return .float(value)
            case .name(let name, _):
                read(name)
                return .name(number(name))
            case .unary(.negate, let operand, _): return expression(operand).map(Expression.negate)
            case .binary(let op, let left, let right, _, _) where op == .add || op == .subtract || op == .multiply || op == .divide:
                guard let left = expression(left), let right = expression(right) else { return nil }
                return .binary(op, left, right)
            default: return nil
            }
        }
    }

    // MARK: - Running

    /// Runs the loop over `integers` as far as it can. Returns the pass the general loop goes on
    /// from (`integers.count` when none is left) and whether that pass's step is already counted.
    /// The names are written back before it returns or throws.
    func run(_ integers: PythonRange, _ frame: Frame?, _ evaluator: Evaluator,
             range: SourceRange) throws(RuntimeError) -> (resume: Int, counted: Bool) {
        let count = integers.count
        guard count > 0, let program = program(frame) else { return (0, false) }
        let ints = UnsafeMutablePointer<Int>.allocate(capacity: program.intCount)
        let floats = UnsafeMutablePointer<Double>.allocate(capacity: program.floatCount)
        let saved = UnsafeMutablePointer<UInt64>.allocate(capacity: program.registers.count)
        defer { ints.deallocate(); floats.deallocate(); saved.deallocate() }
        ints.initialize(repeating: 0, count: program.intCount)
        floats.initialize(repeating: 0, count: program.floatCount)
        for (register, value) in program.intConstants { ints[register] = value }
        for (register, value) in program.floatConstants { floats[register] = value }
        for (number, register) in program.registers.enumerated() where number != 0 {
            switch load(number, frame) {
            case .int(let value)?: ints[register.index] = value
            case .number(let value)?: floats[register.index] = value
            default: break  // assigned before it is read
            }
        }
        let context = evaluator.context
        let targetRegister = program.registers[0].index
        var next = integers.start
        for index in 0..<count {
            do throws(RuntimeError) {
                try context.countStep(at: range)
            } catch {
                if index > 0 { writeBack(program, ints, floats, frame) }
                throw error
            }
            ints[targetRegister] = next
            if program.mayOverflow { save(program, ints, floats, into: saved) }
            guard program.execute(ints, floats) else {
                // Undone: the general loop runs this pass again, from the names as they were.
                restore(program, ints, floats, from: saved)
                if index > 0 { writeBack(program, ints, floats, frame) }
                return (index, true)
            }
            next &+= integers.step
        }
        writeBack(program, ints, floats, frame)
        return (count, true)
    }

    private func load(_ number: Int, _ frame: Frame?) -> Value? {
        switch slots[number] {
        case .local(let slot): frame?[slot]
        case .cell(let index): frame?.cells[index].value
        case .global(let globals, let slot): globals.values[slot]
        }
    }

    /// Binds the loop variable and every assigned name, in the order the general loop binds them.
    private func writeBack(_ program: NumericProgram, _ ints: UnsafeMutablePointer<Int>, _ floats: UnsafeMutablePointer<Double>,
                           _ frame: Frame?) {
        for number in [0] + assigned {
            let register = program.registers[number]
            let value: Value = register.kind == .int ? .int(ints[register.index]) : .number(floats[register.index])
            slots[number].store(value, frame)
        }
    }

    private func save(_ program: NumericProgram, _ ints: UnsafeMutablePointer<Int>, _ floats: UnsafeMutablePointer<Double>,
                      into saved: UnsafeMutablePointer<UInt64>) {
        for number in assigned {
            let register = program.registers[number]
            saved[number] = register.kind == .int ? UInt64(bitPattern: Int64(ints[register.index])) : floats[register.index].bitPattern
        }
    }

    private func restore(_ program: NumericProgram, _ ints: UnsafeMutablePointer<Int>, _ floats: UnsafeMutablePointer<Double>,
                         from saved: UnsafeMutablePointer<UInt64>) {
        for number in assigned {
            let register = program.registers[number]
            if register.kind == .int {
                ints[register.index] = Int(Int64(bitPattern: saved[number]))
            } else {
                floats[register.index] = Double(bitPattern: saved[number])
            }
        }
    }

    /// The program for the names' kinds now, made once for each new set of kinds; nil when a
    /// name the body reads first is not an int or a float, or the kinds do not stay the same.
    private func program(_ frame: Frame?) -> NumericProgram? {
        var kinds: [Kind?] = [.int]
        for number in names.indices.dropFirst() {
            switch load(number, frame) {
            case .int?: kinds.append(.int)
            case .number?: kinds.append(.float)
            case nil where !readFirst[number]: kinds.append(nil)
            default: return nil
            }
        }
        if let specialised, specialised.kinds == kinds { return specialised.program }
        let program = NumericProgram(self, kinds: kinds)
        specialised = (kinds, program)
        return program
    }
}

/// One typed operation on the registers: `d = a op b`. A float operation reads an operand from
/// the int registers (converted as Python converts an int meeting a float) when its flag says so.
struct NumericInstruction {
    enum Code: UInt8 { case add, subtract, multiply, divide, negate, move }

    let code: Code
    let isInt: Bool
    let aIsInt: Bool
    let bIsInt: Bool
    let d: Int32
    let a: Int32
    let b: Int32
}

/// A numeric loop's body for one set of name kinds: its instructions and register layout.
struct NumericProgram {
    typealias Kind = NumericLoop.Kind

    /// Where each name of the loop lives.
    var registers: [(kind: Kind, index: Int)] = []
    var intCount = 0
    var floatCount = 0
    var intConstants: [(Int, Int)] = []
    var floatConstants: [(Int, Double)] = []
    var instructions: [NumericInstruction] = []
    /// Whether an int operation may overflow (a pass may then need undoing).
    var mayOverflow = false

    /// Nil when the kinds do not stay the same through the body, or it divides two ints.
    init?(_ loop: NumericLoop, kinds entry: [Kind?]) {
        var kinds = entry
        for assignment in loop.body {
            guard let value = Self.kind(of: assignment.value, kinds) else { return nil }
            var result = value
            if let op = assignment.op {
                guard let current = kinds[assignment.name], let combined = Self.kind(op, current, value) else { return nil }
                result = combined
            }
            // A name keeps one kind for the whole loop.
            if let known = kinds[assignment.name], known != result { return nil }
            kinds[assignment.name] = result
        }
        for kind in kinds {
            // (Every name is either bound on entry or assigned by the body.)
            guard let kind else { return nil }
            registers.append((kind, allocate(kind)))
        }
        for assignment in loop.body {
            let register = registers[assignment.name]
            let value: NumericLoop.Expression =
                if let op = assignment.op { .binary(op, .name(assignment.name), assignment.value) } else { assignment.value }
            emit(value, kinds, into: register.index)
        }
    }

    private static func kind(of expression: NumericLoop.Expression, _ kinds: [Kind?]) -> Kind? {
        switch expression {
        case .int: .int
        case .float: .float
        case .name(let number): kinds[number]
        case .negate(let operand): kind(of: operand, kinds)
        case .binary(let op, let left, let right):
            kind(of: left, kinds).flatMap { left in kind(of: right, kinds).flatMap { right in kind(op, left, right) } }
        }
    }

    /// An int and an int make an int (but `/` of two ints is left to the general operators);
    /// anything with a float makes a float.
    private static func kind(_ op: BinaryOperator, _ left: Kind, _ right: Kind) -> Kind? {
        guard left == .int, right == .int else { return .float }
        return op == .divide ? nil : .int
    }

    private mutating func allocate(_ kind: Kind) -> Int {
        switch kind {
        case .int: intCount += 1; return intCount - 1
        case .float: floatCount += 1; return floatCount - 1
        }
    }

    /// Emits `expression` and gives its register, the result written into `destination` when
    /// given (the register of the expression's kind).
    @discardableResult
    private mutating func emit(_ expression: NumericLoop.Expression, _ kinds: [Kind?], into destination: Int? = nil) -> (Kind, Int) {
        switch expression {
        case .int(let value):
            let register = allocate(.int)
            intConstants.append((register, value))
            return move(.int, register, into: destination)
        case .float(let value):
            let register = allocate(.float)
            floatConstants.append((register, value))
            return move(.float, register, into: destination)
        case .name(let number):
            return move(registers[number].kind, registers[number].index, into: destination)
        case .negate(let operand):
            let (kind, source) = emit(operand, kinds)
            let target = destination ?? allocate(kind)
            if kind == .int { mayOverflow = true }
            append(.negate, kind == .int, (kind, source), (kind, source), target)
            return (kind, target)
        case .binary(let op, let left, let right):
            let a = emit(left, kinds), b = emit(right, kinds)
            let isInt = a.0 == .int && b.0 == .int
            let target = destination ?? allocate(isInt ? .int : .float)
            if isInt { mayOverflow = true }
            let code: NumericInstruction.Code = switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            default: .divide
            }
            append(code, isInt, a, b, target)
            return (isInt ? .int : .float, target)
        }
    }

    private mutating func move(_ kind: Kind, _ source: Int, into destination: Int?) -> (Kind, Int) {
        guard let destination, destination != source else { return (kind, source) }
        append(.move, kind == .int, (kind, source), (kind, source), destination)
        return (kind, destination)
    }

    private mutating func append(_ code: NumericInstruction.Code, _ isInt: Bool, _ a: (Kind, Int), _ b: (Kind, Int), _ d: Int) {
        instructions.append(NumericInstruction(code: code, isInt: isInt, aIsInt: a.0 == .int, bIsInt: b.0 == .int,
                                               d: Int32(truncatingIfNeeded: d), a: Int32(truncatingIfNeeded: a.1),
                                               b: Int32(truncatingIfNeeded: b.1)))
    }

    /// One pass of the body; false when an int operation overflowed (the registers are then
    /// partly written: the caller restores them).
    @inline(__always)
    func execute(_ ints: UnsafeMutablePointer<Int>, _ floats: UnsafeMutablePointer<Double>) -> Bool {
        instructions.withUnsafeBufferPointer { code in
            for instruction in code {
                let (d, a, b) = (Int(instruction.d), Int(instruction.a), Int(instruction.b))
                if instruction.isInt {
                    let x = ints[a], y = ints[b]
                    let (result, overflow): (Int, Bool) = switch instruction.code {
                    case .add: x.addingReportingOverflow(y)
                    case .subtract: x.subtractingReportingOverflow(y)
                    case .multiply: x.multipliedReportingOverflow(by: y)
                    case .negate: (0).subtractingReportingOverflow(x)
                    case .move, .divide: (x, false)
                    }
                    if overflow { return false }
                    ints[d] = result
                } else {
                    let x = instruction.aIsInt ? Double(ints[a]) : floats[a]
                    let y = instruction.bIsInt ? Double(ints[b]) : floats[b]
                    floats[d] = switch instruction.code {
                    case .add: x + y
                    case .subtract: x - y
                    case .multiply: x * y
                    case .divide: x / y
                    case .negate: -x
                    case .move: x
                    }
                }
            }
            return true
        }
    }
}
