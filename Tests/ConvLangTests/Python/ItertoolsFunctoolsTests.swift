import Testing
@testable import ConvLang

/// Python's `itertools` and `functools` in the language: laziness (an infinite iterator cut
/// short), where errors point, reprs, and the decorators. What they compute is compared with
/// CPython's output in the golden `Tests/Programs/python/itertools-functools`.
@Suite("Python's itertools and functools")
struct ItertoolsFunctoolsTests {
    @Test func infiniteIteratorsAreCutShortByIsliceAndBreak() {
        #expect(run("import itertools\nprint(list(itertools.islice(itertools.count(), 5)))").lines == ["[0, 1, 2, 3, 4]"])
        let loop = """
        import itertools
        for i in itertools.count(10, 5):
            if i > 20:
                break
            print(i)
        """
        #expect(run(loop).lines == ["10", "15", "20"])
        #expect(run("from itertools import cycle, islice, repeat\nprint(list(islice(cycle('ab'), 5)), list(islice(repeat(1), 2)))").lines
                == ["['a', 'b', 'a', 'b', 'a'] [1, 1]"])
        #expect(run("import itertools\nprint(list(itertools.islice(map(lambda x: x * x, itertools.count(1)), 3)))").lines == ["[1, 4, 9]"])
        #expect(run("import itertools\nprint(next(filter(lambda x: x > 3, itertools.count())))").lines == ["4"])
    }

    @Test func theyPullFromAGeneratorOnlyAsFarAsTheyMust() {
        let source = """
        from itertools import islice, takewhile, chain
        def naturals():
            n = 0
            while True:
                print("made", n)
                yield n
                n += 1
        print(list(islice(naturals(), 2)))
        print(list(takewhile(lambda x: x < 1, naturals())))
        for x in chain([7], naturals()):
            print("got", x)
            if x == 0:
                break
        """
        #expect(run(source).lines == ["made 0", "made 1", "[0, 1]", "made 0", "made 1", "[0]", "got 7", "made 0", "got 0"])
    }

    @Test func collectingAnInfiniteIteratorMeetsTheStepLimit() {
        var limits = Limits()
        limits.maximumSteps = 10_000
        let outcome = run("import itertools\nx = list(itertools.count())", limits: limits)
        #expect(outcome.kinds == [.limit(.steps)])
    }

    @Test func theyWalkEveryIterable() {
        #expect(run("import itertools, torch\nprint(len(list(itertools.chain(torch.zeros(3, 2), range(2), 'ab', {'k': 1}, (9,)))))").lines
                == ["9"])
        #expect(run("import itertools\nprint(list(itertools.pairwise(range(4))), list(itertools.batched('abcde', 2)))").lines
                == ["[(0, 1), (1, 2), (2, 3)] [('a', 'b'), ('c', 'd'), ('e',)]"])
    }

    @Test func theirReprsArePythons() {
        let source = """
        import itertools, functools
        c = itertools.count(3)
        print(repr(c), repr(itertools.count(1, 2)), repr(itertools.count(0.5)))
        _ = next(c)
        r = itertools.repeat('a', 2)
        _ = next(r)
        print(c, r, itertools.repeat(None))
        print(itertools.chain([1]), type(itertools.count()).__name__, type(itertools.tee([])[0]).__name__)
        def f(a, b=0):
            return a + b
        print(functools.partial(f, 1, b=2), functools.lru_cache(f), functools.cmp_to_key(f))
        """
        #expect(run(source).lines == [
            "count(3) count(1, 2) count(0.5)",
            "count(4) repeat('a', 1) repeat(None)",
            "<itertools.chain object> count _tee",
            "functools.partial(<function f>, 1, b=2) <functools._lru_cache_wrapper object> <functools.KeyWrapper object>",
        ])
    }

    @Test func errorsArePythonsAndPointAtTheCallOrArgument() {
        let cases: [(source: String, column: Int, message: String)] = [
            ("functools.reduce(lambda a, b: a, [])", 1, "reduce() of empty iterable with no initial value"),
            ("functools.reduce(lambda a, b: a, 3)", 34, "reduce() arg 2 must support iteration"),
            ("functools.partial(3)", 19, "the first argument must be callable"),
            ("itertools.count('a')", 17, "a number is required"),
            ("itertools.islice([1], -1)", 23, "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."),
            ("itertools.islice([1], 0, 2, 0)", 29, "Step for islice() must be a positive integer or None."),
            ("itertools.permutations([1], -1)", 29, "r must be non-negative"),
            ("itertools.cycle(5)", 17, "'int' object is not iterable"),
            ("functools.lru_cache(maxsize='a')", 29, "Expected first argument to be an integer, a callable, or None"),
            ("itertools.batched('ab', 0)", 25, "n must be at least one"),
        ]
        for item in cases {
            let outcome = run("import itertools, functools\n" + item.source)
            #expect(outcome.errors == [item.message], "\(item.source)")
            #expect(outcome.diagnostics.first?.location.line == 2, "\(item.source)")
            #expect(outcome.diagnostics.first?.location.column == item.column, "\(item.source)")
        }
    }

    @Test func theCachingDecoratorsKeepResults() {
        let source = """
        from functools import lru_cache, cache
        calls = []
        @lru_cache(maxsize=2)
        def f(n):
            calls.append(n)
            return n
        for n in [1, 2, 1, 3, 1, 2]:
            f(n)
        print(calls, f.cache_info())
        @cache
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        print(fib(200), fib.cache_info().misses)
        """
        #expect(run(source).lines == [
            "[1, 2, 3, 2] CacheInfo(hits=2, misses=4, maxsize=2, currsize=2)",
            "280571172992510140037611932413038677189525 201",
        ])
        #expect(run("from functools import cache\n@cache\ndef f(x):\n    return x\nf([1])").errors == ["unhashable type: 'list'"])
    }

    @Test func aDecoratorIsCalledWithTheFunctionAndWrapsCopiesItsName() {
        let source = """
        import functools
        def twice(func):
            @functools.wraps(func)
            def wrapper(*args, **kwargs):
                return 2 * func(*args, **kwargs)
            return wrapper
        @twice
        def three():
            "Three."
            return 3
        print(three(), three.__name__, three.__doc__, three.__wrapped__(), three)
        """
        #expect(run(source).lines == ["6 three Three. 3 <function three>"])
        #expect(run("@functools.cache\nclass A:\n    pass").errors
                == ["conv runs a subset of Python: the decorator '@functools.cache' is not part of it"])
        #expect(run("@3\ndef f():\n    pass").errors.count == 1)
        #expect(run("class A:\n    @property\n    def x(self):\n        return 1\n    @x.setter\n    def x(self, v):\n        pass").errors
                == ["conv runs a subset of Python: the decorator '@x.setter' is not part of it"])
    }

    @Test func cmpToKeySortsByTheComparison() {
        #expect(run("import functools\nprint(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))").lines == ["[3, 2, 1]"])
    }
}
