// Drives VS Code's web workbench the way a person does, with the keyboard
// and what the screen shows: open a file, go to a line, run a command, read
// the status bar, the Problems badge, a hover, the Quick Fix menu and an
// output channel. Every wait has a deadline and says what it waited for.

const STEP_TIMEOUT_MS = Number(process.env.BACKSTOP_E2E_TIMEOUT_MS ?? 90_000);

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor(what, probe, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last !== undefined && last !== false) {
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  async open(url, folder) {
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await this.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: STEP_TIMEOUT_MS });
  }

  /** The status bar item an extension contributed, by its id. */
  statusItem(id) {
    return this.page.locator(`.part.statusbar [id="${id}"]`);
  }

  /** Errors, warnings and infos as the status bar's problems item counts them. */
  async statusProblems() {
    const label = (await this.page.locator('.part.statusbar [id="status.problems"]').getAttribute('aria-label')) ?? '';
    const count = (name) => Number(new RegExp(`${name}: (\\d+)`).exec(label)?.[1] ?? 0);
    return { errors: count('Errors'), warnings: count('Warnings'), infos: count('Infos'), label };
  }

  /** Opens the Problems panel and returns the number on its tab's badge. */
  async problemsBadge() {
    const tab = this.page.locator('.part.panel .composite-bar .action-item', { hasText: 'Problems' });
    if ((await tab.count()) === 0 || !(await tab.first().isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await tab.first().waitFor({ state: 'visible' });
    }
    const text = await tab.first().locator('.badge-content').textContent({ timeout: 5_000 }).catch(() => '0');
    return Number(text?.trim() || 0);
  }

  /**
   * Runs a command from the Command Palette by its exact label. A command
   * that asks for more in a quick pick of its own gets `opensPick`.
   */
  async runCommand(label, { filter = label, opensPick = false } = {}) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${filter}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
    await row.first().waitFor({ state: 'visible' });
    await row.first().click();
    if (!opensPick) {
      await input.waitFor({ state: 'hidden' });
    }
  }

  /** Picks the entry labelled `label` in the open quick pick. */
  async pick(label) {
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(label);
    const row = this.page.locator('.quick-input-list .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
    await row.first().click();
    await input.waitFor({ state: 'hidden' });
  }

  /** Opens a workspace file with Quick Open and waits until it is the active editor. */
  async openFile(name) {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    const row = this.page.locator('.quick-input-list .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: name }),
    });
    await row.first().waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await waitFor(`${name} in the active editor`, async () => (await this.activeEditorTitle()) === name);
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor();
  }

  /** The file name on the active editor tab. */
  async activeEditorTitle() {
    const tab = this.page.locator('.editor-group-container.active .tab.active .label-name');
    return (await tab.count()) > 0 ? (await tab.first().textContent())?.trim() : undefined;
  }

  /** Moves the cursor of the active editor to a 1-based line and column. */
  async goTo(line, column) {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await waitFor(`the cursor at ${line}:${column}`, async () => {
      const position = await this.cursorPosition();
      return position.line === line && position.column === column;
    });
  }

  /** The cursor's line and column, from the status bar's "Ln 3, Col 7". */
  async cursorPosition() {
    const text = (await this.page.locator('.part.statusbar [id="status.editor.selection"]').textContent()) ?? '';
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
  }

  /** Shows the hover at the cursor and returns its text once it holds `expected`. */
  async hoverText(expected) {
    await this.runCommand('Show or Focus Hover');
    const hover = this.page.locator('.monaco-hover:not(.hidden)');
    return waitFor(`a hover that says ${JSON.stringify(expected)}`, async () => {
      const texts = await hover.allTextContents();
      return texts.find((text) => text.includes(expected));
    });
  }

  /** Opens the Quick Fix menu at the cursor and applies the entry titled `title`. */
  async applyQuickFix(title) {
    const entry = this.page.locator('.action-widget .monaco-list-row', { hasText: title });
    // On a loaded machine the key can reach the workbench before the editor
    // has focus back from the hover, and then no menu opens: ask again.
    for (let attempt = 1; ; attempt += 1) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+.');
      const found = await waitFor(`the quick fix "${title}"`, async () => (await entry.count()) > 0, 8_000).then(
        () => true,
        () => false,
      );
      if (found) {
        break;
      }
      if (attempt === 5) {
        const offered = await this.page.locator('.action-widget .monaco-list-row').allTextContents();
        throw new Error(`no quick fix "${title}" after ${attempt} requests; the menu offered ${JSON.stringify(offered)}`);
      }
    }
    // The menu takes keys, not clicks (a pointer block covers it).
    const menu = this.page.locator('.action-widget .monaco-list-row');
    const rows = await menu.count();
    for (let step = 0; step <= rows; step += 1) {
      const focused = await this.page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label');
      if (focused === title) {
        await this.page.keyboard.press('Enter');
        await waitFor('the Quick Fix menu to close', async () => (await menu.count()) === 0, 30_000);
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not move the Quick Fix menu's focus to "${title}"`);
  }

  /** Whether the active editor has changes not yet saved. */
  async activeEditorDirty() {
    return (await this.page.locator('.editor-group-container.active .tab.active.dirty').count()) > 0;
  }

  /**
   * Saves the active editor once it holds unsaved changes. Applying a code
   * action runs asynchronously in the workbench, so a save pressed right
   * after the menu closes can land before the edit and leave it unsaved.
   */
  async saveWhenDirty(what) {
    await waitFor(`${what} to mark the editor as changed`, () => this.activeEditorDirty(), 30_000);
    await this.page.keyboard.press('Control+S');
    await waitFor(`${what} to be saved`, async () => !(await this.activeEditorDirty()), 30_000);
  }

  /** The visible text of the output channel `name`. */
  async outputChannelText(name) {
    await this.runCommand('Output: Show Output Channels...', { opensPick: true });
    await this.pick(name);
    const lines = this.page.locator('.part.panel .monaco-editor .view-lines');
    return waitFor(`text in the ${name} output`, async () => {
      // The editor draws spaces as no-break spaces.
      const text = (await lines.first().innerText().catch(() => '')).replace(/\u00a0/g, ' ').trim();
      return text.length > 0 ? text : undefined;
    });
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
