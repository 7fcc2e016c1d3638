"""conv's convolution against an independent NumPy implementation of PyTorch's rules."""
import json

import numpy as np
import pytest


def reference(x, w, b, s, p, d):
    """PyTorch's conv1d for one channel, written with NumPy: zero-pad, correlate the dilated
    kernel, keep every s-th output."""
    padded = np.concatenate([np.zeros(p), x, np.zeros(p)])
    k = len(w)
    dilated = np.zeros(d * (k - 1) + 1)
    dilated[::d] = w
    full = np.correlate(padded, dilated, mode="valid")
    return full[::s] + b


def literal(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


@pytest.mark.parametrize("seed", range(40))
def test_random_single_channel_cases_match_numpy(conv, seed):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 6))
    d = int(rng.integers(1, 4))
    s = int(rng.integers(1, 4))
    p = int(rng.integers(0, 4))
    span = d * (k - 1) + 1
    length = int(rng.integers(max(1, span - 2 * p), 30))
    x = rng.normal(size=length)
    w = rng.normal(size=k)
    b = float(rng.normal())
    source = f"conv({literal(x)}, {literal(w)}, b={b!r}, s={s}, p={p}, d={d})"
    result = conv("--json", "-e", source)
    assert result.returncode == 0, result.stderr
    got = np.array(json.loads(result.stdout)["value"])
    np.testing.assert_allclose(got, reference(x, w, b, s, p, d), rtol=1e-12, atol=1e-12)


def test_refusal_when_the_kernel_is_longer_than_the_padded_input(conv):
    result = conv("-e", "conv([1, 2, 3], [1, 1, 1], d=2)")
    assert result.returncode == 1
    assert "padded length 3" in result.stderr and "kernel span 5" in result.stderr


def test_json_round_trips_full_precision(conv):
    values = np.random.default_rng(7).normal(size=50)
    result = conv("--json", "-e", f"{literal(values)} * 1")
    assert result.returncode == 0
    assert np.array_equal(np.array(json.loads(result.stdout)["value"]), values)
