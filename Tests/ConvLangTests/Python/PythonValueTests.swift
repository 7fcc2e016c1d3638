import Testing
import ConvNumerics
@testable import ConvLang

/// Python's lists, dicts and comprehensions, and how lists meet the short language's tensors.
/// Every expected value was checked against python3 (a list of numbers shows as conv's tensor).
@Suite("Python values")
struct PythonValueTests {
    @Test func aListLiteralIsASharedListAndLetMakesATensor() {
        #expect(show("xs = [1, 2]\nys = xs\nys.append(3)\nxs") == "[1, 2, 3]")
        #expect(show("x = [2, 3, 4]\nx * 2") == "[2, 3, 4, 2, 3, 4]")
        #expect(show("let x = [2, 3, 4]\nx * 2") == "[4, 6, 8]")
        #expect(show("xs = [2, 3]\nlet t = xs\nt / 2") == "[1, 1.5]")
    }

    @Test func arithmeticPythonRefusesComputesElementwise() {
        #expect(show("[1, 2] + [3]") == "[1, 2, 3]")
        #expect(show("[1, 2, 3] - 1") == "[0, 1, 2]")
        #expect(show("[1, 2] * 0.5") == "[0.5, 1]")
        #expect(show("-[1, 2]") == "[-1, -2]")
        #expect(show("[1, 2] == [1, 2]") == "true")
        #expect(show("zeros(2) == [0, 1]") == "[1, 0]")
        #expect(show("conv([2, 3, 4], [1, 1])") == "[5, 7]")
        #expect(show("xs = []\nfor i in range(3):\n    xs.append(i * 2)\nconv(xs, [1])") == "[0, 2, 4]")
    }

    @Test func listMethodsChangeTheListInPlace() {
        #expect(show("a = [3, 1, 2]\na.insert(-1, 9)\na.extend((7,))\na") == "[3, 1, 9, 2, 7]")
        #expect(show("a = [3, 1, 2]\n(a.pop(), a.pop(0), a)") == "(2, 3, [1])")
        #expect(show("a = [1, 2, 1]\na.remove(1)\n(a, a.index(1), a.count(1))") == "([2, 1], 1, 1)")
        #expect(show("w = ['bb', 'a', 'cc']\nw.sort(key=len, reverse=True)\nw") == "[\"bb\", \"cc\", \"a\"]")
        #expect(show("[].pop()") == "error: pop from empty list")
        #expect(show("[1].remove(2)") == "error: list.remove(x): x not in list")
        #expect(show("a = [1]\nb = a.copy()\nb.clear()\n(a, b is a)") == "([1], false)")
    }

    @Test func indexingSlicingAndAssignment() {
        #expect(show("a = [0, 1, 2, 3, 4]\n(a[-1], a[1:4:2], a[::-1][0])") == "(4, [1, 3], 4)")
        #expect(show("a = [0, 1, 2, 3]\na[1:3] = [9]\na") == "[0, 9, 3]")
        #expect(show("a = [0, 1, 2, 3]\na[::2] = [7, 8]\na") == "[7, 1, 8, 3]")
        #expect(show("a = [0, 1, 2, 3]\na[::2] = [7]").hasPrefix("error: attempt to assign sequence of size 1 to extended slice of size 2"))
        #expect(show("a = [0, 1, 2, 3]\ndel a[0]\ndel a[1:]\na") == "[1]")
        #expect(show("g = [[1, 2], [3, 4]]\ng[1][0] = 7\ng[1]") == "[7, 4]")
        #expect(show("[1, 2][2]").hasPrefix("error: list index out of range"))
        #expect(show("r = range(2, 20, 3)\n(r[-1], len(r), 8 in r, 9 in r)") == "(17, 6, true, false)")
        #expect(show("a = [1]\nb = a\na += [2]\nb") == "[1, 2]")
        #expect(show("[1.5, 2, 3].shape") == "(3,)")
    }

    @Test func delRemovesNamesAndItems() {
        #expect(show("x = 1\ndel x\nx").hasPrefix("error: unknown name 'x'"))
        #expect(show("def f():\n    y = 1\n    del y\n    return 'ok'\nf()") == "\"ok\"")
        #expect(show("del nothing") == "error: name 'nothing' is not defined")
        #expect(show("d = {'a': 1, 'b': 2}\ndel d['a'], d['b']\nlen(d)") == "0")
        #expect(show("t = zeros(2)\ndel t[0]") == "error: 'tensor' object does not support item deletion")
    }

    @Test func aDictIsMadeFromSwiftAsKwargsCollectThem() {
        let dict = PythonDict(named: [("a", .int(1)), ("b", .int(2)), ("a", .int(3))])
        #expect(dict.keys == [.string("a"), .string("b")])
        #expect(dict[.string("a")] == .int(3))
        #expect(dict.store(.none, for: .list(PythonList())) == false)
        #expect(dict.remove(.string("b")) == .int(2) && dict.count == 1)
    }

    @Test func dictsAreOrderedAndHashLikePython() {
        #expect(show("d = {1: 'a'}\nd[1.0] = 'b'\nd[True] = 'c'\n(len(d), d[1])") == "(1, \"c\")")
        #expect(show("d = {'x': 1, 'y': 2}\nd['z'] = 3\ndel d['x']\nlist(d)") == "[\"y\", \"z\"]")
        #expect(show("d = {'a': 1}\n(d.get('b', 0), d.pop('a'), d.setdefault('c', 5), d)") == "(0, 1, 5, {\"c\": 5})")
        #expect(show("d = {}\nd.update([('k', 1)], )\nd.update({'k': 2})\nd['k']") == "2")
        #expect(show("s = 0\nfor k, v in {'a': 1, 'b': 2}.items():\n    s += v\ns") == "3")
        #expect(show("{'a': 1}['b']") == "error: KeyError: 'b' is not in the dict")
        #expect(show("{[1]: 2}") == "error: unhashable type: 'list'")
        #expect(show("dict(a=1) == {'a': 1}") == "true")
    }

    @Test func comprehensionsHaveTheirOwnScope() {
        #expect(show("[i * j for i in range(3) for j in range(i) if j]") == "[2]")
        #expect(show("x = 'keep'\nxs = [x for x in range(3)]\nx") == "\"keep\"")
        #expect(show("def f(n):\n    return [n * k for k in range(3)]\nf(2)") == "[0, 2, 4]")
        #expect(show("{k: k * k for k in range(3)}") == "{0: 0, 1: 1, 2: 4}")
        #expect(show("sum(x * x for x in range(4))") == "14")
        #expect(show("[x for x in range(3)]\nx").hasPrefix("error: unknown name 'x'"))
        #expect(show("print({x % 2 for x in range(3)})") == "{0, 1}")
    }

    @Test func membershipAndIdentity() {
        #expect(show("(2 in [1, 2], 'a' in 'cat', 'k' in {'k': 1}, 3 not in (1, 2))") == "(true, true, true, true)")
        #expect(show("(2 in zeros(3) + 2, 5 in zeros(3))") == "(true, false)")
        #expect(show("a = [1]\nb = a\n(a is b, a is [1], None is None, a is not b)") == "(true, false, true, false)")
        #expect(show("1 in 5") == "error: argument of type 'int' is not iterable")
    }

    @Test func builtinsOverPythonValues() {
        #expect(show("(sum([1, 2, 3]), sum([1, 2], 10), sum([[1, 2], [3, 4]]))") == "(6, 13, 10)")
        #expect(show("sum([zeros(2) + 1, zeros(2) + 2])") == "[3, 3]")
        #expect(show("(min(3, 1, 2), max(['a', 'bcd', 'ef'], key=len), min([], default=7), max([1, 5], [4, 2]))")
                == "(1, \"bcd\", 7, [4, 2])")
        #expect(show("(all([1, 2]), any([0, 0]), all([[1, 0]]), any(x > 1 for x in [1, 2]))") == "(true, false, false, true)")
        #expect(show("(len([1, 2]), len({'a': 1}), abs(-3), list(reversed([1, 2])), sorted([3, 1, 2]))")
                == "(2, 1, 3, [2, 1], [1, 2, 3])")
        #expect(show("(int('12'), int(2.7), int(-2.7), float('1.5'), bool([]))") == "(12, 2, -2, 1.5, false)")
        #expect(show("(round(2.5), round(3.5), round(2.675, 2), round(1250, -2), round(-0.5))") == "(2, 4, 2.67, 1200, 0)")
        #expect(show("(isinstance(1, (int, float)), isinstance(True, int), isinstance(1.0, int), isinstance(zeros(1), torch.Tensor))")
                == "(true, true, false, true)")
        #expect(show("(type(3) is int, type([]).__name__, type(zeros(1)).__name__)") == "(true, \"list\", \"Tensor\")")
        #expect(show("int('x')") == "error: invalid literal for int() with base 10: 'x'")
        #expect(show("list(zip([1, 2], 'ab', (5, 6, 7)))") == "[(1, \"a\", 5), (2, \"b\", 6)]")
    }

    /// Python's exceptions are told apart by the class each error carries, never by its text.
    @Test func errorsCarryTheirPythonClass() {
        #expect(pythonClass(of: "[1][3]") == .indexError)
        #expect(pythonClass(of: "zeros(2)[5]") == .indexError)
        #expect(pythonClass(of: "{}['k']") == .keyError)
        #expect(pythonClass(of: "[].remove(1)") == .valueError)
        #expect(pythonClass(of: "int('x')") == .valueError)
        #expect(pythonClass(of: "{[1]: 1}") == .typeError)
        #expect(pythonClass(of: "[1] < ['a']") == .typeError)
        #expect(pythonClass(of: "1 // 0") == .zeroDivisionError)
        #expect(pythonClass(of: "a, b = [1, 2, 3]") == .valueError)
        #expect(pythonClass(of: "unknown_name") == .nameError)
    }

    private func pythonClass(of source: String) -> PythonErrorClass? {
        let evaluator = Evaluator(context: EvaluationContext(seed: 0, limits: Limits(), interrupt: InterruptFlag(), output: { _ in }))
        let (statements, diagnostics) = Parser.parse(SourceFile(name: "test.conv", text: source))
        guard diagnostics.isEmpty else { return nil }
        do throws(RuntimeError) {
            for statement in statements { _ = try evaluator.execute(statement) }
        } catch {
            return error.pythonClass
        }
        return nil
    }
}
