// The status bar item of the default connection: "$(key) Tyk: <name>"; a click switches it.
// Hidden without a connection; with several and none chosen, it says commands will ask.
import * as vscode from 'vscode';
import type { ActiveConnection } from '../services/activeConnection';
import type { ConnectionStore } from '../services/connections';
import type { Ui } from '../ui/ui';
import { productName } from '../domain/labels';
import { plainText } from '../domain/displayText';

export class ConnectionStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ConnectionStore,
    private readonly active: ActiveConnection,
    ui: Ui,
  ) {
    this.item = ui.createStatusBarItem('tyk.connection', vscode.StatusBarAlignment.Left, 10);
    this.item.name = vscode.l10n.t('Tyk Connection');
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
      return;
    }
    const current = this.active.current();
    if (current) {
      this.item.text = vscode.l10n.t('$(key) Tyk: {0}', plainText(current.name, 60));
      this.item.tooltip = vscode.l10n.t('{0} at {1}\nClick to switch', productName(current.kind), plainText(current.url));
      this.item.accessibilityInformation = { label: vscode.l10n.t('Tyk connection {0}, switch connection', current.name) };
    } else {
      this.item.text = vscode.l10n.t('$(key) Tyk: choose…');
      this.item.tooltip = vscode.l10n.t('{0} connections and no default: Tyk commands ask which one.\nClick to choose the default', connections.length);
      this.item.accessibilityInformation = { label: vscode.l10n.t('Tyk connection not chosen, switch connection') };
    }
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
