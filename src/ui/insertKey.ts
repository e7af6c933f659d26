// Puts a new key where the user works: at the cursor of the active editor (replacing the selection),
// else in a new untitled document, else in a modal with Copy. A created key is never lost.
import * as vscode from 'vscode';
import { dialogs } from './dialogs';

export type Delivery = 'editor' | 'untitled' | 'modal';

export interface DeliveredKey {
  where: Delivery;
  document?: vscode.TextDocument;
}

export interface KeyToDeliver {
  key: string;
  /** The text to insert (the key, or a line holding it). */
  text: string;
  /** What it is for, e.g. "Petstore". */
  label: string;
  /** Called with problems met on the way (logged; never shown as failures). */
  warn: (message: string) => void;
}

async function insertInActiveEditor(text: string): Promise<vscode.TextDocument | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return undefined;
  }
  const { document } = editor;
  // A read-only file system (a diff, a git revision, a remote read-only folder) takes no edits.
  if (!document.isUntitled && vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false) {
    return undefined;
  }
  const before = document.version;
  const done = await editor.edit((edit) => {
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
  return `# Tyk key for ${label}: Tyk shows a key once, keep it somewhere safe.\n${text}\n`;
}

async function openUntitled(text: string, label: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ content: untitledContent(text, label), language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

export async function deliverKey(k: KeyToDeliver): Promise<DeliveredKey> {
  try {
    const document = await insertInActiveEditor(k.text);
    if (document) {
      return { where: 'editor', document };
    }
  } catch (e) {
    k.warn(`Could not insert the key into the active editor: ${String(e)}`);
  }
  try {
    return { where: 'untitled', document: await openUntitled(k.text, k.label) };
  } catch (e) {
    k.warn(`Could not open a new document for the key: ${String(e)}`);
  }
  await showKeyModal(k);
  return { where: 'modal' };
}

/** The last resort: the key in a modal, with Copy. Never throws. */
export async function showKeyModal(k: Pick<KeyToDeliver, 'key' | 'label' | 'warn'>): Promise<void> {
  try {
    await dialogs.showKey(`Key created for ${k.label}. Copy it now: it cannot be read back later.`, k.key);
  } catch (e) {
    k.warn(`Could not show the key: ${String(e)}`);
  }
}

/** The notification after a key was delivered, with Copy. Copy failing falls back to the modal. */
export function announceKey(k: Pick<KeyToDeliver, 'key' | 'label' | 'warn'>, where: Delivery, what = 'Key created for'): void {
  if (where === 'modal') {
    return;
  }
  const copy = 'Copy';
  const place = where === 'editor' ? 'inserted at the cursor' : 'opened in a new document';
  void dialogs.info(`${what} ${k.label} and ${place}.`, copy).then(async (answer) => {
    if (answer !== copy) {
      return;
    }
    try {
      await dialogs.writeClipboard(k.key);
      void vscode.window.setStatusBarMessage('$(check) Tyk key copied to the clipboard', 3000);
    } catch (e) {
      k.warn(`Could not copy the key: ${String(e)}`);
      await showKeyModal(k);
    }
  });
}
