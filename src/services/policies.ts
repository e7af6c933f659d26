// The policies of each connection, fetched when first needed and cached until refreshed.
import type { TykPolicy } from '../tyk/model';
import type { ClientProvider } from './clients';
import type { Connection } from './connections';

export class PolicyLists {
  private readonly lists = new Map<string, Promise<TykPolicy[]>>();

  constructor(private readonly clients: ClientProvider) {}

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

  invalidate(connectionId?: string): void {
    if (connectionId) {
      this.lists.delete(connectionId);
    } else {
      this.lists.clear();
    }
  }
}
