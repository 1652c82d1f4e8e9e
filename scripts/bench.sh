#!/usr/bin/env bash
# scripts/bench.sh: how fast and how big `hjemmel check` is on large specs.
#
# What it does
#   1. Builds the release binary and the examples `synth` (spec generator) and `phases` (per-phase timer).
#   2. Generates single-file specs of 1,000, 10,000 and 100,000 activities
#      (`synth --activities N --seed S`; deterministic, so every run measures the same text).
#   3. For each spec, runs `hjemmel check FILE --format json > /dev/null` RUNS times (default 5), pinned to
#      one core with `taskset -c 0` when taskset exists, and keeps the best wall time (bash clock,
#      `date +%s.%N`, around the process) and the largest peak RSS (`/usr/bin/time -f %M`, in KiB).
#      Exit code 1 (findings) is expected; 2 (invalid spec) aborts the benchmark.
#   4. With phases on (the default), runs `phases FILE` (best of RUNS, in-process `Instant` timings) for the
#      split of time between load, parse + resolve, flow graph, rules, JSON rendering and the teardown
#      before exit, and the resident memory after each phase.
#   5. With --instructions, counts the instructions of `hjemmel check FILE --format json` under valgrind's
#      callgrind for every size up to 10,000 activities: unlike wall time, the count does not depend on
#      the machine's load, so it compares builds on a shared machine.
#   6. Prints a Markdown table and checks the targets:
#        - 100k activities: wall time under 1 s;
#        - 100k activities: peak RSS under 1 GiB;
#        - linear growth: time(100k) / time(10k) <= 12.
#      Exits 1 when a target is missed (0 when all are met; 2 on a usage or build error).
#
# Usage
#   scripts/bench.sh [--runs N] [--sizes "1000 10000 100000"] [--seed S] [--dir DIR] [--no-phases]
#                    [--instructions]
#
#   --runs N     repetitions per size; the best wall time counts (default 5). A size whose first run takes
#                longer than 20 s is not repeated (the target is already missed by far, and repeats would
#                only make the benchmark slow).
#   --sizes ...  activity counts to generate; the targets are checked only when 10000 and 100000 are among them.
#   --seed S     generator seed (default 1).
#   --dir DIR    where the generated specs go (default ${TMPDIR:-/tmp}/hjemmel-bench); reused if present.
#   --no-phases  skip the per-phase split.
#   --instructions
#                also count instructions with callgrind (needs valgrind; about a minute per 10,000
#                activities).
#
# Needs: bash, cargo, awk. Optional: taskset (pinning), /usr/bin/time (peak RSS; without it the memory
# target is reported as not measured). hyperfine is not needed.

set -euo pipefail

RUNS=5
SIZES="1000 10000 100000"
SEED=1
DIR="${TMPDIR:-/tmp}/hjemmel-bench"
PHASES=1
INSTRUCTIONS=0
SLOW_SECONDS=20

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --sizes) SIZES="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --dir) DIR="$2"; shift 2 ;;
        --no-phases) PHASES=0; shift ;;
        --instructions) INSTRUCTIONS=1; shift ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
if [[ $INSTRUCTIONS -eq 1 ]] && ! command -v valgrind > /dev/null; then
    echo "bench.sh: --instructions needs valgrind" >&2
    exit 2
fi
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench.sh: --runs takes a whole number > 0" >&2
    exit 2
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

echo "Building (release)..." >&2
cargo build --release --quiet --bin hjemmel --example synth --example phases || exit 2
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
TARGET_DIR="${TARGET_DIR:-$ROOT/target}"
BIN="$TARGET_DIR/release/hjemmel"
SYNTH="$TARGET_DIR/release/examples/synth"
PHASES_BIN="$TARGET_DIR/release/examples/phases"

PIN=()
if command -v taskset > /dev/null && taskset -c 0 true 2> /dev/null; then
    PIN=(taskset -c 0)
fi
TIME_BIN=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -f %M true 2> /dev/null; then
    TIME_BIN=/usr/bin/time
fi

mkdir -p "$DIR"

now() { date +%s.%N; }

# One measured run: prints "wall_seconds rss_kib" (rss "-" when /usr/bin/time is missing).
measure() {
    local file="$1" rss_file="$DIR/rss.txt" start end status
    start="$(now)"
    set +e
    if [[ -n "$TIME_BIN" ]]; then
        "$TIME_BIN" -f %M -o "$rss_file" "${PIN[@]}" "$BIN" check "$file" --format json > /dev/null
    else
        "${PIN[@]}" "$BIN" check "$file" --format json > /dev/null
    fi
    status=$?
    set -e
    end="$(now)"
    if [[ $status -ne 0 && $status -ne 1 ]]; then
        echo "bench.sh: hjemmel check $file exited with $status (2 = the spec is invalid)" >&2
        exit 2
    fi
    local rss="-"
    if [[ -n "$TIME_BIN" ]]; then
        # GNU time prepends "Command exited with non-zero status 1" when the exit code is not 0.
        rss="$(tail -n 1 "$rss_file")"
    fi
    awk -v s="$start" -v e="$end" -v r="$rss" 'BEGIN { printf "%.4f %s\n", e - s, r }'
}

declare -A WALL RSS BYTES PHASE_LINE PHASE_MEM INSTR
ROWS=()
for n in $SIZES; do
    file="$DIR/synth-$n-seed$SEED.hjemmel"
    if [[ ! -s "$file" ]]; then
        echo "Generating $n activities -> $file" >&2
        "$SYNTH" --activities "$n" --seed "$SEED" > "$file.tmp"
        mv "$file.tmp" "$file"
    fi
    BYTES[$n]=$(wc -c < "$file")
    best=""
    max_rss=0
    for ((r = 1; r <= RUNS; r++)); do
        read -r wall rss < <(measure "$file")
        echo "  $n activities, run $r: ${wall} s, ${rss} KiB" >&2
        if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best="$wall"
        fi
        if [[ "$rss" != "-" && "$rss" -gt "$max_rss" ]]; then
            max_rss="$rss"
        fi
        if awk -v a="$wall" -v s="$SLOW_SECONDS" 'BEGIN { exit !(a > s) }'; then
            [[ $r -lt $RUNS ]] && echo "  (over ${SLOW_SECONDS} s: not repeated)" >&2
            break
        fi
    done
    WALL[$n]="$best"
    RSS[$n]="$( [[ -n "$TIME_BIN" ]] && echo "$max_rss" || echo "-")"
    if [[ $PHASES -eq 1 ]]; then
        phase_runs="$RUNS"
        if awk -v a="$best" -v s="$SLOW_SECONDS" 'BEGIN { exit !(a > s) }'; then
            phase_runs=1
        fi
        echo "  phases of $n activities (best of $phase_runs)..." >&2
        phase_out="$("${PIN[@]}" "$PHASES_BIN" "$file" --runs "$phase_runs")"
        PHASE_LINE[$n]="$(awk -F '\t' '{ v[$1] = $2 } END {
            printf "%s | %s | %s | %s | %s | %s | %s | %s", v["load"], v["compile"],
                v["flow"], v["rules"], v["json"], v["teardown"], v["total"], v["findings"] }' <<< "$phase_out")"
        PHASE_MEM[$n]="$(awk -F '\t' '
            function mib(k) { return (k == "-" || k == "") ? "-" : sprintf("%.1f", k / 1024) }
            { v[$1] = $3 } END {
            printf "%s | %s | %s | %s | %s | %s", mib(v["load"]), mib(v["compile"]),
                mib(v["flow"]), mib(v["rules"]), mib(v["json"]), mib(v["total"]) }' <<< "$phase_out")"
    fi
    if [[ $INSTRUCTIONS -eq 1 && $n -le 10000 ]]; then
        echo "  instructions of $n activities (callgrind)..." >&2
        set +e
        valgrind --tool=callgrind --callgrind-out-file="$DIR/callgrind-$n.out" \
            "$BIN" check "$file" --format json > /dev/null 2> "$DIR/callgrind-$n.log"
        set -e
        INSTR[$n]="$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$DIR/callgrind-$n.log")"
    fi
    ROWS+=("$n")
done

mib() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.1f", k / 1024 }'; }

echo
echo "## hjemmel check --format json (best of $RUNS, ${PIN[*]:-not pinned})"
echo
echo "| activities | spec size (MiB) | wall time (s) | peak RSS (MiB) | µs per activity |"
echo "|-----------:|----------------:|--------------:|---------------:|----------------:|"
for n in "${ROWS[@]}"; do
    printf "| %s | %s | %s | %s | %s |\n" "$n" \
        "$(awk -v b="${BYTES[$n]}" 'BEGIN { printf "%.1f", b / 1048576 }')" \
        "$(awk -v w="${WALL[$n]}" 'BEGIN { printf "%.3f", w }')" \
        "$(mib "${RSS[$n]}")" \
        "$(awk -v w="${WALL[$n]}" -v n="$n" 'BEGIN { printf "%.1f", w * 1e6 / n }')"
done

if [[ $PHASES -eq 1 ]]; then
    echo
    echo "## Time by phase (ms, in-process, examples/phases.rs)"
    echo
    echo "| activities | load | parse + resolve | flow graph | rules | JSON | teardown | total | findings |"
    echo "|-----------:|-----:|----------------:|-----------:|------:|-----:|---------:|------:|---------:|"
    for n in "${ROWS[@]}"; do
        echo "| $n | ${PHASE_LINE[$n]} |"
    done
    echo
    echo "## Resident memory after each phase (MiB, first run of examples/phases.rs; last column: peak)"
    echo
    echo "| activities | load | parse + resolve | flow graph | rules | JSON | peak |"
    echo "|-----------:|-----:|----------------:|-----------:|------:|-----:|-----:|"
    for n in "${ROWS[@]}"; do
        echo "| $n | ${PHASE_MEM[$n]} |"
    done
fi

if [[ $INSTRUCTIONS -eq 1 ]]; then
    echo
    echo "## Instructions (callgrind, hjemmel check --format json)"
    echo
    echo "| activities | instructions (M) | per activity |"
    echo "|-----------:|-----------------:|-------------:|"
    for n in "${ROWS[@]}"; do
        [[ -n "${INSTR[$n]:-}" ]] || continue
        printf "| %s | %s | %s |\n" "$n" \
            "$(awk -v i="${INSTR[$n]}" 'BEGIN { printf "%.1f", i / 1e6 }')" \
            "$(awk -v i="${INSTR[$n]}" -v n="$n" 'BEGIN { printf "%.0f", i / n }')"
    done
fi

echo
echo "## Targets"
echo
missed=0
check() { # name, measured, limit, verdict (0 met, 1 missed, 2 not measured)
    local verdict
    case "$4" in
        0) verdict="met" ;;
        1) verdict="**missed**"; missed=1 ;;
        *) verdict="not measured" ;;
    esac
    echo "| $1 | $2 | $3 | $verdict |"
}
echo "| target | measured | limit | verdict |"
echo "|--------|---------:|------:|---------|"
if [[ -n "${WALL[100000]:-}" ]]; then
    ok=$(awk -v w="${WALL[100000]}" 'BEGIN { print (w < 1.0) ? 0 : 1 }')
    check "wall time, 100k activities" "$(awk -v w="${WALL[100000]}" 'BEGIN { printf "%.3f s", w }')" "< 1 s" "$ok"
    if [[ "${RSS[100000]}" != "-" ]]; then
        ok=$(awk -v k="${RSS[100000]}" 'BEGIN { print (k < 1048576) ? 0 : 1 }')
        check "peak RSS, 100k activities" "$(mib "${RSS[100000]}") MiB" "< 1024 MiB" "$ok"
    else
        check "peak RSS, 100k activities" "-" "< 1024 MiB" 2
    fi
    if [[ -n "${WALL[10000]:-}" ]]; then
        ratio=$(awk -v a="${WALL[100000]}" -v b="${WALL[10000]}" 'BEGIN { printf "%.1f", a / b }')
        ok=$(awk -v r="$ratio" 'BEGIN { print (r <= 12) ? 0 : 1 }')
        check "growth, time(100k) / time(10k)" "$ratio" "<= 12" "$ok"
    fi
else
    echo "| (100000 not among --sizes: targets not checked) | | | |"
fi
exit "$missed"
