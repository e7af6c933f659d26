// The status bar item of the default connection: "$(key) Tyk: <name>"; a click switches it.
// Hidden without a connection; with several and none chosen, it says commands will ask.
import * as vscode from 'vscode';
import type { ActiveConnection } from '../services/activeConnection';
import type { ConnectionStore } from '../services/connections';

export class ConnectionStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** Whether the item is shown (a StatusBarItem does not say). */
  visible = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ConnectionStore,
    private readonly active: ActiveConnection,
  ) {
    this.item = vscode.window.createStatusBarItem('tyk.connection', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Tyk Connection';
    this.item.command = 'tyk.switchConnection';
    this.disposables.push(
      this.item,
      store.onDidChange(() => this.update()),
      active.onDidChange(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const connections = this.store.list();
    if (connections.length === 0) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const current = this.active.current();
    if (current) {
      const kind = current.kind === 'dashboard' ? 'Dashboard' : 'Gateway';
      this.item.text = `$(key) Tyk: ${current.name}`;
      this.item.tooltip = `Tyk ${kind} at ${current.url}\nClick to switch`;
      this.item.accessibilityInformation = { label: `Tyk connection ${current.name}, switch connection` };
    } else {
      this.item.text = '$(key) Tyk: choose…';
      this.item.tooltip = `${connections.length} connections and no default: Tyk commands ask which one.\nClick to choose the default`;
      this.item.accessibilityInformation = { label: 'Tyk connection not chosen, switch connection' };
    }
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
