// Activates the real extension code in node, with `vscode` replaced by
// test/vscode-stub.ts, against the real `backstop lsp`: the server starts
// from `backstop.path`, the status bar follows indexing, a rules change and
// the restart command reach the server, the bundled binary of a platform
// .vsix and the launching shell's PATH are found, and a missing binary gets a
// message that names the paths tried.
//
//   BACKSTOP_BIN=/path/to/backstop npm test   (default ../../target/debug/backstop)

import './vscode-stub';

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

import { activate, deactivate } from '../src/extension';
import { launcherPaths } from '../src/serverPath';
import { changeSettings, recorded, setWorkspaceFolder, settings } from './vscode-stub';

const packageRoot = fs.existsSync(path.join(__dirname, '..', 'package.json'))
  ? path.resolve(__dirname, '..')
  : path.resolve(__dirname, '..', '..');
const repoRoot = path.resolve(packageRoot, '..', '..');
const binary = process.env.BACKSTOP_BIN
  ? path.resolve(process.env.BACKSTOP_BIN)
  : path.join(repoRoot, 'target', 'debug', process.platform === 'win32' ? 'backstop.exe' : 'backstop');
const seeds = path.join(repoRoot, 'seeds');
const TIMEOUT_MS = Number(process.env.BACKSTOP_TEST_TIMEOUT_MS ?? 60_000);
const INDEXED = /^backstop: \d+ articles, \d+ notes$/;

type Status = { text: string; tooltip: string };

/** Resolves with the first status shown from `from` on that satisfies `accept`. */
async function statusFrom(from: number, accept: (s: Status) => boolean, what: string): Promise<Status> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const found = recorded.status.slice(from).find(accept);
    if (found) {
      return found;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}; status: ${JSON.stringify(recorded.status.slice(from))}; ` +
          `errors: ${JSON.stringify(recorded.errors)}; output: ${recorded.output.join('').slice(-2000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const indexed = (s: Status): boolean => s.text === '$(check) backstop' && INDEXED.test(s.tooltip);

describe('the extension, activated against the real server', () => {
  const context = { subscriptions: [] as Array<{ dispose(): void }>, extensionPath: undefined as string | undefined };
  const readLaunchers = launcherPaths.read;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'backstop-extension-'));
  const emptyDir = (name: string): string => {
    const dir = path.join(scratch, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  /** Runs `body` with PATH, CARGO_HOME and the launchers' PATH pointing where the test says. */
  async function withSearchPath(
    search: { path: string; launchers: string[]; cargoHome: string },
    body: () => Promise<void>,
  ): Promise<void> {
    const saved = { PATH: process.env.PATH, CARGO_HOME: process.env.CARGO_HOME };
    process.env.PATH = search.path;
    process.env.CARGO_HOME = search.cargoHome;
    launcherPaths.read = () => search.launchers;
    try {
      await body();
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.CARGO_HOME === undefined) {
        delete process.env.CARGO_HOME;
      } else {
        process.env.CARGO_HOME = saved.CARGO_HOME;
      }
      launcherPaths.read = readLaunchers;
    }
  }
  /** The `starting … lsp (found through …)` line of the latest start. */
  const lastStart = (): string => recorded.output.filter((line) => line.startsWith('backstop: starting ')).pop() ?? '';

  async function shutDown(): Promise<void> {
    await deactivate();
    for (const d of context.subscriptions.splice(0)) {
      d.dispose();
    }
  }

  after(async () => {
    await shutDown();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('starts `backstop lsp` from a relative backstop.path and shows indexing in the status bar', async () => {
    assert.ok(fs.existsSync(binary), `no backstop binary at ${binary}: run \`cargo build\` or set BACKSTOP_BIN`);
    setWorkspaceFolder(seeds);
    settings.set('backstop.path', path.relative(seeds, binary));
    settings.set('backstop.rules', { 'missing-source': 'off' });
    const from = recorded.status.length;
    await activate(context as never);
    const done = await statusFrom(from, indexed, 'the end of indexing');
    assert.match(done.tooltip, /^backstop: 5 articles, \d+ notes$/);
    assert.ok(
      recorded.status.slice(from).some((s) => s.text === '$(sync~spin) backstop: indexing' && /indexing /.test(s.tooltip)),
      `an indexing status in ${JSON.stringify(recorded.status.slice(from))}`,
    );
    assert.deepEqual(recorded.errors, []);
    assert.deepEqual(recorded.warnings, []);
  });

  it('sends a rules change to the running server, dropping entries it would reject', async () => {
    const from = recorded.status.length;
    changeSettings({ 'backstop.rules': { 'missing-source': 'off', 'missing-date': 'off', 'no-such-rule': 'error' } });
    assert.equal(recorded.warnings.length, 1);
    assert.match(recorded.warnings[0], /unknown rule `no-such-rule`/);
    // New settings make the server index again (it ignores unchanged ones).
    await statusFrom(from, (s) => s.text === '$(sync~spin) backstop: indexing', 'indexing after the change');
    await statusFrom(from, indexed, 'the end of indexing after the change');
    assert.deepEqual(recorded.errors, []);
  });

  it('restarts the server with "backstop: Restart server"', async () => {
    const restart = recorded.commands.get('backstop.restart');
    assert.ok(restart, 'backstop.restart is registered');
    const from = recorded.status.length;
    await restart();
    await statusFrom(from, (s) => s.text === '$(sync~spin) backstop', 'the starting status');
    await statusFrom(from, indexed, 'the end of indexing after the restart');
    assert.deepEqual(recorded.errors, []);
    await shutDown();
  });

  it('names the binary it tried when backstop.path is wrong', async () => {
    settings.set('backstop.path', 'no/such/backstop');
    const from = recorded.status.length;
    await activate(context as never);
    await shutDown();
    assert.equal(recorded.errors.length, 1);
    assert.ok(recorded.errors[0].includes(path.join(seeds, 'no', 'such', 'backstop')), recorded.errors[0]);
    assert.match(recorded.errors[0], /backstop\.path/);
    assert.match(recorded.errors[0], /cargo install --locked --path \./);
    assert.equal(recorded.status[recorded.status.length - 1].text, '$(error) backstop');
    assert.ok(recorded.status.length > from);
  });

  it('starts the binary bundled in a platform .vsix, before PATH', async () => {
    recorded.errors.length = 0;
    settings.set('backstop.path', '');
    const extension = emptyDir('extension');
    fs.mkdirSync(path.join(extension, 'server'));
    fs.symlinkSync(binary, path.join(extension, 'server', 'backstop'));
    context.extensionPath = extension;
    const from = recorded.status.length;
    try {
      await withSearchPath({ path: emptyDir('no-bin'), launchers: [], cargoHome: emptyDir('no-cargo') }, async () => {
        await activate(context as never);
      });
      await statusFrom(from, indexed, 'the end of indexing with the bundled server');
    } finally {
      await shutDown();
      context.extensionPath = undefined;
    }
    assert.equal(lastStart(), `backstop: starting ${path.join(extension, 'server', 'backstop')} lsp (found through bundled)`);
    assert.deepEqual(recorded.errors, []);
  });

  it("finds backstop on the launching shell's PATH when the editor's own PATH lacks it", async () => {
    settings.set('backstop.path', '');
    const launchers = [emptyDir('login-shell-bin'), path.dirname(binary)];
    const from = recorded.status.length;
    try {
      await withSearchPath({ path: emptyDir('no-bin'), launchers, cargoHome: emptyDir('no-cargo') }, async () => {
        await activate(context as never);
      });
      await statusFrom(from, indexed, 'the end of indexing with the server from the launchers PATH');
    } finally {
      await shutDown();
    }
    assert.equal(lastStart(), `backstop: starting ${binary} lsp (found through launcher PATH)`);
    assert.deepEqual(recorded.errors, []);
  });

  it('says how to fix it when backstop is nowhere', async () => {
    recorded.errors.length = 0;
    settings.set('backstop.path', '');
    const empty = emptyDir('empty-path');
    await withSearchPath({ path: empty, launchers: [emptyDir('empty-launcher')], cargoHome: emptyDir('no-cargo') }, async () => {
      await activate(context as never);
      await shutDown();
    });
    assert.equal(recorded.errors.length, 1);
    assert.match(recorded.errors[0], /could not find `backstop` on PATH/);
    assert.ok(recorded.errors[0].includes(empty), recorded.errors[0]);
    assert.match(recorded.errors[0], /cargo install --locked --path \./);
  });
});
