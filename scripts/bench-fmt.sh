#!/usr/bin/env bash
# scripts/bench-fmt.sh: `hjemmel fmt` on the synthetic spec of N activities (default 100,000): CPU time
# and peak memory of formatting it and of `fmt --check` on the result, and that the layout is
# idempotent and changes no meaning at that size (tests/fmt.rs checks the same on 1,000 activities and
# on every spec, example and fixture; this is the large one, too slow for a test).
#
# Meaning: the record of processing activities as JSON (`ropa --format json`, which holds no line
# numbers) and the findings of `check --format json` with their locations left out (code, severity,
# message, for every finding, in order) must be the same before and after.
#
# Usage: scripts/bench-fmt.sh [--activities N] [--dir DIR]     (DIR default ${TMPDIR:-/tmp}/hjemmel-bench)
# Needs: bash, cargo, jq, GNU time at /usr/bin/time. Exits 1 when a check fails.

set -euo pipefail

N=100000
DIR="${TMPDIR:-/tmp}/hjemmel-bench"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --activities) N="$2"; shift 2 ;;
        --dir) DIR="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-fmt.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
cargo build --release --quiet --bin hjemmel --example synth || exit 2
BIN="$ROOT/target/release/hjemmel"
mkdir -p "$DIR"
SPEC="$DIR/synth-$N-seed1.hjemmel"
[[ -s "$SPEC" ]] || "$ROOT/target/release/examples/synth" --activities "$N" --seed 1 > "$SPEC"
OUT="$DIR/synth-$N-seed1.formatted.hjemmel"

measure() { # label, then the command; stdin from $IN, stdout to $TO
    local label="$1" stats
    shift
    stats=$( { /usr/bin/time -f "%U %S %M" "$@" < "$IN" > "$TO"; } 2>&1 | tail -1) || return 1
    awk -v label="$label" -v s="$stats" 'BEGIN { split(s, a, " ");
        printf "| %s | %.2f s | %.0f MiB |\n", label, a[1] + a[2], a[3] / 1024 }'
}

echo "| $N activities, $(du -m "$SPEC" | cut -f1) MB | CPU | peak RSS |"
echo "|---|---|---|"
IN="$SPEC" TO="$OUT" measure "fmt - (the spec laid out)" "$BIN" fmt -
IN=/dev/null TO=/dev/null measure "fmt --check (the result)" "$BIN" fmt --check "$OUT" || {
    echo "bench-fmt.sh: the formatted spec is not in the layout: fmt is not idempotent" >&2
    exit 1
}

findings() { "$BIN" check "$1" --format json | jq -c '[.specs[].diagnostics[] | [.code, .severity, .message]]'; }
if ! cmp -s <("$BIN" ropa "$SPEC" --format json) <("$BIN" ropa "$OUT" --format json); then
    echo "bench-fmt.sh: the record differs after formatting" >&2
    exit 1
fi
if ! cmp -s <(findings "$SPEC") <(findings "$OUT"); then
    echo "bench-fmt.sh: the findings differ after formatting" >&2
    exit 1
fi
echo "idempotent, same record and findings: ok" >&2
