// "Load more…" items of the tree: the next APIs of a connection, the next page of an API's keys.
import { ConnectionNode, KeysNode } from '../views/nodes';
import type { Services } from './services';

export async function loadMore(services: Services, arg?: unknown): Promise<void> {
  if (arg instanceof ConnectionNode) {
    services.tree.showMore(arg.connection.id);
  }
  if (arg instanceof KeysNode) {
    await services.keyLists.loadMore(arg.connection, arg.api.apiId);
    services.tree.refresh(arg);
  }
}
