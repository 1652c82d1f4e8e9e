#!/usr/bin/env bash
# scripts/check-report-in-browser.sh: a manual check that the HTML report looks right in a real
# browser. Not part of CI.
#
# What it does
#   1. Builds the debug binary and writes `hjemmel report SPEC` (in English, and in Danish with --da)
#      into OUT_DIR.
#   2. Opens each report in headless Chromium with everything that could reach the network turned off,
#      and saves a full-height screenshot next to it (REPORT.png).
#   3. Prints the paths of the screenshots: open them and look. What to look for is in docs/cli.md
#      ("Checking the report in a browser").
#
# Usage
#   scripts/check-report-in-browser.sh [SPEC] [OUT_DIR]
#     SPEC     the spec to report on (default specs/randers)
#     OUT_DIR  where the reports and screenshots go (default ${TMPDIR:-/tmp}/hjemmel-report-check)
#   HEIGHT=N (environment) the height of the window in pixels, and so of the screenshot (default 4000):
#   raise it to see the end of a long report, e.g. HEIGHT=20000.
#
# Needs Chromium: on Debian, `apt-get install -y chromium`. Exits 2 when it is missing or the report
# could not be made.
set -euo pipefail

spec=${1:-specs/randers}
out_dir=${2:-${TMPDIR:-/tmp}/hjemmel-report-check}
height=${HEIGHT:-4000}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "chromium not found: apt-get install -y chromium" >&2
  exit 2
fi

cargo build --quiet
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)

shoot() {
  local lang=$1 name=$2
  local html="$out_dir/$name.html" png="$out_dir/$name.png" profile
  if ! target/debug/hjemmel --lang "$lang" report "$spec" -o "$html"; then
    echo "hjemmel report failed for $spec" >&2
    exit 2
  fi
  profile=$(mktemp -d)
  # No network of any kind: the report must be complete on its own, so nothing it shows may depend on it.
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --hide-scrollbars --window-size=1280,"$height" --screenshot="$png" "file://$html" >/dev/null 2>&1
  rm -rf "$profile"
  echo "$png"
}

shoot en report
shoot da rapport
