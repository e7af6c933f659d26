// Notifications, modal confirmations and the clipboard, behind one object so that automated tests can
// see and answer them (the test workbench refuses modal dialogs and hides notifications).
import * as vscode from 'vscode';

export interface Dialogs {
  /** A non-modal notification; resolves with the action picked, if any. */
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
  /** A modal question; true only when the user picked `confirm`. */
  confirm(message: string, detail: string, confirm: string): Promise<boolean>;
  /** A modal that shows a key in full with a Copy button: the last resort so a key is never lost. */
  showKey(message: string, key: string): Promise<void>;
  writeClipboard(text: string): Promise<void>;
}

/** File choices, apart from `Dialogs` so that a test's stand-in for the notifications need not answer them. */
export interface FileDialogs {
  /** An open-file dialog for one file; resolves with it, or undefined when the user cancels. */
  pickFile(options: { title: string; openLabel: string; filters: Record<string, string[]> }): Thenable<vscode.Uri | undefined>;
}

export const dialogs: Dialogs & FileDialogs = {
  info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warn: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  async confirm(message, detail, confirm) {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm);
    return answer === confirm;
  },
  async showKey(message, key) {
    const copy = vscode.l10n.t('Copy');
    const answer = await vscode.window.showInformationMessage(message, { modal: true, detail: key }, copy);
    if (answer === copy) {
      await dialogs.writeClipboard(key);
    }
  },
  async writeClipboard(text) {
    await vscode.env.clipboard.writeText(text);
  },
  async pickFile({ title, openLabel, filters }) {
    const picked = await vscode.window.showOpenDialog({ title, openLabel, filters, canSelectFiles: true, canSelectFolders: false, canSelectMany: false });
    return picked?.[0];
  },
};
