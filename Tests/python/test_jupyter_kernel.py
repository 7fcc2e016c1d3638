"""The conv Jupyter kernel through jupyter_client, as a notebook or console talks to it."""
import unittest
import xml.etree.ElementTree as ElementTree

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

from kernel_spec import use_test_kernelspec

TIMEOUT = 60


class ConvKernelTests(jupyter_kernel_test.KernelTests):
    """The protocol conformance suite of jupyter_kernel_test, with conv code."""

    kernel_name = "conv"
    language_name = "conv"
    file_extension = ".conv"

    code_hello_world = 'print("hello, world")'
    # conv writes nothing to standard error: its errors are error messages (test_error).
    test_execute_stderr = None
    # conv has no pager payloads; help goes through inspect (test_inspect).
    test_pager = None
    # conv never clears a cell's output.
    test_clear_output = None

    completion_samples = [
        {"text": "Conv1", "matches": {"Conv1d("}},
        {"text": "conv([2, 3, 4], [0.5, -1], stri", "matches": {"stride="}},
        {"text": "nn.Con", "matches": {"Conv1d", "ConvTranspose1d", "ConstantPad1d"}},
    ]
    complete_code_samples = ["conv([2, 3, 4], [1, 1])", "let x = 1", ":vars", ""]
    incomplete_code_samples = ["conv([2, 3, 4],", "let w = [0.5,", '"""a long', "1 +"]
    invalid_code_samples = ["let = 1", "conv(x,, 2)", '"open']

    code_generate_error = "conv([1, 2, 3], [1, 1, 1, 1, 1])"
    code_execute_result = [
        {"code": "conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)", "result": "[-1.9, -2.4]"},
        {"code": "1 + 2", "result": "3"},
        {"code": "(1, 2)", "result": "(1, 2)"},
    ]
    code_display_data = [
        {"code": "explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)", "mime": "image/svg+xml"},
        {"code": "plot([0, 1, 3, 2, 5])", "mime": "image/svg+xml"},
    ]
    code_history_pattern = "1 + ?"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "conv"

    @classmethod
    def setUpClass(cls):
        use_test_kernelspec()
        super().setUpClass()

    def run_cell(self, code):
        """The reply and the iopub messages of one execution."""
        self.flush_channels()
        reply, messages = self.execute_helper(code, timeout=TIMEOUT)
        return reply, messages

    def test_kernel_info_names_the_language(self):
        self.flush_channels()
        self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        info = reply["content"]["language_info"]
        assert info["name"] == "conv" and info["mimetype"] == "text/x-conv"
        assert info["file_extension"] == ".conv" and info["pygments_lexer"] == "conv"
        assert info["codemirror_mode"] == "python" and info["version"]

    def test_error_reply_has_kind_message_and_caret(self):
        reply, messages = self.run_cell("let x = [2, 3, 4]\nconv(x, q=2)")
        content = reply["content"]
        assert content["status"] == "error" and content["ename"] == "runtime"
        assert content["evalue"] == "conv has no argument 'q'"
        assert content["traceback"][1] == " 2 | conv(x, q=2)"
        assert content["traceback"][2] == "   |         ^"
        assert [m["msg_type"] for m in messages if m["msg_type"] == "error"] == ["error"]

    def test_prints_are_streams_and_the_last_value_is_the_result(self):
        reply, messages = self.run_cell('print("a", 1)\n[1, 2]\n(3, 4)')
        kinds = [m["msg_type"] for m in messages if m["msg_type"] in ("stream", "display_data", "execute_result")]
        assert kinds == ["stream", "display_data", "execute_result"]
        stream, earlier, result = [m["content"] for m in messages if m["msg_type"] in kinds]
        assert stream == {"name": "stdout", "text": "a 1\n"}
        assert earlier["data"]["text/plain"] == "[1, 2]" and "<table" in earlier["data"]["text/html"]
        assert result["data"] == {"text/plain": "(3, 4)"}
        assert result["execution_count"] == reply["content"]["execution_count"]

    def test_explain_figures_are_inline_svg(self):
        _, messages = self.run_cell("explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)")
        figures = [m["content"]["data"] for m in messages if m["msg_type"] == "display_data"]
        assert len(figures) == 1
        root = ElementTree.fromstring(figures[0]["image/svg+xml"])
        assert root.tag.endswith("svg")
        text = "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")
        assert "−1.9" in text and "−2.4" in text

    def test_pyplot_figures_show_inline_when_the_cell_ends(self):
        # As matplotlib's inline backend: a cell's open figures are drawn when it ends, once.
        _, messages = self.run_cell('import matplotlib.pyplot as plt\nplt.plot([1, 3, 2], "r--", label="loss")\nplt.legend()')
        figures = [m["content"]["data"] for m in messages if m["msg_type"] == "display_data"]
        assert len(figures) == 1
        root = ElementTree.fromstring(figures[0]["image/svg+xml"])
        assert root.tag.endswith("svg")
        assert "loss" in figures[0]["image/svg+xml"] and 'stroke="#ff0000"' in figures[0]["image/svg+xml"]
        _, messages = self.run_cell("plt.plot([2, 2])\nplt.show()\n1 + 1")
        assert len([m for m in messages if m["msg_type"] == "display_data"]) == 1
        _, messages = self.run_cell("2 + 2")
        assert not [m for m in messages if m["msg_type"] == "display_data"]

    def test_session_commands_work(self):
        self.run_cell("let signal = [1, 2, 3]")
        _, messages = self.run_cell(":type signal")
        assert [m["content"]["text"] for m in messages if m["msg_type"] == "stream"] == ["tensor[3]\n"]


class ConvKernelLifecycleTests(unittest.TestCase):
    """Interrupting a long computation and restarting the kernel."""

    FOREVER = "\n".join(["fn f0(x) = x + 1"] + [f"fn f{i}(x) = f{i - 1}(x) + f{i - 1}(x)" for i in range(1, 60)])

    def setUp(self):
        use_test_kernelspec()
        self.km, self.kc = start_new_kernel(kernel_name="conv")

    def tearDown(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def execute(self, code):
        # An error must not abort the requests sent right after it (Jupyter's stop_on_error).
        return self.reply_to(self.kc.execute(code, stop_on_error=False))

    def reply_to(self, msg_id):
        """The shell reply to `msg_id`, past any left over (start-up sends several kernel_info requests)."""
        while True:
            message = self.kc.get_shell_msg(timeout=TIMEOUT)
            if message["parent_header"].get("msg_id") == msg_id:
                return message["content"]

    def wait_for_stream(self, text):
        while True:
            message = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if message["msg_type"] == "stream" and message["content"]["text"] == text:
                return

    def test_interrupt_stops_a_long_computation_and_keeps_the_names(self):
        self.execute(self.FOREVER + "\nlet kept = 7")
        running = self.kc.execute('print("started")\nf59(1)', stop_on_error=False)
        self.wait_for_stream("started\n")
        self.km.interrupt_kernel()
        reply = self.reply_to(running)
        assert reply["status"] == "error" and reply["ename"] == "interrupted"
        assert self.execute("kept")["status"] == "ok"

    def test_restart_starts_a_fresh_session(self):
        self.execute("let kept = 7")
        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=TIMEOUT)
        reply = self.execute("kept")
        assert reply["status"] == "error" and reply["evalue"] == "unknown name 'kept'"
        assert self.execute("1")["status"] == "ok"
