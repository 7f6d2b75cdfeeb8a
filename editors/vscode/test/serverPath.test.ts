// The lookup of the server binary (src/serverPath.ts) on made-up folders:
// which candidate wins, and how the launchers' PATH is read from /proc.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

import { launcherPathValues, resolveServerPath } from '../src/serverPath';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'backstop-lookup-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A folder holding an executable `backstop` (a shell script). */
function folderWithBinary(name: string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'backstop'), '#!/bin/sh\n', { mode: 0o755 });
  return dir;
}

function emptyFolder(name: string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const onPath = folderWithBinary('on-path');
const launcher = folderWithBinary('launcher');
const bundled = folderWithBinary('extension/server');
const cargoHome = path.join(scratch, 'cargo');
const cargoBin = folderWithBinary('cargo/bin');
const nothing = emptyFolder('nothing');
const home = emptyFolder('home');

const base = { platform: 'linux' as const, launcherPaths: (): string[] => [] };

describe('resolveServerPath', { skip: process.platform === 'win32' && 'POSIX execute bits' }, () => {
  it('prefers an explicit backstop.path over the bundled binary', () => {
    const found = resolveServerPath(path.join(onPath, 'backstop'), {
      ...base,
      bundledDir: bundled,
      env: { PATH: launcher, HOME: home },
    });
    assert.deepEqual(found.ok && [found.source, found.path], ['backstop.path', path.join(onPath, 'backstop')]);
  });

  it('does not fall back when backstop.path names nothing', () => {
    const found = resolveServerPath('missing/backstop', { ...base, cwd: nothing, bundledDir: bundled, env: { PATH: onPath } });
    assert.equal(found.ok, false);
    assert.ok(!found.ok && found.message.includes(path.join(nothing, 'missing', 'backstop')));
  });

  it('takes the bundled binary before PATH', () => {
    const found = resolveServerPath('', { ...base, bundledDir: bundled, env: { PATH: onPath, HOME: home } });
    assert.deepEqual(found.ok && [found.source, found.path], ['bundled', path.join(bundled, 'backstop')]);
  });

  it('falls back to PATH when the extension bundles no binary', () => {
    const found = resolveServerPath(undefined, {
      ...base,
      bundledDir: nothing,
      env: { PATH: [nothing, onPath].join(path.delimiter), HOME: home },
      launcherPaths: () => [launcher],
    });
    assert.deepEqual(found.ok && [found.source, found.path], ['PATH', path.join(onPath, 'backstop')]);
  });

  it("finds the binary on the launching shell's PATH when the editor's PATH lost it", () => {
    const found = resolveServerPath('', {
      ...base,
      env: { PATH: nothing, HOME: home },
      launcherPaths: () => [nothing, [launcher, nothing].join(path.delimiter)],
    });
    assert.deepEqual(found.ok && [found.source, found.path], ['launcher PATH', path.join(launcher, 'backstop')]);
  });

  it("ends with cargo's bin folder, from CARGO_HOME or ~/.cargo", () => {
    const fromCargoHome = resolveServerPath('', { ...base, env: { PATH: nothing, HOME: home, CARGO_HOME: cargoHome } });
    assert.deepEqual(fromCargoHome.ok && [fromCargoHome.source, fromCargoHome.path], ['cargo', path.join(cargoBin, 'backstop')]);
    const rustHome = path.join(scratch, 'rust-home');
    const homeCargoBin = folderWithBinary('rust-home/.cargo/bin');
    const fromHome = resolveServerPath('', { ...base, env: { PATH: nothing, HOME: rustHome } });
    assert.deepEqual(fromHome.ok && [fromHome.source, fromHome.path], ['cargo', path.join(homeCargoBin, 'backstop')]);
  });

  it('expands ~ in PATH entries and skips relative ones', () => {
    const relative = path.relative(process.cwd(), onPath);
    const skipped = resolveServerPath('', { ...base, env: { PATH: relative, HOME: home } });
    assert.equal(skipped.ok, false);
    const expanded = resolveServerPath('', {
      ...base,
      env: { PATH: `~${path.sep}${path.relative(scratch, onPath)}`, HOME: scratch },
    });
    assert.equal(expanded.ok && expanded.path, path.join(onPath, 'backstop'));
  });

  it('names every folder it searched when nothing is found', () => {
    const found = resolveServerPath('', {
      ...base,
      env: { PATH: nothing, HOME: home },
      launcherPaths: () => [home],
    });
    assert.equal(found.ok, false);
    if (!found.ok) {
      assert.match(found.message, /could not find `backstop` on PATH/);
      assert.match(found.message, /bundles no server/);
      assert.ok(found.message.includes(nothing), found.message);
      assert.deepEqual(found.tried, [
        path.join(nothing, 'backstop'),
        path.join(home, 'backstop'),
        path.join(home, '.cargo', 'bin', 'backstop'),
      ]);
    }
  });
});

describe('launcherPathValues', () => {
  /** A fake /proc: pid -> [parent, PATH or undefined]. */
  function proc(table: Record<number, [number, string | undefined]>): (file: string) => string {
    return (file) => {
      const [, pid, what] = /^\/proc\/(\d+)\/(stat|environ)$/.exec(file) ?? [];
      const entry = table[Number(pid)];
      if (!entry) {
        throw new Error(`ENOENT ${file}`);
      }
      if (what === 'stat') {
        // A command name with ") " in it, as a process may choose.
        return `${pid} (odd) name) S ${entry[0]} 1 1 0 -1`;
      }
      return ['HOME=/root', ...(entry[1] === undefined ? [] : [`PATH=${entry[1]}`]), ''].join('\0');
    };
  }

  it('reads each ancestor up to pid 1, nearest first, once per value', () => {
    const read = proc({
      40: [30, '/login/bin'],
      30: [20, '/shell/bin:/login/bin'],
      20: [10, '/login/bin'],
      10: [1, undefined],
      1: [0, '/init/bin'],
    });
    assert.deepEqual(launcherPathValues(40, read, 'linux'), ['/login/bin', '/shell/bin:/login/bin']);
  });

  it('stops where /proc cannot be read', () => {
    const read = proc({ 40: [30, '/a'], 30: [99, '/b'] });
    assert.deepEqual(launcherPathValues(40, read, 'linux'), ['/a', '/b']);
  });

  it('reads nothing outside Linux', () => {
    assert.deepEqual(launcherPathValues(40, proc({ 40: [1, '/a'] }), 'darwin'), []);
  });
});
