/// Functions, classes and calls: `def` with defaults, recursion bounded by the call-depth limit,
/// the short language's `fn`, plain classes and `nn.Module` subclasses with a `forward`.
extension ProgramGenerator {
    /// `def f(a, b=2):` whose body ends with a `return`, then a call.
    mutating func functionDefinition() {
        let name = fresh("f")
        let defaults = choices.below(3)
        emit("def \(name)(a\(defaults > 0 ? ", b=\(choices.int(in: -2...5))" : "")\(defaults > 1 ? ", *rest" : "")):")
        block { generator in
            generator.scope = Scope(ints: ["a"] + (defaults > 0 ? ["b"] : []), functions: generator.scope.functions,
                                    isInFunction: true)
            generator.statements(generator.choices.below(3))
            generator.emit("return \(generator.intExpression(depth: 0))")
        }
        scope.functions.append((name, 1))
        emit("print(\(name)(\(intExpression(depth: 1))))")
    }

    /// A recursive `def`, called with an argument that is sometimes past the call-depth limit.
    mutating func recursiveFunction() {
        let name = fresh("r")
        emit("def \(name)(k, acc=0):")
        block { generator in
            generator.emit("if k <= 0:")
            generator.block { $0.emit("return acc") }
            generator.emit("return \(name)(k - 1, acc + \(generator.choices.pick(["k", "1", "k * k", "acc % 7"])))")
        }
        scope.functions.append((name, 1))
        emit("print(\(name)(\(choices.pick([0, 1, 2, 5, 8, 12, 20, 30, 60, 500]))))")
    }

    /// The short language's one-line function: `fn g(x, n=3) = ...`, sometimes recursive.
    mutating func shortFunction() {
        let name = fresh("g")
        switch choices.below(3) {
        case 0:
            emit("fn \(name)(x, n=\(choices.int(in: 0...4))) = conv(x, ones(n) / n, p=\"same\")")
            emit("print(\(name)(\(tensorExpression(depth: 1)), n=\(choices.int(in: -1...5))))")
        case 1:
            emit("fn \(name)(n) = 1 if n <= 1 else n * \(name)(n - 1)")
            scope.functions.append((name, 1))
            emit("print(\(name)(\(choices.pick([0, 1, 3, 6, 10, 20, 25, 80]))))")
        default:
            emit("fn \(name)(a, b=2) = a * b + \(intExpression(depth: 2))")
            scope.functions.append((name, 1))
        }
    }

    /// A call of a function the program defined, or of ``ProgramCheck/hostScale`` (which throws
    /// for a factor of 0 or less).
    mutating func callSomething() {
        if choices.chance(30) {
            return emit("print(host_scale(\(tensorExpression(depth: 1)), by=\(choices.int(in: -1...3))))")
        }
        guard !scope.functions.isEmpty else { return emit("print(len(\(listExpression(depth: 1))))") }
        let function = choices.pick(scope.functions)
        emit("\(fresh("n")) = \(function.name)(\(intExpression(depth: 1)))")
    }

    /// A class with `__init__`, defaults and a method; an instance; a call of the method.
    mutating func plainClass() {
        let name = fresh("P")
        emit("class \(name):")
        block { generator in
            if generator.choices.chance(30) { generator.emit("\"\"\"A generated class.\"\"\"") }
            generator.emit("def __init__(self, a, b=\(generator.choices.int(in: 0...3))):")
            generator.block { inner in
                inner.emit("self.a = a")
                inner.emit("self.b = b")
                inner.emit("self.items = [a] * \(inner.choices.int(in: 0...3))")
            }
            generator.emit("def total(self, extra=0):")
            generator.block { inner in
                inner.scope = Scope(ints: ["extra"], isInFunction: true)
                inner.emit("return self.a + self.b + extra + len(self.items)")
            }
        }
        let instance = fresh("o")
        emit("\(instance) = \(name)(\(intExpression(depth: 1)))")
        emit("print(\(instance).total(\(choices.chance(50) ? "extra=\(choices.int(in: -3...3))" : "")), \(instance).b)")
        if choices.chance(30) { emit("\(instance).b = \(intExpression(depth: 1))") }
    }

    /// `class Net(nn.Module)` with Conv1d layers and a `forward`, made with a seed and called on
    /// an input whose channels sometimes do not fit.
    mutating func moduleClass() {
        let name = fresh("Net")
        let inChannels = choices.int(in: 1...3)
        let hidden = choices.int(in: 1...4)
        let out = choices.int(in: 1...3)
        emit("class \(name)(nn.Module):")
        block { generator in
            generator.emit("def __init__(self, width=\(hidden)):")
            generator.block { inner in
                inner.emit("super().__init__()")
                inner.emit("self.c1 = nn.Conv1d(\(inChannels), width, \(inner.choices.int(in: 1...4)), padding=\(inner.choices.int(in: 0...2)))")
                inner.emit("self.act = nn.\(inner.choices.pick(["ReLU()", "Tanh()", "Sigmoid()", "GELU()", "LeakyReLU(0.1)"]))")
                inner.emit("self.c2 = nn.Conv1d(width, \(out), \(inner.choices.int(in: 1...3)), stride=\(inner.choices.int(in: 1...2)))")
                if inner.choices.chance(40) { inner.emit("self.pool = nn.MaxPool1d(\(inner.choices.int(in: 1...3)))") }
            }
            generator.emit("def forward(self, x):")
            generator.block { inner in
                inner.scope = Scope(isInFunction: true)
                inner.emit("x = self.act(self.c1(x))")
                inner.emit("return self.c2(x)")
            }
        }
        let model = fresh("net")
        emit("\(model) = \(name)(\(choices.chance(30) ? "width=\(choices.int(in: 0...3))" : ""))")
        scope.models.append(model)
        let channels = choices.chance(80) ? inChannels : inChannels + 1
        emit("print(\(model)(torch.rand(\(choices.int(in: 1...2)), \(channels), \(choices.int(in: 0...24)))).shape)")
        if choices.chance(30) { emit("print(\(model))") }
        if choices.chance(30) { emit("explain shape \(model)(L=\(choices.int(in: 0...40)))") }
    }
}
