"""Hostile files end to end through the built conv: a script of ten million tiny lines, .npy
headers that lie about their size, a CSV of a million columns on one line, blocks and f-strings
nested thousands deep, and a history file that is a FIFO or a directory. Each ends in a result
or a clear error; nothing traps or hangs, and reading stays within bounded memory."""
import os
import struct
import subprocess

import numpy as np
import pexpect

from conftest import conv_path
from test_repl import PROMPT, enter, environment, finish

TEN_MILLION = 10_000_000


def run_measured(tmp_path, *args):
    """conv ARGS under /usr/bin/time: the result, and the peak resident memory in KiB."""
    peak = tmp_path / "peak-kib"
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(peak), conv_path(), *args],
                            capture_output=True, text=True, cwd=tmp_path,
                            env=dict(os.environ, NO_COLOR="1"), timeout=300)
    return result, int(peak.read_text().split()[-1])


def write_tiny_lines(tmp_path):
    script = tmp_path / "tiny.conv"
    with open(script, "w") as file:
        for _ in range(TEN_MILLION // 100_000):
            file.write("x=1\n" * 100_000)
    return script


def test_ten_million_tiny_lines_stop_at_the_time_limit_while_being_read(tmp_path):
    # Read whole, the script takes minutes and 3 GB unoptimised; the time limit covers reading.
    script = write_tiny_lines(tmp_path)
    result, peak_kib = run_measured(tmp_path, "--timeout", "2", str(script))
    assert result.returncode == 1, result.stderr
    assert "error: the program took longer than its time limit of 2 s to read" in result.stderr
    assert result.stdout == ""
    assert peak_kib < 1_500_000, f"{peak_kib} KiB"


def test_ten_million_tiny_lines_stop_at_the_memory_budget_while_being_read(tmp_path):
    script = write_tiny_lines(tmp_path)
    result, peak_kib = run_measured(tmp_path, "--max-memory", "300MB", str(script))
    assert result.returncode == 1, result.stderr
    assert "error: out of memory while reading the program" in result.stderr
    assert peak_kib < 1_000_000, f"{peak_kib} KiB"


def npy(header, data):
    """A version 1 .npy file with a hand-written header (padded as NumPy pads it)."""
    text = header.encode("latin-1")
    text += b" " * (63 - (10 + len(text)) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text + data


def test_npy_headers_that_lie_about_their_size_are_clear_errors(conv, tmp_path):
    data = np.arange(4.0).tobytes()
    lies = {
        "huge.npy": ("(1000000000000,)", "more than the limit"),
        "overflow.npy": ("(9223372036854775807, 2)", "more elements than can be counted"),
        "short.npy": ("(2,)", "should be 16 bytes for its shape and type, but it is 32 bytes"),
        "long.npy": ("(8,)", "should be 64 bytes for its shape and type, but it is 32 bytes"),
        "negative.npy": ("(-4,)", "malformed"),
    }
    for name, (shape, message) in lies.items():
        (tmp_path / name).write_bytes(npy(f"{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}", data))
        result = conv("-e", f'x = load("{name}")', cwd=tmp_path)
        assert result.returncode == 1, (name, result.stderr)
        assert message in result.stderr, (name, result.stderr)
        assert "Fatal error" not in result.stderr
    # A header whose length field points past the end of the file.
    (tmp_path / "cut.npy").write_bytes(b"\x93NUMPY\x01\x00\xff\xff{'descr': '<f8'")
    result = conv("-e", 'x = load("cut.npy")', cwd=tmp_path)
    assert result.returncode == 1 and "cut short in its header" in result.stderr, result.stderr


def test_a_csv_of_a_million_columns_on_one_line_loads_or_meets_the_element_limit(conv, tmp_path):
    (tmp_path / "wide.csv").write_text(",".join(["1.5"] * 1_000_000) + "\n")
    result = conv("-e", 'x = load("wide.csv")\nprint(len(x), x[999999])', cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1000000", "1.5"]
    limited = conv("--max-elements", "1000", "-e", 'x = load("wide.csv")', cwd=tmp_path)
    assert limited.returncode == 1
    assert "holds 1000000 values, more than the limit of 1000" in limited.stderr


def test_blocks_and_f_strings_nested_thousands_deep_are_errors_not_crashes(conv, tmp_path):
    depth = 5_000
    blocks = "".join(" " * level + "if 1:\n" for level in range(depth)) + " " * depth + "x = 1\n"
    fstrings = 'f"{' * 3_000 + "1" + '}"' * 3_000 + "\n"
    cases = {"blocks.py": (blocks, "too many levels of indentation (more than 100)"),
             "fstrings.py": (fstrings, "nested too deeply")}
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text)
        result = conv(name, cwd=tmp_path)
        assert result.returncode == 1, (name, result.stderr[:300])
        assert message in result.stderr, (name, result.stderr[:300])
        assert "Fatal error" not in result.stderr and "Segmentation" not in result.stderr


def start_with_history(home, history):
    """conv on a pseudo-terminal with its history at `history`; the child, and what it showed
    before its first prompt."""
    env = environment(home)
    env["CONV_HISTFILE"] = str(history)
    child = pexpect.spawn(conv_path(), env=env, encoding="utf-8", dimensions=(30, 120), timeout=15)
    child.expect_exact(PROMPT)
    return child, child.before


def test_a_history_file_that_is_a_fifo_neither_hangs_nor_is_read(tmp_path):
    fifo = tmp_path / "fifo-history"
    os.mkfifo(fifo)
    child, banner = start_with_history(tmp_path, fifo)
    assert "not a regular file" in banner, banner
    assert "2" in enter(child, "1 + 1")
    finish(child)
    # Saving writes beside it and renames over it, so the FIFO is never opened.
    assert fifo.read_text().splitlines()[-1] == "1 + 1"


def test_a_history_file_that_is_a_directory_is_a_warning_and_the_session_goes_on(tmp_path):
    folder = tmp_path / "folder-history"
    folder.mkdir()
    child, banner = start_with_history(tmp_path, folder)
    assert "history" in banner, banner
    assert "2" in enter(child, "1 + 1")
    finish(child)
    assert folder.is_dir() and list(folder.iterdir()) == []
