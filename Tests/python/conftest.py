"""Shared helpers: where the built conv is, and how to run it."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def conv_path() -> str:
    """The conv binary under test: $CONV, or the debug build."""
    return os.environ.get("CONV") or str(ROOT / ".build" / "debug" / "conv")


@pytest.fixture(scope="session")
def conv():
    path = conv_path()
    if not os.access(path, os.X_OK):
        pytest.fail(f"conv is not built at {path}; run `swift build` or set CONV")

    def run(*args, stdin=None, env=None, cwd=None):
        environment = dict(os.environ, NO_COLOR="1")
        environment.update(env or {})
        return subprocess.run([path, *args], input=stdin, capture_output=True, text=True,
                              env=environment, cwd=cwd or ROOT, timeout=60)

    return run
