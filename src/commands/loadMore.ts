// "Load more…" items of the tree: the next APIs of a connection, the next page of an API's keys.
import { ConnectionNode, KeysNode } from '../app/nodes';
import type { Services } from '../app/services';
import type { ApiTreeProvider } from '../views/apiTree';

export async function loadMore(services: Services, tree: ApiTreeProvider, arg?: unknown): Promise<void> {
  if (arg instanceof ConnectionNode) {
    tree.showMore(arg.connection.id);
  }
  if (arg instanceof KeysNode) {
    await services.keyLists.loadMore(arg.connection, arg.api.apiId);
  }
}
