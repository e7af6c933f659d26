// Tyk: Show Key Details — a key at a glance: its view (src/app/keyViews.ts), one per key, shown again when
// asked again; its session as read-only JSON is one button away (Open as JSON).
import { resolveKey } from '../app/resolveKey';
import type { Services } from '../app/services';

export async function showKeyDetails(services: Services, arg?: unknown): Promise<void> {
  services.keyViews.show(await resolveKey(services, arg));
}
