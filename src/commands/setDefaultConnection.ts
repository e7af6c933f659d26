// Tyk: Set as Default — right-click a connection: palette commands use it without asking (the same
// choice as Tyk: Switch Connection…, made on the node).
import type { Connection } from '../services/connections';
import type { Services } from '../app/services';
import { switchConnection } from './switchConnection';

export function setDefaultConnection(services: Services, arg?: unknown): Promise<Connection> {
  return switchConnection(services, arg);
}
