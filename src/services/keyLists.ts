// The keys of each API, listed page by page for the tree, cached until refreshed, until a key of it is
// created, updated or revoked, or until its connection changes (ConnectionStore.onDidInvalidate).
import type { TykClient } from '../tyk/client';
import { isTykError } from '../tyk/errors';
import type { KeyDetails, KeyRef } from '../domain/model';
import type { ClientProvider } from './clients';
import type { Connection, ConnectionStore } from './connections';
import { ConnectionCache } from './connectionCache';

export interface KeyList {
  /** Ids as listed: keys, or hashes on servers that hash keys. */
  keys: string[];
  page: number;
  pages: number;
  /** The server hashes keys and does not list them (Tyk answers 404). */
  listingDisabled: boolean;
  error?: Error;
}

/** Which key lists changed: one API's, or (without apiId) every API's of the connection. */
export interface KeyListChange {
  connectionId: string;
  apiId?: string;
}

export class KeyLists extends ConnectionCache<KeyListChange> {
  private readonly lists = new Map<string, Promise<KeyList>>();

  constructor(
    private readonly clients: ClientProvider,
    store: ConnectionStore,
  ) {
    super(store);
  }

  private static id(connectionId: string, apiId: string): string {
    return `${connectionId}\u0000${apiId}`;
  }

  get(connection: Connection, apiId: string): Promise<KeyList> {
    const id = KeyLists.id(connection.id, apiId);
    let list = this.lists.get(id);
    if (!list) {
      list = this.fetch(connection, apiId, 1, []);
      this.lists.set(id, list);
    }
    return list;
  }

  /** Fetches the next page onto the list already shown. */
  async loadMore(connection: Connection, apiId: string): Promise<void> {
    const id = KeyLists.id(connection.id, apiId);
    const shown = this.get(connection, apiId);
    const current = await shown;
    // Dropped (refreshed, revoked…) while it was read: the page would bring back what was dropped.
    if (current.page >= current.pages || this.lists.get(id) !== shown) {
      return;
    }
    const next = this.fetch(connection, apiId, current.page + 1, current.keys);
    this.lists.set(id, next);
    await next;
    if (this.lists.get(id) === next) {
      this.changed.fire({ connectionId: connection.id, apiId });
    }
  }

  /** Drops the lists of one API, of a connection, or all; the tree reads them again when shown. */
  override invalidate(connectionId?: string, apiId?: string): void {
    const dropped = new Map<string, KeyListChange>();
    for (const id of [...this.lists.keys()]) {
      const [c = '', a = ''] = id.split('\u0000');
      if ((!connectionId || c === connectionId) && (!apiId || a === apiId)) {
        this.lists.delete(id);
        dropped.set(c, apiId ? { connectionId: c, apiId } : { connectionId: c });
      }
    }
    if (connectionId && apiId && dropped.size === 0) {
      // Not listed yet, but its Keys node may show "no keys": redraw it.
      dropped.set(connectionId, { connectionId, apiId });
    }
    for (const change of dropped.values()) {
      this.changed.fire(change);
    }
  }

  private async fetch(connection: Connection, apiId: string, page: number, before: string[]): Promise<KeyList> {
    try {
      const client = await this.clients.get(connection);
      const result = await client.listKeys(apiId, page);
      this.clients.rememberListedKeys(result.keys);
      const seen = new Set(before);
      return { keys: [...before, ...result.keys.filter((k) => !seen.has(k))], page: result.page, pages: result.pages, listingDisabled: false };
    } catch (e) {
      if (isTykError(e) && e.kind === 'hashed-listing-disabled') {
        return { keys: before, page, pages: page, listingDisabled: true };
      }
      return { keys: before, page: page - 1, pages: page, listingDisabled: false, error: e instanceof Error ? e : new Error(String(e)) };
    }
  }
}

/**
 * Reads a key listed by id. A listed id is the key itself, or its hash on servers that hash keys:
 * try it as a key first, then as a hash. Resolves with the details and the reference that worked.
 */
export async function readListedKey(client: TykClient, ref: KeyRef, signal?: AbortSignal): Promise<{ details: KeyDetails; ref: KeyRef }> {
  const options = signal ? { signal } : {};
  try {
    return { details: await client.getKey(ref, options), ref };
  } catch (e) {
    if (ref.hashed || !isTykError(e) || (e.kind !== 'not-found' && e.kind !== 'bad-request')) {
      throw e;
    }
    const hashed = { id: ref.id, hashed: true };
    return { details: await client.getKey(hashed, options), ref: hashed };
  }
}
