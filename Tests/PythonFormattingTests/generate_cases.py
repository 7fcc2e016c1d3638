"""The case table of PythonFormattingTests, made by CPython itself.

Run with python3 (3.11, the reference) to regenerate; the output is committed:

    python3 Tests/PythonFormattingTests/generate_cases.py > Tests/PythonFormattingTests/cases.jsonl

Each line is one JSON object: a "kind", its inputs, and either "out" (what Python produced) or
"error" ([exception class name, str(exception)]). Values are encoded so that JSON keeps them
exactly: ["int", "decimal digits"], ["float", "16 hex digits of the IEEE-754 bits"],
["str", text], ["bool", true], ["none"], and any other object by its text:
["object", str, repr, type name]. Random cases come from fixed seeds, so a rerun on the
same Python writes the same file.

Kinds:
  repr      {"value"}                     repr(value) of a float
  format    {"value", "spec"}             format(value, spec)
  percent   {"template", "args"}          template % args; args is ["tuple", [values]],
                                          ["single", value] or ["mapping", object, {key: value}]
  strformat {"template", "args", "kwargs"} template.format(*args, **kwargs)
  method    {"name", "self", "args"}      a str method (or len, [i], [a:b:c], repr, ascii) on
                                          "self"; None arguments are null; "out" is JSON
"""
import json
import math
import random
import struct
import sys

assert sys.version_info[:2] == (3, 11), "the table is CPython 3.11's"


def encode(value):
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", struct.pack(">d", value).hex()]
    if isinstance(value, str):
        return ["str", value]
    if value is None:
        return ["none"]
    return ["object", str(value), repr(value), type(value).__name__]


def emit(case, run):
    try:
        case["out"] = run()
    except Exception as error:  # the table records Python's errors as they are
        case["error"] = [type(error).__name__, str(error)]
    print(json.dumps(case, ensure_ascii=False, separators=(",", ":")))


def bits_to_float(bits):
    return struct.unpack(">d", struct.pack(">Q", bits))[0]


# ---------------------------------------------------------------------------------------------
# Floats worth printing: edges, every power of two, round decimals, ties, and random bit patterns.

def special_floats():
    values = [0.0, -0.0, math.inf, -math.inf, math.nan, -math.nan, 1.0, -1.0, 100.0, 0.1, 0.2,
              0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 9999999999999998.0, 1e16 + 2, 2e16 + 8,
              1e17, 1e-4, 1e-5, 0.0001, 0.00011, 9.999999999999999e-05, 123456789012345678.0,
              5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
              1.7976931348623157e308, -1.7976931348623157e308, 1e22, 1e23, 1e300, 1e-300,
              0.5, 1.5, 2.5, 3.5, 0.125, 0.375, 2.675, 1.005, 1.115, 0.045, 12345.678,
              9007199254740992.0, 9007199254740993.0, 4.35, 0.3, 1e-7, 123.456, 1234567.0,
              0.000123456, 99.995, 999999.5, 9.5, 0.95, 0.0005, 0.00015, 1e21, 1e-21]
    return values


def powers_of_two():
    return [2.0 ** k for k in range(-1074, 1024)]


def random_floats(rng, count):
    out = []
    for _ in range(count):
        choice = rng.random()
        if choice < 0.4:
            bits = rng.getrandbits(64)
            value = bits_to_float(bits)
            if math.isnan(value):
                continue
        elif choice < 0.6:
            value = round(rng.uniform(-1000, 1000), rng.randint(0, 6))
        elif choice < 0.8:
            value = rng.random() * 10.0 ** rng.randint(-25, 25)
        else:
            value = rng.choice([1, -1]) * rng.randint(0, 10 ** rng.randint(1, 18)) / 10 ** rng.randint(0, 10)
        out.append(value)
    return out


def repr_cases():
    rng = random.Random(1)
    floats = special_floats() + powers_of_two() + random_floats(rng, 4000)
    for value in floats:
        emit({"kind": "repr", "value": encode(value)}, lambda: repr(value))


# ---------------------------------------------------------------------------------------------
# format(value, spec)

FILLS = ["", "", "", "*", " ", "0", "x", "é", "→", "\U0001F600", "{", "<", "=", "z"]
ALIGNS = ["", "", "<", ">", "^", "="]
SIGNS = ["", "", "+", "-", " "]


def random_spec(rng, types, allow_z=True):
    fill = rng.choice(FILLS)
    align = rng.choice(ALIGNS)
    if not align:
        fill = ""
    spec = fill + align
    spec += rng.choice(SIGNS)
    if allow_z and rng.random() < 0.15:
        spec += "z"
    if rng.random() < 0.2:
        spec += "#"
    if rng.random() < 0.2:
        spec += "0"
    if rng.random() < 0.6:
        spec += str(rng.randint(0, 30))
    grouping = rng.random()
    if grouping < 0.15:
        spec += ","
    elif grouping < 0.3:
        spec += "_"
    return spec, rng.choice(types)


FLOAT_TYPES = ["", "e", "E", "f", "F", "g", "G", "n", "%"]
INT_TYPES = ["", "b", "c", "d", "o", "x", "X", "n"]


def interesting_ints(rng):
    values = [0, 1, -1, 7, -7, 42, 255, -255, 1000, 1234, -1234, 12345, 123456, 1234567,
              -1234567, 10 ** 9, 65, 0x10FFFF, 0x110000, 2 ** 31, 2 ** 53 + 1,
              2 ** 63 - 1, -(2 ** 63), -(2 ** 63) + 1, 2 ** 62, 9007199254740993]
    values += [rng.randint(-(2 ** 63), 2 ** 63 - 1) for _ in range(40)]
    values += [rng.randint(-10 ** rng.randint(1, 12), 10 ** rng.randint(1, 12)) for _ in range(40)]
    return values


def format_cases():
    rng = random.Random(2)
    floats = special_floats() + random_floats(rng, 300)
    ints = interesting_ints(rng)
    strings = ["", "a", "abc", "hello world", "é", "naïve", "日本語", "\U0001F600x", "e\u0301",
               "tab\there", "0123456789", "-42"]

    # Random specs in the full grammar, valid and not.
    for _ in range(2500):
        value = rng.choice(floats)
        spec, kind = random_spec(rng, FLOAT_TYPES)
        if rng.random() < 0.7:
            spec += "." + str(rng.randint(0, 20))
        spec += kind
        emit({"kind": "format", "value": encode(value), "spec": spec}, lambda: format(value, spec))
    for _ in range(1500):
        value = rng.choice(ints)
        spec, kind = random_spec(rng, INT_TYPES + ["f", "e", "%", "g"])
        if rng.random() < 0.05:
            spec += ".2"
        spec += kind
        emit({"kind": "format", "value": encode(value), "spec": spec}, lambda: format(value, spec))
    for _ in range(600):
        value = rng.choice(strings)
        spec, kind = random_spec(rng, ["", "", "s"])
        if rng.random() < 0.3:
            spec += "." + str(rng.randint(0, 6))
        spec += kind
        emit({"kind": "format", "value": encode(value), "spec": spec}, lambda: format(value, spec))
    for _ in range(150):
        value = rng.choice([True, False])
        spec, kind = random_spec(rng, INT_TYPES + ["f", "s"])
        spec += kind
        emit({"kind": "format", "value": encode(value), "spec": spec}, lambda: format(value, spec))

    # Precision sweeps of e, f, g, % on random doubles, huge and tiny values.
    for _ in range(2500):
        value = rng.choice(floats) if rng.random() < 0.5 else random_floats(rng, 1)[0]
        kind = rng.choice(["e", "f", "g", "%", "", "E", "G", "F"])
        precision = rng.choice([0, 1, 2, 3, 5, 6, 10, 15, 16, 17, 20, 25, 40, rng.randint(0, 60)])
        width = rng.choice(["", "", str(rng.randint(1, 40))])
        spec = width + "." + str(precision) + kind
        emit({"kind": "format", "value": encode(value), "spec": spec}, lambda: format(value, spec))
    for value in [1e300, 5e-324, 1.7976931348623157e308, 0.1, 2 ** -1074, 1e-300]:
        for spec in [".300f", ".400e", ".100g", ".1074f", ".330e", "f", "#.0f", "#.0e", ".0%"]:
            emit({"kind": "format", "value": encode(value), "spec": spec}, lambda: format(value, spec))

    # Hand-picked cases: every feature once, on purpose.
    fixed = [
        (1234567.891, ","), (1234567.891, "_"), (1234567.891, ",.2f"), (1234567.891, "_.3e"),
        (-1234567.891, "020,.2f"), (1234.5, "010,.2f"), (1234, "010,"), (12345, "09,"),
        (1, "_<010,"), (-1234, "=+12,"), (255, "#x"), (255, "#X"), (255, "#b"), (255, "#o"),
        (-255, "#010x"), (255, "_b"), (2 ** 40, "_x"), (2 ** 40, "#_X"), (2 ** 40, ",x"),
        (65, "c"), (65, "^5c"), (65, "05c"), (0x1F600, "c"), (-1, "c"), (0x110000, "c"),
        (65, "+c"), (65, "#c"), (5, ".2"), (5, "z"), (5, "zf"), (-0.0, "z"), (-0.0001, "z.2f"),
        (-0.0, "z.1e"), (-1e-10, "z.3g"), (0.5, ".0f"), (1.5, ".0f"), (2.5, ".0f"), (2.5, ".0"),
        (100.0, ".3"), (1.0, ".3"), (1e16, ""), (1e16, ".17"), (1e16, "g"), (123.0, ".2"),
        (0.00001, ""), (0.00001, ".1"), (math.inf, "010"), (-math.inf, "=+010"),
        (math.nan, "+"), (-math.nan, "f"), (math.inf, "F"), (math.inf, "E"), (math.nan, "%"),
        (math.inf, "#,.2%"), (1e300, "f"), (3.14159, "\x00"), (5, "\x00"), ("a", "\x00"),
        (5, "é"), (5, "abc"), (5, "1" * 30), (1.5, "." + "9" * 25), (1.5, ".2147483648f"),
        ("a", "d"), (1.5, "d"), (5, "s"), (True, "s"), (True, ""), (False, ""), (True, ">5"),
        (True, ".2f"), (True, "d"), (True, "x"), ("a", ","), (5, ",n"), (5, "_n"), (5, ",c"),
        (5, ",,"), (5, ",_"), (5, "_,"), (5, "._"), (5, "."), (1.5, "."), ("ab", "05"),
        ("ab", "=5"), ("ab", "+"), ("ab", " "), ("ab", "-"), ("ab", "z"), ("ab", "#"),
        ("abc", ".1"), ("abc", "10.2"), ("abc", "^9"), ("abc", "*^10"), ("abc", "é>6"),
        ("日本", "^7"), ("x", "\U0001F600<4"), ("abc", "<"), (1234, "n"), (1234.5, "n"),
        (1234.5, ".3n"), (0.1, "%"), (0.1234, ".1%"), (-0.5, "%"), (12, "%"), (1e-7, ""),
        (1e-7, "f"), (123456789.0, "e"), (0.0, "e"), (0.0, "g"), (0.0, "#g"), (0.0, "%"),
        (-0.0, ""), (-0.0, "+"), (0.0, " "), (9.999999, ".2f"), (9.995, ".2f"), (0.125, ".2f"),
        (0.375, ".2f"), (2.675, ".2f"), (1e22, ",.0f"), (1e23, ","), (2 ** 63 - 1, ",d"),
        (-(2 ** 63), "_d"), (-(2 ** 63), "#x"), (-(2 ** 63), "#b"), (2 ** 63 - 1, "e"),
        (2 ** 63 - 1, ".3%"), (7, "٣"), (7, "٣.٢f"), (7.0, "٣.٢f"), ("x", "١٠"),
        (7, "=^9"), (-7, "x=^9"), (-7, "x=9"), (-7, "<09"), (7, "^09"), (7, "=09"), (3.0, "<09"),
    ]
    for value, spec in fixed:
        emit({"kind": "format", "value": encode(value), "spec": spec}, lambda: format(value, spec))


# ---------------------------------------------------------------------------------------------
# template % args

def percent_operand(args):
    if isinstance(args, tuple):
        return ["tuple", [encode(item) for item in args]]
    if isinstance(args, (dict, list)):  # CPython takes any subscriptable operand for a mapping
        entries = args.items() if isinstance(args, dict) else []
        return ["mapping", encode(args), {key: encode(item) for key, item in entries}]
    return ["single", encode(args)]


def emit_percent(template, args):
    emit({"kind": "percent", "template": template, "args": percent_operand(args)},
         lambda: template % args)


def percent_cases():
    rng = random.Random(3)
    floats = special_floats() + random_floats(rng, 200)
    ints = interesting_ints(rng)
    strings = ["", "a", "abc", "héllo", "it's", 'say "hi"', "日本語", "tab\t", "\x00\x7f\u200b"]
    others = [None, True, False, [1, 2], (1, "a"), {"k": 1}]
    codes_numeric = "diuoxXeEfFgG"
    for _ in range(3000):
        code = rng.choice(codes_numeric + "srac")
        if code in "oxX":
            value = rng.choice(ints) if rng.random() < 0.9 else rng.choice(floats + strings)
        elif code in "diu":
            value = rng.choice(ints) if rng.random() < 0.6 else rng.choice(floats + [True, None, "7"])
        elif code in "eEfFgG":
            value = rng.choice(floats) if rng.random() < 0.8 else rng.choice(ints + [True, "x", None])
        elif code == "c":
            value = rng.choice([65, 0x1F600, 0x10FFFF, 0x110000, -1, "a", "ab", "é", 1.5, True])
        else:
            value = rng.choice(strings + others + ints[:5] + floats[:20])
        flags = "".join(rng.choice(["", "", "-", "+", " ", "#", "0"]) for _ in range(rng.randint(0, 3)))
        width = rng.choice(["", "", str(rng.randint(0, 25))])
        precision = rng.choice(["", "", "." + str(rng.randint(0, 20)), "."])
        template = rng.choice(["", "x=", "[", "é "]) + "%" + flags + width + precision + code + rng.choice(["", "]", " ok"])
        emit_percent(template, (value,) if rng.random() < 0.8 or isinstance(value, (tuple, list, dict)) else value)
    for _ in range(300):
        values = tuple(rng.choice(ints + floats[:30] + strings) for _ in range(rng.randint(0, 4)))
        template = " ".join(rng.choice(["%s", "%r", "%d", "%.2f", "%5s", "%-5s|", "%x", "%%", "%e"])
                            for _ in range(rng.randint(0, 4)))
        emit_percent(template, values)
    fixed = [
        ("%.3f", 2.0 / 3), ("%d/%d", (3, 4)), ("%s %r", ("a", "a")), ("%i", 42), ("%5.1e", 12345.678),
        ("%g", 1e-5), ("%g", 123456789.0), ("%#g", 1.0), ("%#.0f", 1.0), ("%#.0e", 2.5), ("%.0e", 2.5),
        ("%x", 255), ("%#X", 255), ("%#o", 8), ("%o", -8), ("%c", 65), ("%c", "é"), ("%%", ()),
        ("%5%", ()), ("%5%", (1,)), ("100%%", ()), ("%*d", (5, 42)), ("%-*d|", (5, 42)), ("%*d", (-5, 42)),
        ("%.*f", (2, 3.14159)), ("%.*f", (-1, 2.5)), ("%*.*f", (10, 3, 3.14159)), ("%*d", (3.0, 5)),
        ("%*d", (True, 5)), ("%.*f", (2 ** 31, 1.0)), ("%.*s", (2, "abcdef")), ("%*s", ("a", "b")),
        ("%s", ()), ("%s %s", ("a",)), ("%s", ("a", "b")), ("hi", 5), ("hi", ()), ("hi", "x"),
        ("%s", "abc"), ("%s", None), ("%r", None), ("%d", None), ("%d", "1"), ("%f", "a"), ("%f", None),
        ("%x", 3.5), ("%o", "a"), ("%X", None), ("%d", 3.99), ("%d", -3.99), ("%d", -0.5), ("%d", 1e300),
        ("%d", -1e20), ("%d", math.inf), ("%d", -math.inf), ("%d", math.nan), ("%i", True), ("%s", True),
        ("%r", False), ("%f", True), ("%x", True), ("%c", 3.0), ("%c", "ab"), ("%c", ""), ("%c", 0x110000),
        ("%c", -1), ("%c", True), ("%c", None), ("%", ()), ("%", (1,)), ("%5", (1,)), ("%.", (1,)),
        ("%-", (1,)), ("%*", (1,)), ("%.*", (1, 2)), ("%z", ()), ("%z", (1,)), ("%é", (1,)),
        ("ab%\x01", (1,)), ("%\x7f", (1,)), ("%ld", 5), ("%hd", 5), ("%Lf", 1.5), ("%lld", 5),
        ("%(a)s", 5), ("%(a)s", {"a": 1}), ("%(a)s %(b)r", {"a": 1, "b": "x"}), ("%(a)s", {"b": 1}),
        ("%(a", {"a": 1}), ("%(", {}), ("%(a)s %s", {"a": 1}), ("%s", {"a": 1}), ("x", {"a": 1}),
        ("%(a(b))s", {"a(b)": 2}), ("%(a)5.2f|", {"a": 3.14159}), ("%(a)", {"a": 1}),
        ("%05d", 5), ("%05d", -5), ("%-05d|", 5), ("%+d", 5), ("% d", 5), ("%+ d", 5), ("% +d", -5),
        ("%05s", "a"), ("%05s", -3), ("%+s", "a"), ("%05c", 65), ("%05f", math.inf), ("% 05.1f", math.nan),
        ("%+.3e", -0.0), ("%08.3f", -3.14159), ("%#08x", -31), ("%+#010.4X", 255), ("%#5x", 255),
        ("%#-8o|", 8), ("%#.3o", 8), ("%.5d", -42), ("%010.5d", -42), ("%-+8.3d|", 7), ("%.0d", 0),
        ("%s", 1.5), ("%r", 1e16), ("%s", -0.0), ("%.2s", "abc"), ("%.0s", "abc"), ("%5.2s|", "abc"),
        ("%-5.2r|", "abc"), ("%a", "é"), ("%r", "é"), ("%a", "\U0001F600"), ("%s", "\U0001F600"),
        ("%5s|", "日本"), ("%e", 1e300), ("%.20e", 0.1), ("%.30f", 0.1), ("%.60g", 0.1),
        ("%f", 1e300), ("%G", 1e-20), ("%E", math.inf), ("%F", -math.inf), ("%F", math.nan),
        ("%s %s %s", (1, 2.5, "x")), ("%s", ((1, 2),)), ("%s", [1, 2]), ("hi", [1]), ("%r", ([1, "a"],)),
        ("%d", 2 ** 63 - 1), ("%x", -(2 ** 63)), ("%o", 2 ** 63 - 1), ("%.0f", 0.5), ("%.0f", 1.5),
        ("%9999999999999999999d", 1), ("%.9999999999d", 1), ("%.2147483648f", 1.0),
    ]
    for template, args in fixed:
        emit_percent(template, args)


# ---------------------------------------------------------------------------------------------
# template.format(*args, **kwargs)

def emit_strformat(template, args=(), kwargs=None):
    kwargs = kwargs or {}
    emit({"kind": "strformat", "template": template, "args": [encode(item) for item in args],
          "kwargs": {key: encode(item) for key, item in kwargs.items()}},
         lambda: template.format(*args, **kwargs))


def strformat_cases():
    rng = random.Random(4)
    values = [0, 7, -42, 1234567, 2 ** 63 - 1, 0.1, -2.5, 1e16, 1 / 3, math.inf, math.nan, -0.0,
              "", "a", "abc", "it's", "日本", True, False, None]
    # Random fields with random specs over random values.
    for _ in range(1200):
        count = rng.randint(1, 4)
        args = [rng.choice(values) for _ in range(count)]
        parts = []
        for index, value in enumerate(args):
            conversion = rng.choice(["", "", "", "!r", "!s", "!a"])
            if isinstance(value, bool) or value is None or conversion:
                types = ["", "s"] if conversion or value is None else ["", "d", "x", ".2f"]
            elif isinstance(value, int):
                types = ["", "d", "x", "b", ",", "_", "e", ".1%", "c"]
            elif isinstance(value, float):
                types = ["", "e", "f", "g", ".3", ".2f", ".1%", ","]
            else:
                types = ["", "s", ".2"]
            textual = conversion or isinstance(value, str)
            aligns = ["", "", ">8", "<6", "^9", "*^11", "é>5"] + ([] if textual else ["+", "08", "=+10"])
            spec = rng.choice(aligns) + rng.choice(types)
            if value is None and spec:
                spec = ""
            name = rng.choice(["", str(index)]) if rng.random() < 0.5 else ""
            field = "{" + (str(index) if name else "") + conversion + (":" + spec if spec else "") + "}"
            parts.append(field)
        auto = all(part.startswith("{}") or part.startswith("{!") or part.startswith("{:") for part in parts)
        if not auto:
            parts = ["{" + str(i) + part[1:] if part[1:2] in ("}", "!", ":") else part for i, part in enumerate(parts)]
        literal = rng.choice(["", " ", ", ", " | ", "{{", "}}", "x"])
        emit_strformat(literal.join(parts) + rng.choice(["", ".", "{{}}"]), args)
    # Nested specs, keyword fields, items and the tutorial lines.
    for _ in range(200):
        value = rng.choice([v for v in values if isinstance(v, float)])
        width, precision = rng.randint(0, 15), rng.randint(0, 8)
        kind = rng.choice(["f", "e", "g", "%", ""])
        emit_strformat("{v:{w}.{p}" + kind + "}", (), {"v": value, "w": width, "p": precision})
        emit_strformat("{:{}.{}" + kind + "}", (value, width, precision))
        emit_strformat("{0:{fill}{align}{1}}", (value, width), {"fill": rng.choice("*0é"), "align": rng.choice("<>^=")})
    fixed = [
        ("{} {0} {name} {x!r:>10} {v:{w}.{p}f} {{}}", (1, 2), {"name": "n", "x": "x", "v": 3.14159, "w": 8, "p": 2}),
        ("{0} {name} {x!r:>10} {v:{w}.{p}f} {{}}", (1,), {"name": "n", "x": "x", "v": 3.14159, "w": 8, "p": 2}),
        ("{} {}", (1, 2), {}), ("{0} {0} {1}", ("a", "b"), {}), ("{1} {0}", ("a", "b"), {}),
        ("Epoch {}/{}: loss={:.4f}", (1, 10, 0.123456), {}), ("{:>6.2%}", (0.5,), {}),
        ("{name:>10}", (), {"name": "x"}), ("{0[0]}{0[2]}", ("abc",), {}), ("{0[5]}", ("abc",), {}),
        ("{0[-1]}", ("abc",), {}), ("{0[x]}", ("abc",), {}), ("{0[0]}", (5,), {}), ("{0.foo}", (5,), {}),
        ("{0.}", (5,), {}), ("{0[]}", ("abc",), {}), ("{0[0}", ("abc",), {}), ("{0[0]x}", ("abc",), {}),
        ("{0[0].x}", ("abc",), {}), ("{0[0][0]}", ("abc",), {}), ("{0[00]}", ("abc",), {}),
        ("{0[99999999999999999999]}", ("abc",), {}), ("{99999999999999999999}", (1,), {}),
        ("{0}", (), {}), ("{3}", (1, 2), {}), ("{}", (), {}), ("{} {}", (1,), {}), ("{x}", (), {}),
        ("{0} {}", (1, 2), {}), ("{} {0}", (1, 2), {}), ("{} {x} {}", (1, 2), {"x": 3}),
        ("}", (), {}), ("{", (), {}), ("a}b", (), {}), ("a{b", (), {}), ("}}{{", (), {}), ("{{}}", (), {}),
        ("{0!}", (1,), {}), ("{0!r", (1,), {}), ("{0!rx}", (1,), {}), ("{0!x}", (1,), {}), ("{0!r:}", (1,), {}),
        ("{0!s:>5}", (1,), {}), ("{0!a}", ("é",), {}), ("{0!r}", ("é",), {}), ("{!r}", ("a'b",), {}),
        ("{0:", (1,), {}), ("{0:{", (1,), {}), ("{0:{}", (1,), {}), ("{0", (1,), {}), ("{0{}", (1,), {}),
        ("{a{}", (), {"a": 1}), ("{:{:{}}}", (1, 2, 3), {}), ("{0:{1:{2}}}", (1, 2, 3), {}),
        ("{:{}}", (5, 3), {}), ("{:{}}{}", (5, 3, "z"), {}), ("{0:{1}}{}", (5, 3), {}),
        ("{:>{w}}", ("a",), {"w": 5}), ("{:{w}}", (1.5,), {"w": ".3"}), ("{:{}x}", (255, 8), {}),
        ("{0:}", (1,), {}), ("{:}", ("x",), {}), ("{!s}", (None,), {}), ("{}", (None,), {}),
        ("{:>5}", (None,), {}), ("{:d}", ("a",), {}), ("{:s}", (1,), {}), ("{:,}", ("a",), {}),
        ("{0[}]}", ("a",), {}), ("{a[}]}", (), {"a": "x"}), ("{ }", (), {" ": 1}), ("{é}", (), {"é": 2}),
        ("{٣}", (1, 2, 3, 4), {}), ("{0}}", (1,), {}), ("{0}}}", (1,), {}), ("{{{0}}}", (1,), {}),
        ("x{0!r:^9}y", ("a",), {}), ("{:}}", (1,), {}), ("{!}", (1,), {}), ("{:!}", (1,), {}),
        ("{0} {1", (1, 2), {}), ("{5} {", (1,), {}), ("{} }", (), {}), ("{0:x} {0:!}", (1,), {}),
        ("{0:{1}} }", (1, 2), {}), ("{0:{1}} }", (1, "!"), {}), ("{0!q} {", (1,), {}),
        ("{:{:}}", (1, 2), {}), ("{0:{x!r}}", (1,), {"x": ""}), ("{0:{x!}}", (1,), {"x": ""}),
    ]
    for template, args, kwargs in fixed:
        emit_strformat(template, args, kwargs)


# ---------------------------------------------------------------------------------------------
# str methods, by code point

TEXTS = [
    "", " ", "a", "abc", "hello world", "  hello   world  ", "a,b,,c,", ",a,", "aaa", "abab", "ababab",
    "Hello, World!", "they're bill's friends from the UK", "hELLO wORLD", "ΟΔΟΣ ΟΔΟΣ.", "ΣΑΣ Σ", "aΣb",
    "Σ", "ΑΣ'Σ", "straße", "ŉ ǅungla ǆ", "İstanbul", "ﬁne ﬂow", "\t tab\tand\nnewline\r\n",
    "line1\nline2\r\nline3\rline4\x0bv\x0cf\x1cfs\x1dgs\x1ers\x85nel\u2028ls\u2029ps\n",
    "\n\n", "\r\n", "\x1c\x1f\u3000\xa0 wide\u2003spaces\x85", "12345", "-42", "+7", "3.14",
    "²³", "٣٤٥", "½", "一二三", "Ⅻ", "abc123", "abc 123", "ABC", "Abc Def", "日本語テキスト",
    "\U0001F600 smile \U0001F600", "e\u0301 cafe\u0301", "x\u200by", "\x00\x07\x7f", "it's", 'say "hi"',
    "both ' and \"", "back\\slash", "\u0378\ue000\U000e0001", "\xad soft", "mIxEd CaSe 123 ÀÉÎ",
]
SUBS = ["", " ", "a", "b", "ab", "aa", ",", "o", "l", "ll", "world", "Σ", "\n", "\U0001F600", "xyz", "1"]


def emit_method(name, text, args, call):
    emit({"kind": "method", "name": name, "self": text, "args": args}, call)


def method_cases():
    rng = random.Random(5)
    bounds = [None, None, 0, 1, 2, -1, -3, 3, 5, 100, -100]
    for text in TEXTS:
        for name in ["upper", "lower", "title", "capitalize", "swapcase", "isdigit", "isalpha", "isspace",
                     "isalnum", "isdecimal", "isnumeric", "isupper", "islower"]:
            emit_method(name, text, [], lambda: getattr(text, name)())
        for keepends in [False, True]:
            emit_method("splitlines", text, [keepends], lambda: text.splitlines(keepends))
        emit_method("len", text, [], lambda: len(text))
        emit_method("repr", text, [], lambda: repr(text))
        emit_method("ascii", text, [], lambda: ascii(text))
        for chars in [None, " ", "lo", "Σ.", ""]:
            for name in ["strip", "lstrip", "rstrip"]:
                emit_method(name, text, [chars], lambda: getattr(text, name)(chars))
        for sep in [None, " ", ",", "ab", "\n", "Σ", ""]:
            for maxsplit in [-1, 0, 2]:
                for name in ["split", "rsplit"]:
                    emit_method(name, text, [sep, maxsplit], lambda: getattr(text, name)(sep, maxsplit))
    for _ in range(2500):
        text = rng.choice(TEXTS)
        name = rng.choice(["find", "rfind", "index", "rindex", "count", "startswith", "endswith",
                           "replace", "center", "ljust", "rjust", "zfill", "getitem", "slice", "join"])
        sub = rng.choice(SUBS + [text[:2], text[-2:]])
        start, end = rng.choice(bounds), rng.choice(bounds)
        if name in ("find", "rfind", "index", "rindex", "count"):
            emit_method(name, text, [sub, start, end], lambda: getattr(text, name)(sub, start, end))
        elif name in ("startswith", "endswith"):
            prefix = [sub, rng.choice(SUBS)] if rng.random() < 0.3 else sub
            emit_method(name, text, [prefix, start, end],
                        lambda: getattr(text, name)(tuple(prefix) if isinstance(prefix, list) else prefix, start, end))
        elif name == "replace":
            new, count = rng.choice(["", "-", "XY", "é", "\U0001F600"]), rng.choice([-1, -1, 0, 1, 2, 5])
            emit_method(name, text, [sub, new, count], lambda: text.replace(sub, new, count))
        elif name in ("center", "ljust", "rjust"):
            width, fill = rng.randint(-2, 30), rng.choice([" ", " ", "*", "é", "\U0001F600", "ab", ""])
            emit_method(name, text, [width, fill], lambda: getattr(text, name)(width, fill))
        elif name == "zfill":
            width = rng.randint(-2, 20)
            emit_method(name, text, [width], lambda: text.zfill(width))
        elif name == "getitem":
            index = rng.randint(-len(text) - 2, len(text) + 2)
            emit_method(name, text, [index], lambda: text[index])
        elif name == "slice":
            step = rng.choice([None, None, 1, 2, 3, -1, -2, -5, 0])
            emit_method(name, text, [start, end, step], lambda: text[start:end:step])
        else:
            items = [rng.choice(TEXTS) for _ in range(rng.randint(0, 4))]
            emit_method(name, text, [items], lambda: text.join(items))
    for width in [2, 3, 4, 5, 6, 7]:
        for text in ["", "a", "ab", "abc"]:
            emit_method("center", text, [width, "*"], lambda: text.center(width, "*"))


def main():
    repr_cases()
    format_cases()
    percent_cases()
    strformat_cases()
    method_cases()


main()
