import Testing
@testable import ConvLang

/// Python's `set`: CPython's order and the errors Python raises, each pointing at what caused it.
/// (Tests/Programs/python/sets.conv compares whole programs with CPython's output.)
@Suite("Python sets")
struct PythonSetTests {
    @Test func setsPrintInCPythonsOrder() {
        #expect(run("print({3, 1, 2}, set([10, 3, 8, 100]), {8, 16, 0, 24}, set())").text == "{1, 2, 3} {8, 10, 3, 100} {8, 16, 0, 24} set()")
        // A dummy slot left by a removal is where a later element goes.
        #expect(run("s = {8, 16}\ns.remove(8)\ns.add(0)\nprint(s)").text == "{0, 16}")
        #expect(run("print({1, 1.0, True}, {1.0} | {1}, frozenset([2, 1]))").text == "{1} {1.0} frozenset({1, 2})")
    }

    @Test func stringsKeepInsertionOrder() {
        #expect(run("print({'b', 'a', 'c'}, {'x', 1, None})").text == "{'b', 'a', 'c'} {'x', 1, None}")
        #expect(run("s = {'b', 'a', 'c'}\ns.discard('a')\ns.add('d')\nprint(s.pop(), s, s | {'a'})").text == "b {'c', 'd'} {'c', 'd', 'a'}")
    }

    @Test func hashesAreCPythons() {
        #expect(PythonHash.int(-1) == -2)
        #expect(PythonHash.int(1 << 61) == 1)
        #expect(PythonHash.float(1.5) == 1_152_921_504_606_846_977)
        #expect(PythonHash.float(-0.25) == -576_460_752_303_423_488)
        #expect(PythonHash.float(2.0) == 2)
        #expect(PythonHash.hash(.tuple([.int(1), .int(2)])).0 == -3_550_055_125_485_641_917)
    }

    @Test func anUnhashableElementIsLocated() {
        let outcome = run("x = 1\ns = {x, [1, 2]}")
        #expect(outcome.errors == ["unhashable type: 'list'"])
        #expect(outcome.diagnostics.first?.location.line == 2)
        #expect(outcome.diagnostics.first?.location.column == 9)
        let added = run("s = set()\ns.add({})")
        #expect(added.errors == ["unhashable type: 'dict'"])
        #expect(added.diagnostics.first?.location.column == 7)
        #expect(run("print({x for x in [[1]]})").errors == ["unhashable type: 'list'"])
        #expect(run("print(set([1, {2}]))").errors == ["unhashable type: 'set'"])
        #expect(run("print([1] in {1})").errors == ["unhashable type: 'list'"])
    }

    @Test func missingElementsAndEmptyPopsAreKeyErrors() {
        let outcome = run("s = {1}\ns.remove(7)")
        #expect(outcome.errors == ["KeyError: 7 is not in the set"])
        #expect(outcome.diagnostics.first?.location.column == 10)
        #expect(run("set().pop()").errors == ["KeyError: 'pop from an empty set'"])
        #expect(run("try:\n    {1}.remove((2, 3))\nexcept KeyError as e:\n    print(e)").text == "(2, 3)")
    }

    @Test func operatorsTakeSetsOnly() {
        let outcome = run("s = {1}\nt = s | [2]")
        #expect(outcome.errors == ["unsupported operand type(s) for |: 'set' and 'list'"])
        #expect(outcome.diagnostics.first?.location.column == 7)
        #expect(run("print({1} < [1])").errors == ["'<' not supported between instances of 'set' and 'list'"])
        #expect(run("s = {1}\ns -= [1]").errors == ["unsupported operand type(s) for -=: 'set' and 'list'"])
        // The methods take any iterable.
        #expect(run("print({1, 2}.union([3], range(2)), {1, 2}.issubset([1, 2, 3]))").text == "{0, 1, 2, 3} True")
    }

    @Test func aFrozensetDoesNotChange() {
        let outcome = run("f = frozenset([1])\nf.add(2)")
        #expect(outcome.errors == ["frozenset has no member 'add'"])
        #expect(run("f = frozenset([1])\ng = f\nf |= {2}\nprint(f, g)").text == "frozenset({1, 2}) frozenset({1})")
    }

    @Test func aHugeIterableIsRefusedNotAllocated() {
        let outcome = run("s = set(range(10**10))")
        #expect(outcome.errors == ["an iterable of 10000000000 items is too long to collect"])
        #expect(outcome.kinds == [.limit(.elements)])
        #expect(run("xs = list(range(10**10))").kinds == [.limit(.elements)])
    }

    @Test func aSetIsSharedAndChangedInPlace() {
        #expect(run("a = {1}\nb = a\nb |= {2}\nb.add(3)\nprint(a, a is b, a == {3, 2, 1})").text == "{1, 2, 3} True True")
    }
}
