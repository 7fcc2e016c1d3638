"""A long session: 10,000 entries (bindings, large temporary tensors, errors, interrupts) in one
REPL. Its resident memory must come back to within 10% of its level after the first 1,000
entries, and its bindings and history must be intact at the end."""
import time

import pexpect

from conftest import conv_path
from test_repl import PROMPT, environment

ENTRIES = 10_000
BATCH = 50


def entry(i):
    """The i-th entry of the soak: a mix of what a long session does."""
    kind = i % 10
    if kind == 0:
        return f"let big{i % 20} = zeros(200000)"  # rebinding keeps at most 20 alive
    if kind == 1:
        return "sum(rand(100000))"  # a large temporary
    if kind == 2:
        return "conv([1, 2], [1, 2, 3])"  # a refusal
    if kind == 3:
        return f"missing_{i}"  # an unknown name
    if kind == 4:
        return f"let k{i % 50} = {i} * 2"
    if kind == 5:
        return "fn f(x) = x + 1"
    if kind == 6:
        return f"f({i})"
    if kind == 7:
        return "shape(conv(rand(1, 1, 20000), rand(1, 1, 5), s=2))"
    if kind == 8:
        return f"for j in range(3): last = j + {i}"
    return "let t = tensor([1, 2, 3]) * 2"


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def settle(child, mark):
    """Prints `mark` and waits for it, so every entry sent before it has run."""
    child.sendline(f'print("{mark}")')
    child.expect_exact(f"\r\n{mark}\r\n")
    child.expect_exact(PROMPT)


# Each pass does real work, so that Ctrl-C, not the step limit, ends the loop even in the
# optimised build (an empty pass reaches the limit within the pause below).
LOOP = "while True: s = sum(range(1000))"


def interrupt_a_loop(child):
    child.sendline(LOOP)
    time.sleep(0.2)
    child.sendintr()
    child.expect_exact("error: interrupted", timeout=60)
    child.expect_exact(PROMPT)


def test_ten_thousand_entries_keep_memory_bindings_and_history(tmp_path):
    child = pexpect.spawn(conv_path(), env=environment(tmp_path), encoding="utf-8",
                          dimensions=(30, 120), timeout=120)
    # pexpect waits 50 ms before each send by default: 8 minutes over 10,000 entries.
    child.delaybeforesend = None
    child.expect_exact(PROMPT)
    began = time.monotonic()
    child.sendline("let keep = 4242")
    child.expect_exact(PROMPT)
    baseline = None
    for start in range(0, ENTRIES, BATCH):
        for i in range(start, start + BATCH):
            child.sendline(entry(i))
        settle(child, f"mark-{start}")
        if (start + BATCH) % 1000 == 0:
            interrupt_a_loop(child)
        if start + BATCH == 1000:
            baseline = resident_kib(child.pid)
    final = resident_kib(child.pid)
    # The figures docs/robustness.md quotes (shown with pytest -s).
    print(f"soak: {ENTRIES} entries in {time.monotonic() - began:.0f} s; resident {baseline} KiB after 1,000, {final} KiB at the end")
    assert final <= baseline * 1.10, f"resident memory grew from {baseline} KiB to {final} KiB"

    # Bindings made at the start and on the way are intact.
    child.sendline("keep")
    child.expect_exact("\r\n4242\r\n")
    child.expect_exact(PROMPT)
    child.sendline("k44")
    child.expect_exact(f"\r\n{(ENTRIES - 6) * 2}\r\n")
    child.expect_exact(PROMPT)
    child.sendline(":quit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    # The history file holds the session's last entries, in order.
    history = (tmp_path / ".local" / "state" / "conv" / "history").read_text()
    assert history.endswith("\nkeep\nk44\n:quit\n")
    assert f"{entry(ENTRIES - 1)}\nprint(\"mark-{ENTRIES - BATCH}\")\n{LOOP}\n" in history
