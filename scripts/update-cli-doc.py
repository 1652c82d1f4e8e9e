#!/usr/bin/env python3
"""Regenerates the output blocks of docs/cli.md by running the debug binary; tests/docs.rs checks
that they match. Run `cargo build` first.

- `<!-- output of: hjemmel ... -->`: the whole standard output;
- `<!-- results of: hjemmel ... -->`: of a SARIF log, only `runs[0].results` (the whole log holds
  every rule's documentation)."""
import json, re, subprocess, pathlib

doc = pathlib.Path("docs/cli.md")
text = doc.read_text()
pattern = re.compile(r"(<!-- (output|results) of: hjemmel (.*?) -->\n```(\w*)\n)(.*?)(```)", re.S)

def run(m):
    args = m.group(3).split()
    out = subprocess.run(["target/debug/hjemmel", *args], capture_output=True, text=True,
                         env={"COLUMNS": "100", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}).stdout
    if m.group(2) == "results":
        out = json.dumps(json.loads(out)["runs"][0]["results"], indent=2, ensure_ascii=False) + "\n"
    return m.group(1) + out + m.group(6)

doc.write_text(pattern.sub(run, text))
