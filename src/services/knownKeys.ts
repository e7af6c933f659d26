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
/**
 * The organisation ids seen on each connection (API definitions and keys carry `org_id`), so that "Find
 * Keys in Workspace" recognises Tyk's key formats of a connected organisation offline, without loading a
 * catalog. An org id is no secret (it opens nothing; every legacy key starts with it): kept beside the
 * fingerprints, a few per connection.
 */
const ORGS_STATE_KEY = 'tyk.knownOrgs';
const MAX_ORGS_PER_CONNECTION = 16;

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
    const orgs = this.orgs();
    if (orgs.delete(connectionId)) {
      await this.state.update(ORGS_STATE_KEY, Object.fromEntries(orgs));
    }
    this.changed.fire(connectionId);
  }

  /** The organisation ids seen on each connection. */
  orgs(): Map<string, string[]> {
    const value = this.state.get<unknown>(ORGS_STATE_KEY);
    const out = new Map<string, string[]>();
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [id, orgs] of Object.entries(value as Record<string, unknown>)) {
        if (Array.isArray(orgs)) {
          out.set(id, orgs.filter((o): o is string => typeof o === 'string'));
        }
      }
    }
    return out;
  }

  /** Remembers organisation ids seen on a connection (the newest kept, a few); writes only when one is new. */
  async rememberOrgs(connectionId: string, seen: Iterable<string | undefined>): Promise<void> {
    const orgs = this.orgs();
    const had = orgs.get(connectionId) ?? [];
    const added = [...new Set(seen)].filter((o): o is string => typeof o === 'string' && o !== '' && !had.includes(o));
    if (added.length > 0) {
      orgs.set(connectionId, [...had, ...added].slice(-MAX_ORGS_PER_CONNECTION));
      await this.state.update(ORGS_STATE_KEY, Object.fromEntries(orgs));
    }
  }
}

function isKnownKey(v: unknown): v is KnownKey {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const k = v as Record<string, unknown>;
  return typeof k.connectionId === 'string' && typeof k.fingerprint === 'string' && Array.isArray(k.apiIds) && typeof k.createdAt === 'string';
}
