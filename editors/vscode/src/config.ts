// What the extension tells the backstop server, as plain data.
//
// This module must not import `vscode`: the protocol test (test/server.test.ts)
// uses it to start the real server exactly as the extension does.

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
  'contradicted-claim',
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

/** How to spawn the server; it talks LSP on stdin and stdout. */
export function serverExecutable(binary: string): { command: string; args: string[] } {
  return { command: binary, args: ['lsp'] };
}
