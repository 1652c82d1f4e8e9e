#!/usr/bin/env bash
# scripts/bench-commands.sh: every command and output format of hjemmel on the synthetic specs of
# 10,000 and 100,000 activities: CPU time, wall time, peak memory and growth (issue 11, point 1).
#
# What it does
#   1. Builds the release binary and the spec generator `synth` (examples/synth.rs).
#   2. Generates (or reuses) `synth --activities N --seed 1` for each size, and `--seed 2` for `diff`,
#      which compares the seed 1 spec with the seed 2 spec of the same size (everything differs: the
#      largest diff) and with a byte-for-byte copy of itself (nothing differs).
#   3. Runs each command once per size under `/usr/bin/time` with standard output to /dev/null, and
#      reads the CPU time (user + system), the wall time and the peak RSS. Exit codes 0 and 1 are
#      expected (1: findings); any other stops the benchmark.
#   4. Prints a Markdown table and checks the targets of issue 11 for each command at the largest size:
#        - CPU time under 1 s;
#        - peak RSS under 1 GiB;
#        - growth of CPU time from the smallest to the largest size at most 12 (for 10x the activities).
#      Exits 1 when a target is missed, 0 when all are met, 2 on a usage or build error.
#
# CPU time rather than wall time: the machine this was written on is shared, and while other builds run
# the wall time of a run is several times its CPU time (waiting for a core and for page faults). The
# targets are about the work hjemmel does. For a comparison of two builds, count instructions:
#   valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/hjemmel ropa SPEC --format csv
#
# Usage
#   scripts/bench-commands.sh [--sizes "10000 100000"] [--command "ropa --format csv"] [--dir DIR]
#
#   --sizes ...    activity counts (default "10000 100000"); growth is checked between the first and
#                  the last, the CPU and memory targets at the last when it is 100000.
#   --command ...  only the commands whose arguments start with this text (e.g. "graph", "ropa --format
#                  csv", "diff"); as in the table's first column.
#   --dir DIR      where the generated specs go (default ${TMPDIR:-/tmp}/hjemmel-bench); reused if present.
#
# Needs: bash, cargo, awk, GNU time at /usr/bin/time.

set -euo pipefail

SIZES="10000 100000"
ONLY=""
DIR="${TMPDIR:-/tmp}/hjemmel-bench"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --sizes) SIZES="$2"; shift 2 ;;
        --command) ONLY="$2"; shift 2 ;;
        --dir) DIR="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-commands.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
if ! [[ -x /usr/bin/time ]] || ! /usr/bin/time -f %M true 2> /dev/null; then
    echo "bench-commands.sh: needs GNU time at /usr/bin/time" >&2
    exit 2
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
echo "Building (release)..." >&2
cargo build --release --quiet --bin hjemmel --example synth || exit 2
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
TARGET_DIR="${TARGET_DIR:-$ROOT/target}"
BIN="$TARGET_DIR/release/hjemmel"
SYNTH="$TARGET_DIR/release/examples/synth"
mkdir -p "$DIR"

spec() { # size seed -> path (generated once)
    local file="$DIR/synth-$1-seed$2.hjemmel"
    if [[ ! -s "$file" ]]; then
        echo "Generating $1 activities, seed $2 -> $file" >&2
        "$SYNTH" --activities "$1" --seed "$2" > "$file.tmp"
        mv "$file.tmp" "$file"
    fi
    echo "$file"
}

# Each command: its arguments, with SPEC for the seed 1 spec, OTHER for the seed 2 spec and COPY for a
# copy of the seed 1 spec.
COMMANDS=(
    "check SPEC --format json"
    "check SPEC --format sarif"
    "check SPEC --format github"
    "ropa SPEC --format md"
    "ropa SPEC --format csv"
    "ropa SPEC --format json"
    "ropa SPEC --format dpv"
    "graph SPEC --format dot"
    "graph SPEC --format mermaid"
    "graph SPEC --format svg"
    "diff SPEC OTHER --format human"
    "diff SPEC OTHER --format json"
    "diff SPEC OTHER --format markdown"
    "diff SPEC COPY --format human"
    "notice SPEC --format md"
    "notice SPEC --format html"
    "notice SPEC --format md --draft"
    "notice SPEC --format md --for employees"
    "notice SPEC --format md --lang da"
    "rules"
    "explain ART6-BASIS"
)

declare -A CPU WALL RSS
read -r -a SIZE_LIST <<< "$SIZES"
FIRST="${SIZE_LIST[0]}"
LAST="${SIZE_LIST[${#SIZE_LIST[@]}-1]}"
SELECTED=()
for command in "${COMMANDS[@]}"; do
    [[ -z "$ONLY" || "$command" == "$ONLY"* || "${command/SPEC /}" == "$ONLY"* ]] || continue
    SELECTED+=("$command")
    for n in "${SIZE_LIST[@]}"; do
        one="$(spec "$n" 1)"
        other="$(spec "$n" 2)"
        copy="$DIR/synth-$n-seed1-copy.hjemmel"
        [[ -s "$copy" ]] || cp "$one" "$copy"
        line="${command//SPEC/$one}"
        line="${line//OTHER/$other}"
        line="${line//COPY/$copy}"
        read -r -a args <<< "$line"
        set +e
        /usr/bin/time -f "%U %S %e %M" -o "$DIR/time.txt" "$BIN" "${args[@]}" > /dev/null 2> "$DIR/stderr.txt"
        status=$?
        set -e
        if [[ $status -ne 0 && $status -ne 1 ]]; then
            echo "bench-commands.sh: hjemmel $line exited with $status:" >&2
            head -n 5 "$DIR/stderr.txt" >&2
            exit 2
        fi
        read -r user sys wall rss < <(tail -n 1 "$DIR/time.txt")
        CPU["$command/$n"]="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
        WALL["$command/$n"]="$wall"
        RSS["$command/$n"]="$rss"
        echo "  $command, $n activities: ${CPU[$command/$n]} s CPU, $wall s wall, $rss KiB" >&2
    done
done

echo
echo "## Every command and format (CPU s / wall s / peak RSS MiB)"
echo
header="| command |"
rule="|---------|"
for n in "${SIZE_LIST[@]}"; do
    header+=" $n: CPU | wall | RSS |"
    rule+="----:|----:|----:|"
done
header+=" growth (CPU) | verdict |"
rule+="----:|---------|"
echo "$header"
echo "$rule"
missed=0
for command in "${SELECTED[@]}"; do
    row="| \`hjemmel ${command}\` |"
    for n in "${SIZE_LIST[@]}"; do
        row+=" ${CPU[$command/$n]} | ${WALL[$command/$n]} | $(awk -v k="${RSS[$command/$n]}" 'BEGIN { printf "%.0f", k / 1024 }') |"
    done
    # Growth of CPU time; below 0.05 s the clock's resolution (0.01 s) makes it meaningless.
    growth="$(awk -v a="${CPU[$command/$LAST]}" -v b="${CPU[$command/$FIRST]}" \
        'BEGIN { if (b < 0.05) print "-"; else printf "%.1f", a / b }')"
    misses=()
    if [[ "$LAST" == 100000 ]]; then
        if awk -v c="${CPU[$command/$LAST]}" 'BEGIN { exit !(c >= 1.0) }'; then misses+=(CPU); fi
        if [[ "${RSS[$command/$LAST]}" -ge 1048576 ]]; then misses+=(memory); fi
    fi
    if [[ "$growth" != "-" ]] && awk -v g="$growth" 'BEGIN { exit !(g > 12) }'; then
        misses+=(growth)
    fi
    verdict="met"
    if [[ ${#misses[@]} -gt 0 ]]; then
        verdict="**missed: ${misses[*]}**"
        missed=1
    fi
    echo "$row $growth | $verdict |"
done
echo
echo "Targets: at 100,000 activities under 1 s of CPU and under 1 GiB; CPU($LAST) / CPU($FIRST) <= 12."
exit "$missed"
