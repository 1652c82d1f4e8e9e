"""Keystroke latency of `hjemmel lsp`: didChange → the publishDiagnostics of that version.

Usage: bench_lsp.py HJEMMEL SPEC KEYSTROKES
SPEC is a spec directory (every file opened) or one file (copied alone into a temporary directory,
so that its neighbours are not part of the spec). One file is edited: a letter typed into and
deleted from a label near its middle, one keystroke at a time, each waited for; then a burst of
keystrokes sent without waiting, timed until the diagnostics of the last one arrive.
"""

import os
import pathlib
import shutil
import statistics
import sys
import tempfile
import time

from lsp_client import Client


def main():
    binary, spec, keystrokes = sys.argv[1], pathlib.Path(sys.argv[2]).resolve(), int(sys.argv[3])
    with tempfile.TemporaryDirectory(prefix="bench-lsp-") as tmp:
        if spec.is_file():
            directory = pathlib.Path(tmp)
            shutil.copy(spec, directory / spec.name)
        else:
            directory = spec
        run(binary, directory, keystrokes)


def run(binary, directory, keystrokes):
    files = sorted(directory.glob("*.hjemmel"))
    client = Client([binary, "lsp"])
    client.initialize(directory.as_uri())
    texts = {}
    for f in files:
        texts[f] = f.read_text()
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": f.as_uri(), "languageId": "hjemmel", "version": 1, "text": texts[f]}},
        )
    # The largest file is the one edited.
    edited = max(files, key=lambda f: len(texts[f]))
    uri = edited.as_uri()
    is_ours = lambda version: lambda m: (
        m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri
        and m["params"].get("version") == version
    )
    client.wait(is_ours(1), timeout=120)
    text = texts[edited]
    # Inside the label of a declaration near the middle of the file.
    at = text.index('"', len(text) // 2) + 1
    line = text.count("\n", 0, at)
    column = len(text[text.rfind("\n", 0, at) + 1 : at].encode("utf-16-le")) // 2
    insert = {"start": {"line": line, "character": column}, "end": {"line": line, "character": column}}
    delete = {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 1}}

    def change(version):
        typed = version % 2 == 0
        return {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": insert if typed else delete, "text": "x" if typed else ""}],
        }

    latencies = []
    version = 1
    cpu_before = cpu_seconds(client.proc.pid)
    for _ in range(keystrokes):
        version += 1
        sent = client.notify("textDocument/didChange", change(version))
        arrived, message = client.wait(is_ours(version))
        latencies.append((arrived - sent) * 1000)
    cpu_per_keystroke = (cpu_seconds(client.proc.pid) - cpu_before) / keystrokes * 1000
    burst = 20
    sent = time.perf_counter()
    for _ in range(burst):
        version += 1
        client.notify("textDocument/didChange", change(version))
    arrived, _ = client.wait(is_ours(version))
    diagnostics = len(message["params"]["diagnostics"])
    code = client.shutdown()
    print(
        f"{directory.name}: {len(files)} files, {sum(len(t) for t in texts.values())} bytes, "
        f"{diagnostics} diagnostics in the edited file; {keystrokes} keystrokes: "
        f"median {statistics.median(latencies):.1f} ms, max {max(latencies):.1f} ms, "
        f"server CPU {cpu_per_keystroke:.1f} ms per keystroke; "
        f"a burst of {burst}: the last one's diagnostics after {(arrived - sent) * 1000:.1f} ms; exit {code}"
    )


def cpu_seconds(pid):
    """User and system CPU time of process `pid` and its threads so far (Linux, 10 ms ticks)."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
