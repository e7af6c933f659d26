// The keys of each API, listed page by page for the tree, cached until refreshed, until a key of it is
// created, updated or revoked, or until its connection changes (ConnectionStore.onDidInvalidate).
import * as vscode from 'vscode';
import type { TykClient } from '../tyk/client';
import { isTykError } from '../tyk/errors';
import { PAGE_CONCURRENCY, mapLimit } from '../tyk/paging';
import { keyStatusOf } from '../domain/keyState';
import type { KeyDetails, KeyRef, KeyStatus } from '../domain/model';
import type { ClientProvider } from './clients';
import type { Connection, ConnectionStore } from './connections';
import { ConnectionCache } from './connectionCache';

export interface KeyList {
  /** Ids as listed: keys, or hashes on servers that hash keys. */
  keys: string[];
  /** Each listed key's state, by listed id, as read with the list (none for a key that could not be read). */
  statuses: ReadonlyMap<string, KeyStatus>;
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

/** How often a list still being read is redrawn with the keys found so far. */
const PROGRESS_REDRAW_MS = 200;

/** At most this many keys of a page are read for their state when the server lists ids only (a Dashboard). */
export const STATUS_READS_PER_PAGE = 100;

/** The keys found so far of a list still being read, with the states read. */
export interface KeysFound {
  keys: readonly string[];
  statuses: ReadonlyMap<string, KeyStatus>;
}

export class KeyLists extends ConnectionCache<KeyListChange> {
  private readonly lists = new Map<string, Promise<KeyList>>();
  /** The keys found so far of a list still being read (a Gateway reads each key to find an API's). */
  private readonly found = new Map<string, { keys: string[]; statuses: Map<string, KeyStatus> }>();
  /** The read in flight of each list: a read that was dropped (invalidated) or replaced since shows nothing. */
  private readonly reading = new Map<string, object>();
  /** The lists read, as they stand (for the expiry warning: the keys the tree has read count too). */
  private readonly settled = new Map<string, KeyList>();
  private readonly invalidated = new vscode.EventEmitter<KeyListChange>();
  /**
   * Fires when lists were dropped because keys of them changed: created, updated, rotated or revoked here,
   * or the connection refreshed or changed (not as a list is read: onDidChange fires then too).
   */
  readonly onDidInvalidate = this.invalidated.event;

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
      list = this.fetch(connection, apiId, 1, { keys: [], statuses: new Map() });
      this.lists.set(id, list);
      this.keepWhenRead(id, list);
    }
    return list;
  }

  /** Keeps `list` (a read of the list `id`) among the lists read, unless it was dropped or replaced meanwhile. */
  private keepWhenRead(id: string, list: Promise<KeyList>): void {
    void list.then((read) => {
      if (this.lists.get(id) === list) {
        this.settled.set(id, read);
      }
    });
  }

  /** Every key list of the connection read so far, by API id. */
  readLists(connectionId: string): Array<{ apiId: string; list: KeyList }> {
    return [...this.settled].flatMap(([id, list]) => {
      const [c = '', apiId = ''] = id.split('\u0000');
      return c === connectionId ? [{ apiId, list }] : [];
    });
  }

  /** The keys found so far while the list (or its next page) is still being read; undefined when not reading. */
  progress(connectionId: string, apiId: string): KeysFound | undefined {
    return this.found.get(KeyLists.id(connectionId, apiId));
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
    const next = this.fetch(connection, apiId, current.page + 1, current);
    this.lists.set(id, next);
    this.keepWhenRead(id, next);
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
        this.settled.delete(id);
        this.found.delete(id);
        this.reading.delete(id);
        dropped.set(c, apiId ? { connectionId: c, apiId } : { connectionId: c });
      }
    }
    if (connectionId && apiId && dropped.size === 0) {
      // Not listed yet, but its Keys node may show "no keys": redraw it.
      dropped.set(connectionId, { connectionId, apiId });
    }
    for (const change of dropped.values()) {
      this.changed.fire(change);
      this.invalidated.fire(change);
    }
  }

  override dispose(): void {
    super.dispose();
    this.invalidated.dispose();
  }

  private async fetch(connection: Connection, apiId: string, page: number, before: KeysFound): Promise<KeyList> {
    const id = KeyLists.id(connection.id, apiId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const token = {};
    this.reading.set(id, token);
    const current = (): boolean => this.reading.get(id) === token;
    // Keys as they are found (a Gateway's page): shown at once, redrawn at most every PROGRESS_REDRAW_MS.
    const onKeys = (keys: string[], statuses: ReadonlyMap<string, KeyStatus>): void => {
      if (!current()) {
        return; // dropped or replaced since
      }
      this.clients.rememberListedKeys(keys);
      const so = this.found.get(id) ?? { keys: [...before.keys], statuses: new Map(before.statuses) };
      const seen = new Set(so.keys);
      so.keys.push(...keys.filter((k) => !seen.has(k)));
      for (const [key, status] of statuses) {
        so.statuses.set(key, status);
      }
      this.found.set(id, so);
      timer ??= setTimeout(() => {
        timer = undefined;
        if (current()) {
          this.changed.fire({ connectionId: connection.id, apiId });
        }
      }, PROGRESS_REDRAW_MS);
    };
    try {
      return await this.read(connection, apiId, page, before, onKeys);
    } finally {
      if (timer) {
        clearTimeout(timer);
      }
      if (current()) {
        this.reading.delete(id);
        if (this.found.delete(id)) {
          // The whole page is read: drawn once more, complete (the tree reads the list again).
          queueMicrotask(() => this.changed.fire({ connectionId: connection.id, apiId }));
        }
      }
    }
  }

  private async read(
    connection: Connection,
    apiId: string,
    page: number,
    before: KeysFound,
    onKeys: (keys: string[], statuses: ReadonlyMap<string, KeyStatus>) => void,
  ): Promise<KeyList> {
    try {
      const client = await this.clients.get(connection);
      const result = await client.listKeys(apiId, page, { onKeys });
      this.clients.rememberListedKeys(result.keys);
      const seen = new Set(before.keys);
      const added = result.keys.filter((k) => !seen.has(k));
      const statuses = new Map([...before.statuses, ...(result.statuses ?? [])]);
      await readStatuses(client, added, statuses);
      return { keys: [...before.keys, ...added], statuses, page: result.page, pages: result.pages, listingDisabled: false };
    } catch (e) {
      const { keys, statuses } = before;
      if (isTykError(e) && e.kind === 'hashed-listing-disabled') {
        return { keys: [...keys], statuses, page, pages: page, listingDisabled: true };
      }
      return { keys: [...keys], statuses, page: page - 1, pages: page, listingDisabled: false, error: e instanceof Error ? e : new Error(String(e)) };
    }
  }
}

/**
 * Reads the state of the listed keys the listing did not read (a Dashboard lists ids only), at most
 * STATUS_READS_PER_PAGE of them, a few at once, into `statuses`. The first tells whether the ids are
 * hashes; a key that cannot be read (revoked meanwhile, refused) is left without a state.
 */
async function readStatuses(client: TykClient, ids: readonly string[], statuses: Map<string, KeyStatus>): Promise<void> {
  const unread = ids.filter((id) => !statuses.has(id)).slice(0, STATUS_READS_PER_PAGE);
  const read = async (ref: KeyRef): Promise<KeyRef | undefined> => {
    try {
      const found = await readListedKey(client, ref);
      statuses.set(ref.id, keyStatusOf(found.details));
      return found.ref;
    } catch {
      return undefined;
    }
  };
  const [first, ...rest] = unread;
  if (first === undefined) {
    return;
  }
  const hashed = (await read({ id: first }))?.hashed === true;
  await mapLimit(rest, PAGE_CONCURRENCY, (id) => read({ id, hashed }));
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
