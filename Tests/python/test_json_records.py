"""`conv --json`: every record of every sample, and of a program that makes every kind of
record, validates against docs/conv-record.schema.json; values read back with NumPy."""
import json
import math

import jsonschema
import numpy as np
import pytest

from conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "conv-record.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SAMPLES = sorted((ROOT / "Samples").glob("*.conv"))

# Every kind of value and record: numbers, tensors with NaN and infinities, strings, bools,
# tuples, functions, modules, layers, print, explain with its figure, plot, lengths.
EVERY_KIND = """
0.1 + 0.2
[[1, 0/0], [1/0, -1/0]]
"same", true, (1, [2, 0/0])
{3, 1}
fn f(a, n=2) = a * n
f
torch
seed(0)
m = Conv1d(1, 1, 2, s=2, p=1)
m
Sequential(m, ReLU(), MaxPool1d(2))
print("a", 1, [2, 3])
explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)
explain max_pool1d([1, 3, 2, 4], 2)
plot([0, 1, 3, 2, 5], conv([0, 1, 3, 2, 5], ones(3) / 3, p=1))
lengths(L=3, k=2, s=2, p=1)
explain shape Sequential(Conv1d(1, 4, 3), ReLU())(L=64)
"""


def strict_loads(line):
    """Parses standard JSON only: NaN and Infinity literals are refused."""
    def refuse(constant):
        raise ValueError(f"not standard JSON: {constant}")
    return json.loads(line, parse_constant=refuse)


def records(result):
    return [strict_loads(line) for line in result.stdout.splitlines()]


def as_array(typed):
    """A number or tensor record's value as NumPy reads it, with the non-finite numbers put back."""
    array = np.array(typed["value"], dtype=float)
    flat = array.reshape(-1)
    for spelling, indices in typed.get("nonfinite", {}).items():
        flat[indices] = float(spelling)
    return flat.reshape(array.shape)


def check(record):
    VALIDATOR.validate(record)
    typed = [record] if record["kind"] == "value" else record.get("values", [])
    for value in typed:
        if value["dtype"] == "float64":
            assert list(as_array(value).shape) == value["shape"]


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.stem for sample in SAMPLES])
def test_every_record_of_every_sample_validates(conv, sample):
    result = conv("--json", "--seed", "0", str(sample))
    assert result.returncode == 0, result.stderr
    lines = records(result)
    assert lines, "every sample shows something"
    for record in lines:
        check(record)


def test_a_program_with_every_kind_of_record_validates(conv):
    lines = records(conv("--json", "-e", EVERY_KIND))
    for record in lines:
        check(record)
    kinds = {record["kind"] for record in lines}
    assert kinds == {"value", "print", "explain", "plot"}
    types = {record["type"] for record in lines if record["kind"] == "value"}
    assert types >= {"number", "tensor", "tuple", "set", "function", "module", "layer"}
    figures = [record for record in lines if record["kind"] in ("explain", "plot") and record["svg"]]
    assert [record["kind"] for record in figures] == ["explain", "explain", "plot"]


def test_non_finite_numbers_read_back_exactly(conv):
    record = records(conv("--json", "-e", "[[1, 0/0], [1/0, -1/0]]"))[0]
    assert record["value"] == [[1, None], [None, None]]
    got = as_array(record)
    assert got[0, 0] == 1 and math.isnan(got[0, 1])
    assert got[1, 0] == math.inf and got[1, 1] == -math.inf


def test_lists_tuples_and_prints_are_told_apart(conv):
    lines = records(conv("--json", "-e", "[1, 2]\n(1, 2)\nprint(1, 2)"))
    assert [(r["kind"], r.get("type")) for r in lines] == [("value", "tensor"), ("value", "tuple"), ("print", None)]
    assert [v["value"] for v in lines[2]["values"]] == [1, 2]


def test_diagnostics_are_records_on_stdout_and_text_on_stderr(conv):
    result = conv("--json", "-e", "1\nconv([1, 2, 3], q=2)")
    assert result.returncode == 1
    lines = records(result)
    for record in lines:
        check(record)
    assert [record["kind"] for record in lines] == ["value", "diagnostic"]
    error = lines[1]
    assert error["diagnostic_kind"] == "runtime" and error["message"] == "conv has no argument 'q'"
    assert error["range"] == {"start": {"line": 2, "column": 17}, "end": {"line": 2, "column": 18}}
    assert error["text"] in result.stderr


def test_syntax_errors_are_all_records(conv):
    result = conv("--json", "-e", "let = 1\nconv(x,, 2)")
    lines = records(result)
    assert [(r["diagnostic_kind"], r["line"]) for r in lines] == [("syntax", 1), ("syntax", 2)]
    for record in lines:
        check(record)


def test_the_schema_refuses_what_is_not_a_record():
    good = {"kind": "value", "line": 1, "type": "tensor", "dtype": "float64", "shape": [2], "value": [1, 2], "text": "[1, 2]"}
    VALIDATOR.validate(good)
    for bad in (
        {key: value for key, value in good.items() if key != "dtype"},
        dict(good, value=["NaN", 2]),
        dict(good, kind="values"),
        dict(good, extra=1),
        {"kind": "plot", "line": 1, "svg": "not a drawing", "text": ""},
    ):
        with pytest.raises(jsonschema.ValidationError):
            VALIDATOR.validate(bad)
