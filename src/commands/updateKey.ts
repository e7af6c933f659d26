// Tyk: Update Key… — expiry, quota, rate limit, suspend / reactivate; the live quota is kept
// (suppress_reset=1) unless a reset is asked for.
import * as vscode from 'vscode';
import { reusableSession } from '../domain/keySpec';
import { withCancellableProgress } from '../ui/progress';
import { runUpdateKeyFlow } from '../ui/updateKeyFlow';
import { resolveKey } from '../app/resolveKey';
import type { Services } from '../app/services';

export async function updateKey(services: Services, arg?: unknown): Promise<void> {
  const key = await resolveKey(services, arg);
  const update = await runUpdateKeyFlow(services.ui, key.details, key.title);
  const session = { ...reusableSession(key.details.session), ...update.changes };
  await withCancellableProgress(services.ui, vscode.l10n.t('Updating the key {0}…', key.title), (signal) =>
    key.client.updateKey(key.ref, session, { suppressReset: !update.resetQuota, signal }),
  );
  services.log.info(`Updated the key ${key.title}: ${update.description}`);
  // Its rows (state, alias) are drawn again from fresh lists: under every API it grants.
  for (const right of key.details.accessRights) {
    services.keyLists.invalidate(key.node.connection.id, right.apiId);
  }
  services.keyLists.invalidate(key.node.connection.id, key.node.api.apiId);
  void services.ui.info(vscode.l10n.t('Updated the key {0}: {1}.', key.title, update.description));
}
