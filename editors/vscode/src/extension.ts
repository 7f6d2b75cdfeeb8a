import * as path from 'node:path';

import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';

import {
  CLIENT_ID,
  CLIENT_NAME,
  DOCUMENT_SELECTOR,
  didChangeConfigurationParams,
  initializationOptions,
  sanitizeRules,
  serverExecutable,
} from './config';
import { ProgressTracker, STARTING, StatusView } from './progress';
import { resolveServerPath } from './serverPath';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let tracker = new ProgressTracker();
/** `<extension>/server`, where a platform .vsix carries the binary. */
let bundledDir: string | undefined;
/** Starts, stops and restarts run one after the other. */
let queue: Promise<void> = Promise.resolve();

function serialize(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task).catch((error) => {
    output.appendLine(`backstop: ${errorText(error)}`);
  });
  return queue;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return typeof error === 'string' ? error : JSON.stringify(error);
}

function show(view: StatusView, command = 'backstop.showOutput'): void {
  status.text = view.text;
  status.tooltip = view.tooltip;
  status.command = command;
  status.backgroundColor = undefined;
  status.show();
}

function showFailure(tooltip: string): void {
  status.text = '$(error) backstop';
  status.tooltip = `${tooltip}\nClick to restart.`;
  status.command = 'backstop.restart';
  status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  status.show();
}

function currentRules(): ReturnType<typeof sanitizeRules> {
  return sanitizeRules(vscode.workspace.getConfiguration('backstop').get('rules'));
}

function reportRuleProblems(problems: string[]): void {
  if (problems.length > 0) {
    const message = `backstop.rules: ${problems.join('; ')}`;
    output.appendLine(message);
    void vscode.window.showWarningMessage(message);
  }
}

/**
 * vscode-languageclient's default policy (restart a crashed server up to four
 * times in three minutes), but quiet while starting: a server that dies
 * before it answers `initialize` gets one message from `start()`, which names
 * the binary, rather than three generic ones.
 */
class ServerErrorHandler implements ErrorHandler {
  private readonly restarts: number[] = [];
  running = false;

  constructor(private readonly binary: string) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    if (!this.running || (count !== undefined && count <= 3)) {
      return { action: ErrorAction.Continue, handled: true };
    }
    return {
      action: ErrorAction.Shutdown,
      message: `backstop: lost the connection to the language server ${this.binary}; see the backstop output. Run "backstop: Restart server" to start it again.`,
    };
  }

  closed(): CloseHandlerResult {
    if (!this.running) {
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && now - this.restarts[0] > 3 * 60 * 1000) {
      this.restarts.shift();
    }
    if (this.restarts.length <= 4) {
      return { action: CloseAction.Restart, handled: true };
    }
    return {
      action: CloseAction.DoNotRestart,
      message: `backstop: the language server ${this.binary} stopped 5 times in 3 minutes and will not be restarted; see the backstop output. Run "backstop: Restart server" once it is fixed.`,
    };
  }
}

async function offerFix(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'backstop.path');
  } else if (choice === 'Show Output') {
    output.show(true);
  }
}

async function start(): Promise<void> {
  if (client) {
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const setting = vscode.workspace.getConfiguration('backstop').get<string>('path');
  const resolution = resolveServerPath(setting, { cwd: folder?.uri.fsPath, bundledDir });
  if (!resolution.ok) {
    output.appendLine(resolution.message);
    output.appendLine(`tried: ${resolution.tried.join(', ') || '(nothing)'}`);
    showFailure(resolution.message);
    void offerFix(resolution.message);
    return;
  }
  const binary = resolution.path;
  output.appendLine(`backstop: starting ${binary} lsp (found through ${resolution.source})`);

  const { rules, problems } = currentRules();
  reportRuleProblems(problems);

  // No `transport`: the client talks stdio all the same and runs exactly the
  // command of serverExecutable(), with no `--stdio` appended.
  const executable = serverExecutable(binary);
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const errorHandler = new ServerErrorHandler(binary);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR.map((s) => ({ ...s })),
    initializationOptions: initializationOptions(rules),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Our own message names the binary; don't retry a failed initialize.
    initializationFailedHandler: () => false,
    errorHandler,
    middleware: {
      // Every work-done progress passes here; the built-in window progress
      // still runs (next()), and the status bar follows along.
      handleWorkDoneProgress: (token, params, next) => {
        show(tracker.update(token, params));
        next(token, params);
      },
    },
  };

  tracker = new ProgressTracker();
  show(STARTING);
  const created = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = created;
  created.onDidChangeState((event) => {
    if (client !== created) {
      return;
    }
    if (event.newState === State.Stopped) {
      tracker.reset();
      showFailure('backstop: the language server stopped.');
    } else if (event.newState === State.Running) {
      errorHandler.running = true;
      show(tracker.view());
    }
  });
  try {
    await created.start();
    if (client === created) {
      show(tracker.view());
    }
  } catch (error) {
    const message =
      `backstop: could not start the language server ${binary} (${errorText(error)}). ` +
      `Its error output is in the backstop output. Check that \`${binary} lsp\` runs in a terminal ` +
      '(it waits silently for input); reinstall it with `cargo install --locked --path .` from the backstop ' +
      'repository, or point `backstop.path` at a working binary.';
    output.appendLine(message);
    showFailure(message);
    if (client === created) {
      client = undefined;
    }
    try {
      await created.dispose(2000);
    } catch {
      // Already dead.
    }
    void offerFix(message);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (!running) {
    return;
  }
  try {
    await running.dispose(2000);
  } catch (error) {
    output.appendLine(`backstop: stopping the server: ${errorText(error)}`);
  }
}

function restart(): Promise<void> {
  return serialize(async () => {
    await stop();
    await start();
  });
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  bundledDir = context.extensionPath ? path.join(context.extensionPath, 'server') : undefined;
  output = vscode.window.createOutputChannel('backstop');
  status = vscode.window.createStatusBarItem('backstop.status', vscode.StatusBarAlignment.Left, 0);
  status.name = 'backstop';
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('backstop.restart', restart),
    vscode.commands.registerCommand('backstop.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('backstop.path')) {
        void restart();
        return;
      }
      if (event.affectsConfiguration('backstop.rules')) {
        const { rules, problems } = currentRules();
        reportRuleProblems(problems);
        if (client && client.state === State.Running) {
          void client
            .sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams(rules))
            .catch((error) => output.appendLine(`backstop: sending settings: ${errorText(error)}`));
        }
      }
    }),
  );
  return serialize(start);
}

export function deactivate(): Promise<void> {
  return serialize(stop);
}
