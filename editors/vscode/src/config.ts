// What the extension tells the backstop server, as plain data.
//
// This module must not import `vscode`: the protocol test (test/server.test.ts)
// uses it to start the real server exactly as the extension does.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** The client id: VS Code reads `backstop.trace.server` because of it. */
export const CLIENT_ID = 'backstop';
export const CLIENT_NAME = 'backstop';

/** Notes are Markdown; scraped articles are often `.txt`. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'plaintext' },
] as const;

/**
 * Rule codes, as `backstop explain` lists them. The same list is the
 * `propertyNames` enum of `backstop.rules` in package.json; the test checks
 * that the three agree.
 */
export const RULE_CODES = [
  'missing-date',
  'invalid-date',
  'future-date',
  'date-conflict',
  'missing-source',
  'invalid-url',
  'duplicate-id',
  'duplicate-article',
  'unknown-field',
  'boilerplate',
  'unknown-source',
  'quote-not-found',
  'misquote',
  'quote-wrong-source',
  'misattributed-quote',
  'number-mismatch',
  'date-mismatch',
  'unsupported-claim',
  'uncited-claim',
] as const;

export const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'] as const;

export type RuleCode = (typeof RULE_CODES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type RuleSettings = Partial<Record<RuleCode, Severity>>;

export interface SanitizedRules {
  rules: RuleSettings;
  /** Human-readable reasons for entries that were dropped. */
  problems: string[];
}

/**
 * Keeps the entries of a `backstop.rules` setting the server accepts. The
 * server rejects the whole configuration for one unknown code or severity,
 * so a typo in settings.json must not cost the user every diagnostic.
 */
export function sanitizeRules(raw: unknown): SanitizedRules {
  const rules: RuleSettings = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) {
    return { rules, problems };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('`backstop.rules` must be an object mapping rule codes to severities');
    return { rules, problems };
  }
  for (const [code, level] of Object.entries(raw as Record<string, unknown>)) {
    if (!(RULE_CODES as readonly string[]).includes(code)) {
      problems.push(`unknown rule \`${code}\` (ignored)`);
      continue;
    }
    const normalized = typeof level === 'string' ? level.trim().toLowerCase() : level;
    if (typeof normalized !== 'string' || !(SEVERITIES as readonly string[]).includes(normalized)) {
      problems.push(
        `bad severity ${JSON.stringify(level)} for \`${code}\` (ignored); use one of ${SEVERITIES.join(', ')}`,
      );
      continue;
    }
    rules[code as RuleCode] = normalized as Severity;
  }
  return { rules, problems };
}

/** `initializationOptions` of the `initialize` request. */
export function initializationOptions(rules: RuleSettings): { rules: RuleSettings } {
  return { rules: { ...rules } };
}

/** Params of `workspace/didChangeConfiguration` when `backstop.rules` changes. */
export function didChangeConfigurationParams(rules: RuleSettings): {
  settings: { backstop: { rules: RuleSettings } };
} {
  return { settings: { backstop: { rules: { ...rules } } } };
}

/** How to spawn the server (the extension adds `transport: stdio`). */
export function serverExecutable(binary: string): { command: string; args: string[] } {
  return { command: binary, args: ['lsp'] };
}

export type Resolution =
  | { ok: true; path: string; tried: string[] }
  | { ok: false; tried: string[]; message: string };

export interface ResolveOptions {
  /** Base for a relative `backstop.path` (the first workspace folder). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

const INSTALL_HINT =
  'Install it with `cargo install --path .` from a checkout of the backstop repository ' +
  '(it lands in ~/.cargo/bin, which must be on PATH), or set `backstop.path` to the binary.';

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? env.USERPROFILE;
  if (home && (p === '~' || p.startsWith('~/') || p.startsWith('~\\'))) {
    return path.join(home, p.slice(1));
  }
  return p;
}

/**
 * Finds the server binary: `backstop.path` when set (relative to the first
 * workspace folder), otherwise `backstop` on PATH. Never throws; on failure
 * the message names what was tried and how to fix it.
 */
export function resolveServerPath(setting: string | undefined, options: ResolveOptions = {}): Resolution {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const configured = setting?.trim();
  if (configured) {
    let candidate = expandHome(configured, env);
    if (!path.isAbsolute(candidate)) {
      candidate = path.resolve(options.cwd ?? process.cwd(), candidate);
    }
    const tried = [candidate];
    if (platform === 'win32' && !path.extname(candidate)) {
      tried.push(`${candidate}.exe`);
    }
    const found = tried.find((t) => isExecutableFile(t, platform));
    if (found) {
      return { ok: true, path: found, tried };
    }
    return {
      ok: false,
      tried,
      message:
        `backstop: the server binary set in \`backstop.path\` was not found or is not executable: ${candidate}. ` +
        `Fix the setting, or clear it to look up \`backstop\` on PATH. ${INSTALL_HINT}`,
    };
  }
  const pathVar = env.PATH ?? env.Path ?? '';
  const dirs = pathVar.split(path.delimiter).filter((d) => d.length > 0);
  const names =
    platform === 'win32'
      ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean).map((ext) => `backstop${ext.toLowerCase()}`)
      : ['backstop'];
  const tried: string[] = [];
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      tried.push(candidate);
      if (isExecutableFile(candidate, platform)) {
        return { ok: true, path: candidate, tried };
      }
    }
  }
  return {
    ok: false,
    tried,
    message:
      `backstop: could not find \`backstop\` on PATH (searched ${dirs.length} folders: ${dirs.join(path.delimiter) || '<empty PATH>'}). ` +
      INSTALL_HINT,
  };
}
