#!/usr/bin/env bash
# Scale benchmark: cold, warm, note-edited and one-article-changed
# `backstop check`, side by side with ripgrep finding the notes' exact
# quotes, at several corpus sizes; LSP first diagnostics, keystroke and
# hover latency, and an article changed on disk, on the largest, with the
# cache the checks left.
#
#   bench/run.sh [SIZES...]        (default: 1000 10000 100000)
#
# Env: WORK (default /tmp/backstop-bench) holds the generated corpora and the
# cache; KEEP=1 keeps them afterwards. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ $# -eq 0 ] && SIZES=(1000 10000 100000)
WORK=${WORK:-/tmp/backstop-bench}
mkdir -p "$WORK"

if ! command -v rg >/dev/null; then
  echo "installing ripgrep" >&2
  apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null
fi
cargo build --release --quiet --bin backstop --example generate_corpus --example lsp_bench
BIN=$PWD/target/release/backstop
GEN=$PWD/target/release/examples/generate_corpus
LSPB=$PWD/target/release/examples/lsp_bench
export BACKSTOP_TODAY=2026-01-01 BACKSTOP_CACHE_DIR=$WORK/cache

# wall seconds and peak RSS (MB) of a command, from GNU time
measure() {
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || true
  read -r wall kb <"$WORK/time"
  echo "$wall $((kb / 1024))"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| articles | MB | cold check s | cold RSS MB | warm check s | warm RSS MB | note edited s | 1 changed s | 1 changed RSS MB | rg s | warm / rg | cold / rg |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in "${SIZES[@]}"; do
  dir=$WORK/c$n
  rm -rf "$dir" "$BACKSTOP_CACHE_DIR"
  "$GEN" --articles "$n" --out "$dir" 2>/dev/null
  mb=$(du -sm "$dir/sources" | cut -f1)
  sync
  find "$dir/sources" -type f -exec cat {} + >/dev/null   # same page cache for everyone
  cd "$dir"
  read -r cold cold_rss < <(measure "$BIN" check . --format json --fail-on never)
  read -r warm warm_rss < <(measure "$BIN" check . --format json --fail-on never)
  # Corpus unchanged, one claim added to a note: only that note is checked.
  echo '- Growth would rise by 4.4 percent under the plan [@gen-000001].' >>notes/claims.md
  read -r edited _ < <(measure "$BIN" check . --format json --fail-on never)
  one=$(find sources/000 -type f -name 'gen-000000.*')
  grep -q 'analysts expect about' "$one" || { echo "bench: $one lacks the edited phrase" >&2; exit 1; }
  sed -i 's/analysts expect about/analysts now expect about/' "$one"
  read -r changed changed_rss < <(measure "$BIN" check . --format json --fail-on never)
  read -r rg _ < <(measure rg -F -f quotes.txt sources)
  cd - >/dev/null
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
  echo "| $n | $mb | $cold | $cold_rss | $warm | $warm_rss | $edited | $changed | $changed_rss | $rg | $(ratio "$warm" "$rg") | $(ratio "$cold" "$rg") |"
  last=$dir
  [ "${KEEP:-0}" = 1 ] || [ "$n" = "${SIZES[-1]}" ] || rm -rf "$dir"
done

echo
echo "LSP on ${SIZES[-1]} articles (notes/long.md, warm cache):"
"$LSPB" "$last" 200 200
[ "${KEEP:-0}" = 1 ] || rm -rf "$last" "$BACKSTOP_CACHE_DIR"
