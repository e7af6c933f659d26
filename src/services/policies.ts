// The policies of each connection, fetched when first needed and cached until the connection is
// refreshed or changes (ConnectionStore.onDidInvalidate).
import type { TykPolicy } from '../domain/model';
import type { ClientProvider } from './clients';
import type { Connection, ConnectionStore } from './connections';
import { ConnectionCache } from './connectionCache';

/** Its change events carry the connection id whose policies were dropped. */
export class PolicyLists extends ConnectionCache<string> {
  private readonly lists = new Map<string, Promise<TykPolicy[]>>();

  constructor(
    private readonly clients: ClientProvider,
    store: ConnectionStore,
  ) {
    super(store);
  }

  get(connection: Connection): Promise<TykPolicy[]> {
    let list = this.lists.get(connection.id);
    if (!list) {
      list = this.clients.get(connection).then((client) => client.listPolicies());
      // A failure is not cached: the next look tries again.
      list.catch(() => this.lists.get(connection.id) === list && this.lists.delete(connection.id));
      this.lists.set(connection.id, list);
    }
    return list;
  }

  override invalidate(connectionId?: string): void {
    for (const id of connectionId ? [connectionId] : [...this.lists.keys()]) {
      if (this.lists.delete(id)) {
        this.changed.fire(id);
      }
    }
  }
}
