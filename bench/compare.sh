#!/usr/bin/env bash
# Two backstop binaries run interleaved on one generated corpus, each with
# its own cache: cold, then "1 changed" rounds (the same edit to
# gen-000000.md toggled before each pair), then "note edited" rounds. Wall
# and CPU (user + system) seconds and peak RSS per run; whether the two
# JSON outputs are the same.
#
#   bench/compare.sh OLD_BIN NEW_BIN CORPUS [ROUNDS]
#
# CORPUS comes from examples/generate_corpus.rs; its notes and articles are
# restored afterwards. Caches live in $WORK (default /tmp/backstop-compare).
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,10p "$0"; exit 2; }
OLD=$(realpath "$1") NEW=$(realpath "$2") CORPUS=$3 ROUNDS=${4:-4}
WORK=${WORK:-/tmp/backstop-compare}
export BACKSTOP_TODAY=2026-01-01
rm -rf "$WORK" && mkdir -p "$WORK"
cd "$CORPUS"
article=sources/000/gen-000000.md
grep -q 'analysts expect about' "$article" || { echo "compare: $article lacks the edited phrase" >&2; exit 1; }
cp "$article" "$WORK/article.bak"
cp notes/claims.md "$WORK/claims.bak"
trap 'cp "$WORK/article.bak" "$article"; cp "$WORK/claims.bak" notes/claims.md' EXIT

run() { # label which
  local bin=$OLD
  [ "$2" = new ] && bin=$NEW
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" env BACKSTOP_CACHE_DIR="$WORK/cache-$2" \
    "$bin" check . --format json --fail-on never >"$WORK/$2.json" 2>/dev/null || true
  read -r wall user sys kb <"$WORK/time"
  echo "| $1 | $2 | $wall | $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') | $((kb / 1024)) |"
}
pair() {
  run "$1" old
  run "$1" new
  cmp -s "$WORK/old.json" "$WORK/new.json" || echo "| $1 | outputs differ | | | |"
}

echo "| step | binary | wall s | CPU s | peak RSS MB |"
echo "|---|---|---|---|---|"
pair cold
for r in $(seq "$ROUNDS"); do
  if grep -q 'analysts now expect about' "$article"; then
    sed -i 's/analysts now expect about/analysts expect about/' "$article"
  else
    sed -i 's/analysts expect about/analysts now expect about/' "$article"
  fi
  pair "1 changed ($r)"
done
for r in 1 2; do
  echo "- Growth would rise by 4.$r percent under the plan [@gen-000001]." >>notes/claims.md
  pair "note edited ($r)"
done
