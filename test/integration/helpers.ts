// Shared helpers of the integration suite (they run inside the extension host, next to the extension).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestHooks, TykKeysTestApi } from './entry';
import type { KeyView } from '../../src/app/keyViews';
import type { Connection } from '../../src/services/connections';
import type { CreatedKey } from '../../src/domain/model';
import type { ActiveInput } from './scriptedUi';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

export const EXTENSION_ID = 'tyk-keys.tyk-keys';

export interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    menus: Record<string, Array<{ command: string; when?: string; group?: string }>>;
  };
}

export function manifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
}

export function extension(): vscode.Extension<TykKeysTestApi> {
  const ext = vscode.extensions.getExtension<TykKeysTestApi>(EXTENSION_ID);
  if (!ext) {
    throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  }
  return ext;
}

export async function hooks(): Promise<TestHooks> {
  const api = await extension().activate();
  assert.ok(typeof api.hooks === 'function', 'the extension was loaded through the test entry (test/integration/entry.ts)');
  return api.hooks();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(25);
  }
}

/** What the notifications and modal dialogs said during a test; modal answers come from `answers`. */
export interface DialogLog {
  infos: string[];
  /** The buttons each information notification offered, in order. */
  infoActions: string[][];
  warnings: string[];
  errors: Array<{ message: string; actions: string[] }>;
  confirms: string[];
  /** The detail of each modal confirmation, in the same order. */
  confirmDetails: string[];
  /** The modal questions with several answers, each with its answers in the order shown (the first is the default). */
  choices: Array<{ message: string; detail: string; answers: string[] }>;
  shownKeys: string[];
  /** The message of each dialog that showed a key (`shownKeys`), in order. */
  shownKeyMessages: string[];
  /** Every text written to the clipboard, in order (a clear writes ''). */
  clipboard: string[];
  /** The answers the modals get; a test may change them as it goes. */
  answers: DialogAnswers;
  restore(): void;
}

export interface DialogAnswers {
  confirm?: boolean;
  /** The answer a modal question with several answers gets (undefined: Cancel). */
  choose?: (message: string, answers: readonly string[]) => string | undefined;
  clipboardFails?: boolean;
  /**
   * The clipboard's writes also reach VS Code's real clipboard, and reads come from it (a test copies
   * something else with vscode.env.clipboard); otherwise reads answer the last text written.
   */
  realClipboard?: boolean;
  /** The button an information notification is answered with (a person clicking it), if any. */
  info?: (message: string, actions: readonly string[]) => string | undefined;
}

/** Rotate Key…'s question about the old key, answered Revoke Old Key (never its default answer). */
export const revokeOldKey: NonNullable<DialogAnswers['choose']> = (_message, answers) => answers.find((a) => a === 'Revoke Old Key');

export function captureDialogs(h: TestHooks, answers: DialogAnswers = {}): DialogLog {
  const original = { ...h.dialogs };
  const log: DialogLog = {
    infos: [],
    infoActions: [],
    warnings: [],
    errors: [],
    confirms: [],
    confirmDetails: [],
    choices: [],
    shownKeys: [],
    shownKeyMessages: [],
    clipboard: [],
    answers,
    restore: () => Object.assign(h.dialogs, original),
  };
  Object.assign(h.dialogs, {
    info: (message: string, ...actions: string[]) => {
      log.infos.push(message);
      log.infoActions.push(actions);
      return Promise.resolve(answers.info?.(message, actions));
    },
    warn: (message: string) => {
      log.warnings.push(message);
      return Promise.resolve(undefined);
    },
    error: (message: string, ...actions: string[]) => {
      log.errors.push({ message, actions });
      return Promise.resolve(undefined);
    },
    confirm: (message: string, detail: string) => {
      log.confirms.push(message);
      log.confirmDetails.push(detail);
      return Promise.resolve(answers.confirm ?? false);
    },
    choose: (message: string, detail: string, choices: readonly string[]) => {
      log.choices.push({ message, detail, answers: [...choices] });
      return Promise.resolve(answers.choose?.(message, choices));
    },
    showKey: (message: string, key: string) => {
      log.shownKeys.push(key);
      log.shownKeyMessages.push(message);
      return Promise.resolve(false);
    },
    writeClipboard: (text: string) => {
      if (answers.clipboardFails) {
        return Promise.reject(new Error('clipboard unavailable'));
      }
      log.clipboard.push(text);
      return answers.realClipboard ? original.writeClipboard(text) : Promise.resolve();
    },
    readClipboard: () => (answers.realClipboard ? original.readClipboard() : Promise.resolve(log.clipboard.at(-1) ?? '')),
  } satisfies Partial<TestHooks['dialogs']>);
  return log;
}

/** Removes every connection (settings and secrets) so each test starts clean. */
export async function clearConnections(h: TestHooks): Promise<void> {
  for (const c of h.services.store.list()) {
    await h.services.store.remove(c.id);
    await h.services.knownKeys.forgetConnection(c.id);
  }
  await h.services.savedKeys.clear();
  h.services.catalog.invalidate();
  h.services.keyLists.invalidate();
}

export async function withSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ quiet: true, ...options });
}

export async function addConnection(h: TestHooks, sandbox: Sandbox, kind: 'dashboard' | 'gateway' = 'dashboard', credential?: string): Promise<Connection> {
  const connection: Connection = {
    id: `test-${kind}-${Math.random().toString(36).slice(2, 8)}`,
    name: `Sandbox ${kind}`,
    kind,
    url: kind === 'dashboard' ? sandbox.dashboardUrl : (sandbox.gatewayUrl ?? ''),
  };
  await h.services.store.add(connection, credential ?? (kind === 'dashboard' ? sandbox.credential : sandbox.gatewaySecret));
  return connection;
}

/** Waits for the flow's input at `step` (and a title containing `title`, if given). */
export async function waitForStep(h: TestHooks, step: number, title?: string): Promise<ActiveInput> {
  return waitFor(`quick input step ${step}${title ? ` (${title})` : ''}`, () => {
    const current = h.activeInputs.current;
    return current && (current.step ?? 1) === step && (!title || current.title.includes(title)) && current.input.enabled ? current : undefined;
  });
}

/** Presses Enter in the quick input on screen (the workbench's own accept command). */
export async function pressEnter(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

/**
 * Creates a key for `apiName` through the real flow from its tree node (Enter at every step; the alias
 * typed at the last one, when given) into a new empty editor; checks it was inserted there; returns it.
 */
export async function createKeyThroughFlow(h: TestHooks, apiName: string, alias?: string): Promise<CreatedKey> {
  const node = (await apiNodes(h)).get(apiName);
  assert.ok(node, `${apiName} in the tree`);
  const editor = await openEditor('');
  const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', node);
  await waitForStep(h, 1);
  await pressEnter();
  let step = 2;
  let current = await waitForStep(h, step);
  while (step < (current.totalSteps ?? 0)) {
    await pressEnter();
    current = await waitForStep(h, ++step);
  }
  if (alias) {
    await typeAndEnter(current, alias);
  } else {
    await pressEnter();
  }
  const created = await running;
  assert.ok(created, 'a key was created');
  assert.equal(editor.document.getText(), created.key, 'and inserted where the user was typing');
  return created;
}

/**
 * Starts Create Key from an API node and presses Enter through the flow's steps (not the format
 * pick); `running` settles once the key is delivered. (Wrapped: an async function would wait for it.)
 */
export async function startCreateKey(h: TestHooks, node: unknown): Promise<{ running: Thenable<CreatedKey | undefined> }> {
  const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', node);
  // The total is shown once no answer left can change it (after the APIs are chosen, step 1).
  let total = 1;
  for (let step = 1; step <= total; step++) {
    const current = await waitForStep(h, step, 'Create a Tyk key');
    total = current.totalSteps ?? step + 1;
    await pressEnter();
  }
  return { running };
}

/**
 * Runs Insert Saved Key… and presses Enter on its pick (the newest saved key first); `running` settles
 * once the key is inserted. (Wrapped: an async function would wait for it.)
 */
export async function startInsertSavedKey(): Promise<{ running: Thenable<string | undefined> }> {
  const running = vscode.commands.executeCommand<string | undefined>('tyk.insertSavedKey');
  // A plain showQuickPick: no test hook sees it; give it a moment to be on screen.
  await waitFor('the saved-key picker', () => vscode.window.state.focused);
  await sleep(300);
  await pressEnter();
  return { running };
}

/** Types a value into the input box on screen (replacing it), as a person would, then presses Enter. */
export async function typeAndEnter(input: ActiveInput, value: string): Promise<void> {
  assert.equal(input.kind, 'input', `step ${input.step} is an input box`);
  input.input.value = value;
  await sleep(50);
  await pressEnter();
}

/** Labels of the items of a quick pick on screen. */
export function pickLabels(input: ActiveInput): string[] {
  assert.equal(input.kind, 'pick');
  return (input.input as vscode.QuickPick<vscode.QuickPickItem>).items.map((i) => i.label);
}

/** Highlights (and for multi-select pickers checks) the items whose label matches, then presses Enter. */
export async function chooseAndEnter(input: ActiveInput, labels: RegExp | string[]): Promise<void> {
  assert.equal(input.kind, 'pick');
  const picker = input.input as vscode.QuickPick<vscode.QuickPickItem>;
  const match = (label: string): boolean => (Array.isArray(labels) ? labels.includes(label) : labels.test(label));
  const items = picker.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator && match(i.label));
  assert.ok(items.length > 0, `no item matches ${String(labels)} in ${picker.items.map((i) => i.label).join(', ')}`);
  if (picker.canSelectMany) {
    picker.selectedItems = items;
  }
  picker.activeItems = items.slice(0, 1);
  await sleep(50);
  await pressEnter();
}

/** Opens a fresh untitled document with `text` and puts the cursor at its end. */
export async function openEditor(text: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content: text, language: 'plaintext' });
  const editor = await vscode.window.showTextDocument(document);
  const end = document.lineAt(document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

/** Closes every editor, discarding unsaved text (no "save?" dialog: the test workbench refuses modals). */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** The tree's nodes under the first connection, by label. */
export async function apiNodes(h: TestHooks): Promise<Map<string, unknown>> {
  const tree = h.tree;
  const [root] = await tree.getChildren();
  assert.ok(root, 'a connection in the tree');
  const nodes = await tree.getChildren(root);
  return new Map(nodes.map((n) => [labelText(tree.getTreeItem(n).label), n]));
}

/** What a person sees of a tree row: icon and its colour, description, hover, and what a screen reader says. */
export function look(item: vscode.TreeItem): { icon?: string; color?: string; description?: string; tooltip: string; spoken?: string } {
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
  return {
    icon: icon?.id,
    color: icon?.color?.id,
    description: typeof item.description === 'string' ? item.description : undefined,
    tooltip: item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip),
    spoken: item.accessibilityInformation?.label,
  };
}

/** The text of a TreeItem label. */
export function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** The text of an input box's validation message. */
export function messageText(message: string | vscode.InputBoxValidationMessage | undefined): string {
  return typeof message === 'string' ? message : (message?.message ?? '');
}

export interface SuiteContext {
  h: TestHooks;
  sandbox: Sandbox;
  dialogs: DialogLog;
}

/**
 * Registers the usual mocha hooks of a suite: one sandbox for the suite; before each test no
 * connection, no editor, no open quick input, and captured dialogs (modal answers from `answers`).
 */
export function useSandboxSuite(answers: Pick<DialogAnswers, 'confirm' | 'choose'> = {}, sandboxOptions: SandboxOptions = {}): SuiteContext {
  const context = {} as SuiteContext;
  const tyk = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('tyk');
  let insertFormat: unknown;
  let expiryWarningDays: unknown;
  before(async () => {
    context.h = await hooks();
    context.sandbox = await withSandbox(sandboxOptions);
    // These suites expect the key alone, inserted without a format pick (insertFormats.test.ts asks).
    insertFormat = tyk().inspect('insertFormat')?.globalValue;
    await tyk().update('insertFormat', 'raw', vscode.ConfigurationTarget.Global);
    // And no expiry warning: no background read of a connection's keys among the requests they count
    // (expiry.test.ts turns it on).
    expiryWarningDays = tyk().inspect('expiryWarningDays')?.globalValue;
    await tyk().update('expiryWarningDays', 0, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await tyk().update('insertFormat', insertFormat, vscode.ConfigurationTarget.Global);
    await tyk().update('expiryWarningDays', expiryWarningDays, vscode.ConfigurationTarget.Global);
    await clearConnections(context.h);
    await context.sandbox.close();
  });
  beforeEach(async () => {
    await clearConnections(context.h);
    await closeAllEditors();
    context.sandbox.reset();
    // A copy: a test that changes its answers changes them for itself only.
    context.dialogs = captureDialogs(context.h, { ...answers });
  });
  afterEach(async () => {
    context.dialogs.restore();
    // A failed test may leave its flow open: close it so the next test starts from nothing.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
  return context;
}

/** A key for `apiName` created on the server directly, as another tool would: VS Code never saw it. */
export function createKeyElsewhere(sandbox: Sandbox, apiName: string, alias?: string): { key: string } {
  const api = sandbox.apis().find((a) => a.name === apiName);
  const apiId = typeof api?.api_id === 'string' ? api.api_id : '';
  assert.ok(apiId, `the sandbox has ${apiName}`);
  return sandbox.createKey({
    org_id: sandbox.orgId,
    rate: 10,
    per: 1,
    allowance: 10,
    quota_max: -1,
    expires: -1,
    access_rights: { [apiId]: { api_id: apiId, api_name: apiName, versions: ['Default'] } },
    ...(alias ? { alias } : {}),
  });
}

/**
 * A key stored on the server directly (the Dashboard's UI, another tool), granting `apis` (Default version),
 * with these session fields over a never-expiring, unlimited-quota session.
 */
export function serverKey(sandbox: Sandbox, alias: string, fields: Record<string, unknown>, apis: ReadonlyArray<{ apiId: string; name: string }>): string {
  return sandbox.createKey({
    org_id: sandbox.orgId,
    alias,
    rate: 10,
    per: 1,
    quota_max: -1,
    expires: -1,
    access_rights: Object.fromEntries(apis.map((a) => [a.apiId, { api_id: a.apiId, api_name: a.name, versions: ['Default'] }])),
    ...fields,
  }).key;
}

/** The key view of a key node (Tyk: Show Key Details), once the page has drawn what the command read. */
export async function showKeyView(h: TestHooks, node: unknown): Promise<KeyView> {
  const { connection, listedId } = node as { connection: { id: string }; listedId: string };
  const before = h.services.keyViews.viewOf(connection.id, listedId)?.panel.renders ?? 0;
  await vscode.commands.executeCommand('tyk.showKeyDetails', node);
  return waitFor(
    'the key view, drawn by its page',
    () => {
      const view = h.services.keyViews.viewOf(connection.id, listedId);
      return view && view.panel.renders > before && view;
    },
    20_000,
  );
}

/** Show Key Details, then its Open as JSON button: the key's read-only JSON document (a new one). */
export async function showDetailsJson(h: TestHooks, node: unknown): Promise<vscode.TextDocument> {
  const seen = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const view = await showKeyView(h, node);
  view.panel.receive({ type: 'action', action: 'openJson' });
  return waitFor('the details document', () => {
    const doc = vscode.window.activeTextEditor?.document;
    return doc?.uri.scheme === 'tyk-key' && !seen.has(doc.uri.toString()) && doc;
  });
}
