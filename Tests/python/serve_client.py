"""A small client for `conv --serve`, shared by the protocol tests."""
import json
import os
import subprocess


class ServeClient:
    """Starts `conv --serve` and exchanges JSON lines with it through pipes."""

    def __init__(self, conv, *args):
        environment = dict(os.environ, NO_COLOR="1")
        self.process = subprocess.Popen([conv, "--serve", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, env=environment)
        self.ready = self.read()
        self.next_id = 0

    def read(self):
        line = self.process.stdout.readline()
        assert line, f"conv --serve ended: {self.process.stderr.read()}"
        return json.loads(line)

    def send(self, type, **fields):
        """Sends one request; returns its id."""
        self.next_id += 1
        self.process.stdin.write(json.dumps(dict(id=self.next_id, type=type, **fields)) + "\n")
        self.process.stdin.flush()
        return self.next_id

    def replies(self, request_id):
        """The records answering `request_id`, up to and with its final `*_reply`."""
        records = []
        while True:
            record = self.read()
            assert record["id"] == request_id, record
            records.append(record)
            if record["kind"].endswith("_reply"):
                return records

    def ask(self, type, **fields):
        return self.replies(self.send(type, **fields))

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=30)
        self.process.stdout.close()
        self.process.stderr.close()
