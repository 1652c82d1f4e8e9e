#!/usr/bin/env bash
# scripts/bench-compare.sh: two builds of hjemmel side by side on every command of issue 11, so that a
# change is measured against the build before it on the same machine at the same time.
#
# What it does
#   1. Generates (or reuses) the synth specs of 10,000 and 100,000 activities, seeds 1 and 2, as
#      scripts/bench-commands.sh does (the generator must be built: cargo build --release --example synth).
#   2. At 100,000 activities runs each command five times with OLD and NEW taking turns, and prints the
#      best CPU time (user + system) and the largest peak RSS of each. The builds take turns because
#      CPU time on a shared or virtual machine drifts by several per cent over minutes; only builds run
#      side by side compare. The report's file is removed before each run (writing over an earlier
#      file costs extra system time).
#   3. With --instructions, also counts each command's instructions at 10,000 activities with
#      valgrind's callgrind (exact and load-independent; about five minutes).
#
# Usage
#   scripts/bench-compare.sh OLD_BINARY NEW_BINARY [--instructions] [--dir DIR]
#   e.g. cp target/release/hjemmel /tmp/hjemmel-before; (make the change; cargo build --release);
#        scripts/bench-compare.sh /tmp/hjemmel-before target/release/hjemmel --instructions
#
# Needs: bash, bc, GNU time at /usr/bin/time; valgrind for --instructions.

set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
OLD="$1"
NEW="$2"
shift 2
INSTRUCTIONS=0
DIR="${TMPDIR:-/tmp}/hjemmel-bench"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --instructions) INSTRUCTIONS=1; shift ;;
        --dir) DIR="$2"; shift 2 ;;
        *) echo "bench-compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SYNTH="$ROOT/target/release/examples/synth"
mkdir -p "$DIR"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
export SOURCE_DATE_EPOCH=0

spec() { # size seed -> path (generated once)
    local file="$DIR/synth-$1-seed$2.hjemmel"
    if [[ ! -s "$file" ]]; then
        "$SYNTH" --activities "$1" --seed "$2" > "$file.tmp"
        mv "$file.tmp" "$file"
    fi
    echo "$file"
}

# Each command with SPEC for the seed 1 spec and OTHER for the seed 2 spec.
COMMANDS=(
    "check SPEC --format json" "check SPEC --format sarif" "check SPEC" "report SPEC -o REPORT"
    "notice SPEC --format md" "notice SPEC --format html" "ropa SPEC --format md"
    "ropa SPEC --format dpv" "graph SPEC --format svg" "graph SPEC --format dot" "fmt --check SPEC"
    "diff SPEC OTHER"
)

args_for() { # command size -> its arguments
    local spec other
    spec="$(spec "$2" 1)"
    other="$(spec "$2" 2)"
    local line="${1//SPEC/$spec}"
    line="${line//OTHER/$other}"
    echo "${line//REPORT/$OUT/report.html}"
}

once() { # binary args... -> "cpu rss_kib"
    rm -f "$OUT/report.html"
    /usr/bin/time -f '%U %S %M' -o "$OUT/time" "$@" > /dev/null 2> /dev/null || true
    local user sys rss
    read -r user sys rss < <(tail -1 "$OUT/time")
    echo "$(echo "$user + $sys" | bc) $rss"
}

printf '%-28s %8s %8s %9s %9s\n' "command (100k)" "old s" "new s" "old MiB" "new MiB"
for command in "${COMMANDS[@]}"; do
    read -r -a args < <(args_for "$command" 100000)
    best_old=999; best_new=999; rss_old=0; rss_new=0
    for _ in 1 2 3 4 5; do
        read -r cpu rss < <(once "$OLD" "${args[@]}")
        (( $(echo "$cpu < $best_old" | bc) )) && best_old=$cpu
        (( rss > rss_old )) && rss_old=$rss
        read -r cpu rss < <(once "$NEW" "${args[@]}")
        (( $(echo "$cpu < $best_new" | bc) )) && best_new=$cpu
        (( rss > rss_new )) && rss_new=$rss
    done
    printf '%-28s %8s %8s %9d %9d\n' "$command" "$best_old" "$best_new" $((rss_old / 1024)) $((rss_new / 1024))
done

if [[ $INSTRUCTIONS == 1 ]]; then
    instructions() { # binary args... -> millions of instructions
        rm -f "$OUT/report.html"
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null |
            sed -n 's/.*refs: *//p' | tr -d , | awk '{ printf "%.1f", $1 / 1e6 }'
    }
    echo
    printf '%-28s %10s %10s %8s\n' "command (10k)" "old M" "new M" "change"
    for command in "${COMMANDS[@]}"; do
        read -r -a args < <(args_for "$command" 10000)
        old="$(instructions "$OLD" "${args[@]}")"
        new="$(instructions "$NEW" "${args[@]}")"
        printf '%-28s %10s %10s %7.1f%%\n' "$command" "$old" "$new" "$(echo "($new - $old) * 100 / $old" | bc -l)"
    done
fi
