// The backstop extension in a real VS Code (code-server), driven through
// Debian's headless chromium by playwright-core. run.sh installs the tools,
// starts code-server and says where everything is.
//
// --scenario bundled: the platform package runs its own server. The Problems
//   panel counts what `backstop check` finds; a hover on a person names him;
//   a quick fix applied and saved changes the file on disk and its problem
//   goes; go to definition on a citation key opens the article.
// --scenario launcher-path: the universal package finds `backstop` on the
//   PATH of the shell that started code-server, and the Problems panel fills.
//
// A screenshot of the end state goes to --artifacts, and one of the moment of
// failure when a check fails.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { Workbench, waitFor } from './workbench.mjs';

const { values: options } = parseArgs({
  options: {
    scenario: { type: 'string' },
    url: { type: 'string' },
    workspace: { type: 'string' },
    tools: { type: 'string' },
    artifacts: { type: 'string' },
    backstop: { type: 'string' },
    'browser-profile': { type: 'string' },
  },
});
for (const name of ['scenario', 'url', 'workspace', 'tools', 'artifacts', 'backstop', 'browser-profile']) {
  if (!options[name]) {
    console.error(`test.mjs: --${name} is required (run.sh passes it)`);
    process.exit(2);
  }
}
// playwright-core is installed with code-server, in run.sh's tools folder.
const { chromium } = createRequire(path.join(options.tools, 'package.json'))('playwright-core');

const NOTE = 'starmer-washington.md';
const NOTE_PATH = path.join(options.workspace, 'notes', NOTE);
/** The extension `backstop.backstop`'s status bar item `backstop.status`. */
const STATUS_ITEM = 'backstop.backstop.backstop.status';

function log(message) {
  console.log(`  ${options.scenario}: ${message}`);
}

/** What `backstop check` reports for the workspace, as the Problems panel counts it. */
function check() {
  const run = spawnSync(options.backstop, ['check', '--no-cache', '--format', 'json', '.'], {
    cwd: options.workspace,
    encoding: 'utf8',
  });
  if (run.error || (run.status !== 0 && run.status !== 1)) {
    throw new Error(`backstop check failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr}`);
  }
  const diagnostics = JSON.parse(run.stdout);
  const count = (severity) => diagnostics.filter((d) => d.severity === severity).length;
  // Hints never appear in the Problems panel.
  const expected = { errors: count('error'), warnings: count('warning'), infos: count('info') };
  expected.total = expected.errors + expected.warnings + expected.infos;
  if (expected.total === 0) {
    throw new Error('backstop check finds nothing to show in the Problems panel; the test would prove nothing');
  }
  return { diagnostics, expected };
}

async function expectProblems(workbench, expected, when) {
  let seen;
  await waitFor(`the Problems panel to count ${expected.total} ${when}`, async () => {
    seen = { ...(await workbench.statusProblems()), badge: await workbench.problemsBadge() };
    return (
      seen.badge === expected.total &&
      seen.errors === expected.errors &&
      seen.warnings === expected.warnings &&
      seen.infos === expected.infos
    );
  }).catch((error) => {
    throw new Error(`${error.message}; backstop check: ${JSON.stringify(expected)}; VS Code: ${JSON.stringify(seen)}`);
  });
  log(`Problems panel: ${expected.total} (${seen.label}) ${when}, as \`backstop check\` finds`);
}

async function waitForIndexedServer(workbench) {
  const item = workbench.statusItem(STATUS_ITEM);
  const label = async () => (await item.getAttribute('aria-label').catch(() => null)) ?? '(no item)';
  await waitFor('the backstop status bar item to show a finished index', async () => {
    if ((await item.locator('.codicon-error').count()) > 0) {
      throw new Error(`the extension reports a failure: ${await label()}`);
    }
    return (await item.locator('.codicon-check').count()) > 0;
  }).catch(async (error) => {
    throw new Error(`${error.message}; the status bar item reads: ${await label()}`);
  });
  log(`status bar: ${await label()}`);
}

async function expectServerFoundThrough(workbench, source, binary) {
  const text = await workbench.outputChannelText('backstop');
  const expected = `backstop: starting ${binary} lsp (found through ${source})`;
  // The output view wraps long lines, anywhere in a path.
  const squeeze = (s) => s.replace(/\s+/g, '');
  if (!squeeze(text).includes(squeeze(expected))) {
    throw new Error(`the backstop output does not say ${JSON.stringify(expected)}; it says:\n${text}`);
  }
  log(`output: ${expected}`);
}

/** The 1-based line and column of the first match of `pattern` in `text`. */
function positionOf(text, pattern) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const match = pattern.exec(lines[i]);
    if (match) {
      return { line: i + 1, column: match.index + 1, match };
    }
  }
  throw new Error(`nothing in ${NOTE} matches ${pattern}`);
}

async function hoverOnPerson(workbench) {
  const { line, column } = positionOf(fs.readFileSync(NOTE_PATH, 'utf8'), /Starmer met Trump/);
  await workbench.goTo(line, column + 1);
  const text = await workbench.hoverText('Keir Starmer');
  if (!text.includes('Prime Minister')) {
    throw new Error(`the hover on Starmer does not give his role: ${text}`);
  }
  log(`hover at ${line}:${column + 1}: ${text.replace(/\s+/g, ' ').slice(0, 120)}…`);
}

async function applyNumberFix(workbench, before) {
  const notePath = (d) => d.path.split(/[\\/]/).pop() === NOTE;
  const diagnostic = before.diagnostics.find((d) => notePath(d) && d.code === 'number-mismatch' && d.fix);
  if (!diagnostic) {
    throw new Error(`backstop check reports no number-mismatch with a fix in ${NOTE}`);
  }
  const edit = diagnostic.fix.edits[0];
  const original = fs.readFileSync(NOTE_PATH, 'utf8');
  await workbench.goTo(diagnostic.line, diagnostic.column);
  await workbench.applyQuickFix(diagnostic.fix.message);
  await workbench.saveWhenDirty(`the quick fix "${diagnostic.fix.message}"`);
  const saved = await waitFor(`${NOTE} to change on disk`, () => {
    const text = fs.readFileSync(NOTE_PATH, 'utf8');
    return text !== original ? text : undefined;
  });
  const changed = saved.split('\n').filter((line, i) => line !== original.split('\n')[i]);
  if (changed.length !== 1 || !changed[0].includes(edit.new_text)) {
    throw new Error(`the fix "${diagnostic.fix.message}" should change line ${diagnostic.line} to hold ${edit.new_text}; changed lines: ${JSON.stringify(changed)}`);
  }
  log(`quick fix "${diagnostic.fix.message}" saved: ${changed[0].trim()}`);
  const after = check();
  if (after.expected.total !== before.expected.total - 1) {
    throw new Error(`the fix should leave one problem fewer: ${before.expected.total} before, ${after.expected.total} after`);
  }
  await expectProblems(workbench, after.expected, 'after the fix');
}

async function goToArticle(workbench) {
  const text = fs.readFileSync(NOTE_PATH, 'utf8');
  const { line, column, match } = positionOf(text, /\[@([0-9a-z_]+)\]/);
  const key = match[1];
  if (!fs.existsSync(path.join(options.workspace, `${key}.txt`))) {
    throw new Error(`the first citation of ${NOTE} (${key}) names no article of the workspace`);
  }
  await workbench.goTo(line, column + 2);
  await workbench.page.keyboard.press('F12');
  await waitFor(`go to definition to open ${key}.txt`, async () => (await workbench.activeEditorTitle()) === `${key}.txt`);
  // The status bar follows the new editor's cursor a moment later.
  const at = await waitFor('the cursor to move into the article', async () => {
    const position = await workbench.cursorPosition();
    return position.line !== undefined && (position.line !== line || position.column !== column + 2) ? position : undefined;
  });
  log(`go to definition on [@${key}] at ${line}:${column + 2} opened ${key}.txt at ${at.line}:${at.column}`);
}

const scenarios = {
  async bundled(workbench) {
    await waitForIndexedServer(workbench);
    const before = check();
    await expectProblems(workbench, before.expected, 'on opening');
    await expectServerFoundThrough(workbench, 'bundled', options.backstop);
    await workbench.openFile(NOTE);
    await hoverOnPerson(workbench);
    await applyNumberFix(workbench, before);
    await goToArticle(workbench);
  },
  async 'launcher-path'(workbench) {
    await waitForIndexedServer(workbench);
    await expectProblems(workbench, check().expected, 'on opening');
    await expectServerFoundThrough(workbench, 'launcher PATH', options.backstop);
  },
};

async function main() {
  const scenario = scenarios[options.scenario];
  if (!scenario) {
    throw new Error(`unknown --scenario ${options.scenario}; known: ${Object.keys(scenarios).join(', ')}`);
  }
  // A fresh --user-data-dir: the folder must not exist yet.
  const profile = options['browser-profile'];
  if (fs.existsSync(profile)) {
    throw new Error(`--browser-profile ${profile} exists; it must be a fresh folder`);
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const consoleLog = [];
  const blocked = [];
  // Only code-server itself: anything else would leave the machine.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${options.url}/`)) {
      return route.continue();
    }
    blocked.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => consoleLog.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLog.push(`pageerror: ${error.message}`));
  const workbench = new Workbench(page);
  const shot = (name) => path.join(options.artifacts, `${name}.png`);
  try {
    await workbench.open(options.url, options.workspace);
    await scenario(workbench);
    await page.screenshot({ path: shot(options.scenario) });
    log(`screenshot: ${shot(options.scenario)}`);
  } catch (error) {
    await page.screenshot({ path: shot(`failure-${options.scenario}`) }).catch(() => undefined);
    console.error(`  ${options.scenario}: FAILED: ${error.message}`);
    console.error(`  ${options.scenario}: screenshot: ${shot(`failure-${options.scenario}`)}`);
    process.exitCode = 1;
  } finally {
    fs.writeFileSync(path.join(options.artifacts, `console-${options.scenario}.log`), consoleLog.join('\n') + '\n');
    if (blocked.length > 0) {
      log(`blocked requests to other hosts: ${[...new Set(blocked)].join(', ')}`);
    }
    await context.close();
  }
}

await main();
