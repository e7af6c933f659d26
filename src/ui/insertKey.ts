// Puts a new key where the user works: at the cursor of the active editor (replacing the selection),
// else in a new untitled document, else in a modal with Copy; or, when the user chose Copy only, on the
// clipboard (else in a new document). A created key is never lost. Before it is written into a file git
// would commit, the leak guard asks (src/ui/leakGuard.ts): .env instead, insert anyway, or cancel.
import * as vscode from 'vscode';
import type { Ui } from './ui';
import type { KeyClipboard } from './keyClipboard';
import type { GitStandings } from './envFile';
import { guardInsert, type MovableKey } from './leakGuard';
import { existingDefinition, placeLine, replaceLine, type Placement } from '../domain/placement';
import { plainText } from '../domain/displayText';

/** `env`: the key went into a .env file, and a reference to it into the active editor (the leak guard). */
export type Delivery = 'editor' | 'untitled' | 'modal' | 'clipboard' | 'env';

export interface DeliveredKey {
  where: Delivery;
  document?: vscode.TextDocument;
  /** On the clipboard: the seconds after which it is cleared (0: it is not). */
  clearAfterSeconds?: number;
  /**
   * In .env: which file (as the workspace shows it), the variable, whether the file is saved, and whether
   * the file got the variable's name alone (its language has no way to read the environment).
   */
  env?: { file: string; name: string; saved: boolean; nameOnly: boolean };
}

/** What a delivery shows and copies through, and asks git through (the services have them all). */
export interface Delivering {
  ui: Ui;
  clipboard: KeyClipboard;
  git: GitStandings;
}

export interface KeyToDeliver {
  key: string;
  /** The text to insert (the key, or a line holding it). */
  text: string;
  /** `text` is a line of its own (a header, a .env or REST Client variable, a curl command). */
  wholeLine?: boolean;
  /** What it is for, e.g. "Petstore". */
  label: string;
  /** Called with problems met on the way (logged; never shown as failures). */
  warn: (message: string) => void;
  /**
   * What was made, for the messages: a key (default), a basic-auth user (`key` is then
   * `username:password`) or an HMAC key (`key` holds the key id and its secret).
   */
  made?: { kind: 'basic'; username: string } | { kind: 'hmac' } | { kind: 'password'; username: string };
  /**
   * Why the key cannot be written into a file (it has control characters or line breaks, see
   * `credentialProblem`): it is then shown in the dialog with Copy, with this reason.
   */
  unwritable?: string;
  /** How it was formatted, for the leak guard's "Insert into .env Instead" (absent: only Insert Anyway or Cancel). */
  movable?: MovableKey;
}

/**
 * Where a whole line goes: replacing the line that already defines the same variable, if the user
 * says so; else on a line of its own at the cursor (src/domain/placement.ts).
 */
async function linePlacement(ui: Ui, editor: vscode.TextEditor, text: string): Promise<Placement> {
  const lines = editor.document.getText().split(/\r?\n/);
  const existing = existingDefinition(lines, text);
  if (existing !== undefined) {
    const replace = await ui.confirm(
      vscode.l10n.t('Line {0} already sets this variable. Replace it with the new key?', existing + 1),
      vscode.l10n.t('Replace overwrites that line; otherwise the new key goes on a line of its own at the cursor.'),
      vscode.l10n.t('Replace'),
    );
    if (replace) {
      return replaceLine(lines, existing, text);
    }
  }
  const { active } = editor.selection;
  return placeLine(lines, { line: active.line, character: active.character }, text);
}

/** The active editor, if it can take an edit (a read-only file system — a diff, a git revision — cannot). */
function writableEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  const document = editor?.document;
  return document && (document.isUntitled || vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) !== false) ? editor : undefined;
}

async function insertInEditor(ui: Ui, editor: vscode.TextEditor, text: string, wholeLine: boolean): Promise<vscode.TextDocument | undefined> {
  const { document } = editor;
  const before = document.version;
  // A selection is what the user wants replaced; at a bare cursor, a whole line gets a line of its own.
  const placement = wholeLine && editor.selections.length === 1 && editor.selection.isEmpty ? await linePlacement(ui, editor, text) : undefined;
  const done = await editor.edit((edit) => {
    if (placement) {
      const { start, end } = placement;
      edit.replace(new vscode.Range(start.line, start.character, end.line, end.character), placement.text);
      return;
    }
    for (const selection of editor.selections) {
      edit.replace(selection, text);
    }
  });
  // Trust what the document holds, not only what edit() answered.
  return done && document.version !== before && document.getText().includes(text) ? document : undefined;
}

/**
 * A new document's text: a heading line first (an untitled tab is named after its first line, which
 * must not be the key), then the key as inserted. `#` starts a comment in .env, .http and shell.
 */
export function untitledContent(text: string, label: string): string {
  // The label is an API's name, from the server: one line of text, never a line break of its own.
  return `# ${vscode.l10n.t('Tyk key for {0}: Tyk shows a key once, keep it somewhere safe.', plainText(label, 300))}\n${text}\n`;
}

async function openUntitled(ui: Ui, text: string, label: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ content: untitledContent(text, label), language: 'plaintext' });
  await ui.showTextDocument(document, { preview: false });
  return document;
}

/**
 * `atCursor: false` for a key that arrives after the user stopped waiting: the cursor has moved on
 * since, so the key gets a document of its own.
 */
export async function deliverKey(d: Delivering, k: KeyToDeliver, { atCursor = true }: { atCursor?: boolean } = {}): Promise<DeliveredKey> {
  const { ui } = d;
  if (k.unwritable !== undefined) {
    await showKeyModal(d, k);
    return { where: 'modal' };
  }
  try {
    const editor = atCursor ? writableEditor() : undefined;
    if (editor) {
      const verdict = await guardInsert(d, editor.document, k.key, k.movable, k.warn);
      if (verdict.kind === 'cancel') {
        await showKeyModal(d, k, verdict.note);
        return { where: 'modal' };
      }
      if (verdict.kind === 'env') {
        const { moved } = verdict;
        const env = { file: vscode.workspace.asRelativePath(moved.envUri), name: moved.name, saved: moved.saved, nameOnly: verdict.text === moved.name };
        // The key is in .env already: a reference that cannot be written here loses nothing.
        const document = await insertInEditor(ui, editor, verdict.text, verdict.wholeLine).catch((e: unknown) => {
          k.warn(`Could not insert the reference to ${moved.name} into the active editor: ${String(e)}`);
          return undefined;
        });
        return { where: 'env', env, ...(document ? { document } : {}) };
      }
      const document = await insertInEditor(ui, editor, k.text, k.wholeLine === true);
      if (document) {
        return { where: 'editor', document };
      }
    }
  } catch (e) {
    k.warn(`Could not insert the key into the active editor: ${String(e)}`);
  }
  try {
    return { where: 'untitled', document: await openUntitled(ui, k.text, k.label) };
  } catch (e) {
    k.warn(`Could not open a new document for the key: ${String(e)}`);
  }
  await showKeyModal(d, k);
  return { where: 'modal' };
}

/**
 * Copy only: the key (`k.key`: as the key alone; a basic-auth user's username:password, an HMAC key's id
 * and secret) on the clipboard, nothing inserted. A clipboard that refuses it gives a new document.
 */
export async function copyKeyOnly(d: Delivering, k: KeyToDeliver): Promise<DeliveredKey> {
  try {
    return { where: 'clipboard', clearAfterSeconds: await d.clipboard.copy(k.key) };
  } catch (e) {
    k.warn(`Could not copy the key; opening it in a new document: ${String(e)}`);
  }
  return deliverKey(d, { ...k, text: k.key, wholeLine: false }, { atCursor: false });
}

/** The last resort: the key in a modal, with Copy (and `note`, e.g. why nothing was inserted). Never throws. */
export async function showKeyModal(d: Pick<Delivering, 'ui' | 'clipboard'>, k: Pick<KeyToDeliver, 'key' | 'label' | 'warn' | 'made' | 'unwritable'>, note?: string): Promise<void> {
  const made =
    k.made?.kind === 'basic'
      ? vscode.l10n.t('Basic-auth user {0} created for {1}. Copy the password now: Tyk keeps only its hash.', k.made.username, k.label)
      : k.made?.kind === 'password'
        ? vscode.l10n.t('New password set for the basic-auth user {0} ({1}). Copy it now: Tyk keeps only its hash.', k.made.username, k.label)
        : k.made?.kind === 'hmac'
          ? vscode.l10n.t('HMAC key created for {0}. Copy the key id and its secret now: the secret is shown once.', k.label)
          : vscode.l10n.t('Key created for {0}. Copy it now: it cannot be read back later.', k.label);
  const message = [made, k.unwritable, note].filter((part) => part !== undefined).join(' ');
  try {
    if (await d.ui.showKey(message, k.key)) {
      await d.clipboard.copy(k.key);
    }
  } catch (e) {
    k.warn(`Could not show or copy the key: ${String(e)}`);
  }
}

/** The sentence that says when a copied key leaves the clipboard; empty when it stays. */
function clearingNote(seconds: number): string {
  return seconds > 0 ? ` ${vscode.l10n.t('The clipboard is cleared in {0} s if it still holds it.', seconds)}` : '';
}

/** What the notification after Copy only says, by what was copied. */
function copiedMessage(label: string, key: 'created' | 'saved', made?: KeyToDeliver['made']): string {
  switch (made?.kind) {
    case 'basic':
      return vscode.l10n.t('Basic-auth user {0} created for {1}; its username and password copied to the clipboard, nothing inserted.', made.username, label);
    case 'password':
      return vscode.l10n.t(
        'New password set for the basic-auth user {0} ({1}) and copied to the clipboard, nothing inserted. The old password no longer works.',
        made.username,
        label,
      );
    case 'hmac':
      return vscode.l10n.t('HMAC key created for {0}: the key id and its secret copied to the clipboard, nothing inserted. Tyk shows the secret once.', label);
    default:
      return key === 'saved'
        ? vscode.l10n.t('Saved key for {0} copied to the clipboard, nothing inserted.', label)
        : vscode.l10n.t('Key created for {0} and copied to the clipboard, nothing inserted.', label);
  }
}

/** What the notification says when the leak guard put the key in .env and a reference at the cursor. */
function envMessage(label: string, env: NonNullable<DeliveredKey['env']>, key: 'created' | 'saved'): string {
  const { file, name } = env;
  const message =
    key === 'saved'
      ? env.nameOnly
        ? vscode.l10n.t('Saved key for {0} put in {1} as {2}; its name inserted at the cursor: read it from the environment there.', label, file, name)
        : vscode.l10n.t('Saved key for {0} put in {1} as {2}, and a reference to it inserted at the cursor.', label, file, name)
      : env.nameOnly
        ? vscode.l10n.t('Key created for {0} and put in {1} as {2}; its name inserted at the cursor: read it from the environment there.', label, file, name)
        : vscode.l10n.t('Key created for {0} and put in {1} as {2}, and a reference to it inserted at the cursor.', label, file, name);
  return env.saved ? message : `${message} ${vscode.l10n.t('{0} has unsaved changes: save it.', env.file)}`;
}

/** What the notification after a delivery says, by where the key went and whether it was just created or saved earlier. */
function deliveredMessage(label: string, where: Exclude<Delivery, 'modal' | 'clipboard' | 'env'>, key: 'created' | 'saved', made?: KeyToDeliver['made']): string {
  const atCursor = where === 'editor';
  if (made?.kind === 'basic') {
    return atCursor
      ? vscode.l10n.t('Basic-auth user {0} created for {1}; its username and password inserted at the cursor.', made.username, label)
      : vscode.l10n.t('Basic-auth user {0} created for {1}; its username and password opened in a new document.', made.username, label);
  }
  if (made?.kind === 'password') {
    return atCursor
      ? vscode.l10n.t('New password set for the basic-auth user {0} ({1}) and inserted at the cursor. The old password no longer works.', made.username, label)
      : vscode.l10n.t('New password set for the basic-auth user {0} ({1}) and opened in a new document. The old password no longer works.', made.username, label);
  }
  if (made?.kind === 'hmac') {
    return atCursor
      ? vscode.l10n.t('HMAC key created for {0}: the key id and its secret inserted at the cursor. Tyk shows the secret once.', label)
      : vscode.l10n.t('HMAC key created for {0}: the key id and its secret opened in a new document. Tyk shows the secret once.', label);
  }
  if (key === 'saved') {
    return where === 'editor'
      ? vscode.l10n.t('Saved key for {0} and inserted at the cursor.', label)
      : vscode.l10n.t('Saved key for {0} and opened in a new document.', label);
  }
  return where === 'editor'
    ? vscode.l10n.t('Key created for {0} and inserted at the cursor.', label)
    : vscode.l10n.t('Key created for {0} and opened in a new document.', label);
}

/** A button on the notification after a key was delivered. */
export interface KeyAction {
  title: string;
  run: () => unknown;
}

/**
 * The notification after a key was delivered, with Copy (Copy Again after Copy only; and `actions`, e.g.
 * Adjust Limits… and Undo). Copy failing falls back to the modal.
 */
export function announceKey(
  d: Delivering,
  k: Pick<KeyToDeliver, 'key' | 'label' | 'warn' | 'made'>,
  delivered: DeliveredKey,
  key: 'created' | 'saved' = 'created',
  actions: readonly KeyAction[] = [],
): void {
  const { where } = delivered;
  if (where === 'modal') {
    return;
  }
  const { env } = delivered;
  const message =
    where === 'clipboard'
      ? copiedMessage(k.label, key, k.made) + clearingNote(delivered.clearAfterSeconds ?? 0)
      : env
        ? envMessage(k.label, env, key)
        : deliveredMessage(k.label, where === 'env' ? 'editor' : where, key, k.made);
  const copy = where === 'clipboard' ? vscode.l10n.t('Copy Again') : vscode.l10n.t('Copy');
  void d.ui.info(message, ...actions.map((a) => a.title), copy).then(async (answer) => {
    const action = actions.find((a) => a.title === answer);
    if (action) {
      await Promise.resolve(action.run());
      return;
    }
    if (answer !== copy) {
      return;
    }
    try {
      const seconds = await d.clipboard.copy(k.key);
      void vscode.window.setStatusBarMessage(
        seconds > 0 ? vscode.l10n.t('$(check) Tyk key copied to the clipboard; cleared in {0} s', seconds) : vscode.l10n.t('$(check) Tyk key copied to the clipboard'),
        3000,
      );
    } catch (e) {
      k.warn(`Could not copy the key: ${String(e)}`);
      await showKeyModal(d, k);
    }
  });
}
