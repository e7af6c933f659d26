// Tyk: Show Key Details — a key's session as read-only JSON.
import { keyDetailsJson } from '../ui/keyDetailsDocument';
import { resolveKey } from '../app/resolveKey';
import type { Services } from '../app/services';

export async function showKeyDetails(services: Services, arg?: unknown): Promise<void> {
  const key = await resolveKey(services, arg);
  const names = new Map(services.catalog.peek(key.node.connection.id).map((a) => [a.apiId, a.name]));
  await services.keyDetails.open(key.title.replace(/[“”]/g, ''), keyDetailsJson(key.details, names));
}
