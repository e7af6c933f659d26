// Modal confirmations and the clipboard, behind one object so that automated tests can answer them
// (the test workbench cancels modal dialogs on its own).
import * as vscode from 'vscode';

export interface Dialogs {
  /** A modal question; true only when the user picked `confirm`. */
  confirm(message: string, detail: string, confirm: string): Promise<boolean>;
  /** A modal that shows a key in full with a Copy button: the last resort so a key is never lost. */
  showKey(message: string, key: string): Promise<void>;
  writeClipboard(text: string): Promise<void>;
}

export const dialogs: Dialogs = {
  async confirm(message, detail, confirm) {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm);
    return answer === confirm;
  },
  async showKey(message, key) {
    const copy = 'Copy';
    const answer = await vscode.window.showInformationMessage(message, { modal: true, detail: key }, copy);
    if (answer === copy) {
      await dialogs.writeClipboard(key);
    }
  },
  async writeClipboard(text) {
    await vscode.env.clipboard.writeText(text);
  },
};
