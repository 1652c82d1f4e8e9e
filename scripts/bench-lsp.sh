#!/usr/bin/env bash
# Keystroke latency of `hjemmel lsp` (docs/performance.md, "Issue 14: the language server"): a
# release build driven over stdio by scripts/bench_lsp.py, on the Lejre spec and on a generated
# spec of 10,000 activities (made with examples/synth.rs when absent).
set -euo pipefail
cd "$(dirname "$0")/.."
keystrokes="${KEYSTROKES:-100}"
synth="${SYNTH:-/tmp/bench4/synth-10000-seed1.hjemmel}"
nice -n 10 cargo build --release --quiet
if [ ! -f "$synth" ]; then
  mkdir -p "$(dirname "$synth")"
  cargo run --release --quiet --example synth -- --activities 10000 --seed 1 > "$synth"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 scripts/bench_lsp.py target/release/hjemmel specs/lejre "$keystrokes"
python3 scripts/bench_lsp.py target/release/hjemmel "$synth" "$((keystrokes / 2))"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
