"""The case table of PythonFormattingTests, made by CPython itself.

Run with python3 (3.11, the reference) to regenerate; the output is committed:

    python3 Tests/PythonFormattingTests/generate_cases.py > Tests/PythonFormattingTests/cases.jsonl

Each line is one JSON object: a "kind", its inputs, and either "out" (what Python produced) or
"error" ([exception class name, str(exception)]). Values are encoded so that JSON keeps them
exactly: ["int", "decimal digits"], ["float", "16 hex digits of the IEEE-754 bits"],
["str", text], ["bool", true], ["none"]. Random cases come from fixed seeds, so a rerun on the
same Python writes the same file.

Kinds:
  repr      {"value"}                     repr(value) of a float
  format    {"value", "spec"}             format(value, spec)
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
    raise TypeError(value)


def emit(case, run):
    try:
        case["out"] = run()
    except Exception as error:  # the table records Python's errors as they are
        case["error"] = [type(error).__name__, str(error)]
    print(json.dumps(case, ensure_ascii=True))


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


def main():
    repr_cases()
    format_cases()


main()
