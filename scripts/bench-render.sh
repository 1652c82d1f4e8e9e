#!/usr/bin/env bash
# scripts/bench-render.sh: how fast and how big hjemmel's rendering of findings is, per output format,
# on the usual synth specs and on the same specs written on one line.
#
# What it does
#   1. Builds the release binary and the `synth` example (unless --bin names a binary to measure).
#   2. Generates the specs (`synth --activities N --seed S`, as scripts/bench.sh) and, with --one-line,
#      the same spec on one line: the first line (a `//` comment) dropped, every line end made a space.
#   3. For each size, runs the command RUNS times: `hjemmel check FILE --format FMT > /dev/null`, or
#      with --command report `hjemmel report FILE -o OUT.html`. Keeps the best wall time, the least
#      CPU time (user + system, from /usr/bin/time) and the largest peak RSS. Exit code 1 (findings)
#      is expected for check, 0 for report; anything else aborts. A size whose first run takes more
#      than 60 s is not repeated.
#   4. With --instructions, counts the instructions of one run under callgrind for sizes up to 10,000
#      (repeatable on a shared machine; use it to compare two builds, e.g. with --bin OLD_BINARY).
#   5. Prints a Markdown table with the growth of each size over the one before (time and CPU). Exits 1
#      when the last two sizes are 10× apart and the CPU time grows more than 12×, or the largest peak
#      RSS is 1 GiB or more.
#
# Usage
#   scripts/bench-render.sh [--format human|json|sarif|github] [--command check|report] [--one-line]
#                           [--runs N] [--sizes "1000 10000 100000"] [--seed S] [--dir DIR]
#                           [--bin PATH] [--instructions]
#
#   --format F    the output format of `check` (default human).
#   --command C   check (default) or report (the HTML report; --format is ignored).
#   --one-line    measure the spec written on one line.
#   --bin PATH    measure this binary instead of building one (e.g. an older build).
#
# Needs: bash, cargo, awk, /usr/bin/time. Optional: valgrind (--instructions). Paths must not hold spaces.

set -euo pipefail

FORMAT=human
COMMAND=check
ONE_LINE=0
RUNS=3
SIZES="1000 10000 100000"
SEED=1
DIR="${TMPDIR:-/tmp}/hjemmel-bench"
BIN=""
INSTRUCTIONS=0
SLOW_SECONDS=60

while [[ $# -gt 0 ]]; do
    case "$1" in
        --format) FORMAT="$2"; shift 2 ;;
        --command) COMMAND="$2"; shift 2 ;;
        --one-line) ONE_LINE=1; shift ;;
        --runs) RUNS="$2"; shift 2 ;;
        --sizes) SIZES="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --dir) DIR="$2"; shift 2 ;;
        --bin) BIN="$2"; shift 2 ;;
        --instructions) INSTRUCTIONS=1; shift ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$COMMAND" in check|report) ;; *) echo "--command is check or report" >&2; exit 2 ;; esac
case "$FORMAT" in human|json|sarif|github) ;; *) echo "--format is human, json, sarif or github" >&2; exit 2 ;; esac

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mkdir -p "$DIR"
if [[ -z "$BIN" ]]; then
    echo "building..." >&2
    cargo build --release --quiet --bin hjemmel --example synth || exit 2
    BIN="$ROOT/target/release/hjemmel"
fi
SYNTH="$ROOT/target/release/examples/synth"

spec_of() {
    local n="$1" file="$DIR/synth-$n-seed$SEED.hjemmel"
    if [[ ! -s "$file" ]]; then
        [[ -x "$SYNTH" ]] || cargo build --release --quiet --example synth || exit 2
        "$SYNTH" --activities "$n" --seed "$SEED" > "$file"
    fi
    if [[ "$ONE_LINE" == 1 ]]; then
        local one="$DIR/one-line-$n-seed$SEED.hjemmel"
        # The first line is the generator's `//` comment, which would swallow the whole line.
        [[ -s "$one" ]] || tail -n +2 "$file" | tr '\n' ' ' > "$one"
        file="$one"
    fi
    echo "$file"
}

# The command line measured, for a spec file.
command_for() {
    if [[ "$COMMAND" == report ]]; then
        echo "$BIN" report "$1" -o "$DIR/report-bench.html"
    else
        echo "$BIN" check "$1" --format "$FORMAT"
    fi
}

expected_code() { [[ "$COMMAND" == report ]] && echo 0 || echo 1; }

what="$COMMAND"; [[ "$COMMAND" == check ]] && what="check --format $FORMAT"
shape="one file"; [[ "$ONE_LINE" == 1 ]] && shape="one file, on one line"
echo "## hjemmel $what ($shape), best of $RUNS"
echo
echo "| activities | wall (s) | CPU (s) | peak RSS (MiB) | CPU growth | instructions |"
echo "|-----------:|---------:|--------:|---------------:|-----------:|-------------:|"
prev_cpu=""; prev_n=""; status=0; max_rss=0
for n in $SIZES; do
    file="$(spec_of "$n")"
    best_wall=""; best_cpu=""; rss=0
    for ((r = 0; r < RUNS; r++)); do
        start=$(date +%s.%N)
        set +e
        # shellcheck disable=SC2046 # the command's words, none with spaces
        /usr/bin/time -f "%U %S %M" -o "$DIR/time.txt" $(command_for "$file") > /dev/null 2>&1
        code=$?
        set -e
        end=$(date +%s.%N)
        if [[ "$code" != "$(expected_code)" ]]; then
            echo "hjemmel exited $code on $file" >&2; exit 2
        fi
        wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
        read -r user sys kib < <(tail -1 "$DIR/time.txt")
        cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        [[ -z "$best_wall" || $(awk -v a="$wall" -v b="$best_wall" 'BEGIN { print (a < b) }') == 1 ]] && best_wall="$wall"
        [[ -z "$best_cpu" || $(awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { print (a < b) }') == 1 ]] && best_cpu="$cpu"
        (( kib > rss )) && rss=$kib
        [[ $(awk -v w="$wall" -v s="$SLOW_SECONDS" 'BEGIN { print (w > s) }') == 1 ]] && break
    done
    (( rss > max_rss )) && max_rss=$rss
    instructions=""
    if [[ "$INSTRUCTIONS" == 1 && "$n" -le 10000 ]]; then
        # shellcheck disable=SC2046
        valgrind --tool=callgrind --callgrind-out-file=/dev/null $(command_for "$file") \
            > /dev/null 2> "$DIR/callgrind.log" || true
        instructions="$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$DIR/callgrind.log" | tail -1)"
    fi
    growth=""
    if [[ -n "$prev_cpu" ]]; then
        growth=$(awk -v a="$best_cpu" -v b="$prev_cpu" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "–" }')
        if [[ $((n / prev_n)) == 10 && $(awk -v a="$best_cpu" -v b="$prev_cpu" 'BEGIN { print (b > 0.05 && a / b > 12) }') == 1 ]]; then
            status=1
        fi
    fi
    printf "| %s | %s | %s | %s | %s | %s |\n" "$n" "$best_wall" "$best_cpu" "$((rss / 1024))" "$growth" "$instructions"
    prev_cpu="$best_cpu"; prev_n="$n"
done
if (( max_rss >= 1024 * 1024 )); then status=1; fi
exit "$status"
