"""The memory budget end to end: twelve 800 MB tensors under an 8 GiB address-space limit end
in conv's out-of-memory error (exit 1 for a script; the REPL session goes on), never a trap."""
import os
import subprocess

import pexpect

from conftest import conv_path
from test_repl import PROMPT, enter, environment, finish

# 8 GiB of address space, as `ulimit -v 8388608` sets it (in KiB).
ADDRESS_SPACE_KIB = 8388608
TWELVE = [f"let x{i} = zeros(100000000)" for i in range(12)]


def under_address_limit(*args):
    """conv ARGS in a shell whose address space is limited to 8 GiB."""
    return ["/bin/sh", "-c", f'ulimit -v {ADDRESS_SPACE_KIB} && exec "$0" "$@"', conv_path(), *args]


def test_a_script_of_twelve_large_tensors_ends_with_the_memory_error(tmp_path):
    script = tmp_path / "twelve.conv"
    script.write_text("\n".join(TWELVE + ["shape(x0)"]) + "\n")
    result = subprocess.run(under_address_limit(str(script)), capture_output=True, text=True,
                            env=dict(os.environ, NO_COLOR="1"), timeout=300)
    assert result.returncode == 1, result.stderr
    assert "error: out of memory" in result.stderr
    assert "free memory with del" in result.stderr
    assert "Fatal error" not in result.stderr and "failed to allocate" not in result.stderr
    # It stopped at a tensor past the first ten or so, and printed nothing after it.
    assert "(100000000,)" not in result.stdout


def test_the_repl_reports_the_memory_error_and_keeps_the_session(tmp_path):
    child = pexpect.spawn(under_address_limit()[0], under_address_limit()[1:], env=environment(tmp_path),
                          encoding="utf-8", dimensions=(30, 120), timeout=120)
    child.expect_exact(PROMPT)
    seen = "".join(enter(child, line) for line in TWELVE)
    assert "out of memory" in seen, seen
    assert "Fatal error" not in seen
    # The bindings made before the error are intact, and the session goes on.
    assert "(100000000,)" in enter(child, "shape(x0)")
    assert "3" in enter(child, "1 + 2")
    finish(child)
