#!/usr/bin/env bash
# The extension in a real VS Code: code-server (VS Code's server and web
# workbench) with the linux-x64 .vsix installed, opened in Debian's headless
# chromium and driven by playwright-core (test.mjs). Build the .vsix first
# (editors/vscode/ci.sh). Needs node 20, chromium, rg, python3 and a C++
# toolchain (code-server's native modules are built here), and only the npm
# registry.
#
#   bash editors/vscode/e2e/run.sh
#
# Environment: BACKSTOP_VSIX (default ../backstop-linux-x64-<version>.vsix),
# BACKSTOP_E2E_ARTIFACTS (screenshots, logs; default e2e/artifacts),
# BACKSTOP_E2E_KEEP=1 keeps the temporary folder (tools, profiles, workspace).
# Everything else lives in one temporary folder, removed at the end: npm
# installs are cached within the run only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
package_root=$(dirname "$here")
repo_root=$(cd "$package_root/../.." && pwd)
started=$SECONDS

export npm_config_yes=false npm_config_fund=false npm_config_audit=false \
  npm_config_update_notifier=false npm_config_progress=false
# playwright-core drives the system chromium; it must never fetch a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

version=$(node -p "require('$package_root/package.json').version")
vsix=${BACKSTOP_VSIX:-$package_root/backstop-linux-x64-$version.vsix}
universal_vsix=$package_root/backstop-$version.vsix
artifacts=${BACKSTOP_E2E_ARTIFACTS:-$here/artifacts}

step() { echo "--- vscode e2e: $* ($((SECONDS - started)) s)"; }
die() { echo "error: $*" >&2; exit 1; }

for tool in node npm chromium rg python3 make g++; do
  command -v "$tool" >/dev/null || die "\`$tool\` is missing (Debian: apt-get install chromium ripgrep build-essential)"
done
[[ "$(node -p 'process.versions.node.split(".")[0]')" == 20 ]] ||
  die "code-server 4.100.3 needs node 20, not $(node --version)"
[[ -f "$vsix" ]] || die "no $vsix; build it with editors/vscode/ci.sh"
[[ -f "$universal_vsix" ]] || die "no $universal_vsix; build it with editors/vscode/ci.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/backstop-vscode-e2e.XXXXXX")
server_pid=
stop_server() {
  if [[ -n "$server_pid" ]]; then
    # code-server runs in its own process group (setsid): end all of it.
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 -- "-$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
cleanup() {
  stop_server
  if [[ "${BACKSTOP_E2E_KEEP:-}" == 1 ]]; then
    echo "kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rm -rf "$artifacts"
mkdir -p "$artifacts"

step "install code-server and playwright-core"
tools=$work/tools
mkdir -p "$tools"
cp "$here/package.json" "$here/package-lock.json" "$tools/"
# No install scripts: code-server's would fetch ripgrep from outside the
# registry. What they do is done below, by hand.
(cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund </dev/null)
vscode=$tools/node_modules/code-server/lib/vscode
# code-server's own lock leaves a peer dependency unpinned; this is the same
# set of packages with every version fixed.
cp "$here/vscode-server-shrinkwrap.json" "$vscode/npm-shrinkwrap.json"
(cd "$vscode" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund </dev/null)
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
install -m 755 "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
# What code-server's postinstall.sh links.
ln -sfn node_modules "$vscode/node_modules.asar"
ln -sf code-linux.sh "$vscode/bin/remote-cli/code-server"
ln -sf browser-linux.sh "$vscode/bin/helpers/browser.sh"

step "build code-server's native modules"
export npm_config_nodedir=/usr
# argon2 would first try a prebuilt binary from outside the registry.
(cd "$tools" && npm_config_build_from_source=true npm rebuild argon2 </dev/null)
echo "argon2 built ($((SECONDS - started)) s)"
(cd "$vscode" && npm rebuild @vscode/spdlog @vscode/deviceid native-watchdog </dev/null)
echo "spdlog, deviceid, native-watchdog built ($((SECONDS - started)) s)"
# node-pty's postinstall runs `npx node-gyp` for a newer node-gyp than npm
# ships, which is a download; npm's own node-gyp builds it.
node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[[ -f "$node_gyp" ]] || die "npm's node-gyp is not at $node_gyp"
(cd "$vscode/node_modules/node-pty" && node "$node_gyp" rebuild --nodedir=/usr -j 2 >"$work/node-pty-build.log" 2>&1) ||
  { cat "$work/node-pty-build.log" >&2; die "node-pty did not build"; }

code_server=$tools/node_modules/.bin/code-server
# use_profile NAME: a fresh editor profile (settings, code-server's config,
# home and XDG folders, extensions) under $work/NAME; sets code_server_env,
# code_server_args and extensions. Nothing code-server writes lands outside
# $work.
use_profile() {
  local profile=$work/$1
  mkdir -p "$profile/user/User" "$profile/home" "$profile/xdg" "$profile/extensions"
  # No telemetry, updates, tips or welcome pages.
  cat >"$profile/user/User/settings.json" <<'EOF'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.startupEditor": "none",
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "npm.autoDetect": "off",
  "files.autoSave": "off"
}
EOF
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$profile/config.yaml"
  code_server_env=(
    env HOME="$profile/home" XDG_CONFIG_HOME="$profile/xdg" XDG_DATA_HOME="$profile/xdg"
    XDG_CACHE_HOME="$profile/xdg/cache" BACKSTOP_CACHE_DIR="$profile/backstop-cache"
    # No extension gallery: nothing is fetched from outside this machine.
    EXTENSIONS_GALLERY='{}'
  )
  code_server_args=(
    --config "$profile/config.yaml" --bind-addr 127.0.0.1:0 --auth none
    --disable-telemetry --disable-update-check --disable-workspace-trust
    --disable-getting-started-override --ignore-last-opened
    --user-data-dir "$profile/user" --extensions-dir "$profile/extensions"
  )
  extensions=$profile/extensions
  profile_logs=$profile/user/logs
}

# install_vsix FILE: installs it into the current profile; sets `installed`.
install_vsix() {
  "${code_server_env[@]}" "$code_server" "${code_server_args[@]}" --install-extension "$1" </dev/null
  installed=$(find "$extensions" -mindepth 1 -maxdepth 1 -type d -name 'backstop.backstop-*')
  [[ -n "$installed" ]] || die "$1 did not install"
}

# start_server LOG SEARCH_PATH: runs code-server with the current profile in
# the background, as a shell whose PATH is SEARCH_PATH would; sets server_pid
# and url.
start_server() {
  local log=$1 search_path=$2
  : >"$log"
  PATH=$search_path setsid "${code_server_env[@]}" "$code_server" "${code_server_args[@]}" </dev/null >"$log" 2>&1 &
  server_pid=$!
  url=
  for _ in $(seq 300); do
    url=$(sed -n 's|.*HTTP server listening on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$log" | head -1)
    [[ -n "$url" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; die "code-server exited"; }
    sleep 0.1
  done
  [[ -n "$url" ]] || { cat "$log" >&2; die "code-server did not start listening"; }
  echo "code-server at $url"
}

# run_test SCENARIO ARGS...: test.mjs against the running code-server; on
# failure the editor's own logs join the screenshots.
passed=0
run_test() {
  local scenario=$1
  shift
  if ! node "$here/test.mjs" --scenario "$scenario" --url "$url" --workspace "$workspace/seeds" \
    --tools "$tools" --artifacts "$artifacts" --browser-profile "$work/chromium-$scenario" "$@"; then
    cp -R "$profile_logs" "$artifacts/logs-$scenario" 2>/dev/null || true
    echo "e2e: $passed passed, 1 failed"
    die "the $scenario scenario failed; screenshots and logs are in $artifacts"
  fi
  passed=$((passed + 1))
}

workspace=$work/workspace
mkdir -p "$workspace"
cp -R "$repo_root/seeds" "$workspace/seeds"

# node first: code-server runs `#!/usr/bin/env node`.
system_path=$(dirname "$(command -v node)"):/usr/local/bin:/usr/bin:/bin

step "install $(basename "$vsix") into code-server"
use_profile bundled
install_vsix "$vsix"
[[ -x "$installed/server/backstop" ]] || die "the installed extension has no executable server/backstop: $installed"
backstop=$installed/server/backstop

step "the bundled server: diagnostics, hover, quick fix, go to definition"
# No backstop on this PATH: the extension must run its own.
start_server "$artifacts/code-server-bundled.log" "$system_path"
run_test bundled --backstop "$backstop"
stop_server

step "the universal package, with backstop on the PATH of the shell that starts code-server"
# code-server gives the extension host a login shell's PATH, which has lost
# this folder; the extension finds it in its launchers' PATH.
launch_bin=$work/launch-bin
mkdir -p "$launch_bin"
cp "$backstop" "$launch_bin/backstop"
use_profile universal
install_vsix "$universal_vsix"
[[ ! -e "$installed/server" ]] || die "the universal package carries a server: $installed/server"
start_server "$artifacts/code-server-universal.log" "$launch_bin:$system_path"
run_test launcher-path --backstop "$launch_bin/backstop"
stop_server

step "done"
echo "e2e: $passed passed, 0 failed"
