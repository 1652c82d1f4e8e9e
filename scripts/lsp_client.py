"""A small Language Server Protocol client over a child's stdio, for scripts/bench-lsp.sh.

Reads the server's messages on a thread so that the time a message arrives is taken when it
arrives, not when the script gets round to it.
"""

import json
import queue
import subprocess
import threading
import time


class Client:
    def __init__(self, command):
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            body = json.loads(out.read(length))
            self.messages.put((time.perf_counter(), body))

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return time.perf_counter()

    def notify(self, method, params):
        return self.send({"method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def wait(self, accept, timeout=60):
        """The first message `accept` takes (with its arrival time); others are dropped."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("no matching message")
            item = self.messages.get(timeout=left)
            if item is None:
                raise EOFError("the server closed its output")
            if accept(item[1]):
                return item

    def response(self, id, timeout=60):
        return self.wait(lambda m: m.get("id") == id and "method" not in m, timeout)[1]

    def initialize(self, root_uri, options=None):
        id = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root_uri,
                "capabilities": {},
                "initializationOptions": options or {},
            },
        )
        self.response(id)
        self.notify("initialized", {})

    def shutdown(self):
        self.response(self.request("shutdown", None))
        self.notify("exit", None)
        return self.proc.wait(timeout=10)
