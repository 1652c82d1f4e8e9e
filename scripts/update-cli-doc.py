#!/usr/bin/env python3
"""Regenerates the output blocks of docs/cli.md (`<!-- output of: hjemmel ... -->`) by running the
debug binary; tests/docs.rs checks that they match. Run `cargo build` first."""
import re, subprocess, pathlib

doc = pathlib.Path("docs/cli.md")
text = doc.read_text()
pattern = re.compile(r"(<!-- output of: hjemmel (.*?) -->\n```(\w*)\n)(.*?)(```)", re.S)

def run(m):
    args = m.group(2).split()
    out = subprocess.run(["target/debug/hjemmel", *args], capture_output=True, text=True,
                         env={"COLUMNS": "100", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}).stdout
    return m.group(1) + out + m.group(5)

doc.write_text(pattern.sub(run, text))
