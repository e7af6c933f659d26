// Reads the extension's settings.
import * as vscode from 'vscode';
import { clearAfterSeconds } from '../domain/clipboardClearing';
import { warningDaysOf } from '../domain/expiry';

/** `tyk.requestTimeoutSeconds`, in milliseconds (5–300 s). */
export function requestTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('tyk').get<number>('requestTimeoutSeconds', 30);
  return Math.min(300, Math.max(5, Number.isFinite(seconds) ? seconds : 30)) * 1000;
}

/** `tyk.clipboard.clearAfterSeconds`: how long a copied key stays on the clipboard (0 = until replaced; at most 600 s). */
export function clipboardClearSeconds(): number {
  return clearAfterSeconds(vscode.workspace.getConfiguration('tyk').get<unknown>('clipboard.clearAfterSeconds', 0));
}

/** `tyk.expiryWarningDays`: keys expiring within this many days are marked (0 = off; at most 365). */
export function expiryWarningDays(): number {
  return warningDaysOf(vscode.workspace.getConfiguration('tyk').get<unknown>('expiryWarningDays', 7));
}

/** Calls `listener` when `tyk.expiryWarningDays` changes. */
export function onExpiryWarningDaysChange(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('tyk.expiryWarningDays')) {
      listener();
    }
  });
}
