"""The keys of the interactive session in a real pseudo-terminal: history search and prefix
history, Ctrl-C, Ctrl-\\, Ctrl-Z with fg, window resizes, and the colours of the raw byte stream.

The line editor redraws with cursor motions, so each test waits for text that is written in one
piece (a prompt, a value) and checks the effect of a key by what the next entry evaluates to."""
import re
import shutil
import subprocess

import pexpect

from conftest import conv_path
from test_repl import CONTINUATION, PROMPT, UP, enter, environment, finish, home, start  # noqa: F401

DOWN = "\x1b[B"
CTRL_R = "\x12"


def test_ctrl_c_in_history_search_cancels_the_search_and_keeps_the_line(home):
    child = start(home)
    enter(child, "let a = 5")
    enter(child, "let marker = 40")
    child.send("a + ")
    child.send(CTRL_R)
    child.expect_exact("(reverse-i-search)''")
    child.send("m")
    # The first match appears whole, after the pattern.
    child.expect_exact("let marker = 40")
    child.sendintr()
    child.expect_exact(PROMPT)
    # The line is `a + ` again, and every binding is still there.
    assert "10" in enter(child, "5")
    assert "40" in enter(child, "marker")
    finish(child)


def test_history_search_runs_the_match_on_enter(home):
    child = start(home)
    enter(child, "let found = 7 * 6")
    enter(child, "1 + 1")
    child.send(CTRL_R)
    child.expect_exact("(reverse-i-search)''")
    child.send("fou")
    child.expect_exact("let found = 7 * 6")
    child.send("\r")
    child.expect_exact("found: int")
    child.expect_exact(PROMPT)
    assert "42" in enter(child, "found")
    finish(child)


def test_up_and_down_search_history_by_the_typed_prefix(home):
    child = start(home)
    for line in ["let a = 1", "let b = 2", "let a2 = 3", "b + 100"]:
        enter(child, line)
    # `let a`, Up, Up: the entries starting with `let a`, newest first.
    child.send("let a" + UP + UP)
    shown = enter(child, "")
    assert "a: int" in shown and "a2:" not in shown and "b:" not in shown
    # On an empty line Up walks every entry, as before: `let a = 1` just ran, then `b + 100`.
    child.send(UP + UP)
    assert "102" in enter(child, "")
    # Down from an older match comes back to a newer one: Up shows `let a = 1`, `let a2 = 3`,
    # the first `let a = 1`; Down goes back to `let a2 = 3`.
    child.send("let a" + UP + UP + UP + DOWN)
    assert "a2: int" in enter(child, "")
    finish(child)


def test_ctrl_backslash_discards_the_line_and_never_dumps_core(home):
    child = start(home)
    enter(child, "let kept = 3")
    child.send("lost_line")
    # The key must reach the editor after the line it discards, not before it is read.
    child.expect_exact("lost_line")
    child.sendcontrol("\\")
    child.expect_exact("^\\")
    child.expect_exact(PROMPT)
    assert "4" in enter(child, "kept + 1")
    finish(child)


def test_ctrl_backslash_stops_an_evaluation_like_ctrl_c(home):
    child = start(home)
    enter(child, "let keep = 7")
    enter(child, "let a = rand(2000000)")
    enter(child, "fn h(n) = sum(conv(a, rand(20001)))")
    enter(child, "fn h10(n) = h(n) + h(n) + h(n) + h(n) + h(n) + h(n) + h(n) + h(n) + h(n) + h(n)")
    child.sendline('print("started"); h10(0) + h10(0) + h10(0) + h10(0) + h10(0) + h10(0) + h10(0) + h10(0)')
    # The entry prints first: once that is seen, the evaluation runs.
    child.expect_exact("started\r\n")
    child.sendcontrol("\\")
    child.expect_exact("error: interrupted", timeout=60)
    child.expect_exact(PROMPT)
    assert "7" in enter(child, "keep")
    finish(child)


def test_a_resize_redraws_the_line_and_listings_use_the_new_width(home):
    child = start(home)
    enter(child, "let x = [2, 3, 4]")
    child.send("conv(x, ")
    child.expect_exact("conv(x, ")
    child.setwinsize(30, 40)
    # The editor draws the prompt and the line again at once.
    child.expect_exact(PROMPT + "conv(x, ")
    child.send("\t")
    child.expect_exact(PROMPT)
    listing = [line for line in child.before.split("\r\n") if line.strip()]
    assert any("mode=" in line for line in listing), listing
    assert len(listing) >= 2, listing
    assert all(len(line) <= 40 for line in listing), listing
    child.sendcontrol("u")
    finish(child)


def test_ctrl_z_suspends_and_fg_brings_the_session_back_intact(home):
    # A shell with job control; dash, where there is one, does not repair the terminal after a
    # job stops, so its `stty` sees what the session left.
    shell = shutil.which("dash") or shutil.which("bash")
    env = environment(home)
    env["PS1"] = "SHELL$ "
    child = pexpect.spawn(shell, ["-i"], env=env, encoding="utf-8", dimensions=(30, 120), timeout=15)
    child.expect_exact("SHELL$ ")
    child.sendline(conv_path())
    child.expect_exact(PROMPT)
    enter(child, "let kept = 7")
    child.send("kept * ")
    child.expect_exact("kept * ")
    child.sendcontrol("z")
    child.expect_exact("SHELL$ ")
    # The shell gets the terminal back as it was: line editing and echo on.
    child.sendline("stty -a")
    child.expect_exact("SHELL$ ")
    modes = child.before.split()
    assert "icanon" in modes and "echo" in modes, modes
    child.sendline("fg")
    # The prompt and the half-typed line come back, and the editor works again.
    child.expect_exact(PROMPT + "kept * ")
    child.send("3\r")
    child.expect_exact("21")
    child.expect_exact(PROMPT)
    child.sendeof()
    child.expect_exact("SHELL$ ")
    child.sendline("echo status=$?")
    child.expect_exact("status=0")
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_long_help_goes_through_the_pager_only_on_a_terminal(home):
    env = environment(home)
    env["PAGER"] = "sed 's/^/PAGED: /'"
    child = pexpect.spawn(conv_path(), env=env, encoding="utf-8", dimensions=(12, 100), timeout=15)
    child.expect_exact(PROMPT)
    shown = enter(child, "help()")
    assert "PAGED: conv: a small language for 1-D convolution" in shown
    assert "PAGED:   convolution  conv " in shown
    # Short output, and values, are never paged.
    assert "PAGED" not in enter(child, 'help("files")')
    assert "PAGED" not in enter(child, "arange(40)")
    shown = enter(child, ":help explain")
    assert "PAGED: explain: how a convolution computes" in shown
    assert "PAGED: The session command :explain on|off" in shown
    finish(child)
    piped = subprocess.run([conv_path()], input="help()\n", capture_output=True, text=True, env=env, timeout=60)
    assert piped.returncode == 0 and "conv: a small language" in piped.stdout
    assert "PAGED" not in piped.stdout


def test_tensors_and_explanations_fit_the_terminal(home):
    child = pexpect.spawn(conv_path(), env=environment(home), encoding="utf-8", dimensions=(40, 60), timeout=15)
    child.expect_exact(PROMPT)
    shown = enter(child, "arange(40)").split("\r\n")[1:-1]
    assert len(shown) > 2 and all(len(line) <= 60 for line in shown), shown
    assert shown[0].startswith("[ 0,  1,  2,") and shown[-1].endswith("39]")
    shown = enter(child, "explain(conv(arange(30), [1, 1]), all=true)").split("\r\n")
    positions = [line for line in shown if line.startswith("  position")]
    assert len(positions) >= 2 and all(len(line) <= 60 for line in positions), positions
    finish(child)


SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def unreset_lines(raw):
    """The lines of `raw` on which a colour or weight was set and not reset before the line ended."""
    bad = []
    for line in raw.split(b"\n"):
        open_span = False
        for match in SGR.finditer(line):
            open_span = match.group(1) not in (b"", b"0")
        if open_span:
            bad.append(line)
    return bad


def test_every_colour_is_reset_before_the_line_ends(home, tmp_path):
    env = environment(home)
    del env["NO_COLOR"]
    env["CLICOLOR_FORCE"] = "1"
    log = open(tmp_path / "session.raw", "wb")
    child = pexpect.spawn(conv_path(), env=env, dimensions=(30, 120), timeout=15)
    child.logfile_read = log
    child.expect_exact(b"type :help for help")
    prompt = b"conv>"
    for line, next_prompt in [(b"let a = 5", prompt), (b"conv([2, 3, 4], [1, 1])", prompt), (b"a +", b"...>"),
                              (b"1", prompt), (b"conv(a, q=2)", prompt), (b":nonsense", prompt)]:
        child.sendline(line)
        child.expect_exact(next_prompt)
    child.send(b"allclo\t")
    child.expect_exact(b"se(")
    child.sendcontrol("u")
    child.send(CTRL_R.encode() + b"l")
    child.expect_exact(b"let a = 5")
    child.sendintr()
    child.expect_exact(prompt)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    log.close()
    raw = (tmp_path / "session.raw").read_bytes()
    coloured = [m for m in SGR.finditer(raw) if m.group(1) not in (b"", b"0")]
    assert len(coloured) >= 6, raw
    assert unreset_lines(raw) == [], raw
