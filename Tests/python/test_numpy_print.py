"""NumPy is the reference for conv's NumPy arrays: each case is a NumPy expression that both
python3's NumPy and conv evaluate, and conv must print exactly NumPy's `str` and `repr` of the
result. The arrays are seeded and varied: shapes of one to three axes, float64, float32, int64
and bool, integral floats, tiny and huge magnitudes, nan and infinities, rows wider than the
line, more than 1000 elements, and the results of operators, reductions and np.convolve."""
import math
import subprocess
import sys

import numpy as np
import pytest

SEPARATOR = "=" * 20


def literal(value):
    """A Python literal of nested lists that conv and Python read the same."""
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "np.nan"
        if math.isinf(value):
            return "np.inf" if value > 0 else "-np.inf"
        return repr(value)
    return repr(value)


def array_source(array):
    dtype = {"float64": "np.float64", "float32": "np.float32", "int64": "np.int64", "bool": "np.bool_"}[str(array.dtype)]
    return f"np.array({literal(array.tolist())}, dtype={dtype})"


def random_array(rng):
    """One seeded array of a random kind and shape."""
    rank = int(rng.integers(1, 4))
    shape = tuple(int(rng.integers(1, 7)) for _ in range(rank))
    if rank == 1 and rng.random() < 0.3:
        shape = (int(rng.integers(10, 40)),)  # rows wider than the line
    kind = rng.choice(["normal", "scaled", "integral", "tiny", "huge", "special", "int", "bool", "mixed"])
    size = int(np.prod(shape))
    if kind == "normal":
        values = rng.normal(size=size)
    elif kind == "scaled":
        values = rng.normal(size=size) * 10.0 ** int(rng.integers(-6, 10))
    elif kind == "integral":
        values = rng.integers(-1000, 1000, size=size).astype(float)
    elif kind == "tiny":
        values = rng.normal(size=size) * 1e-7
    elif kind == "huge":
        values = rng.normal(size=size) * 1e25
    elif kind == "special":
        values = rng.normal(size=size)
        specials = [np.nan, np.inf, -np.inf, 0.0, -0.0]
        for index in rng.integers(0, size, size=max(1, size // 3)):
            values[index] = specials[int(rng.integers(0, len(specials)))]
    elif kind == "int":
        values = rng.integers(-10 ** int(rng.integers(1, 12)), 10 ** int(rng.integers(1, 12)), size=size)
        return values.reshape(shape).astype(np.int64)
    elif kind == "bool":
        return (rng.random(size=size) < 0.5).reshape(shape)
    else:
        values = np.round(rng.normal(size=size) * 100, int(rng.integers(0, 4)))
    array = values.reshape(shape)
    return array.astype(np.float32) if rng.random() < 0.3 else array


def random_cases(seed, count):
    rng = np.random.default_rng(seed)
    return [array_source(random_array(rng)) for _ in range(count)]


# Expressions beyond literals: constructors, operators in NumPy's dtypes, reductions, shapes.
EXPRESSIONS = [
    "np.array([1.0, 2.5, 3.0])",
    "np.array([[1, 2], [3, 4]])",
    "np.array([1., 2.], dtype=np.float32)",
    "np.array([1e20, 1.5e-5])",
    "np.array([0.1, 0.2, 0.3]) * 3",
    "np.arange(10)",
    "np.arange(0, 1, 0.1)",
    "np.arange(1500)",
    "np.arange(1500) * 0.37",
    "(np.arange(2400) * 0.5).reshape(40, 60)",
    "np.arange(3000).reshape(10, 15, 20)",
    "np.arange(1200, dtype=np.float32) / 7",
    "np.linspace(0, 1, 5)",
    "np.linspace(-3, 3, 13)",
    "np.linspace(0, 1, 60)",
    "np.zeros(5)",
    "np.ones((2, 3))",
    "np.zeros((3,), dtype=np.int64)",
    "np.zeros_like(np.arange(4))",
    "np.ones_like(np.array([1.5, 2.5], dtype=np.float32))",
    "np.full((2, 2), 7)",
    "np.array([])",
    "np.zeros((0, 3))",
    "np.array(2.5)",
    "np.array(1.0)",
    "np.array(True)",
    "np.arange(6) + 0.5",
    "np.arange(6) / 4",
    "np.arange(6) // 4",
    "np.arange(6) % 4",
    "np.arange(6) ** 2",
    "np.arange(6) > 2",
    "-np.arange(6)",
    "np.arange(6, dtype=np.float32) * 0.1",
    "np.arange(6) + np.arange(6, dtype=np.float32)",
    "np.ones((2, 3)) + np.arange(3)",
    "np.arange(12).reshape(3, 4).T",
    "np.arange(12).reshape(3, 4)[1]",
    "np.arange(12).reshape(3, 4)[:, 1:3]",
    "np.arange(12).reshape(3, 4)[::-1]",
    "np.arange(12).reshape(3, 4).sum(axis=0)",
    "np.arange(12).reshape(3, 4).mean(axis=1)",
    "np.arange(12).reshape(3, 4).max(axis=0)",
    "np.sum(np.arange(12).reshape(3, 4), axis=1)",
    "np.arange(10)[np.arange(10) % 3 == 0]",
    "np.convolve(np.array([1.0, 2.0, 3.0]), np.array([0.0, 1.0, 0.5]))",
    "np.convolve(np.array([1, 2, 3]), np.array([0, 1, 1]))",
    "np.convolve(np.arange(10.0), np.ones(3) / 3, mode='same')",
    "np.convolve(np.arange(10.0), np.ones(3) / 3, mode='valid')",
    "np.correlate(np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.0, 10.0]))",
    "np.correlate(np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.0, 10.0]), 'full')",
    "np.dot(np.arange(6).reshape(2, 3), np.ones(3))",
    "np.sqrt(np.arange(5))",
    "np.exp(np.linspace(-2, 2, 5))",
    "np.array([1.0, 2.0, 3.0]).astype(np.float32)",
    "np.array([1.7, -2.2]).astype(np.int64)",
    "np.array([[0.5, 0.25]]) @ np.array([2.0, 4.0])",
    "np.array([[1.0, 2.0], [3.0, 4.0]]) @ np.array([[0.5], [0.25]])",
    "np.array([1e-5, 1.0, 1e5])",
    "np.array([1e8, 1.0])",
    "np.array([0.001, 1000.0])",
    "np.array([123456789.0, 0.5])",
    "np.array([np.nan, np.inf, -np.inf])",
    "np.array([1.5, np.nan])",
    "np.array([-0.0, 0.0])",
    "np.array([1.0 / 3, 2.0 / 3], dtype=np.float32)",
    "np.array([True, True])",
    "np.array([[True, False], [False, True]])",
]

CASES = EXPRESSIONS + random_cases(2026, 240) + random_cases(7, 60)


def numpy_texts(expression):
    value = eval(expression, {"np": np})
    return f"{value!s}\n{value!r}"


def conv_texts(conv, expressions, setup=""):
    program = "import numpy as np\n" + setup
    for expression in expressions:
        program += f"a = {expression}\nprint(a)\nprint(repr(a))\nprint({SEPARATOR!r})\n"
    result = conv("-e", program)
    assert result.returncode == 0, result.stderr
    return result.stdout.split(SEPARATOR + "\n")[:-1]


@pytest.mark.parametrize("batch", range(0, len(CASES), 50))
def test_conv_prints_arrays_as_numpy_does(conv, batch):
    expressions = CASES[batch:batch + 50]
    got = conv_texts(conv, expressions)
    assert len(got) == len(expressions)
    for expression, text in zip(expressions, got):
        assert text == numpy_texts(expression) + "\n", expression


def test_there_are_many_cases():
    assert len(CASES) >= 300


@pytest.mark.parametrize("options", [
    "precision=3", "precision=3, suppress=True", "suppress=True", "linewidth=40", "threshold=10",
    "threshold=10, edgeitems=1", "precision=2, linewidth=100",
])
def test_print_options_change_the_printout_as_numpy_does(conv, options):
    expressions = EXPRESSIONS[:20] + random_cases(11, 30)
    got = conv_texts(conv, expressions, setup=f"np.set_printoptions({options})\n")
    before = np.get_printoptions()
    try:
        eval(f"np.set_printoptions({options})", {"np": np})
        for expression, text in zip(expressions, got):
            assert text == numpy_texts(expression) + "\n", expression
    finally:
        np.set_printoptions(**before)


def test_dtypes_and_shapes_print_as_numpy_does(conv):
    program = "\n".join([
        "import numpy as np",
        "a = np.arange(6).reshape(2, 3)",
        "print(a.dtype, a.shape, a.ndim, a.size, repr(a.dtype), np.float32)",
        "print((a * 1.5).dtype, (a / 2).dtype, (a > 2).dtype, a.astype(np.float32).dtype)",
        "print(a.tolist(), a.sum(), a.mean(), a.max(), type(a).__name__)",
        "print(np.zeros(3).shape, a.T.shape, a[0, 1], a[-1])",
    ])
    a = np.arange(6).reshape(2, 3)
    expected = "\n".join([
        f"{a.dtype} {a.shape} {a.ndim} {a.size} {a.dtype!r} {np.float32}",
        f"{(a * 1.5).dtype} {(a / 2).dtype} {(a > 2).dtype} {a.astype(np.float32).dtype}",
        f"{a.tolist()} {int(a.sum())} {float(a.mean())} {int(a.max())} {type(a).__name__}",
        f"{np.zeros(3).shape} {a.T.shape} {int(a[0, 1])} {a[-1]}",
    ]) + "\n"
    result = conv("-e", program)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected


# NumPy scalars: what indexing one element, walking a 1-D array and whole reductions give, and
# what arithmetic on them gives back. NumPy 2 shows them as `2.5` in str and `np.float64(2.5)`
# in repr (in a list or tuple too).
SCALARS = [
    "np.array([2.5, 1.0])[0]",
    "np.array([2.5, 1.0])[-1]",
    "np.arange(6).reshape(2, 3)[1, 2]",
    "np.array([True, False])[0]",
    "np.array([True, False])[1]",
    "np.array([1.5, 0.1], dtype=np.float32)[1]",
    "np.array([1e20, np.nan, -np.inf])[0]",
    "np.array([1e20, np.nan, -np.inf])[1]",
    "np.array([1e20, np.nan, -np.inf])[2]",
    "np.arange(5).sum()",
    "np.array([1.0, 2.5]).sum()",
    "np.array([1.0, 2.5]).mean()",
    "np.arange(5).max()",
    "np.sum(np.array([0.5, 0.25]))",
    "np.array([1.0, 2.0]) @ np.array([3.0, 4.0])",
    "np.array([2.5])[0] + 1",
    "1 - np.array([2.5])[0]",
    "np.arange(3)[2] * 2",
    "np.arange(3)[2] / 2",
    "np.arange(3)[2] // 2",
    "np.array([1.5], dtype=np.float32)[0] + 1.0",
    "np.array([1.5], dtype=np.float32)[0] * np.array([2.0])[0]",
    "np.array([2.5])[0] > 1",
    "-np.arange(3)[1]",
    "np.float64(2.5)",
    "np.float64(3)",
    "np.int64(3)",
    "np.int64(3.7)",
    "np.float32(0.1)",
    "np.True_",
    "np.False_",
    "np.sqrt(np.array([4.0])[0])",
    "[np.array([2.5, 1.0])[0], np.arange(3)[1]]",
    "(np.arange(3)[0], np.array([True])[0])",
    "[v for v in np.array([0.5, 1.5])]",
]


def test_numpy_scalars_print_as_numpy_does(conv):
    got = conv_texts(conv, SCALARS)
    assert len(got) == len(SCALARS)
    for expression, text in zip(SCALARS, got):
        assert text == numpy_texts(expression) + "\n", expression


def test_numpy_scalars_are_python_numbers_where_python_wants_one(conv):
    """float(), int(), an index, range(), math, format specs, %, dict keys and membership read
    a NumPy scalar as the number it is."""
    lines = [
        "a = np.array([2.5, 1.0, 4.0])",
        "i = np.arange(4)",
        "print(float(a[0]), int(a[0]), int(i[3]), bool(i[0]), ['x', 'y', 'z'][i[2]], list(range(i[3])))",
        "print(f'{a[0]:.3f} {i[2]:03d} {a[0]} {i[1]!r}', '%.2f %d %s' % (a[0], i[2], a[1]))",
        "print(a[0] == 2.5, 2.5 in [a[0]], {a[0]: 'k'}[2.5], a[i[1]], type(a[0]).__name__, a[0].item(), a[0].dtype)",
        "print(sum(a), max(a), sum([a[0], a[1]]), a[0] ** 2, i[2] ** 2)",
        "print(isinstance(a[0], float), isinstance(i[0], int), isinstance(a[0], (int, float)))",
        "s = 0.0",
        "for v in a:",
        "    s += v",
        "print(repr(s))",
    ]
    program = "import numpy as np\n" + "\n".join(lines) + "\n"
    result = conv("-e", program)
    assert result.returncode == 0, result.stderr
    python = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout == python.stdout
