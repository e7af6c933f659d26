/**
 * Page objects for the UI end-to-end tests: a real VS Code (code-server 4.139.1 = VS Code 1.139.1)
 * in Debian's Chromium, driven through playwright-core with the keyboard and the mouse only — what a
 * person sees and does. No test hooks, no commands executed from inside the extension host.
 *
 * `UiSession.start()` gives each test file its own sandbox Tyk, workspace (with notes.txt), code-server
 * (fresh user data: no connection, no secret) and browser; `stop()` ends and removes all of them.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';
import { cacheDir, launchBrowser, repoRoot, startCodeServer, workbenchUrl, type CodeServerHandle } from '../tools/codeServer';

/** The window size of every test, and so of the screenshots in media/screenshots. */
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** Bounded waits (ms). */
export const SHORT = 5_000;
export const STEP = 15_000;
export const LONG = 45_000;

/**
 * The little of the DOM the page functions below use (this project compiles without the DOM lib;
 * these functions run in the browser).
 */
export interface DomElement {
  readonly textContent: string | null;
  readonly classList: { contains(name: string): boolean };
  readonly style: { top: string };
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns something other than undefined/false; fails after `timeoutMs`, saying what it last saw. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number = STEP,
  describeLast?: () => Promise<string> | string,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) {
        return value;
      }
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      let last = '';
      try {
        last = describeLast ? `; last seen: ${await describeLast()}` : '';
      } catch {
        // nothing more to say
      }
      const cause = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last}${cause}`);
    }
    await sleep(100);
  }
}

/** A regex that matches `text` exactly (whole string; spaces around it, such as an icon's, allowed). */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

export interface QuickInputRow {
  label: string;
  /** The grey text after the label. */
  description: string;
  ariaLabel: string;
  /** undefined for single-select rows (role=option), true/false for multi-select (role=checkbox). */
  checked: boolean | undefined;
  focused: boolean;
}

/** The quick input (command palette, quick pick, input box) at the top of the window. */
export class QuickInput {
  readonly widget: Locator;
  readonly input: Locator;
  readonly titleBar: Locator;
  readonly message: Locator;

  constructor(private readonly page: Page) {
    this.widget = page.locator('.quick-input-widget');
    this.input = this.widget.locator('.quick-input-box input');
    this.titleBar = this.widget.locator('.quick-input-title');
    this.message = this.widget.locator('.quick-input-message');
  }

  async isOpen(): Promise<boolean> {
    return this.widget.isVisible();
  }

  async title(): Promise<string> {
    return ((await this.titleBar.textContent({ timeout: SHORT })) ?? '').trim();
  }

  /** The rows currently rendered (the list is virtual: only those in view). */
  async rows(): Promise<QuickInputRow[]> {
    return this.widget.locator('.quick-input-list .monaco-list-row').evaluateAll((els: DomElement[]) =>
      els.map((e) => {
        const checked = e.getAttribute('aria-checked');
        const name = e.querySelector('.quick-input-list-row .label-name');
        const description = e.querySelector('.quick-input-list-row .label-description');
        return {
          label: (name?.textContent ?? '').trim(),
          description: (description?.textContent ?? '').trim(),
          ariaLabel: e.getAttribute('aria-label') ?? '',
          checked: checked === null ? undefined : checked === 'true',
          focused: e.classList.contains('focused'),
        };
      }),
    );
  }

  /** The row whose visible label is exactly `label`. */
  row(label: string): Locator {
    return this.widget
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.quick-input-list-row .label-name', { hasText: exactly(label) }) });
  }

  /** "1 Selected" in a multi-select pick. */
  async selectedCount(): Promise<number> {
    const text = (await this.widget.locator('.quick-input-count .monaco-count-badge').textContent({ timeout: SHORT })) ?? '';
    return Number(/(\d+)/.exec(text)?.[1] ?? NaN);
  }

  async value(): Promise<string> {
    return this.input.inputValue({ timeout: SHORT });
  }

  async inputType(): Promise<string | null> {
    return this.input.getAttribute('type', { timeout: SHORT });
  }

  /** The input's placeholder: what a pick asks, or why it did not take Enter. */
  async placeholder(): Promise<string> {
    return (await this.input.getAttribute('placeholder', { timeout: SHORT })) ?? '';
  }

  /** Whether the placeholder's text fits in the input whole, not cut off at its right edge. */
  async placeholderFits(): Promise<boolean> {
    return this.input.evaluate((el: DomElement) => {
      const page = globalThis as unknown as {
        document: { createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } | null } };
        getComputedStyle(e: DomElement): { font: string; paddingLeft: string; paddingRight: string };
      };
      const context = page.document.createElement('canvas').getContext('2d');
      if (!context) {
        return false;
      }
      const style = page.getComputedStyle(el);
      context.font = style.font;
      const room = (el as unknown as { clientWidth: number }).clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return context.measureText(el.getAttribute('placeholder') ?? '').width <= room;
    });
  }

  /** The validation message under the input, when the input box shows an error. */
  async error(): Promise<string | undefined> {
    const inError = (await this.widget.locator('.monaco-inputbox.error').count()) > 0;
    return inError ? ((await this.message.textContent({ timeout: SHORT })) ?? '').trim() : undefined;
  }

  describe = async (): Promise<string> => {
    if (!(await this.isOpen())) {
      return 'quick input closed';
    }
    const rows = await this.rows();
    return JSON.stringify({ title: await this.title(), value: await this.value().catch(() => '?'), message: await this.message.textContent(), rows: rows.slice(0, 8) });
  };

  /**
   * Waits until the quick input shows `title` (a regex, or a string the title must end with, such as
   * "(2/4)") and accepts input: enabled, not busy, and for picks with rows rendered.
   */
  async waitFor(title: RegExp | string, o: { rows?: boolean; timeoutMs?: number } = {}): Promise<string> {
    const matches = (t: string): boolean => (typeof title === 'string' ? t.endsWith(title) : title.test(t));
    return waitUntil(
      `the quick input titled ${String(title)}`,
      async () => {
        if (!(await this.widget.isVisible())) {
          return undefined;
        }
        const t = await this.title();
        if (!matches(t) || (await this.input.isDisabled())) {
          return undefined;
        }
        if ((await this.widget.locator('.quick-input-progress.active').count()) > 0) {
          return undefined;
        }
        if (o.rows && (await this.rows()).length === 0) {
          return undefined;
        }
        return t;
      },
      o.timeoutMs ?? STEP,
      this.describe,
    );
  }

  async waitClosed(timeoutMs = STEP): Promise<void> {
    await this.widget.waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /** Waits for the input to show an error message that matches `pattern`. */
  async waitForError(pattern: RegExp, timeoutMs = STEP): Promise<string> {
    return waitUntil(
      `a validation message matching ${String(pattern)}`,
      async () => {
        const e = await this.error();
        return e !== undefined && pattern.test(e) ? e : undefined;
      },
      timeoutMs,
      this.describe,
    );
  }
}

/**
 * A modal dialog of the workbench (`showWarningMessage(…, { modal: true })`): in VS Code for the web
 * it is drawn in the page, over a block that takes every click, with its buttons at the bottom.
 */
export class ModalDialog {
  readonly box: Locator;

  constructor(page: Page) {
    this.box = page.locator('.monaco-dialog-box');
  }

  /** The buttons, in the order shown. */
  buttons(): Locator {
    return this.box.locator('.dialog-buttons a.monaco-button, .dialog-buttons .monaco-button');
  }

  button(label: string): Locator {
    return this.buttons().filter({ hasText: exactly(label) });
  }

  /** Waits for the dialog; its message, detail and button labels. */
  async waitFor(timeoutMs = STEP): Promise<{ message: string; detail: string; buttons: string[] }> {
    await this.box.waitFor({ state: 'visible', timeout: timeoutMs });
    return this.read();
  }

  async read(): Promise<{ message: string; detail: string; buttons: string[] }> {
    const text = async (selector: string): Promise<string> => {
      const l = this.box.locator(selector).first();
      return (await l.count()) > 0 ? ((await l.textContent({ timeout: SHORT })) ?? '').trim() : '';
    };
    return {
      message: await text('.dialog-message-text'),
      detail: await text('.dialog-message-detail'),
      buttons: (await this.buttons().allTextContents()).map((b) => b.trim()),
    };
  }

  /** The default button: the primary one (drawn without `secondary`), and the one that has the focus (Enter presses it). */
  async defaultButton(): Promise<{ primary: string[]; focused: string[] }> {
    const labels = async (selector: string): Promise<string[]> => (await this.box.locator(selector).allTextContents()).map((b) => b.trim());
    return { primary: await labels('.dialog-buttons .monaco-button:not(.secondary)'), focused: await labels('.dialog-buttons .monaco-button:focus') };
  }

  /** Clicks the button labelled `label` and waits for the dialog to close (or, with `another`, for the next question in its place). */
  async click(label: string, o: { another?: boolean } = {}): Promise<void> {
    const button = this.button(label);
    await button.waitFor({ state: 'visible', timeout: STEP });
    const asked = (await this.read()).message;
    await button.click({ timeout: STEP });
    if (o.another) {
      await waitUntil('the next question', async () => (await this.box.isVisible()) && (await this.read()).message !== asked, STEP);
      return;
    }
    await this.box.waitFor({ state: 'hidden', timeout: STEP });
  }
}

/** The workbench page: activity bar, the Tyk view, editors, menus. */
export class Workbench {
  readonly quickInput: QuickInput;
  readonly dialog: ModalDialog;

  constructor(readonly page: Page) {
    this.quickInput = new QuickInput(page);
    this.dialog = new ModalDialog(page);
  }

  get keyboard(): Page['keyboard'] {
    return this.page.keyboard;
  }

  async waitReady(timeoutMs = LONG): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.activityItem('Tyk').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  activityItem(title: string): Locator {
    return this.page.locator(`.part.activitybar a.action-label[aria-label="${title}"]`);
  }

  /** Clicks the Tyk item of the activity bar (unless its view is already showing). */
  async openTykView(): Promise<void> {
    const item = this.activityItem('Tyk');
    const checked = await this.page.locator('.part.activitybar .action-item.checked a.action-label[aria-label="Tyk"]').count();
    if (checked === 0) {
      await item.click({ timeout: STEP });
    }
    // A container with one view shows it under the container's title, "Tyk: APIs".
    await this.page.locator('.part.sidebar .composite.title .title-label h2', { hasText: /^Tyk: APIs$/ }).waitFor({ state: 'visible', timeout: STEP });
    await this.page.locator('.part.sidebar .pane-body').first().waitFor({ state: 'visible', timeout: STEP });
  }

  /** A button of the Tyk view's welcome content. */
  welcomeButton(name: string): Locator {
    return this.page.locator('.part.sidebar .welcome-view-content').getByRole('button', { name, exact: true });
  }

  /** Rows of the tree in the side bar. */
  treeRows(): Locator {
    return this.page.locator('.part.sidebar .monaco-list[role="tree"] .monaco-list-row[role="treeitem"]');
  }

  /** The tree row whose visible label is exactly `label` (tree aria-labels are the items' accessibility labels). */
  treeRow(label: string): Locator {
    return this.treeRows().filter({ has: this.page.locator('.monaco-icon-label-container .label-name', { hasText: exactly(label) }) });
  }

  /** The tree row whose visible label matches `pattern`. */
  treeRowMatching(pattern: RegExp): Locator {
    return this.treeRows().filter({ has: this.page.locator('.monaco-icon-label-container .label-name', { hasText: pattern }) });
  }

  /** Visible labels of the rendered tree rows, with their nesting level. */
  async treeLabels(): Promise<Array<{ label: string; level: number; expanded: boolean | undefined }>> {
    return (await this.treeItems()).map(({ label, level, expanded }) => ({ label, level, expanded }));
  }

  /** The rendered tree rows in order: label, description (the grey text after it), level, expanded. */
  async treeItems(): Promise<Array<{ label: string; description: string; level: number; expanded: boolean | undefined }>> {
    return this.treeRows().evaluateAll((els: DomElement[]) =>
      els
        .map((e) => ({
          top: parseFloat(e.style.top || '0'),
          label: (e.querySelector('.monaco-icon-label-container .label-name')?.textContent ?? '').trim(),
          description: (e.querySelector('.monaco-icon-label-container .label-description')?.textContent ?? '').trim(),
          level: Number(e.getAttribute('aria-level') ?? '0'),
          expanded: e.hasAttribute('aria-expanded') ? e.getAttribute('aria-expanded') === 'true' : undefined,
        }))
        .sort((a, b) => a.top - b.top)
        .map(({ label, description, level, expanded }) => ({ label, description, level, expanded })),
    );
  }

  /** Drags the side bar's right edge (its sash) until the side bar is `width` pixels wide, as a person widens it. */
  async resizeSideBar(width: number): Promise<void> {
    const sidebar = this.page.locator('.part.sidebar');
    const box = await sidebar.boundingBox({ timeout: STEP });
    if (!box) {
      throw new Error('the side bar is not shown');
    }
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 10 });
    await this.page.mouse.up();
    await waitUntil(
      `the side bar to be ${width} px wide`,
      async () => Math.abs(((await sidebar.boundingBox())?.width ?? 0) - width) <= 4,
      SHORT,
      async () => String((await sidebar.boundingBox())?.width),
    );
  }

  /** A button of the Tyk view's title bar (the icons at the top right of the side bar), by its title. */
  viewTitleAction(title: string): Locator {
    return this.page.locator(`.part.sidebar .composite.title .actions-container a.action-label[aria-label^="${title}"]`);
  }

  /** The status bar entry whose text is exactly `text` (e.g. "Tyk: local"; an icon before it is ignored). */
  statusBarItem(text: string): Locator {
    return this.page.locator('.part.statusbar .statusbar-item').filter({ has: this.page.locator('a.statusbar-item-label', { hasText: exactly(text) }) });
  }

  /** Clicks a collapsed tree row to expand it and waits until it is expanded. */
  async expandTreeRow(label: string): Promise<void> {
    const row = this.treeRow(label);
    await row.waitFor({ state: 'visible', timeout: STEP });
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await this.settle();
      await row.click({ timeout: STEP });
    }
    await waitUntil(`the tree row "${label}" to expand`, async () => (await row.getAttribute('aria-expanded')) === 'true', STEP);
    await this.waitTreeSettled();
  }

  /**
   * Waits until the tree stops changing (the same rows twice, 300 ms apart, and no "Loading…" row), as a
   * person waits for a list to stop moving before clicking in it: a click that lands while the tree
   * re-renders may hit another row.
   */
  async waitTreeSettled(timeoutMs = STEP): Promise<void> {
    let previous = '';
    await waitUntil(
      'the tree to settle',
      async () => {
        const now = JSON.stringify(await this.treeItems());
        const settled = now === previous && !now.includes('"label":"Loading…');
        previous = now;
        if (!settled) {
          await sleep(200);
        }
        return settled;
      },
      timeoutMs,
      () => previous,
    );
  }

  /** Right-clicks `target` and picks `item` from its context menu. */
  async contextMenu(target: Locator, item: string): Promise<void> {
    // A hover left by the mouse (a row's tooltip) would swallow the click: move away first.
    await this.settle();
    await target.click({ button: 'right', timeout: STEP });
    const entry = this.page.getByRole('menuitem', { name: item, exact: true });
    await entry.waitFor({ state: 'visible', timeout: STEP });
    // As a person: point at the entry, see it highlighted, click. (A click that lands while the menu is
    // still opening is ignored by the workbench.)
    await entry.hover({ timeout: STEP });
    await waitUntil(`the menu entry "${item}" to be highlighted`, () => entry.evaluate((e: DomElement) => e.closest('.action-item')?.classList.contains('focused') === true), SHORT);
    await entry.click({ timeout: STEP });
    // A click the menu dropped (seen about once in three runs of the format-pick story since the status bar's
    // expiry count re-renders after each create; the entry highlighted, the menu still open): a person clicks
    // again. A click that did run closes the menu, so it is never run twice.
    if (!(await entry.waitFor({ state: 'hidden', timeout: SHORT }).then(() => true, () => false))) {
      await entry.hover({ timeout: STEP });
      await entry.click({ timeout: STEP });
      await entry.waitFor({ state: 'hidden', timeout: SHORT });
    }
  }

  /** Opens a workspace file with Quick Open (Ctrl+P), as a person would, and waits for its editor. */
  async openFile(name: string): Promise<void> {
    await this.keyboard.press('Control+P');
    await this.quickInput.widget.waitFor({ state: 'visible', timeout: STEP });
    await this.keyboard.type(name);
    await waitUntil(
      `Quick Open to list ${name}`,
      async () => (await this.quickInput.rows()).some((r) => r.focused && r.label === name),
      STEP,
      this.quickInput.describe,
    );
    await this.keyboard.press('Enter');
    await this.quickInput.waitClosed();
    await this.activeTab(name).waitFor({ state: 'visible', timeout: STEP });
    await waitUntil(`the editor of ${name} to have focus`, () =>
      this.page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { activeElement: DomElement | null } }).document;
        return doc.activeElement?.closest('.part.editor .monaco-editor') != null;
      }), STEP);
  }

  activeTab(name: string): Locator {
    return this.page.locator('.part.editor .tabs-container .tab.active', { hasText: name });
  }

  /** The text the active editor shows, line by line (every line of a short file is rendered). */
  async editorLines(): Promise<string[]> {
    return this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first().evaluate((el: DomElement) =>
      Array.from(el.querySelectorAll(':scope > .view-line'))
        .map((l) => ({ top: parseFloat(l.style.top || '0'), text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
  }

  /**
   * The whole text of the active editor, as a person reads a long one: Ctrl+Home, then Page Down
   * until the last line shows, collecting each rendered line by its line number. The editor must
   * have focus.
   */
  async editorFullText(maxPages = 40): Promise<string> {
    const lines = new Map<number, string>();
    const editor = this.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
    const read = (): Promise<Array<{ n: number; text: string }>> =>
      editor.evaluate((root: DomElement) => {
        const byTop = new Map<number, number>();
        for (const m of Array.from(root.querySelectorAll('.margin-view-overlays > div'))) {
          const n = Number((m.querySelector('.line-numbers')?.textContent ?? '').trim());
          if (n > 0) {
            byTop.set(parseFloat(m.style.top || '0'), n);
          }
        }
        return Array.from(root.querySelectorAll('.view-lines > .view-line'))
          .map((l) => ({ n: byTop.get(parseFloat(l.style.top || '0')) ?? 0, text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
          .filter((l) => l.n > 0);
      });
    await this.keyboard.press('Control+Home');
    let last = -1;
    for (let page = 0; page < maxPages; page++) {
      await sleep(150);
      const seen = await read();
      for (const l of seen) {
        lines.set(l.n, l.text);
      }
      const highest = Math.max(0, ...seen.map((l) => l.n));
      if (highest === last) {
        break;
      }
      last = highest;
      await this.keyboard.press('PageDown');
    }
    const count = Math.max(0, ...lines.keys());
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !lines.has(n));
    if (missing.length > 0) {
      throw new Error(`could not read lines ${missing.join(', ')} of the editor`);
    }
    return Array.from({ length: count }, (_, i) => lines.get(i + 1) ?? '').join('\n');
  }

  /** Waits for the active tab to show unsaved changes, presses Ctrl+S, waits until it shows none. */
  async save(name: string): Promise<void> {
    const dirty = async (): Promise<boolean> => /\bdirty\b/.test((await this.activeTab(name).getAttribute('class', { timeout: SHORT })) ?? '');
    await waitUntil(`${name} to show unsaved changes`, dirty, SHORT);
    await this.keyboard.press('Control+S');
    await waitUntil(`${name} to be saved`, async () => !(await dirty()), STEP);
  }

  /** F1, types `command`, and clicks the palette row whose aria-label is exactly the command ("Title" or "Title, keybinding"). */
  async runFromPalette(command: string): Promise<void> {
    await this.keyboard.press('F1');
    await this.quickInput.waitFor(/.*/, { rows: true });
    await this.keyboard.type(command);
    const name = new RegExp(`^${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(,|$)`);
    const row = this.quickInput.widget.getByRole('option', { name }).first();
    await row.waitFor({ state: 'visible', timeout: STEP });
    await row.click({ timeout: STEP });
  }

  /**
   * The messages in the notification centre (toasts are hidden while the smoke-test driver is on):
   * clicks the bell in the status bar, reads, clicks it again to close the centre.
   */
  async notifications(): Promise<string[]> {
    const bell = this.page.locator('.part.statusbar [id="status.notifications"] a.statusbar-item-label');
    const centre = this.page.locator('.notifications-center');
    await bell.click({ timeout: STEP });
    await centre.locator('.notifications-list-container, .notifications-center-header').first().waitFor({ state: 'visible', timeout: STEP });
    const messages = (await centre.locator('.notification-list-item-message').allTextContents()).map((m) => m.trim());
    await bell.click({ timeout: STEP });
    await centre.waitFor({ state: 'hidden', timeout: STEP });
    return messages;
  }

  /**
   * The frame of a webview whose document holds `selector`: code-server nests a webview's page in
   * iframes (the webview's host frame, then its content frame); the one holding the content is found
   * among all the page's frames.
   */
  async webviewFrame(selector: string, timeoutMs = STEP): Promise<Frame> {
    return waitUntil(
      `a webview holding ${selector}`,
      async () => {
        for (const frame of this.page.frames()) {
          if (frame !== this.page.mainFrame() && !frame.isDetached() && (await frame.locator(selector).count().catch(() => 0)) > 0) {
            return frame;
          }
        }
        return undefined;
      },
      timeoutMs,
    );
  }

  /** Moves the mouse off any hover and waits for tooltips to fade, for a clean screenshot. */
  async settle(): Promise<void> {
    await this.page.mouse.move(VIEWPORT.width - 40, VIEWPORT.height - 120);
    await waitUntil('hovers to disappear', async () => (await this.page.locator('.workbench-hover, .monaco-hover:not(.hidden)').filter({ visible: true }).count()) === 0, SHORT).catch(
      () => undefined,
    );
    await sleep(250);
  }

  /**
   * Saves a documentation screenshot: always under .vscode-test/screenshots/ui/, and into
   * media/screenshots/ when that file does not exist yet or UPDATE_SCREENSHOTS=1 (so a test run does
   * not rewrite committed images every time: ports and times differ from run to run). `clip` saves a
   * part of the window; `keepHover` keeps the mouse where it is (to show a hover) instead of moving it away.
   */
  async docScreenshot(name: string, o: { clip?: { x: number; y: number; width: number; height: number }; keepHover?: boolean } = {}): Promise<string[]> {
    if (o.keepHover) {
      await sleep(250);
    } else {
      await this.settle();
    }
    const png = await this.page.screenshot({ type: 'png', timeout: STEP, ...(o.clip ? { clip: o.clip } : {}) });
    const written: string[] = [];
    const scratch = path.join(cacheDir(), 'screenshots', 'ui', name);
    fs.mkdirSync(path.dirname(scratch), { recursive: true });
    fs.writeFileSync(scratch, png);
    written.push(scratch);
    const docs = path.join(repoRoot(), 'media', 'screenshots', name);
    if (process.env.UPDATE_SCREENSHOTS === '1' || !fs.existsSync(docs)) {
      fs.mkdirSync(path.dirname(docs), { recursive: true });
      fs.writeFileSync(docs, png);
      written.push(docs);
    }
    return written;
  }
}

export interface UiSessionOptions {
  /** The content of notes.txt in the workspace. */
  notes?: string;
  /** User settings over the defaults below (`files.autoSave: off`, `tyk.insertFormat: raw`). */
  settings?: Record<string, unknown>;
  /** How the sandbox Tyk starts (e.g. `{ apis: 300 }`); always quiet. */
  sandbox?: SandboxOptions;
  /** More files in the workspace: name → content. */
  files?: Record<string, string>;
  /**
   * The workspace is a git repository (git init, every file committed but `untracked`), and VS Code's git
   * is on (`git.enabled`, off in DEFAULT_SETTINGS): for the leak guard.
   */
  git?: { untracked?: string[] };
}

/** One sandbox Tyk + one code-server + one browser page, for one test file. */
export class UiSession {
  private constructor(
    readonly sandbox: Sandbox,
    readonly server: CodeServerHandle,
    readonly browser: Browser,
    readonly workbench: Workbench,
    readonly workspace: string,
  ) {}

  get page(): Page {
    return this.workbench.page;
  }

  static async start(o: UiSessionOptions = {}): Promise<UiSession> {
    const root = repoRoot();
    const extensionMain = path.join(root, 'dist', 'extension.js');
    if (!fs.existsSync(extensionMain)) {
      throw new Error(`${extensionMain} is missing: run \`npm run build\` first`);
    }
    const cleanups: Array<() => Promise<unknown>> = [];
    const cleanUp = async (): Promise<void> => {
      for (const c of cleanups.reverse()) {
        await c().catch(() => undefined);
      }
    };
    try {
      const sandbox = await startSandbox({ ...o.sandbox, quiet: true });
      cleanups.push(() => sandbox.close());
      const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-ui-workspace-'));
      cleanups.push(() => fs.promises.rm(workspace, { recursive: true, force: true }));
      fs.writeFileSync(path.join(workspace, 'notes.txt'), o.notes ?? 'Tyk key: ');
      for (const [name, content] of Object.entries(o.files ?? {})) {
        fs.writeFileSync(path.join(workspace, name), content);
      }
      if (o.git) {
        const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspace, encoding: 'utf8' });
        git('init', '-q');
        git('config', 'user.email', 'test@example.com');
        git('config', 'user.name', 'Test');
        const untracked = new Set(o.git.untracked ?? []);
        git('add', ...fs.readdirSync(workspace).filter((f) => f !== '.git' && !untracked.has(f)));
        git('commit', '-qm', 'start');
      }
      const server = await startCodeServer({
        smokeTestDriver: true,
        // VS Code on the web saves after a delay by default; the desktop does not. Saving is the user's act here.
        // The key alone, inserted without the format pick (the tests press Enter through the create flow only).
        settings: { 'files.autoSave': 'off', 'tyk.insertFormat': 'raw', ...(o.git ? { 'git.enabled': true } : {}), ...o.settings },
        // The person starts with nothing: no development connection, no test hooks.
        env: { TYK_KEYS_DEV_CONNECTIONS: '' },
      });
      cleanups.push(() => server.stop());
      const browser = await launchBrowser();
      cleanups.push(() => browser.close());
      const context = await browser.newContext({ viewport: { ...VIEWPORT } });
      const page = await context.newPage();
      page.setDefaultTimeout(STEP);
      if (process.env.VSCODE_TEST_VERBOSE === '1') {
        page.on('console', (m) => process.stderr.write(`[browser:${m.type()}] ${m.text()}\n`));
      }
      await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: root, skipWelcome: true }), {
        waitUntil: 'domcontentloaded',
        timeout: LONG,
      });
      const workbench = new Workbench(page);
      await workbench.waitReady();
      return new UiSession(sandbox, server, browser, workbench, workspace);
    } catch (e) {
      await cleanUp();
      throw e;
    }
  }

  /** The user settings the workbench wrote (where tyk.connections lives). */
  userSettings(): Record<string, unknown> {
    const file = path.join(this.server.userDataDir, 'User', 'settings.json');
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  }

  readWorkspaceFile(name: string): string {
    return fs.readFileSync(path.join(this.workspace, name), 'utf8');
  }

  /** Waits until the workspace file on disk holds `expected` (the write lands just after the tab turns clean). */
  async waitForFileContent(name: string, expected: string, timeoutMs = SHORT): Promise<void> {
    await waitUntil(`${name} on disk to read ${JSON.stringify(expected)}`, () => this.readWorkspaceFile(name) === expected, timeoutMs, () =>
      JSON.stringify(this.readWorkspaceFile(name)),
    );
  }

  /** The last lines of the extension's "Tyk" log (VS Code writes log output channels to files). */
  extensionLog(lines = 40): string {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          walk(p);
        } else if (/tyk/i.test(entry.name) && entry.name.endsWith('.log')) {
          found.push(p);
        }
      }
    };
    try {
      walk(path.join(this.server.userDataDir, 'logs'));
    } catch {
      return '';
    }
    return found
      .map((f) => `${f}:\n${fs.readFileSync(f, 'utf8').split('\n').slice(-lines).join('\n')}`)
      .join('\n');
  }

  /** On a failed test: a screenshot under .vscode-test/screenshots/, its path and the extension's log printed. */
  async onFailure(testTitle: string): Promise<void> {
    const file = path.join(cacheDir(), 'screenshots', `ui-${testTitle.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await this.page.screenshot({ path: file, timeout: SHORT });
      console.log(`    screenshot of the failure: ${file}`);
    } catch (e) {
      console.log(`    could not take a screenshot: ${e instanceof Error ? e.message : String(e)}`);
    }
    const log = this.extensionLog();
    if (log) {
      console.log(`    extension log:\n${log.replace(/^/gm, '      ')}`);
    }
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop().catch(() => undefined);
    await this.sandbox.close().catch(() => undefined);
    fs.rmSync(this.workspace, { recursive: true, force: true });
  }
}

/** The mocha hooks every UI test file uses: one session per file, a screenshot on each failure. */
export function useUiSession(o: UiSessionOptions = {}): () => UiSession {
  let session: UiSession | undefined;
  before(async function (this: Mocha.Context) {
    this.timeout(120_000);
    session = await UiSession.start(o);
  });
  afterEach(async function (this: Mocha.Context) {
    if (this.currentTest?.state === 'failed' && session) {
      await session.onFailure(this.currentTest.fullTitle());
    }
  });
  after(async function (this: Mocha.Context) {
    this.timeout(30_000);
    await session?.stop();
    session = undefined;
  });
  return () => {
    if (!session) {
      throw new Error('the UI session did not start (see the before hook)');
    }
    return session;
  };
}
