#!/usr/bin/env bash
# `hjemmel lsp` under a real editor's client: Neovim (Debian's package, 0.7 or newer), headless,
# opens examples/art9-without-basis.hjemmel (copied into a directory of its own) with its built-in
# LSP client and must receive ART9-BASIS at line 25, column 23, and hold it for the buffer.
# HJEMMEL names the binary (default: target/debug/hjemmel, built when absent). Bounded: 60 s.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nvim >/dev/null || { echo "check-lsp-in-neovim: nvim is not installed (apt-get install neovim)" >&2; exit 2; }
bin="${HJEMMEL:-target/debug/hjemmel}"
[ -x "$bin" ] || cargo build --quiet
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cp examples/art9-without-basis.hjemmel "$dir/"
export HJEMMEL_BIN="$(realpath "$bin")" HJEMMEL_SPEC_FILE="$dir/art9-without-basis.hjemmel" HJEMMEL_NVIM_OUT="$dir/out"
# No user configuration, no plugins, no shada: only the script.
timeout 60 nvim --headless --clean -n -i NONE -c "luafile scripts/neovim/check-lsp.lua" </dev/null >/dev/null 2>&1 \
  || { echo "check-lsp-in-neovim: Neovim received no diagnostics" >&2; cat "$dir/out" 2>/dev/null >&2; exit 1; }
cat "$dir/out"
grep -q '^25:23 ART9-BASIS special-category data is processed without an art. 9(2) condition' "$dir/out" \
  && grep -q '^shown 1$' "$dir/out" \
  || { echo "check-lsp-in-neovim: not the diagnostics expected" >&2; exit 1; }
echo "check-lsp-in-neovim: ok ($(nvim --version | head -1))"
