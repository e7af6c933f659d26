// Connections live in the user setting `tyk.connections` (name, kind, URL, TLS options: nothing secret);
// each one's credential lives only in VS Code's SecretStorage, under a key of its own.
import * as vscode from 'vscode';
import type { GuardedSecrets } from './secrets';
import type { TykFlavor } from '../tyk/model';

export interface Connection {
  /** Stable id: names the secret. */
  id: string;
  name: string;
  kind: TykFlavor;
  url: string;
  /** A PEM file with the CA certificate(s) to trust for this connection only. */
  caFile?: string;
  /** Accept a self-signed certificate for this connection only. */
  allowSelfSigned?: boolean;
  /** The user confirmed sending the credential over plain http to a non-loopback host. */
  allowInsecureHttp?: boolean;
  /** Dashboard connections: the Gateway that serves the Dashboard's APIs, for curl commands. */
  gatewayUrl?: string;
}

export const CONFIG_SECTION = 'tyk';
export const CONNECTIONS_SETTING = 'connections';

export function secretKey(id: string): string {
  return `tyk.credential.${id}`;
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
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly secrets: GuardedSecrets) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CONFIG_SECTION}.${CONNECTIONS_SETTING}`)) {
          this.changed.fire();
        }
      }),
      secrets.onDidChange((e) => {
        if (e.key.startsWith('tyk.credential.')) {
          this.changed.fire();
        }
      }),
    );
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

  setCredential(id: string, credential: string): Promise<void> {
    return this.secrets.store(secretKey(id), credential);
  }

  private async write(connections: Connection[]): Promise<void> {
    await vscode.workspace
      .getConfiguration(CONFIG_SECTION)
      .update(CONNECTIONS_SETTING, connections.length > 0 ? connections : undefined, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
