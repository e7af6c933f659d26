// Connections live in the user setting `tyk.connections` (name, kind, URL, TLS options: nothing secret);
// each one's credential lives only in VS Code's SecretStorage, under a key of its own.
import * as vscode from 'vscode';
import type { GuardedSecrets } from './secrets';

export type { Connection } from '../domain/connectionSettings';
import type { Connection } from '../domain/connectionSettings';

export const CONFIG_SECTION = 'tyk';
export const CONNECTIONS_SETTING = 'connections';

const CREDENTIAL_PREFIX = 'tyk.credential.';

export function secretKey(id: string): string {
  return `${CREDENTIAL_PREFIX}${id}`;
}

function isConnection(value: unknown): value is Connection {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const c = value as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    c.id.length > 0 &&
    typeof c.name === 'string' &&
    (c.kind === 'dashboard' || c.kind === 'gateway') &&
    typeof c.url === 'string'
  );
}

export function newConnectionId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the list of connections or any of their credentials changes (in any window). */
  readonly onDidChange = this.changed.event;
  private readonly invalidated = new vscode.EventEmitter<string | undefined>();
  /**
   * Fires with a connection's id when what was loaded from it is out of date: its address, TLS or
   * credential changed, it was removed, or the user asked to refresh it (undefined: every connection).
   * The caches (catalog, key lists, policies) listen and forget on their own.
   */
  readonly onDidInvalidate = this.invalidated.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** Each connection as last seen, to tell which ones a settings change touched. */
  private seen = new Map<string, string>();

  constructor(private readonly secrets: GuardedSecrets) {
    this.seen = this.snapshot();
    this.disposables.push(
      this.changed,
      this.invalidated,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CONFIG_SECTION}.${CONNECTIONS_SETTING}`)) {
          this.noticeChanges();
        }
      }),
      secrets.onDidChange((e) => {
        if (e.key.startsWith(CREDENTIAL_PREFIX)) {
          this.invalidated.fire(e.key.slice(CREDENTIAL_PREFIX.length));
          this.changed.fire();
        }
      }),
    );
  }

  /** Refresh: what was loaded from the connection (or from all) is fetched again when next shown. */
  refresh(id?: string): void {
    this.invalidated.fire(id);
  }

  /** Tells what a settings change did to each connection (called for ours and for any other writer's). */
  private noticeChanges(): void {
    const before = this.seen;
    this.seen = this.snapshot();
    let any = before.size !== this.seen.size;
    for (const [id, value] of before) {
      if (this.seen.get(id) !== value) {
        any = true;
        this.invalidated.fire(id);
      }
    }
    if (any || [...this.seen.keys()].some((id) => !before.has(id))) {
      this.changed.fire();
    }
  }

  private snapshot(): Map<string, string> {
    return new Map(this.list().map((c) => [c.id, JSON.stringify(c)]));
  }

  /**
   * The connections of the user's settings only. A workspace cannot add or redirect a connection
   * (it could otherwise point the stored credential at a server of its choosing).
   */
  list(): Connection[] {
    const inspected = vscode.workspace.getConfiguration(CONFIG_SECTION).inspect<unknown>(CONNECTIONS_SETTING);
    const value = inspected?.globalValue;
    if (!Array.isArray(value)) {
      return [];
    }
    const seen = new Set<string>();
    return value.filter(isConnection).filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
  }

  get(id: string): Connection | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** Stores the credential first, then the connection: a listed connection always has its secret. */
  async add(connection: Connection, credential: string): Promise<void> {
    await this.secrets.store(secretKey(connection.id), credential);
    await this.write([...this.list().filter((c) => c.id !== connection.id), connection]);
  }

  async update(connection: Connection): Promise<void> {
    await this.write(this.list().map((c) => (c.id === connection.id ? connection : c)));
  }

  /** Removes the connection and deletes its secret. */
  async remove(id: string): Promise<void> {
    await this.write(this.list().filter((c) => c.id !== id));
    await this.secrets.delete(secretKey(id));
  }

  getCredential(id: string): Promise<string | undefined> {
    return this.secrets.get(secretKey(id));
  }

  async setCredential(id: string, credential: string): Promise<void> {
    await this.secrets.store(secretKey(id), credential);
    // At once, not only when SecretStorage tells (later): what was loaded with the old credential goes.
    this.invalidated.fire(id);
  }

  private async write(connections: Connection[]): Promise<void> {
    await vscode.workspace
      .getConfiguration(CONFIG_SECTION)
      .update(CONNECTIONS_SETTING, connections.length > 0 ? connections : undefined, vscode.ConfigurationTarget.Global);
    this.noticeChanges();
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
