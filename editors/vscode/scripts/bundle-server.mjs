// Puts the backstop binary into server/ for a platform .vsix, or empties
// server/ for the universal one (which finds the binary through
// `backstop.path` or PATH).
//
//   node scripts/bundle-server.mjs --target linux-x64
//   node scripts/bundle-server.mjs --none
//
// The binary is $BACKSTOP_BIN, else the newer of the repository's
// target/release/backstop and target/debug/backstop (`cargo build` output).
// It must be an executable for the target: a .vsix for linux-x64 that
// carried another machine's binary would install fine and never start.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageRoot, '..', '..');
const serverDir = path.join(packageRoot, 'server');

/** What an ELF header must say for each target vsce knows and we ship. */
const TARGETS = {
  'linux-x64': { file: 'backstop', elfMachine: 0x3e, label: 'an x86-64 Linux (ELF) executable' },
};

function fail(message) {
  console.error(`bundle-server: ${message}`);
  process.exit(1);
}

function newestRepoBinary() {
  const candidates = ['release', 'debug']
    .map((profile) => path.join(repoRoot, 'target', profile, 'backstop'))
    .filter((file) => fs.existsSync(file))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (candidates.length === 0) {
    fail(`no binary at ${path.join(repoRoot, 'target', '{release,debug}', 'backstop')}; run \`cargo build\` first or set BACKSTOP_BIN`);
  }
  return candidates[0];
}

/** Whether `file` starts with a 64-bit little-endian ELF header for `machine`. */
function isElfFor(file, machine) {
  const header = Buffer.alloc(20);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const magic = header.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  return magic && header[4] === 2 && header[5] === 1 && header.readUInt16LE(18) === machine;
}

const args = process.argv.slice(2);
fs.rmSync(serverDir, { recursive: true, force: true });
if (args[0] === '--none' && args.length === 1) {
  process.exit(0);
}
if (args[0] !== '--target' || args.length !== 2) {
  fail('usage: bundle-server.mjs --target linux-x64 | --none');
}
const target = TARGETS[args[1]];
if (!target) {
  fail(`no bundling known for target ${args[1]}; known: ${Object.keys(TARGETS).join(', ')}`);
}
const source = process.env.BACKSTOP_BIN ? path.resolve(process.env.BACKSTOP_BIN) : newestRepoBinary();
if (!fs.existsSync(source)) {
  fail(`BACKSTOP_BIN names no file: ${source}`);
}
if (!isElfFor(source, target.elfMachine)) {
  fail(`${source} is not ${target.label}, so it cannot go into a ${args[1]} package`);
}
fs.mkdirSync(serverDir);
const bundled = path.join(serverDir, target.file);
fs.copyFileSync(source, bundled);
fs.chmodSync(bundled, 0o755);
// Debug info is most of a Rust binary; the symbols stay, so a panic's
// backtrace still names functions.
const strip = spawnSync('strip', ['--strip-debug', bundled], { stdio: 'inherit' });
if (strip.error || strip.status !== 0) {
  console.warn(`bundle-server: \`strip --strip-debug\` did not run (${strip.error?.message ?? `exit ${strip.status}`}); bundling the binary as built`);
}
const version = execFileSync(bundled, ['--version'], { encoding: 'utf8' }).trim();
const mib = (fs.statSync(bundled).size / 1024 / 1024).toFixed(1);
console.log(`bundled ${source} (${version}) as ${path.relative(packageRoot, bundled)}: ${mib} MiB`);
