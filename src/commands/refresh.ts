// Tyk: Refresh — a connection, an API's keys or the policies (from their node), or everything. The
// caches drop what they hold and the tree draws those nodes again.
import { KeysNode, PoliciesNode } from '../app/nodes';
import { connectionOf } from '../app/resolveConnection';
import type { Services } from '../app/services';

export function refresh(services: Services, arg?: unknown): Promise<void> {
  if (arg instanceof KeysNode) {
    services.keyLists.invalidate(arg.connection.id, arg.api.apiId);
  } else if (arg instanceof PoliciesNode) {
    services.policies.invalidate(arg.connection.id);
  } else {
    const connection = connectionOf(arg);
    services.store.refresh(connection?.id);
    services.log.debug(`Refreshed ${connection ? connection.name : 'all connections'}`);
  }
  return Promise.resolve();
}
