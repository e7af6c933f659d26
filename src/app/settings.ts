// Reads the extension's settings.
import * as vscode from 'vscode';

/** `tyk.requestTimeoutSeconds`, in milliseconds (5–300 s). */
export function requestTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('tyk').get<number>('requestTimeoutSeconds', 30);
  return Math.min(300, Math.max(5, Number.isFinite(seconds) ? seconds : 30)) * 1000;
}
