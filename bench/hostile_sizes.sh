#!/usr/bin/env bash
# Hostile input sizes (issue 21, item 6): inputs far larger than any
# real note, each timed with its peak memory, to show the time grows in
# proportion to the input. Generates its workspaces with
# bench/hostile_inputs.py; the language server's figures come from
# bench/lsp_note.py (first diagnostics of an opened note, and the server's
# memory before opening it, after and once it is closed).
#
#   bench/hostile_sizes.sh [BINARY]     (default: target/release/backstop)
#
# Env: WORK (default /tmp/backstop-hostile) holds the workspaces; KEEP=1
# keeps them afterwards. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
  BIN=$1
else
  cargo build --release --quiet --bin backstop
  BIN=$PWD/target/release/backstop
fi
WORK=${WORK:-/tmp/backstop-hostile}
mkdir -p "$WORK"
export BACKSTOP_TODAY=2026-01-01 BACKSTOP_CACHE_DIR=$WORK/cache
GEN="python3 bench/hostile_inputs.py"

# wall seconds and peak RSS (MB) of `check --no-cache` on a workspace
measure() {
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" check "$1" --no-cache "${@:2}" >/dev/null 2>"$WORK/stderr" || true
  read -r wall kb <"$WORK/time"
  echo "$wall s | $((kb / 1024)) MB"
}

echo "machine: $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| input | size | wall | peak RSS |"
echo "|---|---|---|---|"
for spec in "misquote 5000" "misquote 50000" \
  "blockquote 52429" "blockquote 524288" \
  "blockquote_attributed 524288" \
  "citations 4000" "citations 40000" \
  "citations_group 40000" "gapped_quote 5000" "common_gaps 30" "common_gaps 5000" \
  "big_article 20000000" "big_article 200000000"; do
  set -- $spec
  dir=$WORK/$1-$2
  [ -d "$dir" ] || $GEN "$1" "$dir" "$2"
  echo "| $1 | $2 | $(measure "$dir" --format json) |"
  [ "${KEEP:-}" = 1 ] || [ "$1" != big_article ] || rm -rf "$dir"
done
for format in human concise github sarif html; do
  echo "| citations, $format format | 40000 | $(measure "$WORK/citations-40000" --format $format) |"
done
echo
echo "| note in the server | first diagnostics after didOpen, RSS before / after / 3 s after didClose |"
echo "|---|---|"
for size in 1048576 4194304; do
  dir=$WORK/note-$size
  [ -d "$dir" ] || $GEN note "$dir" "$size"
  echo "| $size bytes | $(python3 bench/lsp_note.py "$BIN" "$dir" "$dir/notes/n.md") |"
done
[ "${KEEP:-}" = 1 ] || rm -rf "$WORK"
