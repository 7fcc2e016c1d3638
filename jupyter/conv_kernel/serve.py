"""The `conv --serve` child process: requests in, records and replies out (docs/serve.md)."""
import json
import os
import shlex
import shutil
import signal
import subprocess


def conv_binary():
    """The conv command: $CONV (kernel.json sets it), else `conv` on the PATH."""
    path = os.environ.get("CONV") or shutil.which("conv")
    if not path:
        raise RuntimeError("conv not found: set CONV to the conv binary, or put it on the PATH")
    return path


class ServeError(RuntimeError):
    """The conv process ended or wrote something that is not a reply."""


class ServeProcess:
    """One `conv --serve` process, with the options in $CONV_ARGUMENTS unless given others. Requests are answered in turn; `request` yields every line
    that answers one, up to its `*_reply`."""

    def __init__(self, binary=None, arguments=()):
        self.binary = binary or conv_binary()
        self.arguments = list(arguments) or shlex.split(os.environ.get("CONV_ARGUMENTS", ""))
        self.next_id = 0
        self.process = None
        self.ready = None
        self.start()

    def start(self):
        # The child stays in the kernel's process group, so an interrupt sent to the group
        # reaches it; conv --serve takes SIGINT as "stop the running request".
        self.process = subprocess.Popen(
            [self.binary, "--serve", *self.arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1, env=dict(os.environ, NO_COLOR="1"))
        self.ready = self._read()
        if self.ready.get("kind") != "ready":
            raise ServeError(f"conv --serve did not start: {self.ready}")

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def _read(self):
        line = self.process.stdout.readline()
        if not line:
            raise ServeError("conv --serve ended")
        return json.loads(line)

    def request(self, type, **fields):
        """Sends a request and yields its records and, last, its reply."""
        self.next_id += 1
        request_id = self.next_id
        self.process.stdin.write(json.dumps(dict(id=request_id, type=type, **fields)) + "\n")
        self.process.stdin.flush()
        while True:
            record = self.read_record()
            if record.get("id") != request_id:
                continue  # an answer to an earlier request that was abandoned
            yield record
            if record["kind"].endswith("_reply"):
                return

    def read_record(self):
        """The next line; a Ctrl-C while waiting is passed on to conv, and waiting goes on."""
        while True:
            try:
                return self._read()
            except KeyboardInterrupt:
                self.interrupt()

    def ask(self, type, **fields):
        """The final reply to a request that has no records."""
        reply = None
        for reply in self.request(type, **fields):
            pass
        return reply

    def interrupt(self):
        if self.running:
            self.process.send_signal(signal.SIGINT)

    def shutdown(self):
        if self.running:
            try:
                self.ask("shutdown")
                self.process.wait(timeout=10)
            except (ServeError, OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
