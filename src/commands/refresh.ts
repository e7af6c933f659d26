// Tyk: Refresh — one connection (from its node) or all of them.
import type { Services } from './services';
import { connectionOf } from './nodeArgs';

export function refresh(services: Services, arg?: unknown): Promise<void> {
  const connection = connectionOf(arg);
  services.catalog.invalidate(connection?.id);
  services.tree.refresh();
  services.log.debug(`Refreshed ${connection ? connection.name : 'all connections'}`);
  return Promise.resolve();
}
