// Activates the real extension code in node, with `vscode` replaced by
// test/vscode-stub.ts, against the real `backstop lsp`: the server starts
// from `backstop.path`, the status bar follows indexing, a rules change and
// the restart command reach the server, and a missing binary gets a message
// that names the path tried.
//
//   BACKSTOP_BIN=/path/to/backstop npm test   (default ../../target/debug/backstop)

import './vscode-stub';

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

import { activate, deactivate } from '../src/extension';
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
  const context = { subscriptions: [] as Array<{ dispose(): void }> };

  async function shutDown(): Promise<void> {
    await deactivate();
    for (const d of context.subscriptions.splice(0)) {
      d.dispose();
    }
  }

  after(shutDown);

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
    assert.match(recorded.errors[0], /cargo install --path \./);
    assert.equal(recorded.status[recorded.status.length - 1].text, '$(error) backstop');
    assert.ok(recorded.status.length > from);
  });

  it('says how to fix it when backstop is not on PATH', async () => {
    recorded.errors.length = 0;
    settings.set('backstop.path', '');
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'backstop-no-bin-'));
    const savedPath = process.env.PATH;
    process.env.PATH = empty;
    try {
      await activate(context as never);
      await shutDown();
    } finally {
      process.env.PATH = savedPath;
      fs.rmSync(empty, { recursive: true, force: true });
    }
    assert.equal(recorded.errors.length, 1);
    assert.match(recorded.errors[0], /could not find `backstop` on PATH/);
    assert.ok(recorded.errors[0].includes(empty), recorded.errors[0]);
    assert.match(recorded.errors[0], /cargo install --path \./);
  });
});
