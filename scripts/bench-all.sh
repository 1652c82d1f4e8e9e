#!/usr/bin/env bash
# scripts/bench-all.sh: every benchmark of issue 11 in one run — every command and format, every shape
# of spec found slow once — so that one command says whether hjemmel is linear everywhere.
#
# What it runs (each script's own header says what it measures and which targets it checks):
#   1. scripts/bench-commands.sh   every command × format on the 10k and 100k synth specs (check in
#                                  json, sarif, github; ropa; graph; diff; rules; explain);
#   2. scripts/bench-render.sh     `check` in human format, and `report`, on the synth specs; then the
#                                  same spec written on one line, in human, json, sarif and github;
#   3. scripts/bench-shapes.sh     waivers in every activity, many unknown names, one processor with
#                                  many sub-processors, one activity with many categories and parties.
# Each part exits 1 when a target is missed; this script runs all of them regardless, prints which
# missed, and exits 1 if any did (0 when all are met, 2 when a part could not run).
#
# Usage
#   scripts/bench-all.sh [--quick]
#   --quick   sizes 1,000 and 10,000 instead of 10,000 and 100,000 (a check that everything runs;
#             the targets are set at 100,000 and are not meaningful here).
#
# Needs what the three scripts need: bash, cargo, awk, /usr/bin/time; about 15 minutes on two quiet
# cores at full size. Time it on a quiet machine: the scripts report CPU time, which moves less than
# wall time under load, but not nothing.

set -uo pipefail
cd "$(dirname "$0")/.."

SMALL=10000
LARGE=100000
if [[ "${1:-}" == "--quick" ]]; then
    SMALL=1000
    LARGE=10000
elif [[ $# -gt 0 ]]; then
    sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi

missed=()
failed=()
run() {
    local name="$1"
    shift
    echo
    echo "## $name"
    echo
    "$@"
    case $? in
        0) ;;
        1) missed+=("$name") ;;
        *) failed+=("$name") ;;
    esac
}

run "commands" scripts/bench-commands.sh --sizes "$SMALL $LARGE"
run "human" scripts/bench-render.sh --format human --runs 1 --sizes "$SMALL $LARGE"
run "report" scripts/bench-render.sh --command report --runs 1 --sizes "$SMALL $LARGE"
for format in human json sarif github; do
    run "one line, $format" scripts/bench-render.sh --one-line --format "$format" --runs 1 --sizes "$SMALL $LARGE"
done
run "shapes" scripts/bench-shapes.sh --runs 1 --small "$SMALL" --large "$LARGE"

echo
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "could not run: ${failed[*]}"
    exit 2
fi
if [[ ${#missed[@]} -gt 0 ]]; then
    echo "targets missed: ${missed[*]}"
    exit 1
fi
echo "every target met"
