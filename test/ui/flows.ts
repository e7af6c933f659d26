/**
 * What several UI test files do the same way, as a person: connect to a Tyk through the Connect to
 * Tyk flow, press Enter through the steps of a flow, and read what the sandbox Tyk received.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Sandbox, StoredKey } from '../sandbox/server';
import { STEP, waitUntil, type Workbench } from './workbench';

export interface ConnectAs {
  kind: 'Tyk Dashboard' | 'Tyk Gateway';
  url: string;
  credential: string;
  /** The name typed over the default (the host of the URL); the default is kept when absent. */
  name?: string;
  /** Where the flow starts: the welcome view's button (no connection yet) or the view title's "+" button. */
  from: 'welcome' | 'view title';
}

/** Connect to Tyk (1/4 … 4/4) as a person; resolves with the connection's name once its row is in the tree. */
export async function connect(wb: Workbench, o: ConnectAs): Promise<string> {
  const qi = wb.quickInput;
  await wb.openTykView();
  if (o.from === 'welcome') {
    await wb.welcomeButton('Connect to Tyk').click({ timeout: STEP });
  } else {
    await wb.viewTitleAction('Add Connection…').click({ timeout: STEP });
  }
  await qi.waitFor('Connect to Tyk (1/4)', { rows: true });
  await qi.row(o.kind).click();
  await qi.waitFor('Connect to Tyk (2/4)');
  await wb.keyboard.type(o.url);
  await wb.keyboard.press('Enter');
  await qi.waitFor('Connect to Tyk (3/4)');
  await wb.keyboard.type(o.credential);
  await wb.keyboard.press('Enter');
  await qi.waitFor('Connect to Tyk (4/4)');
  const name = o.name ?? (await qi.value());
  if (o.name !== undefined) {
    await wb.keyboard.press('Control+A');
    await wb.keyboard.type(o.name);
  }
  await wb.keyboard.press('Enter');
  await qi.waitClosed();
  await wb.treeRow(name).waitFor({ state: 'visible', timeout: STEP });
  return name;
}

/**
 * Enter at each step, until the quick input closes (the last step is then an input box: no rows).
 * With `closes: false` every step is a pick and the input stays open after the last Enter.
 */
export async function enterThrough(wb: Workbench, steps: readonly string[], o: { closes?: boolean } = {}): Promise<void> {
  const closes = o.closes ?? true;
  const last = steps[steps.length - 1];
  for (const step of steps) {
    await wb.quickInput.waitFor(step, { rows: !(closes && step === last) });
    await wb.keyboard.press('Enter');
  }
  if (closes) {
    await wb.quickInput.waitClosed();
  }
}

/** The sandbox's keys and requests from a mark on: what a flow really did on the server. */
export class SandboxMark {
  private readonly keys: ReadonlySet<string>;
  private readonly request: number;

  constructor(private readonly sandbox: Sandbox) {
    this.keys = new Set(sandbox.keys().map((k) => k.key));
    this.request = sandbox.requests.length;
  }

  newKeys(): StoredKey[] {
    return this.sandbox.keys().filter((k) => !this.keys.has(k.key));
  }

  /** Requests since the mark with this method whose path matches. */
  requests(method: string, path: RegExp): number {
    return this.sandbox.requests.slice(this.request).filter((r) => r.method === method && path.test(r.path)).length;
  }

  /** Waits for exactly one new key, from exactly one create request (Dashboard POST /api/keys, Gateway POST /tyk/keys[/create]). */
  async oneNewKey(): Promise<StoredKey> {
    const [created, ...more] = await waitUntil('the sandbox to store the new key', () => (this.newKeys().length > 0 ? this.newKeys() : undefined), STEP);
    assert.ok(created);
    assert.equal(more.length, 0, 'exactly one key created');
    const posts = this.requests('POST', /^\/api\/keys\/?$|^\/tyk\/keys(\/create)?\/?$/);
    assert.equal(posts, 1, 'exactly one create request');
    return created;
  }
}

/** Waits until the active editor's lines satisfy `check`; the lines. */
export async function waitForEditorLines(wb: Workbench, what: string, check: (lines: string[]) => boolean): Promise<string[]> {
  return waitUntil(
    what,
    async () => {
      const lines = await wb.editorLines();
      return check(lines) ? lines : undefined;
    },
    STEP,
    async () => JSON.stringify(await wb.editorLines()),
  );
}

/** Waits for the notification centre to hold a message matching `pattern`; all its messages. */
export async function waitForNotification(wb: Workbench, pattern: RegExp): Promise<string[]> {
  let last: string[] = [];
  return waitUntil(
    `a notification matching ${String(pattern)}`,
    async () => {
      last = await wb.notifications();
      return last.some((m) => pattern.test(m)) ? last : undefined;
    },
    STEP,
    () => JSON.stringify(last),
  );
}

/** Back in the open editor (a menu may have left the focus in the tree): a new line at the end, then `prefix`. */
export async function typeOnNewLine(wb: Workbench, prefix: string): Promise<void> {
  await wb.page.locator('.part.editor .monaco-editor .view-lines').first().click();
  await wb.keyboard.press('Control+End');
  await wb.keyboard.press('Enter');
  await wb.keyboard.type(prefix);
}

/** The little of the page the functions below use (the project compiles without the DOM lib). */
interface IconElement {
  readonly className: string;
}
interface ProbeElement {
  readonly style: { color: string };
  remove(): void;
}
interface PageGlobals {
  readonly document: { createElement(tag: string): ProbeElement; querySelector(selector: string): { append(e: ProbeElement): void } | null };
  getComputedStyle(e: IconElement | ProbeElement): { readonly color: string };
}

/** The rows under the tree's "Keys" row (its keys, level 4) as [label, description], sorted by label. */
export async function keyRowsByLabel(wb: Workbench): Promise<string[][]> {
  const items = await wb.treeItems();
  const under = items.slice(items.findIndex((r) => r.label === 'Keys') + 1).filter((r) => r.level === 4);
  return under.map((r) => [r.label, r.description]).sort(byLabel);
}

/** Orders [label, …] rows by label. */
export const byLabel = (a: readonly string[], b: readonly string[]): number => (a[0] ?? '').localeCompare(b[0] ?? '');

/** A tree row's icon as the page draws it: its codicon class and its computed colour. */
export function treeIcon(wb: Workbench, label: string): Promise<{ icon: string; color: string }> {
  return wb
    .treeRow(label)
    .locator('.custom-view-tree-node-item-icon')
    .evaluate((e: IconElement) => ({
      icon: e.className.split(/\s+/).find((c) => c.startsWith('codicon-')) ?? '',
      color: (globalThis as unknown as PageGlobals).getComputedStyle(e).color,
    }));
}

/** The colour a tree row's label is drawn in. */
export function treeLabelColor(wb: Workbench, label: string): Promise<string> {
  return wb
    .treeRow(label)
    .locator('.label-name')
    .first()
    .evaluate((e: IconElement) => (globalThis as unknown as PageGlobals).getComputedStyle(e).color);
}

/** A theme colour as the page computes it: what an element coloured with it shows. */
export function themeColor(page: Page, name: string): Promise<string> {
  return page.evaluate((variable: string) => {
    const w = globalThis as unknown as PageGlobals;
    const probe = w.document.createElement('span');
    probe.style.color = `var(${variable})`;
    // The theme's colours are CSS variables of the workbench element.
    w.document.querySelector('.monaco-workbench')?.append(probe);
    const color = w.getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, `--vscode-${name.replace(/\./g, '-')}`);
}
