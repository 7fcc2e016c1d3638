"""`conv --serve` through a pipe: every request type, errors, interrupts and reset."""
import json
import signal

import jsonschema
import pytest

from conftest import ROOT, conv_path
from serve_client import ServeClient

SCHEMA = jsonschema.Draft202012Validator(json.loads((ROOT / "docs" / "conv-record.schema.json").read_text()))

# Sixty functions, each calling the one before twice: 2^60 calls, stopped only by an interrupt.
# It prints first, so the test knows it is running before interrupting it.
FOREVER = "\n".join(["fn f0(x) = x + 1"] + [f"fn f{i}(x) = f{i - 1}(x) + f{i - 1}(x)" for i in range(1, 60)])


@pytest.fixture
def serve():
    client = ServeClient(conv_path(), "--seed", "0", "--max-steps", "1000000000000000")
    yield client
    client.close()


def records_of(replies):
    for record in replies[:-1]:
        SCHEMA.validate(record)
    return replies[:-1], replies[-1]


def test_ready_line_names_the_language_and_version(serve):
    assert serve.ready["kind"] == "ready" and serve.ready["language"] == "conv"
    assert serve.ready["protocol"] == 1 and serve.ready["version"]


def test_execute_gives_one_record_per_output_then_the_status(serve):
    records, reply = records_of(serve.ask("execute", code="let x = [2, 3, 4]\nconv(x, [0.5, -1], b=0.1, s=2, p=1)\nprint(1, 2)"))
    assert [(r["kind"], r["line"]) for r in records] == [("value", 2), ("print", 3)]
    assert records[0]["value"] == [-1.9, -2.4] and records[0]["shape"] == [2]
    assert reply == {"id": reply["id"], "kind": "execute_reply", "status": "ok", "execution_count": 1}
    _, second = records_of(serve.ask("execute", code="x"))
    assert second["execution_count"] == 2


def test_explain_and_plot_bring_their_svg(serve):
    records, reply = records_of(serve.ask("execute", code="explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)\nplot([1, 3, 2])"))
    assert reply["status"] == "ok"
    assert [r["kind"] for r in records] == ["explain", "value", "plot"]
    assert "step 1" in records[0]["text"] and records[0]["svg"].lstrip().startswith("<?xml")
    assert "<svg" in records[2]["svg"]


def test_errors_are_diagnostics_and_the_status_says_error(serve):
    records, reply = records_of(serve.ask("execute", code="1\nconv([1, 2, 3], q=2)"))
    assert [r["kind"] for r in records] == ["value", "diagnostic"]
    error = records[1]
    assert error["diagnostic_kind"] == "runtime" and error["message"] == "conv has no argument 'q'"
    assert error["range"]["start"] == {"line": 2, "column": 17}
    assert "^" in error["text"]
    assert reply["status"] == "error"
    records, reply = records_of(serve.ask("execute", code="let = 1"))
    assert records[0]["diagnostic_kind"] == "syntax" and reply["status"] == "error"


def test_session_commands_run_in_execute(serve):
    serve.ask("execute", code="let x = [2, 3, 4]")
    records, _ = records_of(serve.ask("execute", code=":vars"))
    assert records[0]["kind"] == "print" and records[0]["text"] == "x: tensor[3]" and records[0]["line"] is None
    records, _ = records_of(serve.ask("execute", code=":type conv(x, [1, 1])"))
    assert records[0]["text"] == "tensor[2]"
    records, _ = records_of(serve.ask("execute", code=":help conv"))
    assert "cross-correlation" in records[0]["text"]
    records, reply = records_of(serve.ask("execute", code=":frobnicate"))
    assert records[0]["diagnostic_kind"] == "usage" and reply["status"] == "error"


def test_complete_offers_names_and_the_range_they_replace(serve):
    serve.ask("execute", code="let signature = [1, 2]")
    reply = serve.ask("complete", code="signa", cursor=5)[-1]
    assert reply["matches"] == ["signature"] and (reply["cursor_start"], reply["cursor_end"]) == (0, 5)
    reply = serve.ask("complete", code="conv(signature, s")[-1]
    assert "s=" in reply["matches"] and "stride=" not in reply["matches"]
    assert reply["cursor_start"] == 16
    # Cursors count code points, as Python indexes strings.
    reply = serve.ask("complete", code="print(\"é\", signa", cursor=16)[-1]
    assert reply["matches"] == ["signature"] and reply["cursor_start"] == 11


def test_inspect_gives_the_help_of_the_name_under_the_cursor(serve):
    reply = serve.ask("inspect", code="conv(x, [1, 1])", cursor=2)[-1]
    assert reply["found"] and reply["name"] == "conv" and "cross-correlation" in reply["text"]
    reply = serve.ask("inspect", code="F.conv1d(", cursor=9)[-1]
    assert reply["name"] == "F.conv1d" and reply["found"]
    serve.ask("execute", code="fn smooth(v, n=3) = conv(v, ones(n) / n)")
    reply = serve.ask("inspect", code="smooth([1, 2, 3], ", cursor=17)[-1]
    assert reply["name"] == "smooth" and "smooth(v, n=" in reply["text"]
    reply = serve.ask("inspect", code="nothing_here", cursor=3)[-1]
    assert reply["found"] is False and reply["text"] is None


@pytest.mark.parametrize("code, completeness, indent", [
    ("conv([2, 3, 4],", "incomplete", ""),
    ("let w = [\n    0.5,", "incomplete", "    "),
    ("x = (", "incomplete", "    "),
    ('"""open', "incomplete", ""),
    ("conv([2, 3, 4], [1, 1])", "complete", None),
    (":vars", "complete", None),
    ("let = 1", "invalid", None),
    ('"one-line string', "invalid", None),
])
def test_is_complete(serve, code, completeness, indent):
    reply = serve.ask("is_complete", code=code)[-1]
    assert reply["completeness"] == completeness
    assert reply.get("indent") == indent


def test_interrupt_request_stops_a_long_computation(serve):
    request = serve.send("execute", code=FOREVER + '\nprint("started")\nf59(1)')
    assert serve.read()["text"] == "started"
    interrupt = serve.send("interrupt")
    records, reply = records_of(serve.replies(request))
    assert records[-1]["diagnostic_kind"] == "interrupted" and reply["status"] == "error"
    assert serve.replies(interrupt)[-1]["kind"] == "interrupt_reply"
    records, _ = records_of(serve.ask("execute", code="f2(1)"))
    assert records[0]["value"] == 8, "the session goes on with its functions"


def test_sigint_stops_a_long_computation_and_not_the_session(serve):
    serve.ask("execute", code=FOREVER)
    request = serve.send("execute", code='print("started")\nf59(1)')
    assert serve.read()["text"] == "started"
    serve.process.send_signal(signal.SIGINT)
    records, reply = records_of(serve.replies(request))
    assert records[-1]["diagnostic_kind"] == "interrupted"
    serve.process.send_signal(signal.SIGINT)  # while idle: nothing happens
    records, reply = records_of(serve.ask("execute", code="f1(1)"))
    assert records[0]["value"] == 4 and reply["status"] == "ok"


def test_reset_forgets_every_name(serve):
    serve.ask("execute", code="let x = 1")
    assert serve.ask("reset")[-1] == {"id": serve.next_id, "kind": "reset_reply", "status": "ok"}
    records, reply = records_of(serve.ask("execute", code="x"))
    assert records[0]["message"] == "unknown name 'x'" and reply["status"] == "error"


def test_malformed_requests_get_error_replies_and_the_session_goes_on(serve):
    serve.process.stdin.write("not json\n{\"id\": 7}\n{\"id\": 8, \"type\": \"dance\"}\n")
    serve.process.stdin.flush()
    assert serve.read() == {"id": None, "kind": "error_reply", "status": "error", "message": "the line is not a JSON request object"}
    assert serve.read()["id"] == 7
    assert serve.read()["message"] == 'unknown request type "dance"'
    assert serve.ask("execute", code="1")[-1]["status"] == "ok"


def test_shutdown_ends_the_process(serve):
    assert serve.ask("shutdown")[-1]["kind"] == "shutdown_reply"
    assert serve.process.wait(timeout=30) == 0


def test_end_of_input_ends_the_process(serve):
    serve.process.stdin.close()
    assert serve.process.wait(timeout=30) == 0


def test_serve_takes_no_program(conv):
    result = conv("--serve", "-e", "1")
    assert result.returncode == 2 and "--serve" in result.stderr


def test_a_generator_made_in_one_cell_goes_on_in_the_next(serve):
    """Tutorials run `batches = data_iter(...)` in one cell and `next(batches)` in the ones after."""
    code = "def count():\n    i = 0\n    while True:\n        yield i\n        i += 1\ng = count()\nprint(next(g))"
    records, reply = records_of(serve.ask("execute", code=code))
    assert reply["status"] == "ok" and [r["text"] for r in records if r["kind"] == "print"] == ["0"]
    for expected in ("1", "2"):
        records, reply = records_of(serve.ask("execute", code="print(next(g))"))
        assert reply["status"] == "ok", records
        assert [r["text"] for r in records if r["kind"] == "print"] == [expected]
