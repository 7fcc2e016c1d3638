"""The conv kernel: Jupyter messages in, `conv --serve` requests out, records back as outputs."""
import fnmatch

from ipykernel.kernelbase import Kernel

from . import __version__
from .display import figure_bundle, value_bundle
from .serve import ServeError, ServeProcess


class ConvKernel(Kernel):
    implementation = "conv_kernel"
    implementation_version = __version__
    language = "conv"
    banner = "conv: a small language for 1-D convolution, with PyTorch's exact semantics"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = ServeProcess()
        self.history = []  # (line, code, output text or None), in the order cells ran

    @property
    def language_version(self):
        return self.conv.ready.get("version", "")

    @property
    def language_info(self):
        return {
            "name": "conv",
            "version": self.language_version,
            "mimetype": "text/x-conv",
            "file_extension": ".conv",
            "pygments_lexer": "conv",
            "codemirror_mode": "python",
        }

    # -- execute ----------------------------------------------------------------------------

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False, **_):
        outputs = ExecutionOutputs(self, silent)
        if not self.conv.running:
            self.conv.start()
            outputs.stream("stderr", "conv restarted: every name is forgotten\n")
        try:
            for record in self.conv.request("execute", code=code):
                outputs.add(record)
        except ServeError as error:
            outputs.error("ServeError", str(error), [str(error)])
        result_text = outputs.finish(self.execution_count)
        if store_history:
            self.history.append((self.execution_count, code, result_text))
        if outputs.failure:
            ename, evalue, traceback = outputs.failure
            return {"status": "error", "execution_count": self.execution_count,
                    "ename": ename, "evalue": evalue, "traceback": traceback}
        return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}

    # -- complete, inspect, is_complete -------------------------------------------------------

    def do_complete(self, code, cursor_pos):
        reply = self.conv.ask("complete", code=code, cursor=cursor_pos)
        return {"status": "ok", "matches": reply["matches"], "cursor_start": reply["cursor_start"],
                "cursor_end": reply["cursor_end"], "metadata": {}}

    def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        reply = self.conv.ask("inspect", code=code, cursor=cursor_pos)
        data = {"text/plain": reply["text"]} if reply["found"] else {}
        return {"status": "ok", "found": reply["found"], "data": data, "metadata": {}}

    def do_is_complete(self, code):
        reply = self.conv.ask("is_complete", code=code)
        content = {"status": reply["completeness"]}
        if reply["completeness"] == "incomplete":
            content["indent"] = reply["indent"]
        return content

    # -- history, shutdown ------------------------------------------------------------------

    def do_history(self, hist_access_type, output, raw, session=None, start=None, stop=None, n=None,
                   pattern=None, unique=False, **_):
        entries = [(0, line, (code, result) if output else code) for line, code, result in self.history]
        if hist_access_type == "tail":
            entries = entries[-n:] if n else entries
        elif hist_access_type == "range":
            entries = [entry for entry in entries if (start or 0) <= entry[1] < (stop or float("inf"))]
        elif hist_access_type == "search":
            entries = [entry for entry in entries if fnmatch.fnmatch(self._code(entry), pattern or "*")]
            if unique:
                seen = set()
                entries = [e for e in reversed(entries) if not (self._code(e) in seen or seen.add(self._code(e)))][::-1]
            entries = entries[-n:] if n else entries
        return {"status": "ok", "history": entries}

    @staticmethod
    def _code(entry):
        return entry[2][0] if isinstance(entry[2], tuple) else entry[2]

    def do_shutdown(self, restart):
        self.conv.shutdown()
        return {"status": "ok", "restart": restart}


class ExecutionOutputs:
    """Turns one cell's records into Jupyter outputs, in order. A value is held back until the
    next output, so that the cell's last value becomes its `execute_result` and the ones before
    it are shown as display data."""

    def __init__(self, kernel, silent):
        self.kernel = kernel
        self.silent = silent
        self.pending_value = None
        self.failure = None  # (ename, evalue, traceback) of the first error

    def send(self, message_type, content):
        if not self.silent:
            self.kernel.send_response(self.kernel.iopub_socket, message_type, content)

    def stream(self, name, text):
        self.send("stream", {"name": name, "text": text})

    def flush_value(self):
        if self.pending_value is not None:
            self.send("display_data", {"data": value_bundle(self.pending_value), "metadata": {}})
            self.pending_value = None

    def add(self, record):
        kind = record["kind"]
        if kind == "value":
            self.flush_value()
            self.pending_value = record
            return
        if kind.endswith("_reply"):
            return
        self.flush_value()
        if kind == "print":
            self.stream("stdout", record["text"] + "\n")
        elif kind == "explain":
            self.stream("stdout", record["text"] + "\n")
            if record.get("svg"):
                self.send("display_data", {"data": figure_bundle(record), "metadata": {}})
        elif kind == "plot":
            self.send("display_data", {"data": figure_bundle(record), "metadata": {}})
        elif kind == "diagnostic":
            self.error(record["diagnostic_kind"], record["message"], record["text"].split("\n"))

    def error(self, ename, evalue, traceback):
        self.flush_value()
        if self.failure is None:
            self.failure = (ename, evalue, traceback)
        self.send("error", {"ename": ename, "evalue": evalue, "traceback": traceback})

    def finish(self, execution_count):
        """Sends the last value as the cell's result; returns its text (for history)."""
        record, self.pending_value = self.pending_value, None
        if record is None:
            return None
        self.send("execute_result", {"execution_count": execution_count, "data": value_bundle(record), "metadata": {}})
        return record["text"]
