// Just enough of the `vscode` API to activate the extension bundle in plain
// node (esbuild aliases `vscode` to this file for test/extension.test.ts).
// What the extension shows (status bar, messages) is recorded in `recorded`;
// every API it does not record is an inert, callable stand-in.
/* eslint-disable @typescript-eslint/no-explicit-any */

import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const recorded = {
  status: [] as Array<{ text: string; tooltip: string }>,
  errors: [] as string[],
  warnings: [] as string[],
  output: [] as string[],
  commands: new Map<string, (...args: any[]) => any>(),
};

/** What `workspace.getConfiguration(section).get(key)` returns, by `section.key`. */
export const settings = new Map<string, unknown>();
export let workspaceFolder = process.cwd();
export function setWorkspaceFolder(folder: string): void {
  workspaceFolder = folder;
}

/** A callable, constructible object whose every property is another one. */
function inert(name: string): any {
  const target: any = function () {
    return undefined;
  };
  return new Proxy(target, {
    get(t, property) {
      if (property === 'then') {
        return undefined; // not a thenable
      }
      if (property === Symbol.toPrimitive) {
        return () => name;
      }
      if (property === 'dispose') {
        return () => undefined;
      }
      if (!(property in t)) {
        t[property] = inert(`${name}.${String(property)}`);
      }
      return t[property];
    },
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`),
  });
}

function namespace(name: string, members: Record<string, any>): any {
  return new Proxy(members, {
    get(t, property) {
      if (!(property in t)) {
        t[property as string] = inert(`${name}.${String(property)}`);
      }
      return t[property as string];
    },
  });
}

/** File URIs only, which is all the client builds from a workspace folder. */
export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
    private readonly text: string,
  ) {}
  get path(): string {
    return this.fsPath;
  }
  static file(fsPath: string): Uri {
    return new Uri('file', fsPath, pathToFileURL(fsPath).href);
  }
  static parse(text: string): Uri {
    return text.startsWith('file:') ? new Uri('file', fileURLToPath(text), text) : new Uri(text.split(':')[0], '', text);
  }
  toString(): string {
    return this.text;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, fsPath: this.fsPath, external: this.text };
  }
}

const disposable = { dispose: (): void => undefined };
const event = (): typeof disposable => disposable;

class EventEmitter {
  private listeners: Array<(e: unknown) => void> = [];
  event = (listener: (e: unknown) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };
  fire(e: unknown): void {
    for (const l of this.listeners) {
      l(e);
    }
  }
  dispose(): void {
    this.listeners = [];
  }
}

const configurationListeners = new EventEmitter();

/** Simulates the user editing settings.json. */
export function changeSettings(changes: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(changes)) {
    settings.set(key, value);
  }
  configurationListeners.fire({
    affectsConfiguration: (section: string) =>
      Object.keys(changes).some((key) => key === section || key.startsWith(`${section}.`)),
  });
}

function outputChannel(name: string): any {
  return namespace(`OutputChannel(${name})`, {
    name,
    append: (s: string) => recorded.output.push(s),
    appendLine: (s: string) => recorded.output.push(s),
    show: () => undefined,
    dispose: () => undefined,
  });
}

function statusBarItem(): any {
  const item: any = { show: () => undefined, hide: () => undefined, dispose: () => undefined };
  return new Proxy(item, {
    set(t, property, value) {
      t[property] = value;
      if (property === 'text' || property === 'tooltip') {
        recorded.status.push({ text: String(t.text ?? ''), tooltip: String(t.tooltip ?? '') });
      }
      return true;
    },
  });
}

export const workspace = namespace('workspace', {
  get workspaceFolders() {
    return [{ uri: Uri.file(workspaceFolder), name: path.basename(workspaceFolder), index: 0 }];
  },
  getConfiguration: (section?: string) => ({
    get: (key: string, fallback?: unknown) => {
      const value = settings.get(section ? `${section}.${key}` : key);
      return value === undefined ? fallback : value;
    },
    has: () => false,
    inspect: () => undefined,
    update: async () => undefined,
  }),
  onDidChangeConfiguration: configurationListeners.event,
  textDocuments: [],
  notebookDocuments: [],
  onDidOpenTextDocument: event,
  onDidCloseTextDocument: event,
  onDidChangeTextDocument: event,
  onDidSaveTextDocument: event,
  onWillSaveTextDocument: event,
  onDidChangeWorkspaceFolders: event,
  onDidOpenNotebookDocument: event,
  onDidCloseNotebookDocument: event,
  onDidChangeNotebookDocument: event,
  onDidSaveNotebookDocument: event,
  onDidCreateFiles: event,
  onDidRenameFiles: event,
  onDidDeleteFiles: event,
  onWillCreateFiles: event,
  onWillRenameFiles: event,
  onWillDeleteFiles: event,
  createFileSystemWatcher: () => ({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose: () => undefined }),
});

export const window = namespace('window', {
  createOutputChannel: outputChannel,
  createStatusBarItem: statusBarItem,
  showErrorMessage: async (message: string) => {
    recorded.errors.push(message);
    return undefined;
  },
  showWarningMessage: async (message: string) => {
    recorded.warnings.push(message);
    return undefined;
  },
  showInformationMessage: async () => undefined,
  withProgress: async (_options: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) =>
    task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: event }),
  onDidChangeActiveTextEditor: event,
  onDidChangeVisibleTextEditors: event,
  visibleTextEditors: [],
  tabGroups: { all: [], onDidChangeTabs: event },
});

export const commands = namespace('commands', {
  registerCommand: (id: string, handler: (...args: any[]) => any) => {
    recorded.commands.set(id, handler);
    return disposable;
  },
  executeCommand: async () => undefined,
});

export const languages = namespace('languages', {
  createDiagnosticCollection: () =>
    namespace('DiagnosticCollection', {
      set: () => undefined,
      delete: () => undefined,
      clear: () => undefined,
      forEach: () => undefined,
      dispose: () => undefined,
    }),
  match: () => 0,
});

export const env = namespace('env', { appName: 'stub', language: 'en', machineId: 'stub', sessionId: 'stub', uiKind: 1 });
export const extensions = namespace('extensions', { getExtension: () => undefined, all: [] });
export const version = '1.82.0';
export const StatusBarAlignment = { Left: 1, Right: 2 };
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 };
export class ThemeColor {
  constructor(readonly id: string) {}
}
export class Disposable {
  constructor(private readonly callOnDispose: () => void) {}
  static from(...disposables: Array<{ dispose(): void }>): Disposable {
    return new Disposable(() => disposables.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}
export { EventEmitter };

// The object `require('vscode')` gives the bundle (see vscode-shim.js):
// everything above, and an inert stand-in for the rest (Uri, Range,
// CompletionItem, …), which vscode-languageclient touches at load time.
const api: Record<string, unknown> = {
  workspace, window, commands, languages, env, extensions, version,
  StatusBarAlignment, ProgressLocation, ThemeColor, Disposable, EventEmitter, Uri,
};
(globalThis as any).__backstopVscodeStub = namespace('vscode', api);
