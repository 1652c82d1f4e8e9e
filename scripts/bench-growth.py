#!/usr/bin/env python3
"""scripts/bench-growth.py: how each command's CPU time grows from 10,000 to 100,000 activities
(issue 11, point 1: 10x the input at most 12x the time), read finely enough to tell.

What it does
  1. Uses (or generates, with the release build of examples/synth.rs) `synth --activities N --seed S`
     for N = 10,000 and 100,000, seeds 1 and 2 (`diff` compares seed 1 with seed 2).
  2. Runs each command RUNS times at each size, the two sizes taking turns, and keeps the best CPU
     time (user + system) of each. The time is the one the kernel accounts to the process
     (wait4's rusage, in microseconds): GNU time prints it in steps of 10 ms, which at 10,000
     activities (0.06-0.14 s) is up to 15 % of a run, so its ratios cannot tell 11x from 13x.
  3. Prints a Markdown table with the ratio, and exits 1 when one is over 12.

Usage
  scripts/bench-growth.py [--bin BINARY] [--runs N] [--dir DIR] [--command TEXT]

  --bin      the hjemmel binary (default target/release/hjemmel, built if missing)
  --runs     runs of each command at each size (default 5)
  --dir      where the specs are, or go (default ${TMPDIR:-/tmp}/hjemmel-bench, as bench-commands.sh)
  --command  only the commands whose name starts with TEXT (e.g. "graph", "notice")

Run it on a quiet machine: at 100,000 activities the commands are limited by memory traffic as much
as by instructions (docs/performance.md, tenth round), and another process's use of the shared cache
slows the large size more than the small one.
"""

import argparse
import os
import subprocess
import sys
import tempfile

SIZES = (10_000, 100_000)
LIMIT = 12.0

# (name, arguments); {S} is the spec of seed 1, {S2} that of seed 2, {OUT} a file to write.
COMMANDS = [
    ("check --format json", ["check", "{S}", "--format", "json"]),
    ("check (human)", ["check", "{S}"]),
    ("check --format sarif", ["check", "{S}", "--format", "sarif"]),
    ("report -o FILE", ["report", "{S}", "-o", "{OUT}"]),
    ("notice --format md", ["notice", "{S}", "--format", "md"]),
    ("notice --format html", ["notice", "{S}", "--format", "html"]),
    ("ropa --format md", ["ropa", "{S}", "--format", "md"]),
    ("ropa --format dpv", ["ropa", "{S}", "--format", "dpv"]),
    ("graph --format svg", ["graph", "{S}", "--format", "svg"]),
    ("graph --format dot", ["graph", "{S}", "--format", "dot"]),
    ("fmt --check", ["fmt", "--check", "{S}"]),
    ("diff (seed 1, seed 2)", ["diff", "{S}", "{S2}"]),
]


def repository_root():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.dirname(here)


def spec(directory, root, size, seed):
    """The synth spec of `size` activities and `seed`, generated if it is not there yet."""
    path = os.path.join(directory, f"synth-{size}-seed{seed}.hjemmel")
    if not os.path.exists(path):
        synth = os.path.join(root, "target", "release", "examples", "synth")
        if not os.path.exists(synth):
            subprocess.run(["cargo", "build", "--release", "--example", "synth"], cwd=root, check=True)
        with open(path + ".part", "wb") as out:
            subprocess.run([synth, "--activities", str(size), "--seed", str(seed)], stdout=out, check=True)
        os.replace(path + ".part", path)
    return path


def cpu_seconds(binary, arguments):
    """User + system time of one run, as the kernel accounted it; output thrown away."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        pid = os.fork()
        if pid == 0:
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            try:
                os.execv(binary, [binary] + arguments)
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
    finally:
        os.close(devnull)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: findings; anything else is a failed run, not a time
        sys.exit(f"bench-growth: {' '.join(arguments)} exited with {code}")
    return usage.ru_utime + usage.ru_stime


def main():
    root = repository_root()
    parser = argparse.ArgumentParser(add_help=True, description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(root, "target", "release", "hjemmel"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "hjemmel-bench"))
    parser.add_argument("--command", default="")
    args = parser.parse_args()
    if args.runs < 1:
        sys.exit("bench-growth: --runs must be at least 1")
    if not os.path.exists(args.bin):
        subprocess.run(["cargo", "build", "--release"], cwd=root, check=True)
    os.makedirs(args.dir, exist_ok=True)
    os.environ["SOURCE_DATE_EPOCH"] = "0"  # the report's date, so every run writes the same bytes
    specs = {size: (spec(args.dir, root, size, 1), spec(args.dir, root, size, 2)) for size in SIZES}
    out = os.path.join(tempfile.mkdtemp(prefix="hjemmel-growth-"), "report.html")

    print(f"| command | CPU at {SIZES[0]:,} (s) | CPU at {SIZES[1]:,} (s) | growth |")
    print("|---|---:|---:|---:|")
    over = []
    for name, template in COMMANDS:
        if not name.startswith(args.command):
            continue
        best = {}
        for _ in range(args.runs):
            for size in SIZES:
                first, second = specs[size]
                arguments = [a.replace("{S2}", second).replace("{S}", first).replace("{OUT}", out) for a in template]
                if os.path.exists(out):
                    os.unlink(out)  # writing over an earlier report costs more system time
                seconds = cpu_seconds(args.bin, arguments)
                best[size] = min(best.get(size, float("inf")), seconds)
        growth = best[SIZES[1]] / best[SIZES[0]]
        if growth > LIMIT:
            over.append(name)
        print(f"| `{name}` | {best[SIZES[0]]:.3f} | {best[SIZES[1]]:.3f} | {growth:.2f}x |")
    if os.path.exists(out):
        os.unlink(out)
    os.rmdir(os.path.dirname(out))
    if over:
        print(f"\ngrowth over {LIMIT:g}x: {', '.join(over)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
