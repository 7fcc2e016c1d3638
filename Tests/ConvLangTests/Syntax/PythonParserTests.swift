import Testing
@testable import ConvLang

@Suite("Parser: Python statements")
struct PythonStatementTests {
    @Test func functionDefinitions() {
        #expect(Syntax.tree("def f(a, b=1, *args, c, d=2, **kw) -> int:\n    return a + b") ==
                "(def f (a b=1 *args c d=2 **kw) ((return (+ a b))))")
        #expect(Syntax.tree("def f(x: int, y: list = []) -> None: pass") == "(def f (x y=(list)) ((pass)))")
        #expect(Syntax.tree("def f(a, /, b, *, c): return") == "(def f (a / b * c) ((return)))")
        #expect(Syntax.tree("def f(): ...") == "(def f () (...))")
    }

    @Test func parameterRules() {
        #expect(Syntax.errors("def f(a=1, b): pass") == ["1:12 parameter 'b' needs a default value, since the one before it has one"])
        #expect(Syntax.errors("def f(*, a=1, b): pass") == [])
        #expect(Syntax.errors("def f(a, a): pass") == ["1:10 duplicate parameter 'a'"])
        #expect(Syntax.errors("def f(*): pass") == ["1:7 a bare '*' must be followed by a keyword-only parameter"])
        #expect(Syntax.errors("def f(**k, a): pass") == ["1:12 '**k' must be the last parameter"])
        #expect(Syntax.errors("def f(*a, *b): pass") == ["1:11 only one '*' may appear among the parameters"])
    }

    @Test func classesWithBasesAndMethods() {
        let text = """
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv1 = nn.Conv1d(1, 4, 3)

            def forward(self, x):
                return self.conv1(x)
        """
        #expect(Syntax.tree(text) == "(class Net ((. nn Module)) ((def __init__ (self) ((call (. (call super) __init__)) "
                + "(set self conv1 (call (. nn Conv1d) 1 4 3)))) (def forward (self x) ((return (call (. self conv1) x))))))")
        #expect(Syntax.tree("class A: pass") == "(class A () ((pass)))")
        #expect(Syntax.tree("class A(B, metaclass=M): pass") == "(class A (B metaclass=M) ((pass)))")
    }

    @Test func decoratorsAreRecorded() {
        let text = "class A:\n    @staticmethod\n    def s(): pass\n    @property\n    def p(self): return 1\n    @torch.no_grad()\n    def g(self): pass"
        #expect(Syntax.tree(text) == "(class A () ((def @staticmethod s () ((pass))) (def @property p (self) ((return 1))) "
                + "(def @(call (. torch no_grad)) g (self) ((pass)))))")
        let (_, statements) = Syntax.statements("@classmethod\n@functools.cache\ndef f(cls): pass")
        guard case .functionDefinition(let definition)? = statements.first else {
            Issue.record("expected a def")
            return
        }
        #expect(definition.decorators.map(\.known) == [.classmethod, nil])
        #expect(UnsupportedSyntax.decorator("functools.cache").message
                == "conv runs a subset of Python: the decorator '@functools.cache' is not part of it")
    }

    @Test func conditionals() {
        let text = "if a:\n    x = 1\nelif b: x = 2\nelif c:\n    pass\nelse:\n    x = 3"
        #expect(Syntax.tree(text) == "(if (a ((let x 1))) (b ((let x 2))) (c ((pass))) (else ((let x 3))))")
        #expect(Syntax.tree("if __name__ == \"__main__\":\n    main()") == "(if ((== __name__ \"__main__\") ((call main))))")
        // The `else` belongs to the `if` at its own indentation.
        #expect(Syntax.tree("if a:\n    if b: c\nelse: d") == "(if (a ((if (b (c))))) (else (d)))")
    }

    @Test func loops() {
        #expect(Syntax.tree("for i, (a, b) in enumerate(pairs):\n    s += a\nelse:\n    done = True") ==
                "(for (tuple i (tuple a b)) (call enumerate pairs) ((+= s a)) (else ((let done true))))")
        #expect(Syntax.tree("for x in 1, 2: print(x)") == "(for x (tuple 1 2) ((call print x)))")
        #expect(Syntax.tree("for x.y, z[0] in w: pass") == "(for (tuple (. x y) (index z 0)) w ((pass)))")
        #expect(Syntax.tree("while n > 0:\n    n -= 1\n    if n == 3: break\n    continue\nelse: pass") ==
                "(while (> n 0) ((-= n 1) (if ((== n 3) ((break)))) (continue)) (else ((pass))))")
    }

    @Test func oneLineSuitesHoldSeveralStatements() {
        #expect(Syntax.tree("if x: y = 1; z = 2\nw = 3") == "(if (x ((let y 1) (let z 2)))) (let w 3)")
        #expect(Syntax.errors("if x: for y in z: pass") == ["1:7 'for' cannot follow ':' on the same line"])
    }

    @Test func assignments() {
        #expect(Syntax.tree("a = b = 0") == "(assign a b 0)")
        #expect(Syntax.tree("Y[i] = v") == "(assign (index Y i) v)")
        #expect(Syntax.tree("x[:, 0] = 0") == "(assign (index x (slice _ _ _) 0) 0)")
        #expect(Syntax.tree("x[0][1] = 2") == "(assign (index (index x 0) 1) 2)")
        #expect(Syntax.tree("a, *rest = xs") == "(assign (tuple a *rest) xs)")
        #expect(Syntax.tree("[a, (b, c)] = t") == "(assign (list a (tuple b c)) t)")
        #expect(Syntax.tree("self.conv1 = nn.Conv1d(1, 1, 2)") == "(set self conv1 (call (. nn Conv1d) 1 1 2))")
        #expect(Syntax.tree("x: int = 3") == "(annotate x int 3)")
        #expect(Syntax.tree("self.w: Tensor") == "(annotate (. self w) Tensor)")
        #expect(Syntax.tree("x += 1; m.w *= 2; v[0] @= w; b //= 2") == "(+= x 1) (*= (. m w) 2) (@= (index v 0) w) (//= b 2)")
    }

    @Test func theShortLanguagesAssignmentsKeepTheirStatements() {
        #expect(Syntax.tree("x = 1") == "(let x 1)")
        #expect(Syntax.tree("a, b = t") == "(let (a b) t)")
        #expect(Syntax.tree("(a, b) = t") == "(let (a b) t)")
        #expect(Syntax.tree("m.weight = w") == "(set m weight w)")
    }

    @Test func badTargetsAreLocated() {
        #expect(Syntax.errors("f(x) = 1") == ["1:1 cannot assign to this expression"])
        #expect(Syntax.errors("a, 1 = t") == ["1:4 cannot assign to this expression"])
        #expect(Syntax.errors("a, b += 1") == ["1:1 cannot use '+=' on this expression"])
        #expect(Syntax.errors("*a, *b = c") == ["1:5 only one starred target may appear in an assignment"])
        #expect(Syntax.errors("*a = c") == ["1:1 a starred target must be inside a tuple or list"])
        #expect(Syntax.errors("a, b: int = 1") == ["1:1 only a single target can be annotated"])
        #expect(Syntax.errors("for f() in x: pass") == ["1:5 cannot assign to this expression"])
        #expect(Syntax.errors("del f()") == ["1:5 cannot delete this expression"])
    }

    @Test func simpleStatements() {
        #expect(Syntax.tree("def f():\n    global a, b\n    nonlocal c\n    return a, b") ==
                "(def f () ((global a b) (nonlocal c) (return (tuple a b))))")
        #expect(Syntax.tree("del x, y[0], z.w") == "(del x (index y 0) (. z w))")
        #expect(Syntax.tree("raise") == "(raise)")
        #expect(Syntax.tree("raise ValueError(\"bad\") from e") == "(raise (call ValueError \"bad\") e)")
        #expect(Syntax.tree("assert x > 0, \"positive\"") == "(assert (> x 0) \"positive\")")
        #expect(Syntax.tree("assert x") == "(assert x)")
        #expect(Syntax.tree("pass; pass") == "(pass) (pass)")
    }

    @Test func assertAsACallStaysTheBuiltin() {
        #expect(Syntax.tree("assert(x > 0, \"msg\")") == "(call assert (> x 0) \"msg\")")
        #expect(Syntax.tree("assert (x)") == "(call assert x)")
        #expect(Syntax.tree("assert (x) == y") == "(assert (== x y))")
        #expect(run("assert(1 == 2, \"sizes differ\")").errors == ["assertion failed: sizes differ"])
        #expect(Syntax.tree("fn h(x) = assert(x > 0, \"positive\")") == "(fn h x (call assert (> x 0) \"positive\"))")
    }

    @Test func returnBreakAndContinueNeedTheirPlace() {
        #expect(Syntax.errors("return 1") == ["1:1 'return' outside function"])
        #expect(Syntax.errors("break") == ["1:1 'break' outside loop"])
        #expect(Syntax.errors("for x in y:\n    def f():\n        continue") == ["3:9 'continue' outside loop"])
        #expect(Syntax.errors("class A:\n    return 1") == ["2:5 'return' outside function"])
        #expect(Syntax.errors("nonlocal a") == ["1:1 nonlocal declaration not allowed at module level"])
        #expect(Syntax.errors("def f(): return [lambda: x for x in y]") == [])
    }

    @Test func withAndTry() {
        #expect(Syntax.tree("with open(p) as f, lock:\n    data = f.read()") ==
                "(with (as (call open p) f) lock ((let data (call (. f read)))))")
        #expect(Syntax.tree("with a as (b, c): pass") == "(with (as a (tuple b c)) ((pass)))")
        let text = "try:\n    x = 1\nexcept (ValueError, TypeError) as e:\n    raise\nexcept Exception:\n    pass\n"
            + "except:\n    pass\nelse:\n    y = 2\nfinally:\n    z = 3"
        #expect(Syntax.tree(text) == "(try ((let x 1)) (except (tuple ValueError TypeError) as e ((raise))) "
                + "(except Exception ((pass))) (except ((pass))) (else ((let y 2))) (finally ((let z 3))))")
        #expect(Syntax.tree("try: pass\nfinally: pass") == "(try ((pass)) (finally ((pass))))")
        #expect(Syntax.errors("try:\n    pass\nx = 1") == ["3:1 expected 'except' or 'finally' after the 'try' block"])
        #expect(Syntax.errors("try: pass\nexcept: pass\nexcept E: pass") == ["2:1 a bare 'except:' must be the last handler"])
    }

    @Test func imports() {
        #expect(Syntax.tree("import torch, numpy as np") == "(import torch numpy as np)")
        #expect(Syntax.tree("import torch.nn.functional as F") == "(import torch.nn.functional as F)")
        #expect(Syntax.tree("from torch.nn import functional as F, Conv1d") == "(from torch.nn import functional as F Conv1d)")
        #expect(Syntax.tree("from ..a.b import (c,\n    d as e,)") == "(from ..a.b import c d as e)")
        #expect(Syntax.tree("from . import x") == "(from . import x)")
        #expect(Syntax.tree("from math import *") == "(from math import *)")
        let (_, statements) = Syntax.statements("import torch.nn as nn, typing\nfrom numpy import pi")
        let modules = statements.compactMap { statement -> [String]? in
            guard case .importLine(let line) = statement else { return nil }
            return line.modules.map(\.name)
        }
        #expect(modules == [["torch.nn", "typing"], ["numpy"]])
    }

    @Test func fnIsANameExceptWhereItDefinesAFunction() {
        #expect(Syntax.tree("fn f(a) = a * 2") == "(fn f a (* a 2))")
        #expect(Syntax.tree("fn = lambda x: x") == "(let fn (lambda (x) x))")
        #expect(Syntax.tree("fn(3)") == "(call fn 3)")
        // `let` and `explain` stay keywords.
        #expect(Syntax.errors("let = 1") == ["1:5 expected a name after 'let', found '='"])
    }

    @Test func misplacedClauses() {
        #expect(Syntax.errors("else:\n    pass") == ["1:1 'else' must follow an 'if', 'for', 'while' or 'try' block at the same indentation"])
        #expect(Syntax.errors("if a:\n    b\n    elif c: d") == ["3:5 'elif' must follow an 'if' block at the same indentation"])
    }
}

@Suite("Parser: Python expressions")
struct PythonExpressionTests {
    @Test func precedenceFollowsPython() {
        #expect(Syntax.tree("a | b ^ c & d << 1 + 2 * 3") == "(| a (^ b (& c (<< d (+ 1 (* 2 3))))))")
        #expect(Syntax.tree("a @ b * c") == "(* (@ a b) c)")
        #expect(Syntax.tree("-a ** 2 @ b") == "(@ (- (** a 2)) b)")
        #expect(Syntax.tree("~x + 1") == "(+ (~ x) 1)")
        #expect(Syntax.tree("a < b | c") == "(< a (| b c))")
        #expect(Syntax.tree("not a in b") == "(not (in a b))")
        #expect(Syntax.tree("a is not b and c not in d") == "(and (is not a b) (not in c d))")
        #expect(Syntax.tree("a is b < c") == "(and (is a b) (< b c))")
        #expect(Syntax.tree("x >> 1 << 2") == "(<< (>> x 1) 2)")
    }

    @Test func conditionalsAndLambdas() {
        #expect(Syntax.tree("a if c else b") == "(ifexp c a b)")
        #expect(Syntax.tree("a if b else c if d else e") == "(ifexp b a (ifexp d c e))")
        #expect(Syntax.tree("a or b if c or d else e") == "(ifexp (or c d) (or a b) e)")
        #expect(Syntax.tree("lambda: 0") == "(lambda () 0)")
        #expect(Syntax.tree("lambda x, y=2, *a, k, **kw: x if y else -x") == "(lambda (x y=2 *a k **kw) (ifexp y x (- x)))")
        #expect(Syntax.tree("f(key=lambda p: p[1])") == "(call f key=(lambda (p) (index p 1)))")
        #expect(Syntax.errors("a if b") == ["1:7 expected 'else' in the conditional expression, found end of input"])
    }

    @Test func displays() {
        #expect(Syntax.tree("[1, *xs, 2]") == "(list 1 *xs 2)")
        #expect(Syntax.tree("(*a, b)") == "(tuple *a b)")
        #expect(Syntax.tree("{}") == "(dict)")
        #expect(Syntax.tree("{'a': 1, **d, b: 2,}") == "(dict (\"a\" 1) **d (b 2))")
        #expect(Syntax.tree("{1, 2, *s}") == "(set-of 1 2 *s)")
        #expect(Syntax.tree("{1}") == "(set-of 1)")
        #expect(Syntax.tree("x[...]") == "(index x ...)")
        #expect(Syntax.tree("x[..., 0]") == "(index x ... 0)")
    }

    @Test func comprehensions() {
        #expect(Syntax.tree("[i * 2 for i in range(10) if i % 2 == 0]") ==
                "(listcomp (* i 2) (for i (call range 10)) (if (== (% i 2) 0)))")
        #expect(Syntax.tree("[x for row in m for x in row if x if x > 1]") ==
                "(listcomp x (for row m) (for x row) (if x) (if (> x 1)))")
        #expect(Syntax.tree("{k: v for k, v in d.items()}") == "(dictcomp k v (for (tuple k v) (call (. d items))))")
        #expect(Syntax.tree("{x for x in s}") == "(setcomp x (for x s))")
        #expect(Syntax.tree("(x for x in xs)") == "(gen x (for x xs))")
        #expect(Syntax.tree("[a if c else b for x in y]") == "(listcomp (ifexp c a b) (for x y))")
        #expect(Syntax.tree("[x for x in a or b]") == "(listcomp x (for x (or a b)))")
    }

    @Test func generatorArguments() {
        #expect(Syntax.tree("sum(x for x in xs)") == "(call sum (gen x (for x xs)))")
        #expect(Syntax.tree("f((x for x in xs), 1)") == "(call f (gen x (for x xs)) 1)")
        #expect(Syntax.errors("f(x for x in xs, 1)") == ["1:3 a generator expression must be the only argument, or be in parentheses"])
    }

    @Test func unpackingAndKeywordArguments() {
        #expect(Syntax.tree("f(a, *args, k=1, *more, **kw)") == "(call f a *args k=1 *more **kw)")
        #expect(Syntax.tree("Conv1d(in=1, out=2, k=3)") == "(call Conv1d in=1 out=2 k=3)")
        #expect(Syntax.errors("f(**kw, a)") == ["1:9 a positional argument cannot follow '**' unpacking"])
        #expect(Syntax.errors("f(k=1, a)") == ["1:8 a positional argument cannot follow the named argument 'k'"])
    }

    @Test func rangesOfRepresentativeNodes() {
        let (source, statements) = Syntax.statements("def f(x):\n    for i in range(3):\n        x[i] += lambda: i if x else 0\n    return x")
        guard case .functionDefinition(let definition)? = statements.first,
              case .forStatement(let loop)? = definition.body.first,
              case .augmentedAssign(let target, _, let operatorRange, let value, let range)? = loop.body.first,
              case .lambda(_, let body, _) = value else {
            Issue.record("unexpected shape")
            return
        }
        #expect(Syntax.span(definition.range, in: source) == "1:1-4:13")
        #expect(Syntax.span(definition.nameRange, in: source) == "1:5-1:6")
        #expect(Syntax.span(loop.range, in: source) == "2:5-3:38")
        #expect(Syntax.span(loop.iterable.range, in: source) == "2:14-2:22")
        #expect(Syntax.span(target.range, in: source) == "3:9-3:13")
        #expect(Syntax.span(operatorRange, in: source) == "3:14-3:16")
        #expect(Syntax.span(range, in: source) == "3:9-3:38")
        #expect(Syntax.span(body.range, in: source) == "3:25-3:38")
    }

    @Test func deepNestingOfNewFormsIsAnErrorNotACrash() {
        let lambdas = String(repeating: "lambda: ", count: 5_000) + "0"
        #expect(Syntax.errors(lambdas).first?.contains("nested too deeply") == true)
        let conditionals = String(repeating: "a if b else ", count: 5_000) + "c"
        #expect(Syntax.errors(conditionals).first?.contains("nested too deeply") == true)
        let fields = String(repeating: "f'{", count: 3_000) + "x" + String(repeating: "}'", count: 3_000)
        #expect(!Syntax.errors(fields).isEmpty)
    }
}
