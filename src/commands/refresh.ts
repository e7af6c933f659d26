// Tyk: Refresh — a connection, an API's keys (from their node), or everything.
import { KeysNode, PoliciesNode } from '../views/nodes';
import { connectionOf } from './nodeArgs';
import { forgetLoaded, type Services } from './services';

export function refresh(services: Services, arg?: unknown): Promise<void> {
  if (arg instanceof KeysNode) {
    services.keyLists.invalidate(arg.connection.id, arg.api.apiId);
    services.tree.refresh(arg);
    return Promise.resolve();
  }
  if (arg instanceof PoliciesNode) {
    services.policies.invalidate(arg.connection.id);
    services.tree.refresh(arg);
    return Promise.resolve();
  }
  const connection = connectionOf(arg);
  forgetLoaded(services, connection?.id);
  services.tree.refresh();
  services.log.debug(`Refreshed ${connection ? connection.name : 'all connections'}`);
  return Promise.resolve();
}
