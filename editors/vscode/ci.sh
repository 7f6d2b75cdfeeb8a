#!/usr/bin/env bash
# CI for the VS Code extension: install, type-check, package (universal and
# linux-x64 with the server inside), protocol test. Needs only the npm
# registry. The linux-x64 package bundles $BACKSTOP_BIN, else the newer of
# ../../target/{release,debug}/backstop; the test drives $BACKSTOP_BIN, else
# ../../target/debug/backstop (build it first with `cargo build`).
set -euo pipefail
cd "$(dirname "$0")"

export CI=1 npm_config_yes=false npm_config_fund=false npm_config_audit=false \
  npm_config_update_notifier=false npm_config_progress=false

echo "--- vscode: npm ci"
npm ci --no-audit --no-fund </dev/null

echo "--- vscode: typecheck"
npm run --silent typecheck </dev/null

echo "--- vscode: package"
rm -f ./*.vsix
version=$(node -p "require('./package.json').version")

# The files of a .vsix, one per line (python3's zipfile: unzip may be absent).
vsix_files() {
  python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"
}

# check_vsix FILE: it was built; prints its size.
check_vsix() {
  if [[ ! -f "$1" ]]; then
    echo "error: $1 was not built" >&2
    exit 1
  fi
  local size
  size=$(wc -c <"$1" | tr -d ' ')
  echo "built $1: $size bytes ($(( (size + 1023) / 1024 )) KiB)"
}

npm run --silent package:linux-x64 </dev/null
platform_vsix="backstop-linux-x64-${version}.vsix"
check_vsix "$platform_vsix"
if ! vsix_files "$platform_vsix" | grep -x 'extension/server/backstop' >/dev/null; then
  echo "error: $platform_vsix does not carry extension/server/backstop" >&2
  exit 1
fi
if ! grep -q 'TargetPlatform="linux-x64"' <(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("extension.vsixmanifest").decode())' "$platform_vsix"); then
  echo "error: $platform_vsix is not marked as a linux-x64 package" >&2
  exit 1
fi

npm run --silent package </dev/null
vsix="backstop-${version}.vsix"
check_vsix "$vsix"
if vsix_files "$vsix" | grep '^extension/server/' >/dev/null; then
  echo "error: the universal $vsix carries a server binary" >&2
  exit 1
fi

echo "--- vscode: protocol test"
bin="${BACKSTOP_BIN:-../../target/debug/backstop}"
if [[ ! -x "$bin" ]]; then
  echo "error: no backstop binary at $bin; run \`cargo build\` at the repository root or set BACKSTOP_BIN" >&2
  exit 1
fi
npm test </dev/null
