// Tyk: Revoke Key… — deletes a key on the server after a modal confirmation naming it and its APIs.
import * as vscode from 'vscode';
import { FlowCancelled } from '../ui/multiStepInput';
import { withCancellableProgress } from '../ui/progress';
import { grantedApis, resolveKey, type ResolvedKey } from '../app/resolveKey';
import type { Services } from '../app/services';

export async function revokeKey(services: Services, arg?: unknown): Promise<void> {
  const key = await resolveKey(services, arg);
  const confirmed = await services.ui.confirm(
    vscode.l10n.t('Revoke the key {0}?', key.title),
    vscode.l10n.t('It grants {0}. Calls made with it fail at once. This cannot be undone.', grantedApis(services, key)),
    vscode.l10n.t('Revoke'),
  );
  if (!confirmed) {
    throw new FlowCancelled();
  }
  await revokeResolved(services, key);
  void services.ui.info(vscode.l10n.t('Revoked the key {0}.', key.title));
}

/** Deletes the key, forgets what the extension kept of it, and refreshes its Keys node. */
export async function revokeResolved(services: Services, key: ResolvedKey): Promise<void> {
  const { node } = key;
  await withCancellableProgress(services.ui, vscode.l10n.t('Revoking the key {0}…', key.title), (signal) => key.client.deleteKey(key.ref, { signal }));
  services.log.info(`Revoked the key ${key.title} on ${node.connection.name}`);
  const keyHash = key.details.keyHash ?? (key.ref.hashed ? key.ref.id : undefined);
  services.keyViews.revoked(node.connection.id, { listedId: node.listedId, ...(keyHash ? { keyHash } : {}) });
  await services.knownKeys.forget(node.connection.id, { ...(key.ref.hashed ? {} : { key: key.ref.id }), ...(keyHash ? { keyHash } : {}) });
  await services.savedKeys.forgetKey(node.connection.id, key.ref.hashed ? undefined : key.ref.id, keyHash);
  for (const right of key.details.accessRights) {
    services.keyLists.invalidate(node.connection.id, right.apiId);
  }
  services.keyLists.invalidate(node.connection.id, node.api.apiId);
}
