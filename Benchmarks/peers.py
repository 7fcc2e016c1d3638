"""The benchmark workloads W1–W3, W5c and W1f–W3f (W1–W3 in float32) in NumPy, SciPy and (when
importable) PyTorch, for `make bench`.

    peers.py [RUNS [W1,W2f,…]]

Prints one line per measurement, tab-separated: workload, peer, median milliseconds. The
optional second argument limits the workloads measured. SciPy's and PyTorch's rows are left
out when this Python cannot import them (a PyTorch environment often has no SciPy).
The Swift benchmark runs this in the same session and prints the ratio per workload. The
whole-process peers (PyTorch eager for W6; CPython, Lua 5.4 and CPython + PyTorch for W5 and W7–W9)
are run by the Swift benchmark itself, one of each in turn per round.
"""
import subprocess
import sys
import tempfile
import time

import numpy as np

try:
    import scipy.signal
except ImportError:
    scipy = None

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
WANTED = set(sys.argv[2].split(",")) if len(sys.argv) > 2 and sys.argv[2] else None


def wanted(workload):
    # W5 also selects W5c, the first round's form of the same workload.
    return WANTED is None or workload in WANTED or (workload == "W5c" and "W5" in WANTED)


def median_ms(function, runs=RUNS):
    function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1e3)
    samples.sort()
    return samples[len(samples) // 2]


def report(workload, peer, function, runs=RUNS):
    if wanted(workload):
        print(f"{workload}\t{peer}\t{median_ms(function, runs):.3f}", flush=True)


def blas_kernel():
    """Which BLAS kernel NumPy runs, when threadpoolctl can tell."""
    try:
        import threadpoolctl
    except ImportError:
        return "unknown (threadpoolctl not installed)"
    infos = threadpoolctl.threadpool_info()
    return "; ".join(f"{i.get('internal_api')} {i.get('architecture')} x{i.get('num_threads')}" for i in infos) or "none"


rng = np.random.default_rng(6)
x1 = rng.uniform(-1, 1, 1_000_000)
w9 = rng.uniform(-1, 1, 9)
w4097 = rng.uniform(-1, 1, 4097)
x2 = rng.uniform(-1, 1, (8, 64, 4096))
w2 = rng.uniform(-1, 1, (64, 64, 3))
x1f, w9f, w4097f, x2f, w2f = (a.astype(np.float32) for a in (x1, w9, w4097, x2, w2))


def numpy_layer(x, w):
    """W2: im2col + one matrix multiply per item through NumPy's BLAS."""
    padded = np.pad(x, ((0, 0), (0, 0), (1, 1)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, 3, axis=2)  # (8, 64, 4096, 3)
    columns = windows.transpose(0, 1, 3, 2).reshape(8, 64 * 3, 4096)  # im2col: one copy
    return np.matmul(w.reshape(64, 64 * 3), columns)


# W1: cross-correlation, 'valid', like conv1d without padding; W3: the long kernel.
if scipy is not None:
    report("W1", "SciPy correlate direct", lambda: scipy.signal.correlate(x1, w9, mode="valid", method="direct"))
report("W1", "NumPy correlate", lambda: np.correlate(x1, w9, mode="valid"))
if scipy is not None:
    report("W3", "SciPy oaconvolve", lambda: scipy.signal.oaconvolve(x1, w4097[::-1], mode="valid"))
    report("W3", "SciPy fftconvolve", lambda: scipy.signal.fftconvolve(x1, w4097[::-1], mode="valid"))
report("W2", "NumPy im2col+BLAS", lambda: numpy_layer(x2, w2), runs=max(3, RUNS // 2))

# W1f–W3f: the same workloads in float32.
report("W1f", "NumPy correlate", lambda: np.correlate(x1f, w9f, mode="valid"))
report("W2f", "NumPy im2col+BLAS", lambda: numpy_layer(x2f, w2f), runs=max(3, RUNS // 2))
if scipy is not None:
    report("W3f", "SciPy oaconvolve", lambda: scipy.signal.oaconvolve(x1f, w4097f[::-1], mode="valid"))

try:
    import torch

    torch.set_num_threads(2)
    tx1 = torch.from_numpy(x1).view(1, 1, -1)
    report("W1", "PyTorch f64", lambda: torch.nn.functional.conv1d(tx1, torch.from_numpy(w9).view(1, 1, -1)))
    tx2, tw2 = torch.from_numpy(x2), torch.from_numpy(w2)
    report("W2", "PyTorch f64", lambda: torch.nn.functional.conv1d(tx2, tw2, padding=1))
    tx1f = torch.from_numpy(x1f).view(1, 1, -1)
    report("W1f", "PyTorch f32", lambda: torch.nn.functional.conv1d(tx1f, torch.from_numpy(w9f).view(1, 1, -1)))
    tx2f, tw2f = torch.from_numpy(x2f), torch.from_numpy(w2f)
    report("W2f", "PyTorch f32", lambda: torch.nn.functional.conv1d(tx2f, tw2f, padding=1))
    tw4097f = torch.from_numpy(w4097f).view(1, 1, -1)
    report("W3f", "PyTorch f32", lambda: torch.nn.functional.conv1d(tx1f, tw4097f), runs=3)
except ImportError:
    pass

# W5c: CPython running the equivalent of the first round's chained script (W5 itself, the
# literal lines, runs its peers from conv-bench, beside Lua).
if wanted("W5c"):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write("a0 = 1.0\n")
        for i in range(1, 100_000):
            script.write(f"a{i} = a{i - 1} * 0.5 + {i % 97}\n")
        path = script.name
    report("W5c", "CPython", lambda: subprocess.run([sys.executable, path], check=True), runs=3)

# W4: the peers' start-up.
report("W4", "python3 -c 'import numpy'", lambda: subprocess.run([sys.executable, "-c", "import numpy"], check=True), runs=5)

print(f"#\tNumPy {np.__version__}, SciPy {scipy.__version__ if scipy else 'absent'}, BLAS: {blas_kernel()}", flush=True)
