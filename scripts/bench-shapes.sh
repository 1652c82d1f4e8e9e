#!/usr/bin/env bash
# scripts/bench-shapes.sh: `hjemmel check` is linear in every shape of spec that was once quadratic
# (issue 11), not only in the synth spec of scripts/bench.sh.
#
# What it does
#   1. Builds the release binary and the example `shapes` (examples/shapes.rs), which writes a spec
#      directory of a shape at a size:
#        waivers-everywhere  the synth spec with an `allow CODE "..."` in every activity, and a hjemmel.toml
#        unknown-names       the synth spec's activities without the declarations they use, each also
#                            naming a misspelt activity (N distinct unknown names against N declared)
#        subprocessor-chain  one processor with N sub-processors in a third country, used by N activities
#        wide-activity       one activity with N data categories, sources, processors and recipients
#   2. Writes each shape at two sizes 10x apart (default 10,000 and 100,000; the larger is the one
#      comparable to the 100k synth spec), reused from --dir if present.
#   3. Runs `hjemmel check DIR --format json > /dev/null` RUNS times (default 3) at each size, and keeps
#      the best CPU time (user + system, bash's `time`, in ms), the best wall time and the largest peak
#      RSS (`/usr/bin/time -f %M`). Exit codes 0, 1 (findings) and 2 (unknown-names is invalid on
#      purpose) are expected; anything else (a crash) fails the benchmark.
#   4. Prints a Markdown table and checks, for each shape:
#        - growth: CPU time(large) / CPU time(small) <= 12;
#        - peak RSS at either size under 1 GiB;
#        - CPU time at the larger size under 1 s.
#      CPU time, not wall time: the targets are about work done, and CPU time moves less on a shared
#      machine. Exits 1 when a target is missed, 0 when all are met, 2 on a usage or build error.
#
# Usage
#   scripts/bench-shapes.sh [--runs N] [--small N] [--large N] [--shapes "a b ..."] [--dir DIR]
#
# Needs: bash, cargo, awk, /usr/bin/time (GNU time, for the peak RSS).

set -euo pipefail

RUNS=3
SMALL=10000
LARGE=100000
SHAPES="waivers-everywhere unknown-names subprocessor-chain wide-activity"
DIR="${TMPDIR:-/tmp}/hjemmel-shapes"
MAX_GROWTH=12
MAX_RSS_KIB=$((1024 * 1024))
MAX_CPU_MS=1000

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --small) SMALL="$2"; shift 2 ;;
        --large) LARGE="$2"; shift 2 ;;
        --shapes) SHAPES="$2"; shift 2 ;;
        --dir) DIR="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-shapes: unknown argument \`$1\` (see --help)" >&2; exit 2 ;;
    esac
done

if [[ ! -x /usr/bin/time ]]; then
    echo "bench-shapes: /usr/bin/time (GNU time) is needed for the peak RSS" >&2
    exit 2
fi

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
cargo build --release --quiet --bin hjemmel --example shapes || exit 2
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/release"
HJEMMEL="$TARGET/hjemmel"
GENERATE="$TARGET/examples/shapes"
mkdir -p "$DIR"

# measure SPEC_DIR: prints "cpu_ms wall_ms rss_kib", the best times and the largest RSS of RUNS runs.
measure() {
    local spec="$1" best_cpu="" best_wall="" max_rss=0 run times rss cpu wall status
    for ((run = 0; run < RUNS; run++)); do
        times="$(mktemp)"
        rss="$(mktemp)"
        status=0
        { TIMEFORMAT='%3R %3U %3S'; time /usr/bin/time -f %M -o "$rss" \
            "$HJEMMEL" check "$spec" --format json > /dev/null 2>&1; } 2> "$times" || status=$?
        if [[ $status -gt 2 ]]; then
            echo "bench-shapes: hjemmel check $spec exited with $status" >&2
            rm -f "$times" "$rss"
            return 1
        fi
        read -r wall cpu < <(awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$times")
        if [[ -z "$best_cpu" || $cpu -lt $best_cpu ]]; then best_cpu=$cpu; fi
        if [[ -z "$best_wall" || $wall -lt $best_wall ]]; then best_wall=$wall; fi
        local kib
        kib="$(tail -n 1 "$rss")"
        if [[ $kib -gt $max_rss ]]; then max_rss=$kib; fi
        rm -f "$times" "$rss"
    done
    echo "$best_cpu $best_wall $max_rss"
}

failed=0
echo "| shape | size | CPU (ms) | wall (ms) | peak RSS (MiB) | CPU growth | verdict |"
echo "|-------|-----:|---------:|----------:|---------------:|-----------:|---------|"
for shape in $SHAPES; do
    declare -A cpu_of=() wall_of=() rss_of=()
    for size in "$SMALL" "$LARGE"; do
        spec="$DIR/$shape-$size"
        if [[ ! -d "$spec" ]]; then
            "$GENERATE" --shape "$shape" --size "$size" --out "$spec" || exit 2
        fi
        read -r cpu_of[$size] wall_of[$size] rss_of[$size] < <(measure "$spec") || exit 1
    done
    growth="$(awk -v a="${cpu_of[$SMALL]}" -v b="${cpu_of[$LARGE]}" \
        'BEGIN { printf "%.1f", b / (a > 0 ? a : 1) }')"
    problems=()
    if awk -v g="$growth" -v m="$MAX_GROWTH" 'BEGIN { exit !(g > m) }'; then
        problems+=("growth > $MAX_GROWTH")
    fi
    for size in "$SMALL" "$LARGE"; do
        if [[ ${rss_of[$size]} -gt $MAX_RSS_KIB ]]; then problems+=("RSS > 1 GiB at $size"); fi
    done
    if [[ ${cpu_of[$LARGE]} -gt $MAX_CPU_MS ]]; then problems+=("over 1 s at $LARGE"); fi
    verdict="ok"
    if [[ ${#problems[@]} -gt 0 ]]; then
        verdict="MISSED: $(IFS=,; echo "${problems[*]}")"
        failed=1
    fi
    for size in "$SMALL" "$LARGE"; do
        shown_growth=""
        if [[ $size == "$LARGE" ]]; then shown_growth="$growth"; fi
        printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$shape" "$size" "${cpu_of[$size]}" \
            "${wall_of[$size]}" "$((rss_of[$size] / 1024))" "$shown_growth" \
            "$([[ $size == "$LARGE" ]] && echo "$verdict" || echo "")"
    done
    unset cpu_of wall_of rss_of
done
exit "$failed"
