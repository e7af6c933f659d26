// Connections live in the user setting `tyk.connections` (name, kind, URL, TLS options: nothing secret);
// each one's credential lives only in VS Code's SecretStorage, under a key of its own.
import * as vscode from 'vscode';
import type { GuardedSecrets } from './secrets';
import { credentialBinding, parseConnectionSettings, type Connection } from '../domain/connectionSettings';

export type { Connection } from '../domain/connectionSettings';

export const CONFIG_SECTION = 'tyk';
export const CONNECTIONS_SETTING = 'connections';

const CREDENTIAL_PREFIX = 'tyk.credential.';
/** What each credential was given for (`credentialBinding`: kind and address), next to it. */
const BINDING_PREFIX = 'tyk.credentialFor.';

export function secretKey(id: string): string {
  return `${CREDENTIAL_PREFIX}${id}`;
}

function bindingKey(id: string): string {
  return `${BINDING_PREFIX}${id}`;
}

/** A connection's stored credential, when it may be sent; `moved`: it was given for another address (or kind). */
export interface StoredCredential {
  credential?: string;
  moved: boolean;
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
  /** The problems of the setting already reported: each is reported once. */
  private readonly reported = new Set<string>();

  /** `reportProblems`: called once with each new problem of the setting (an entry left out, and why). */
  constructor(
    private readonly secrets: GuardedSecrets,
    private readonly reportProblems: (problems: string[]) => void = () => undefined,
  ) {
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
    // Checked by type, entry by entry (src/domain/connectionSettings.ts): an invalid entry is left out, never half-used.
    const { connections, problems } = parseConnectionSettings(inspected?.globalValue);
    const fresh = problems.filter((p) => !this.reported.has(p));
    if (fresh.length > 0) {
      for (const p of fresh) {
        this.reported.add(p);
      }
      this.reportProblems(fresh);
    }
    return connections;
  }

  get(id: string): Connection | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** Stores the credential first, then the connection: a listed connection always has its secret. */
  async add(connection: Connection, credential: string): Promise<void> {
    await this.secrets.store(bindingKey(connection.id), credentialBinding(connection.kind, connection.url));
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
    await this.secrets.delete(bindingKey(id));
  }

  /** The credential, only when it may be sent: see `storedCredential`. */
  async getCredential(id: string): Promise<string | undefined> {
    return (await this.storedCredential(id)).credential;
  }

  /**
   * The connection's credential, bound to the kind and address it was given for: when the setting now
   * names another address (edited by hand, synced, another extension), it is not given out (`moved`), and
   * the user enters it again (Update Credential…). A credential stored before bindings existed is bound
   * to the address it is first used with.
   */
  async storedCredential(id: string): Promise<StoredCredential> {
    const connection = this.get(id);
    const credential = await this.secrets.get(secretKey(id));
    if (!connection || credential === undefined) {
      return { moved: false };
    }
    const binding = credentialBinding(connection.kind, connection.url);
    const boundTo = await this.secrets.get(bindingKey(id));
    if (boundTo === undefined) {
      await this.secrets.store(bindingKey(id), binding);
      return { credential, moved: false };
    }
    return boundTo === binding ? { credential, moved: false } : { moved: true };
  }

  /**
   * The stored credential, bound to the connection's current address: only when the user said that the
   * new address is the same server (Edit Connection…).
   */
  async rebindCredential(id: string): Promise<void> {
    const connection = this.get(id);
    if (connection && (await this.secrets.get(secretKey(id))) !== undefined) {
      await this.secrets.store(bindingKey(id), credentialBinding(connection.kind, connection.url));
      this.invalidated.fire(id);
    }
  }

  async setCredential(id: string, credential: string): Promise<void> {
    const connection = this.get(id);
    if (connection) {
      await this.secrets.store(bindingKey(id), credentialBinding(connection.kind, connection.url));
    }
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
