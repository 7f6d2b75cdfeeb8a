// Status bar text from the server's work-done progress, as plain data (no
// `vscode` import, so the protocol test drives it with real server messages).

export interface WorkDoneProgressValue {
  kind: 'begin' | 'report' | 'end';
  title?: string;
  message?: string;
  percentage?: number;
}

export interface StatusView {
  text: string;
  tooltip: string;
  busy: boolean;
}

export const IDLE: StatusView = { text: '$(check) backstop', tooltip: 'backstop: ready', busy: false };
export const STARTING: StatusView = {
  text: '$(sync~spin) backstop',
  tooltip: 'backstop: starting the language server',
  busy: true,
};

function isProgressValue(value: unknown): value is WorkDoneProgressValue {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'begin' || kind === 'report' || kind === 'end';
}

/**
 * Folds `$/progress` values of any number of tokens into one status: busy
 * while some token is between `begin` and `end`; when all are done, idle with
 * the last message the server gave ("5 articles, 1 notes").
 */
export class ProgressTracker {
  private readonly active = new Map<string, { title: string; message?: string }>();
  private lastMessage: string | undefined;

  update(token: string | number, value: unknown): StatusView {
    if (!isProgressValue(value)) {
      return this.view();
    }
    const key = String(token);
    switch (value.kind) {
      case 'begin':
        this.active.set(key, { title: value.title ?? 'backstop', message: value.message });
        break;
      case 'report': {
        const entry = this.active.get(key);
        if (entry && value.message !== undefined) {
          entry.message = value.message;
        }
        break;
      }
      case 'end':
        this.active.delete(key);
        if (value.message !== undefined) {
          this.lastMessage = value.message;
        }
        break;
    }
    return this.view();
  }

  /** Forgets tokens of a server that stopped. */
  reset(): void {
    this.active.clear();
  }

  view(): StatusView {
    const running = [...this.active.values()];
    if (running.length > 0) {
      const current = running[running.length - 1];
      return {
        text: '$(sync~spin) backstop: indexing',
        tooltip: `${current.title}: ${current.message ?? 'indexing'}`,
        busy: true,
      };
    }
    if (this.lastMessage !== undefined) {
      return { text: IDLE.text, tooltip: `backstop: ${this.lastMessage}`, busy: false };
    }
    return IDLE;
  }
}
