// The default connection: the one palette commands use without asking (Tyk: Switch Connection…).
// Its id lives in the extension's globalState: nothing secret, but a choice of this machine, not a
// setting to sync. A stored id whose connection is gone counts as no choice.
import * as vscode from 'vscode';
import type { Connection, ConnectionStore } from './connections';

export const ACTIVE_CONNECTION_KEY = 'tyk.activeConnection';

export class ActiveConnection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the default is set or cleared (not when connections change: see the store's event). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly store: ConnectionStore,
  ) {}

  /** The connection the user chose as the default, if it still exists. */
  chosen(): Connection | undefined {
    const id = this.state.get<string>(ACTIVE_CONNECTION_KEY);
    return typeof id === 'string' ? this.store.get(id) : undefined;
  }

  /** The connection commands use without asking: the chosen one, else the only one. */
  current(): Connection | undefined {
    const chosen = this.chosen();
    if (chosen) {
      return chosen;
    }
    const connections = this.store.list();
    return connections.length === 1 ? connections[0] : undefined;
  }

  /** Makes `id` the default (undefined: no default, commands ask when there are several). */
  async set(id: string | undefined): Promise<void> {
    if (this.state.get<string>(ACTIVE_CONNECTION_KEY) === id) {
      return;
    }
    await this.state.update(ACTIVE_CONNECTION_KEY, id);
    this.changed.fire();
  }

  /** Clears the default if it is `id` (the connection was removed): commands ask again, or use the only one left. */
  async forget(id: string): Promise<void> {
    if (this.state.get<string>(ACTIVE_CONNECTION_KEY) === id) {
      await this.set(undefined);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
