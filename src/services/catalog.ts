// The API catalog of each connection, cached for the session: the tree and the Create Key picker render
// from it; Refresh drops it. Pages are shown as they arrive.
import type { TykApi } from '../domain/model';
import { PAGE_CONCURRENCY, mapLimit, remainingPages, uniqueBy } from '../tyk/paging';
import type { ClientProvider } from './clients';
import type { Connection, ConnectionStore } from './connections';
import { ConnectionCache } from './connectionCache';

export interface CatalogSnapshot {
  apis: readonly TykApi[];
  complete: boolean;
  error?: Error;
  /** The load stopped at its bound (too many pages or bytes): what is shown, and why not the rest. */
  truncated?: string;
}

interface Entry {
  apis: TykApi[];
  complete: boolean;
  error?: Error;
  truncated?: string;
  /** Settles when the first page (or an error) is in. */
  firstPage: Promise<void>;
  /** Settles when everything (or an error) is in. */
  done: Promise<void>;
  controller: AbortController;
}

/** A search shown in the tree in place of the whole catalog. */
export interface CatalogSearch {
  query: string;
  apis: readonly TykApi[];
}

const apiIdOf = (api: TykApi): string => api.apiId;

/**
 * Its change events carry a connection id whose catalog changed (a page arrived, it completed or failed,
 * or it was dropped: Refresh, a new credential or TLS setting, a removed connection).
 */
export class Catalog extends ConnectionCache<string> {
  private readonly entries = new Map<string, Entry>();
  private readonly searches = new Map<string, CatalogSearch>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly clients: ClientProvider,
    store: ConnectionStore,
  ) {
    super(store);
  }

  /**
   * What is known now, after waiting at most for the first page. `retryFailed`: a load that failed
   * earlier is tried again (a command's fresh attempt; the tree keeps showing the failure instead).
   */
  async snapshot(connection: Connection, { retryFailed = false }: { retryFailed?: boolean } = {}): Promise<CatalogSnapshot> {
    if (retryFailed) {
      this.dropIfFailed(connection.id);
    }
    const entry = this.entry(connection);
    await entry.firstPage;
    return {
      apis: entry.apis,
      complete: entry.complete,
      ...(entry.error !== undefined ? { error: entry.error } : {}),
      ...(entry.truncated !== undefined ? { truncated: entry.truncated } : {}),
    };
  }

  /** The whole catalog; rejects with the loading error. */
  async all(connection: Connection): Promise<readonly TykApi[]> {
    const entry = this.entry(connection);
    await entry.done;
    if (entry.error !== undefined) {
      // A failed load is not cached: the next call tries again.
      this.dropIfFailed(connection.id);
      throw entry.error;
    }
    return entry.apis;
  }

  /** Forgets the connection's load if it failed (not a newer one started since). */
  private dropIfFailed(connectionId: string): void {
    if (this.entries.get(connectionId)?.error !== undefined) {
      this.entries.delete(connectionId);
    }
  }

  /** Settles when the connection's current load has ended (loaded, failed or dropped); at once when there is none. */
  settled(connectionId: string): Promise<void> {
    return this.entries.get(connectionId)?.done ?? Promise.resolve();
  }

  /** The APIs loaded so far, without waiting or loading. */
  peek(connectionId: string): readonly TykApi[] {
    return this.entries.get(connectionId)?.apis ?? [];
  }

  /**
   * Searches the server (a Dashboard searches by name on its side, every result page; a Gateway
   * filters its whole catalog here) and keeps the result as the connection's search in the tree.
   */
  async search(connection: Connection, query: string, signal?: AbortSignal): Promise<CatalogSearch> {
    const client = await this.clients.get(connection);
    const first = await client.searchApis(query, 1, signal ? { signal } : {});
    const rest = await mapLimit(
      remainingPages(first.pages),
      PAGE_CONCURRENCY,
      async (page) => (await client.searchApis(query, page, signal ? { signal } : {})).apis,
      (apis) => apis.length === 0,
    );
    const result = { query, apis: uniqueBy(first.apis.concat(...rest), apiIdOf) };
    this.searches.set(connection.id, result);
    this.changed.fire(connection.id);
    return result;
  }

  searchOf(connectionId: string): CatalogSearch | undefined {
    return this.searches.get(connectionId);
  }

  clearSearch(connectionId: string): void {
    if (this.searches.delete(connectionId)) {
      this.changed.fire(connectionId);
    }
  }

  /** Forgets the connection's APIs and search (or every connection's); the tree loads them again. */
  override invalidate(connectionId?: string): void {
    const ids = connectionId ? [connectionId] : [...new Set([...this.entries.keys(), ...this.searches.keys()])];
    for (const id of ids) {
      this.entries.get(id)?.controller.abort();
      const had = this.entries.delete(id);
      if (this.searches.delete(id) || had) {
        this.changed.fire(id);
      }
    }
  }

  private entry(connection: Connection): Entry {
    const existing = this.entries.get(connection.id);
    if (existing) {
      return existing;
    }
    let firstPageIn: () => void = () => undefined;
    const controller = new AbortController();
    const seen = new Set<string>();
    const entry: Entry = {
      apis: [],
      complete: false,
      firstPage: new Promise<void>((resolve) => (firstPageIn = resolve)),
      done: Promise.resolve(),
      controller,
    };
    entry.done = (async () => {
      try {
        const client = await this.clients.get(connection);
        const all = await client.listAllApis({
          signal: controller.signal,
          onTruncated: (notice) => (entry.truncated = notice.message),
          onPage: (apis) => {
            // Pages streamed while the catalog changes may repeat an API: the tree's ids must be unique.
            entry.apis = entry.apis.concat(uniqueBy(apis, apiIdOf, seen));
            firstPageIn();
            this.fireSoon(connection.id);
          },
        });
        entry.apis = [...all];
        entry.complete = true;
      } catch (e) {
        entry.error = e instanceof Error ? e : new Error(String(e));
      } finally {
        firstPageIn();
        if (this.entries.get(connection.id) === entry) {
          this.fireSoon(connection.id, 0);
        }
      }
    })();
    this.entries.set(connection.id, entry);
    return entry;
  }

  /** Coalesces change events: a 500-page catalog refreshes the tree a few times, not 500. */
  private fireSoon(id: string, delayMs = 150): void {
    const timer = this.pending.get(id);
    if (timer !== undefined) {
      if (delayMs > 0) {
        return;
      }
      clearTimeout(timer);
    }
    this.pending.set(
      id,
      setTimeout(() => {
        this.pending.delete(id);
        this.changed.fire(id);
      }, delayMs),
    );
  }

  override dispose(): void {
    for (const entry of this.entries.values()) {
      entry.controller.abort();
    }
    this.entries.clear();
    for (const timer of this.pending.values()) {
      clearTimeout(timer);
    }
    super.dispose();
  }
}
