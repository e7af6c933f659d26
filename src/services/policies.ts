// The policies of each connection, fetched when first needed and cached until the connection is
// refreshed or changes (ConnectionStore.onDidInvalidate).
import type { TykPolicy } from '../domain/model';
import type { ClientProvider } from './clients';
import type { Connection, ConnectionStore } from './connections';
import { ConnectionCache } from './connectionCache';

/** Its change events carry the connection id whose policies were dropped. */
export class PolicyLists extends ConnectionCache<string> {
  private readonly lists = new Map<string, Promise<TykPolicy[]>>();
  /** The lists already read, by connection (what `peek` gives without a request). */
  private readonly loaded = new Map<string, readonly TykPolicy[]>();
  /** Why a connection's list is not whole (its load stopped at its bound), by connection. */
  private readonly notices = new Map<string, string>();

  constructor(
    private readonly clients: ClientProvider,
    store: ConnectionStore,
  ) {
    super(store);
  }

  get(connection: Connection): Promise<TykPolicy[]> {
    let list = this.lists.get(connection.id);
    if (!list) {
      this.notices.delete(connection.id);
      list = this.clients.get(connection).then((client) => client.listPolicies({ onTruncated: (notice) => this.notices.set(connection.id, notice.message) }));
      const read = list;
      void read.then(
        (policies) => this.lists.get(connection.id) === read && this.loaded.set(connection.id, policies),
        () => undefined,
      );
      // A failure is not cached: the next look tries again.
      list.catch(() => this.lists.get(connection.id) === list && this.lists.delete(connection.id));
      this.lists.set(connection.id, list);
    }
    return list;
  }

  /** The connection's policies when already read (no request); empty when they were not. */
  peek(connectionId: string): readonly TykPolicy[] {
    return this.loaded.get(connectionId) ?? [];
  }

  /** What the last load of the connection's policies said when it stopped at its bound. */
  truncatedOf(connectionId: string): string | undefined {
    return this.notices.get(connectionId);
  }

  override invalidate(connectionId?: string): void {
    for (const id of connectionId ? [connectionId] : [...this.lists.keys()]) {
      this.notices.delete(id);
      this.loaded.delete(id);
      if (this.lists.delete(id)) {
        this.changed.fire(id);
      }
    }
  }
}
