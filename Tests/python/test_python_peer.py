"""Python itself is the reference for conv's Python: every program in Tests/Programs/python is
plain Python, and its expected file must be exactly what python3 prints for it. (The Swift
program-golden runner checks that conv prints the same file.) A program that python3 refuses,
or whose output drifts from its expected file, fails here."""
import pathlib
import subprocess
import sys

import pytest

FOLDER = pathlib.Path(__file__).resolve().parents[1] / "Programs" / "python"
PROGRAMS = sorted(FOLDER.glob("*.conv"))


def test_there_are_programs():
    assert len(PROGRAMS) >= 10


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_expected_file_is_what_python_prints(program):
    result = subprocess.run([sys.executable, program.name], cwd=FOLDER, capture_output=True,
                            text=True, timeout=60, env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == program.with_suffix(".expected").read_text()


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_conv_prints_what_python_prints(conv, program):
    result = conv(program.name, cwd=FOLDER)
    assert result.returncode == 0, result.stderr
    assert result.stdout == program.with_suffix(".expected").read_text()
