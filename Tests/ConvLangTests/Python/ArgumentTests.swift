import Testing
@testable import ConvLang

/// Python's argument passing: keyword-only parameters, `**kwargs`, `f(*xs, **d)` on functions,
/// methods, lambdas and builtins, and Python's TypeErrors word for word (each checked against
/// python3 for the same code).
@Suite("Python arguments")
struct ArgumentTests {
    private let full = "def f(a, b=2, *args, c, d=4, **kwargs):\n    return (a, b, args, c, d, kwargs)\n"

    @Test func parametersOfEveryKindBind() {
        #expect(show(full + "f(1, c=3)") == "(1, 2, (), 3, 4, {})")
        #expect(show(full + "f(1, 5, 6, c=8, e=9)") == "(1, 5, (6,), 8, 4, {\"e\": 9})")
        #expect(show(full + "f(c=1, a=0, z=2, d=3)") == "(0, 2, (), 1, 3, {\"z\": 2})")
        // A positional-only name given by name goes to **kwargs.
        #expect(show("def g(a, /, **kw):\n    return a, kw\ng(1, a=2)") == "(1, {\"a\": 2})")
    }

    @Test func spreadingGivesArgumentsAsIfWrittenOut() {
        #expect(show(full + "f(*[1, 2, 3], **{\"c\": 30, \"x\": 1})") == "(1, 2, (3,), 30, 4, {\"x\": 1})")
        #expect(show(full + "f(1, *(5, 6), d=0, **{\"c\": 7})") == "(1, 5, (6,), 7, 0, {})")
        // Methods, lambdas and builtins.
        let method = "class C:\n    def m(self, x, *, y):\n        return x - y\nC().m(**{\"x\": 5, \"y\": 2}), C().m(*[9], y=1)"
        #expect(show(method) == "(3, 8)")
        #expect(show("(lambda x, **more: (x, more))(**{\"x\": 1, \"k\": 2})") == "(1, {\"k\": 2})")
        #expect(show("max(*[3, 9, 4]), round(*(2.567,), **{\"ndigits\": 1})") == "(9, 2.6)")
    }

    @Test func mismatchesArePythonsTypeErrors() {
        let pair = "def pair(a, b):\n    return a, b\n"
        let keyed = "def keyed(a, *, c):\n    return a, c\n"
        #expect(show(pair + "pair(1, 2, z=3)") == "error: pair() got an unexpected keyword argument 'z'")
        #expect(show(pair + "pair(1, a=2)") == "error: pair() got multiple values for argument 'a'")
        #expect(show(keyed + "keyed(1)") == "error: keyed() missing 1 required keyword-only argument: 'c'")
        #expect(show(pair + "pair(1, 2, 3)") == "error: pair() takes 2 positional arguments but 3 were given")
        #expect(show(pair + "pair()") == "error: pair() missing 2 required positional arguments: 'a' and 'b'")
        #expect(show("def t(a, b, c):\n    pass\nt()") == "error: t() missing 3 required positional arguments: 'a', 'b', and 'c'")
        #expect(show("def k(a, b=1):\n    pass\nk(1, 2, 3)") == "error: k() takes from 1 to 2 positional arguments but 3 were given")
        #expect(show("def z():\n    pass\nz(1)") == "error: z() takes 0 positional arguments but 1 was given")
        #expect(show(keyed + "keyed(1, 2, c=3)")
            == "error: keyed() takes 1 positional argument but 2 positional arguments (and 1 keyword-only argument) were given")
        #expect(show("def h(a, /, b):\n    pass\nh(a=1, b=2)")
            == "error: h() got some positional-only arguments passed as keyword arguments: 'a'")
    }

    @Test func spreadingErrorsArePythons() {
        let pair = "def pair(a, b):\n    return a, b\n"
        #expect(show(pair + "pair(*[1], **{\"b\": 2, \"a\": 3})") == "error: pair() got multiple values for argument 'a'")
        #expect(show(pair + "pair(1, **{\"b\": 2}, b=3)") == "error: __main__.pair() got multiple values for keyword argument 'b'")
        #expect(show(pair + "pair(**{1: 2})") == "error: keywords must be strings")
        #expect(show(pair + "pair(**[1])") == "error: __main__.pair() argument after ** must be a mapping, not list")
        #expect(show(pair + "pair(*1)") == "error: __main__.pair() argument after * must be an iterable, not int")
        #expect(show("print(**{\"sep\": 1}, sep=2)") == "error: print() got multiple values for keyword argument 'sep'")
    }

    @Test func errorsNameMethodsAndNestedFunctionsByTheirQualifiedName() {
        #expect(show("class A:\n    def m(self, x):\n        pass\nA().m()") == "error: A.m() missing 1 required positional argument: 'x'")
        #expect(show("class A:\n    def m(self, x):\n        pass\nA().m(1, 2)") == "error: A.m() takes 2 positional arguments but 3 were given")
        #expect(show("def outer():\n    def inner(q):\n        pass\n    return inner\nouter()(1, 2)")
            == "error: outer.<locals>.inner() takes 1 positional argument but 2 were given")
        #expect(show("(lambda x: x)(1, 2)") == "error: <lambda>() takes 1 positional argument but 2 were given")
    }

    @Test func errorsAreLocatedAtTheCallAndCatchable() {
        let outcome = run("def pair(a, b):\n    pass\npair(1, z=2)")
        #expect(outcome.errors == ["pair() got an unexpected keyword argument 'z'"])
        let caught = "def pair(a, b):\n    pass\ntry:\n    pair(1)\nexcept TypeError as e:\n    r = str(e)\nr"
        #expect(show(caught) == "\"pair() missing 1 required positional argument: 'b'\"")
    }
}
