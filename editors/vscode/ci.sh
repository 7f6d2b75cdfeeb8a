#!/usr/bin/env bash
# CI for the VS Code extension: install, type-check, package, protocol test.
# Needs only the npm registry. The test drives the server binary at
# ../../target/debug/backstop (build it first with `cargo build`) or $BACKSTOP_BIN.
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
npm run --silent package </dev/null
version=$(node -p "require('./package.json').version")
vsix="backstop-${version}.vsix"
if [[ ! -f "$vsix" ]]; then
  echo "error: $vsix was not built" >&2
  exit 1
fi
size=$(wc -c <"$vsix" | tr -d ' ')
echo "built $vsix: $size bytes ($(( (size + 1023) / 1024 )) KiB)"

echo "--- vscode: protocol test"
bin="${BACKSTOP_BIN:-../../target/debug/backstop}"
if [[ ! -x "$bin" ]]; then
  echo "error: no backstop binary at $bin; run \`cargo build\` at the repository root or set BACKSTOP_BIN" >&2
  exit 1
fi
npm test </dev/null
