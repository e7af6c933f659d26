// Keys this extension created, as far as they can be remembered without keeping a secret: Tyk's
// hash of the key, a local SHA-256 fingerprint of it, its alias and APIs (in global state). The tree
// names listed keys by their alias from this; on servers that hash keys and do not list them, the
// Keys node still shows these keys, and they can be read, updated and revoked by hash.
import * as vscode from 'vscode';
import { fingerprint } from '../domain/keyScan';

export { fingerprint };

export interface KnownKey {
  connectionId: string;
  /** SHA-256 of the key (see `fingerprint`). */
  fingerprint: string;
  /** Tyk's hash of the key, when the server told it. */
  keyHash?: string;
  alias?: string;
  apiIds: string[];
  createdAt: string;
}

const STATE_KEY = 'tyk.knownKeys';
const MAX_KNOWN = 1000;

export class KnownKeys implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a connection id when a key of it was remembered or forgotten (aliases in the tree change). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  dispose(): void {
    this.changed.dispose();
  }

  all(): KnownKey[] {
    const value = this.state.get<unknown>(STATE_KEY);
    return Array.isArray(value) ? value.filter(isKnownKey) : [];
  }

  forApi(connectionId: string, apiId: string): KnownKey[] {
    return this.all().filter((k) => k.connectionId === connectionId && k.apiIds.includes(apiId));
  }

  /** The alias of a listed id (a key, or Tyk's hash of one), when this extension created it. */
  aliasOf(connectionId: string, listedId: string): string | undefined {
    const print = fingerprint(listedId);
    return this.all().find((k) => k.connectionId === connectionId && (k.fingerprint === print || k.keyHash === listedId))?.alias;
  }

  async remember(key: KnownKey): Promise<void> {
    const rest = this.all().filter((k) => !(k.connectionId === key.connectionId && k.fingerprint === key.fingerprint));
    await this.state.update(STATE_KEY, [...rest, key].slice(-MAX_KNOWN));
    this.changed.fire(key.connectionId);
  }

  /** Forgets a key, known by the key itself or by Tyk's hash of it. */
  async forget(connectionId: string, ids: { key?: string; keyHash?: string }): Promise<void> {
    const print = ids.key ? fingerprint(ids.key) : undefined;
    await this.state.update(
      STATE_KEY,
      this.all().filter((k) => !(k.connectionId === connectionId && ((print && k.fingerprint === print) || (ids.keyHash && k.keyHash === ids.keyHash)))),
    );
    this.changed.fire(connectionId);
  }

  async forgetConnection(connectionId: string): Promise<void> {
    await this.state.update(
      STATE_KEY,
      this.all().filter((k) => k.connectionId !== connectionId),
    );
    this.changed.fire(connectionId);
  }
}

function isKnownKey(v: unknown): v is KnownKey {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const k = v as Record<string, unknown>;
  return typeof k.connectionId === 'string' && typeof k.fingerprint === 'string' && Array.isArray(k.apiIds) && typeof k.createdAt === 'string';
}
