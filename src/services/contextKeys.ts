// Context keys for `when` clauses and the walkthrough: `tyk.hasConnection`.
import * as vscode from 'vscode';
import type { ConnectionStore } from './connections';

export function trackContextKeys(store: ConnectionStore): vscode.Disposable {
  const update = (): void => {
    void vscode.commands.executeCommand('setContext', 'tyk.hasConnection', store.list().length > 0);
  };
  update();
  return store.onDidChange(update);
}
