// Reads the extension's settings.
import * as vscode from 'vscode';
import { clearAfterSeconds } from '../domain/clipboardClearing';

/** `tyk.requestTimeoutSeconds`, in milliseconds (5–300 s). */
export function requestTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('tyk').get<number>('requestTimeoutSeconds', 30);
  return Math.min(300, Math.max(5, Number.isFinite(seconds) ? seconds : 30)) * 1000;
}

/** `tyk.clipboard.clearAfterSeconds`: how long a copied key stays on the clipboard (0 = until replaced; at most 600 s). */
export function clipboardClearSeconds(): number {
  return clearAfterSeconds(vscode.workspace.getConfiguration('tyk').get<unknown>('clipboard.clearAfterSeconds', 0));
}

/** `tyk.expiryWarningDays`: a key expiring within this many days is marked as expiring soon (default 7; 0 = never). */
export function expiryWarningDays(): number {
  const days = vscode.workspace.getConfiguration('tyk').get<unknown>('expiryWarningDays', 7);
  return typeof days === 'number' && Number.isFinite(days) ? Math.min(365, Math.max(0, days)) : 7;
}
