// Where the extension finds the backstop binary.
//
// No `vscode` import: the tests drive the lookup with made-up folders.
//
// Order: `backstop.path` when the user set it (an explicit choice never
// falls back silently), then the binary bundled in a platform .vsix, then
// `backstop` on the extension host's PATH, then on the PATH of the processes
// that started the editor, then cargo's bin folder. The launchers' PATH
// matters because VS Code's server (code-server, Remote-SSH, WSL) gives the
// extension host the PATH of a fresh login shell, which has lost what the
// shell that launched the editor added to PATH.

import * as fs from 'node:fs';
import * as path from 'node:path';

export type ServerSource = 'backstop.path' | 'bundled' | 'PATH' | 'launcher PATH' | 'cargo';

export type Resolution =
  | { ok: true; path: string; source: ServerSource; tried: string[] }
  | { ok: false; tried: string[]; message: string };

export interface ResolveOptions {
  /** Base for a relative `backstop.path` (the first workspace folder). */
  cwd?: string;
  /** The folder of a platform .vsix's bundled binary (`<extension>/server`). */
  bundledDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** PATH values of the processes that started this one, nearest first. */
  launcherPaths?: () => string[];
}

/** The file name of the binary in the bundled folder. */
export function bundledBinaryName(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'backstop.exe' : 'backstop';
}

const INSTALL_HINT =
  'Install the platform build of this extension (it bundles the server), or install the binary with ' +
  '`cargo install --locked --path .` from a checkout of the backstop repository (it lands in ~/.cargo/bin), ' +
  'or set `backstop.path` to the binary.';

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

function homeOf(env: NodeJS.ProcessEnv): string | undefined {
  return env.HOME ?? env.USERPROFILE;
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  const home = homeOf(env);
  if (home && (p === '~' || p.startsWith('~/') || p.startsWith('~\\'))) {
    return path.join(home, p.slice(1));
  }
  return p;
}

/** The folders of a PATH value that can be searched (absolute, tilde expanded). */
function pathFolders(value: string | undefined, env: NodeJS.ProcessEnv): string[] {
  return (value ?? '')
    .split(path.delimiter)
    .filter((d) => d.length > 0)
    .map((d) => expandHome(d, env))
    // A relative entry means the launching shell's folder, which is unknown here.
    .filter((d) => path.isAbsolute(d));
}

function executableNames(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform !== 'win32') {
    return ['backstop'];
  }
  return (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM')
    .split(';')
    .filter(Boolean)
    .map((ext) => `backstop${ext.toLowerCase()}`);
}

/** The first executable `backstop` in `folders`, recording every candidate in `tried`. */
function searchFolders(
  folders: string[],
  names: string[],
  platform: NodeJS.Platform,
  tried: string[],
): string | undefined {
  for (const dir of folders) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (tried.includes(candidate)) {
        continue;
      }
      tried.push(candidate);
      if (isExecutableFile(candidate, platform)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function fromSetting(
  configured: string,
  options: ResolveOptions,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Resolution {
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
    return { ok: true, path: found, source: 'backstop.path', tried };
  }
  return {
    ok: false,
    tried,
    message:
      `backstop: the server binary set in \`backstop.path\` was not found or is not executable: ${candidate}. ` +
      `Fix the setting, or clear it to use the bundled server or \`backstop\` on PATH. ${INSTALL_HINT}`,
  };
}

/**
 * Finds the server binary (see the order at the top of this file). Never
 * throws; on failure the message names what was tried and how to fix it.
 */
export function resolveServerPath(setting: string | undefined, options: ResolveOptions = {}): Resolution {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const configured = setting?.trim();
  if (configured) {
    return fromSetting(configured, options, env, platform);
  }
  const tried: string[] = [];
  if (options.bundledDir) {
    const bundled = path.join(options.bundledDir, bundledBinaryName(platform));
    tried.push(bundled);
    if (isExecutableFile(bundled, platform)) {
      return { ok: true, path: bundled, source: 'bundled', tried };
    }
  }
  const names = executableNames(env, platform);
  const own = pathFolders(env.PATH ?? env.Path, env);
  const launchers = (options.launcherPaths ?? launcherPaths.read)().flatMap((value) => pathFolders(value, env));
  const home = homeOf(env);
  const cargoHome = env.CARGO_HOME ?? (home ? path.join(home, '.cargo') : undefined);
  const steps: Array<[ServerSource, string[]]> = [
    ['PATH', own],
    ['launcher PATH', launchers],
    ['cargo', cargoHome ? [path.join(cargoHome, 'bin')] : []],
  ];
  for (const [source, folders] of steps) {
    const found = searchFolders(folders, names, platform, tried);
    if (found) {
      return { ok: true, path: found, source, tried };
    }
  }
  const moreFolders = new Set(launchers.filter((dir) => !own.includes(dir))).size;
  return {
    ok: false,
    tried,
    message:
      `backstop: could not find \`backstop\` on PATH (this build of the extension bundles no server; ` +
      `searched ${own.length} folders: ${own.join(path.delimiter) || '<empty PATH>'}; then ${moreFolders} more ` +
      `from the PATH of the processes that started the editor, and cargo's bin folder). ${INSTALL_HINT}`,
  };
}

/** How far up the process tree to look; launchers sit a few levels above. */
const MAX_LAUNCHER_DEPTH = 12;

/** The parent of `pid` from `/proc/<pid>/stat`, undefined when unreadable. */
function parentOf(pid: number, readFile: (file: string) => string): number | undefined {
  try {
    const stat = readFile(`/proc/${pid}/stat`);
    // "pid (command) state ppid …"; the command may itself hold ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const parent = Number(fields[1]);
    return Number.isInteger(parent) && parent > 0 ? parent : undefined;
  } catch {
    return undefined;
  }
}

function pathOf(pid: number, readFile: (file: string) => string): string | undefined {
  try {
    const entry = readFile(`/proc/${pid}/environ`)
      .split('\0')
      .find((e) => e.startsWith('PATH='));
    return entry?.slice('PATH='.length);
  } catch {
    return undefined;
  }
}

/**
 * The PATH each ancestor process started with, nearest first, read from
 * /proc (Linux only; elsewhere empty). The same value twice is kept once.
 */
export function launcherPathValues(
  startPid: number = process.ppid,
  readFile: (file: string) => string = (file) => fs.readFileSync(file, 'utf8'),
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (platform !== 'linux') {
    return [];
  }
  const values: string[] = [];
  let pid: number | undefined = startPid;
  for (let depth = 0; pid !== undefined && pid > 1 && depth < MAX_LAUNCHER_DEPTH; depth += 1) {
    const value = pathOf(pid, readFile);
    if (value !== undefined && !values.includes(value)) {
      values.push(value);
    }
    pid = parentOf(pid, readFile);
  }
  return values;
}

/** The lookup of the launchers' PATH; tests replace `read` with their own. */
export const launcherPaths = { read: (): string[] => launcherPathValues() };
