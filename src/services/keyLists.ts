// The keys of each API, listed page by page for the tree, cached until refreshed.
import type { TykClient } from '../tyk/client';
import { isTykError } from '../tyk/errors';
import type { KeyDetails, KeyRef } from '../tyk/model';
import type { ClientProvider } from './clients';
import type { Connection } from './connections';

export interface KeyList {
  /** Ids as listed: keys, or hashes on servers that hash keys. */
  keys: string[];
  page: number;
  pages: number;
  /** The server hashes keys and does not list them (Tyk answers 404). */
  listingDisabled: boolean;
  error?: Error;
}

export class KeyLists {
  private readonly lists = new Map<string, Promise<KeyList>>();

  constructor(private readonly clients: ClientProvider) {}

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
    const current = await this.get(connection, apiId);
    if (current.page >= current.pages) {
      return;
    }
    this.lists.set(id, this.fetch(connection, apiId, current.page + 1, current.keys));
  }

  invalidate(connectionId?: string, apiId?: string): void {
    for (const id of [...this.lists.keys()]) {
      const [c, a] = id.split('\u0000');
      if ((!connectionId || c === connectionId) && (!apiId || a === apiId)) {
        this.lists.delete(id);
      }
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
