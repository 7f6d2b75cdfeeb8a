// Drives the real `backstop lsp` with vscode-jsonrpc (the library under
// vscode-languageclient) and the initialization options the extension builds
// (src/config.ts), on the repository's demo corpus `seeds/`.
//
//   BACKSTOP_BIN=/path/to/backstop npm test   (default ../../target/debug/backstop)

import assert from 'node:assert/strict';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  MessageConnection,
  ProgressType,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';

import manifest from '../package.json';
import {
  CLIENT_ID,
  DOCUMENT_SELECTOR,
  RULE_CODES,
  didChangeConfigurationParams,
  initializationOptions,
  sanitizeRules,
  serverExecutable,
} from '../src/config';
import { ProgressTracker, StatusView, WorkDoneProgressValue } from '../src/progress';

// Source (test/) or bundle (out/test/): the package root holds package.json.
const packageRoot = fs.existsSync(path.join(__dirname, '..', 'package.json'))
  ? path.resolve(__dirname, '..')
  : path.resolve(__dirname, '..', '..');
const repoRoot = path.resolve(packageRoot, '..', '..');
const binary = process.env.BACKSTOP_BIN
  ? path.resolve(process.env.BACKSTOP_BIN)
  : path.join(repoRoot, 'target', 'debug', process.platform === 'win32' ? 'backstop.exe' : 'backstop');
const seeds = path.join(repoRoot, 'seeds');
const article000 = path.join(seeds, '000_36b434811add820d.txt');
const article002 = path.join(seeds, '002_bef2f8aea6c68850.txt');
const scratchNote = path.join(seeds, 'notes', 'vscode-extension-test.md');
const TIMEOUT_MS = Number(process.env.BACKSTOP_TEST_TIMEOUT_MS ?? 60_000);

/** The setting a user might have in settings.json. */
const USER_RULES = { 'missing-source': 'off' };

interface Diagnostic {
  code?: string | number;
  range: { start: { line: number; character: number } };
  message: string;
}
interface DocumentSymbol {
  name: string;
  detail?: string;
  children?: DocumentSymbol[];
}
interface CompletionItem {
  label: string;
}
interface Location {
  uri: string;
  range: { start: { line: number; character: number } };
}
interface InlayHint {
  position: { line: number; character: number };
  label: string | Array<{ value: string }>;
}

const uri = (file: string): string => pathToFileURL(file).href;
const samePath = (a: string, b: string): boolean => path.resolve(a) === path.resolve(b);
const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => String(d.code)).sort();

function withTimeout<T>(promise: Promise<T>, what: string, ms = TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('backstop lsp, driven like the VS Code extension', () => {
  let server: ChildProcess;
  let connection: MessageConnection;
  let stderr = '';
  let exited: Promise<number | null>;
  const diagnostics = new Map<string, Diagnostic[]>();
  let diagnosticWaiters: Array<() => void> = [];
  const progressCreates: Array<string | number> = [];
  const progressValues: WorkDoneProgressValue[] = [];
  const tracker = new ProgressTracker();
  const statusHistory: StatusView[] = [];
  let progressWaiters: Array<() => void> = [];

  /** Resolves once `file` has diagnostics that satisfy `accept`. */
  function diagnosticsFor(file: string, accept: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    return withTimeout(
      new Promise<Diagnostic[]>((resolve) => {
        const check = (): boolean => {
          for (const [published, list] of diagnostics) {
            if (samePath(published, file) && accept(list)) {
              resolve(list);
              return true;
            }
          }
          return false;
        };
        if (!check()) {
          const waiter = (): void => {
            if (check()) {
              diagnosticWaiters = diagnosticWaiters.filter((w) => w !== waiter);
            }
          };
          diagnosticWaiters.push(waiter);
        }
      }),
      what,
    );
  }

  /** Resolves once `count` progress sequences have ended. */
  function progressEnds(count: number): Promise<void> {
    return withTimeout(
      new Promise<void>((resolve) => {
        const check = (): boolean => progressValues.filter((v) => v.kind === 'end').length >= count;
        if (check()) {
          resolve();
          return;
        }
        const waiter = (): void => {
          if (check()) {
            progressWaiters = progressWaiters.filter((w) => w !== waiter);
            resolve();
          }
        };
        progressWaiters.push(waiter);
      }),
      `${count} work-done progress end(s)`,
    );
  }

  before(async () => {
    assert.ok(
      fs.existsSync(binary),
      `no backstop binary at ${binary}: run \`cargo build\` in ${repoRoot} or set BACKSTOP_BIN`,
    );
    const { command, args } = serverExecutable(binary);
    server = spawn(command, args, { cwd: seeds, stdio: ['pipe', 'pipe', 'pipe'] });
    server.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    connection = createMessageConnection(
      new StreamMessageReader(server.stdout!),
      new StreamMessageWriter(server.stdin!),
    );
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
      diagnostics.set(fileURLToPath(params.uri), params.diagnostics);
      for (const waiter of [...diagnosticWaiters]) {
        waiter();
      }
    });
    // What vscode-languageclient's ProgressFeature does: accept the token and
    // listen to its $/progress; the extension's status bar folds the values.
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      progressCreates.push(params.token);
      connection.onProgress(new ProgressType<WorkDoneProgressValue>(), params.token, (value) => {
        progressValues.push(value);
        statusHistory.push(tracker.update(params.token, value));
        for (const waiter of [...progressWaiters]) {
          waiter();
        }
      });
      return null;
    });
    connection.onRequest((method: string) => {
      // registerCapability and anything else the server may ask.
      void method;
      return null;
    });
    connection.onNotification(() => {
      // window/logMessage and friends.
    });
    connection.listen();

    const { rules, problems } = sanitizeRules(USER_RULES);
    assert.deepEqual(problems, []);
    const result = await withTimeout(
      connection.sendRequest('initialize', {
        processId: process.pid,
        clientInfo: { name: `${CLIENT_ID} protocol test` },
        rootUri: uri(seeds),
        workspaceFolders: [{ uri: uri(seeds), name: 'seeds' }],
        initializationOptions: initializationOptions(rules),
        capabilities: {
          general: { positionEncodings: ['utf-16'] },
          window: { workDoneProgress: true },
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: {
            synchronization: { dynamicRegistration: true, didSave: true },
            publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            completion: { completionItem: { snippetSupport: true } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
          },
        },
      }),
      'initialize',
    );
    assert.equal((result as { serverInfo?: { name?: string } }).serverInfo?.name, 'backstop');
    await connection.sendNotification('initialized', {});
  });

  after(async () => {
    if (!server || server.exitCode !== null) {
      return;
    }
    server.kill();
  });

  it('publishes the article diagnostics the rules setting allows', async () => {
    const list = await diagnosticsFor(article000, (d) => d.length > 0, 'diagnostics for 000');
    const found = codes(list);
    assert.ok(found.includes('missing-date'), `missing-date in ${found.join(', ')}`);
    assert.ok(found.includes('boilerplate'), `boilerplate in ${found.join(', ')}`);
    assert.ok(!found.includes('missing-source'), `missing-source is off, got ${found.join(', ')}`);
  });

  it('creates work-done progress and ends it with the corpus size', async () => {
    await progressEnds(1);
    assert.ok(progressCreates.length >= 1, 'window/workDoneProgress/create arrived');
    const begin = progressValues.find((v) => v.kind === 'begin');
    assert.equal(begin?.title, 'backstop');
    assert.match(begin?.message ?? '', /^indexing /);
    const end = progressValues.find((v) => v.kind === 'end');
    assert.match(end?.message ?? '', /^\d+ articles, \d+ notes$/);
    // What the status bar showed.
    assert.equal(statusHistory[0].text, '$(sync~spin) backstop: indexing');
    assert.ok(statusHistory[0].busy);
    const last = statusHistory[statusHistory.length - 1];
    assert.equal(last.text, '$(check) backstop');
    assert.equal(last.tooltip, `backstop: ${end?.message}`);
  });

  it('applies rules sent with workspace/didChangeConfiguration', async () => {
    const ended = progressValues.filter((v) => v.kind === 'end').length;
    const { rules } = sanitizeRules({ ...USER_RULES, 'missing-date': 'off' });
    await connection.sendNotification('workspace/didChangeConfiguration', didChangeConfigurationParams(rules));
    const list = await diagnosticsFor(
      article000,
      (d) => d.length > 0 && !codes(d).includes('missing-date'),
      'diagnostics for 000 without missing-date',
    );
    assert.ok(codes(list).includes('boilerplate'));
    assert.ok(!codes(list).includes('missing-source'));
    await progressEnds(ended + 1);
    assert.equal(tracker.view().busy, false);
  });

  it('lists an article’s metadata as document symbols', async () => {
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uri(article002), languageId: 'plaintext', version: 1, text: fs.readFileSync(article002, 'utf8') },
    });
    const symbols = (await withTimeout(
      connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uri(article002) } }),
      'documentSymbol',
    )) as DocumentSymbol[];
    const metadata = symbols.find((s) => s.name === 'metadata');
    assert.ok(metadata, `a metadata symbol in ${JSON.stringify(symbols)}`);
    const date = metadata.children?.find((c) => c.name === 'date');
    assert.ok(date, `a date child in ${JSON.stringify(metadata)}`);
    assert.equal(date.detail, '2025-03-02');
    // Hover on the legacy inline date answers (content or null) without error.
    await withTimeout(
      connection.sendRequest('textDocument/hover', {
        textDocument: { uri: uri(article002) },
        position: { line: 0, character: 3 },
      }),
      'hover',
    );
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(article002) } });
  });

  it('completes citation keys after [@ in an unsaved note', async () => {
    const text = 'See [@00';
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uri(scratchNote), languageId: 'markdown', version: 1, text },
    });
    const response = (await withTimeout(
      connection.sendRequest('textDocument/completion', {
        textDocument: { uri: uri(scratchNote) },
        position: { line: 0, character: text.length },
      }),
      'completion',
    )) as CompletionItem[] | { items: CompletionItem[] } | null;
    assert.ok(response, 'a completion response');
    const items = Array.isArray(response) ? response : response.items;
    const expected = fs
      .readdirSync(seeds)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => path.basename(f, '.txt'))
      .sort();
    assert.equal(expected.length, 5);
    assert.deepEqual(items.map((i) => i.label).sort(), expected);
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(scratchNote) } });
    assert.ok(!fs.existsSync(scratchNote), 'the note stays virtual');
  });

  it('goes to the cited passage, finds the notes citing an article and shows hints on an unsaved note', async () => {
    const lines = [
      'Starmer met Trump at the White House on February 27 [@001_7bab49cd3b03e6d8].',
      '"You\'re gambling with World War III," Trump told Zelensky [@002_bef2f8aea6c68850].',
    ];
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uri(scratchNote), languageId: 'markdown', version: 1, text: lines.join('\n') + '\n' },
    });
    const onKey = (line: number, key: string) => ({
      textDocument: { uri: uri(scratchNote) },
      position: { line, character: lines[line].indexOf(key) + 3 },
    });
    const definition = (await withTimeout(
      connection.sendRequest('textDocument/definition', onKey(0, '[@001')),
      'definition',
    )) as Location | Location[] | null;
    const target = Array.isArray(definition) ? definition[0] : definition;
    assert.ok(target, 'a definition for the citation');
    assert.ok(samePath(fileURLToPath(target.uri), path.join(seeds, '001_7bab49cd3b03e6d8.txt')), target.uri);

    const references = (await withTimeout(
      connection.sendRequest('textDocument/references', { ...onKey(0, '[@001'), context: { includeDeclaration: false } }),
      'references',
    )) as Location[] | null;
    const citing = (references ?? []).map((r) => path.relative(seeds, fileURLToPath(r.uri)));
    const demoNote = path.join('notes', 'starmer-washington.md');
    const demoCitations = fs.readFileSync(path.join(seeds, demoNote), 'utf8').split('[@001_7bab49cd3b03e6d8]').length - 1;
    assert.ok(demoCitations > 0);
    assert.equal(citing.filter((f) => f === demoNote).length, demoCitations, `every citation of 001 in ${demoNote}: ${citing.join(', ')}`);

    const hints = (await withTimeout(
      connection.sendRequest('textDocument/inlayHint', {
        textDocument: { uri: uri(scratchNote) },
        range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
      }),
      'inlayHint',
    )) as InlayHint[] | null;
    const labels = (hints ?? []).map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.ok(
      (hints ?? []).some((h, i) => h.position.line === 1 && labels[i].includes('2025-03-02')),
      `a hint with 002's date on line 2: ${JSON.stringify(hints)}`,
    );
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(scratchNote) } });
    assert.ok(!fs.existsSync(scratchNote), 'the note stays virtual');
  });

  it('shuts down and exits with code 0', async () => {
    await withTimeout(connection.sendRequest('shutdown'), 'shutdown');
    await connection.sendNotification('exit');
    const code = await withTimeout(exited, 'the server to exit');
    connection.dispose();
    assert.equal(code, 0, `exit code (stderr: ${stderr.slice(-2000)})`);
  });
});

describe('extension manifest and shared configuration', () => {
  it('offers exactly the rule codes `backstop explain` lists', () => {
    const explained = execFileSync(binary, ['explain'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[0])
      .filter((code) => code.length > 0);
    assert.deepEqual(explained, [...RULE_CODES]);
    const rules = manifest.contributes.configuration.properties['backstop.rules'];
    assert.deepEqual(rules.propertyNames.enum, [...RULE_CODES]);
    assert.deepEqual(Object.keys(rules.properties), [...RULE_CODES]);
    for (const rule of Object.values(rules.properties)) {
      assert.deepEqual(rule.enum, ['off', 'hint', 'info', 'warning', 'error']);
    }
    assert.deepEqual(rules.additionalProperties.enum, ['off', 'hint', 'info', 'warning', 'error']);
  });

  it('declares the trace setting, the restart command and the document selector', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(properties[`${CLIENT_ID}.trace.server`].enum, ['off', 'messages', 'verbose']);
    assert.ok(manifest.contributes.commands.some((c) => c.command === 'backstop.restart'));
    assert.deepEqual(
      DOCUMENT_SELECTOR.map((s) => s.language),
      ['markdown', 'plaintext'],
    );
  });

  it('drops rule settings the server would reject', () => {
    const { rules, problems } = sanitizeRules({ 'missing-source': 'Off', 'no-such-rule': 'error', boilerplate: 'loud' });
    assert.deepEqual(rules, { 'missing-source': 'off' });
    assert.equal(problems.length, 2);
    assert.deepEqual(sanitizeRules(undefined), { rules: {}, problems: [] });
    assert.equal(sanitizeRules([]).problems.length, 1);
  });
});
