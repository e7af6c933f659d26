// What the caches of things loaded from a connection share: they forget on their own when the
// connection changes or is refreshed (ConnectionStore.onDidInvalidate), and say what changed.
import * as vscode from 'vscode';
import type { ConnectionStore } from './connections';

export abstract class ConnectionCache<Change> implements vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<Change>();
  /** Fires when what the cache holds for a connection was dropped (to be read again) or grew. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(store: ConnectionStore) {
    this.subscription = store.onDidInvalidate((id) => this.invalidate(id));
  }

  /** Forgets what was loaded from the connection (or from all). */
  abstract invalidate(connectionId?: string): void;

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
