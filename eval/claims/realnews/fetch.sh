#!/usr/bin/env bash
# Fetches the articles of the real-news evaluation set into corpus/.
#
# The text is ABC news copy that gensim ships as test data (the "Lee
# corpus"); it carries no licence that lets this repository redistribute it,
# so only the labels live here and the articles come from the package itself,
# by name, through pip. See README.md.
#
#     eval/claims/realnews/fetch.sh          # skips the download when corpus/ is complete
#     eval/claims/realnews/fetch.sh --force  # fetches again
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
manifest="$here/articles.tsv"
corpus="$here/corpus"
package="gensim"
version="4.4.0"
member="gensim/test/test_data/lee_background.cor"
member_sha256="5d78d6dafd953bbf65797bef09a9ffb9ec430583381be705f8fd460000f370fb"

if [[ "${1:-}" != "--force" ]]; then
  missing=0
  while IFS=$'\t' read -r id _rest; do
    [[ -z "$id" || "$id" == \#* || "$id" == id ]] && continue
    [[ -f "$corpus/$id.md" ]] || missing=1
  done <"$manifest"
  if [[ $missing == 0 ]]; then
    echo "realnews: corpus/ is complete (use --force to fetch again)"
    exit 0
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One fixed wheel, whatever the local Python: the data file is the same in
# every build, and a pinned wheel needs no compiler.
python3 -m pip download --quiet --disable-pip-version-check --no-deps \
  --only-binary=:all: --platform manylinux_2_28_x86_64 --python-version 3.11 \
  --implementation cp --abi cp311 --dest "$work" "$package==$version"

python3 - "$work" "$manifest" "$corpus" "$package" "$version" "$member" "$member_sha256" <<'PY'
import glob, hashlib, os, sys, zipfile

work, manifest, corpus, package, version, member, want = sys.argv[1:]
wheels = glob.glob(os.path.join(work, "*.whl"))
if len(wheels) != 1:
    sys.exit(f"realnews: expected one wheel of {package} {version} in {work}, found {wheels}")
with zipfile.ZipFile(wheels[0]) as wheel:
    data = wheel.read(member)
got = hashlib.sha256(data).hexdigest()
if got != want:
    sys.exit(f"realnews: {member} in {os.path.basename(wheels[0])} has sha256 {got}, expected {want}")
lines = data.decode("ascii").split("\n")

os.makedirs(corpus, exist_ok=True)
count = 0
with open(manifest, encoding="utf-8") as rows:
    for number, row in enumerate(rows, 1):
        row = row.rstrip("\n")
        if not row or row.startswith("#") or row.startswith("id\t"):
            continue
        fields = row.split("\t")
        if len(fields) != 4:
            sys.exit(f"realnews: {manifest}:{number}: expected 4 tab-separated fields")
        article_id, line, date, _part = fields
        text = lines[int(line) - 1].strip()
        source = f"Lee background corpus, {package} {version} test data ({member}, line {line})"
        with open(os.path.join(corpus, article_id + ".md"), "w", encoding="utf-8") as out:
            out.write(f"---\nid: {article_id}\ndate: {date}\nsource: {source}\n---\n\n{text}\n")
        count += 1
print(f"realnews: wrote {count} articles to {corpus}")
PY
