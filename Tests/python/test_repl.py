"""The interactive session end to end, through a real pseudo-terminal; and the same command fed
from a pipe, where it must behave as a script runner.

The line editor redraws with cursor motions, so completion is checked by what the completed
line evaluates to, not by the echoed characters."""
import os
import stat
import subprocess
import time

import pexpect
import pytest

from conftest import conv_path

PROMPT = "conv> "
CONTINUATION = "...> "
UP = "\x1b[A"


@pytest.fixture
def home(tmp_path):
    """A fresh HOME, so history and editor settings never leak between tests."""
    return tmp_path


def environment(home):
    env = {key: value for key, value in os.environ.items()
           if key not in ("XDG_STATE_HOME", "CONV_HISTFILE", "EDITRC", "NO_COLOR", "CLICOLOR_FORCE")}
    # Long help would otherwise wait in `less` for a key.
    env.update(HOME=str(home), CONV_NO_EDITRC="1", TERM="xterm", LANG="C.UTF-8", NO_COLOR="1", PAGER="cat")
    return env


def start(home):
    """conv with no arguments on a pseudo-terminal, waiting at its first prompt."""
    child = pexpect.spawn(conv_path(), env=environment(home), encoding="utf-8",
                          dimensions=(30, 120), timeout=15)
    child.expect_exact("type :help for help, :quit to leave")
    child.expect_exact(PROMPT)
    return child


def enter(child, line):
    """Types `line` and Enter, then waits for the next primary prompt; returns what came between."""
    child.sendline(line)
    child.expect_exact(PROMPT)
    return child.before


def finish(child):
    """Ctrl-D at an empty prompt; the session must end with status 0."""
    child.sendcontrol("u")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert child.signalstatus is None


def test_typing_and_evaluation(home):
    child = start(home)
    assert "x: tensor[3]" in enter(child, "let x = [2, 3, 4]")
    assert "[-1.9, -2.4]" in enter(child, "conv(x, [0.5, -1], b=0.1, s=2, p=1)")
    assert "[-3.8, -4.8]" in enter(child, "_ * 2")
    finish(child)


def test_errors_point_into_the_entry_and_the_session_goes_on(home):
    child = start(home)
    enter(child, "let x = [2, 3, 4]")
    shown = enter(child, "conv(x, q=2)")
    assert "<repl:2>:1:9: error: conv has no argument 'q'" in shown
    assert " 1 | conv(x, q=2)" in shown
    assert "   |         ^" in shown
    assert "[2, 3, 4]" in enter(child, "x")
    finish(child)


def test_up_recalls_the_last_entry(home):
    child = start(home)
    assert "42" in enter(child, "40 + 2")
    child.send(UP)
    # The recalled `40 + 2` followed by ` + 100` can only give 142.
    assert "142" in enter(child, " + 100")
    finish(child)


def test_tab_completes_a_builtin_and_a_named_argument(home):
    child = start(home)
    enter(child, "let x = [2, 3, 4]")
    # Tab must be the last byte of a write: a tab followed by more input counts as pasted.
    child.send("allclo")
    time.sleep(0.2)
    child.send("\t")
    time.sleep(0.3)
    assert "true" in enter(child, "x, [2, 3, 4])")
    child.send("conv(x, [1, 1], strid")
    time.sleep(0.2)
    child.send("\t")
    time.sleep(0.3)
    # stride=2 with p=1 over [0, 2, 3, 4, 0] gives windows [0, 2] and [3, 4].
    assert "[2, 7]" in enter(child, "2, p=1)")
    finish(child)


def test_tab_lists_candidates_when_several_match(home):
    child = start(home)
    enter(child, "let x = [2, 3, 4]")
    child.send("conv(x, ")
    time.sleep(0.2)
    child.send("\t")
    child.expect("mode=")
    child.sendcontrol("u")
    finish(child)


def test_a_multi_line_entry_is_one_history_entry(home):
    child = start(home)
    child.sendline("let w = [1,")
    child.expect_exact(CONTINUATION)
    child.sendline("")
    child.expect_exact(CONTINUATION)
    assert "w: tensor[2]" in enter(child, "2]")
    child.send(UP)
    # Recalling the block and running it again rebinds w in one step.
    assert "w: tensor[2]" in enter(child, "")
    finish(child)


def test_ctrl_c_at_the_prompt_discards_the_entry(home):
    child = start(home)
    enter(child, "let q = 5")
    child.send("let r = [1,")
    time.sleep(0.2)
    child.sendline("")
    child.expect_exact(CONTINUATION)
    child.sendintr()
    child.expect_exact("^C")
    child.expect_exact(PROMPT)
    assert "5" in enter(child, "q")
    assert "unknown name 'r'" in enter(child, "r")
    # Ctrl-C on an empty line never ends the session either.
    child.sendintr()
    child.expect_exact(PROMPT)
    assert "6" in enter(child, "q + 1")
    finish(child)


def test_ctrl_c_stops_a_long_evaluation_and_keeps_the_session(home):
    child = start(home)
    enter(child, "let keep = 7")
    enter(child, "let a = rand(2000000)")
    enter(child, "fn h(n) = sum(conv(a, rand(20001)))")
    enter(child, "fn h10(n) = h(n) + h(n) + h(n) + h(n) + h(n) + h(n) + h(n) + h(n) + h(n) + h(n)")
    enter(child, "fn h100(n) = h10(n) + h10(n) + h10(n) + h10(n) + h10(n) + h10(n) + h10(n) + h10(n) + h10(n) + h10(n)")
    # A thousand large convolutions: far longer than this test waits before Ctrl-C.
    child.sendline("let lost = h100(0) + h100(0) + h100(0) + h100(0) + h100(0) + h100(0) + h100(0) + h100(0) + h100(0) + h100(0)")
    time.sleep(1.5)
    child.sendintr()
    child.expect_exact("error: interrupted", timeout=30)
    child.expect_exact(PROMPT)
    assert "7" in enter(child, "keep")
    assert "unknown name 'lost'" in enter(child, "lost")
    assert "tensor[2000000]" in enter(child, ":type a")
    finish(child)


def test_ctrl_d_exits_with_status_0(home):
    child = start(home)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_quit_command_exits_with_status_0(home):
    child = start(home)
    child.sendline(":quit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_history_persists_into_a_second_run(home):
    first = start(home)
    enter(first, "let persisted = 123")
    finish(first)
    history = home / ".local" / "state" / "conv" / "history"
    assert history.exists()
    assert stat.S_IMODE(history.stat().st_mode) == 0o600

    second = start(home)
    second.send(UP)
    assert "persisted: int" in enter(second, "")
    finish(second)


def test_unicode_is_typed_without_loss(home):
    child = start(home)
    assert "µ: tensor[1]" in enter(child, "let µ = [1]")
    assert '"héllo → ✓"' in enter(child, '"héllo → ✓"  # ça va')
    finish(child)


def test_help_and_vars(home):
    child = start(home)
    assert ":load FILE" in enter(child, ":help")
    enter(child, "let x = [2, 3, 4]")
    assert "x: tensor[3]" in enter(child, ":vars")
    finish(child)


def test_a_dumb_terminal_gets_prompts_without_editing_and_survives_ctrl_c(home):
    env = environment(home)
    env["TERM"] = "dumb"
    child = pexpect.spawn(conv_path(), env=env, encoding="utf-8", dimensions=(30, 120), timeout=15)
    child.expect_exact("type :help for help")
    child.expect_exact(PROMPT)
    enter(child, "let kept = 3")
    child.sendline("let lost = [1,")
    child.expect_exact(CONTINUATION)
    child.sendintr()
    child.expect_exact(PROMPT)
    assert "3" in enter(child, "kept")
    assert "unknown name 'lost'" in enter(child, "lost")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not (home / ".local").exists()


# Not a terminal: the same command runs the input as a script.

def run_piped(home, text):
    return subprocess.run([conv_path()], input=text, capture_output=True, text=True,
                          env=environment(home), timeout=60)


def test_pipe_runs_a_script_without_prompt_or_banner(home):
    result = run_piped(home, "conv([1,2,3], [1,1])\n")
    assert result.returncode == 0
    assert result.stdout == "[3, 5]\n"
    assert result.stderr == ""
    assert not (home / ".local").exists()


def test_pipe_stops_at_the_first_error_with_status_1(home):
    result = run_piped(home, "let a = [1,\n 2]\na\nfoo\na\n")
    assert result.returncode == 1
    assert result.stdout == "[1, 2]\n"
    assert "unknown name 'foo'" in result.stderr
    assert "conv>" not in result.stdout + result.stderr


def test_explain_flag_starts_the_session_explaining(home):
    child = pexpect.spawn(conv_path(), ["--explain"], env=environment(home), encoding="utf-8",
                          dimensions=(30, 120), timeout=15)
    child.expect_exact(PROMPT)
    shown = enter(child, "conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)")
    assert "step 2: w0·3 + w1·4 + b = 0.5·3 + (−1)·4 + 0.1 = −2.4" in shown
    assert "[-1.9, -2.4]" in shown
    shown = enter(child, ":explain off")
    assert "step 1" not in enter(child, "conv([2, 3, 4], [0.5, -1])")
    finish(child)
